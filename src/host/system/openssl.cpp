// Version strings of OpenSSL and nginx, and the support dates they are
// judged against.
#include "host/system/openssl.h"

#include <array>
#include <charconv>

#include "host/system/text.h"

namespace tlslint::host::system {
namespace {

using engine::Version;

constexpr std::array<std::string_view, 3> kLibraryNames = {
    "OpenSSL", "LibreSSL", "BoringSSL"};

/// Reads "1.0.2k-fips" as 1.0.2: two or three dotted numbers, then
/// anything (a release letter, "-fips", "-dev").
std::optional<Version> leading_version(std::string_view word) {
  int parts[3] = {0, 0, 0};
  std::size_t count = 0;
  const char* cursor = word.data();
  const char* end = word.data() + word.size();
  while (count < 3) {
    auto [next, error] = std::from_chars(cursor, end, parts[count]);
    if (error != std::errc()) break;
    ++count;
    cursor = next;
    if (cursor == end || *cursor != '.') break;
    ++cursor;
  }
  if (count < 2) return std::nullopt;
  return Version{parts[0], parts[1], parts[2]};
}

}  // namespace

std::optional<Library> parse_library(std::string_view text) {
  text = trim(text);
  for (std::string_view name : kLibraryNames) {
    if (!text.starts_with(name)) continue;
    std::string_view rest = trim(text.substr(name.size()));
    std::string_view word = rest.substr(0, rest.find_first_of(" \t)"));
    std::optional<Version> version = leading_version(word);
    if (!version) return std::nullopt;
    return Library{std::string(name), *version, std::string(word)};
  }
  return std::nullopt;
}

std::optional<Library> parse_openssl_version(std::string_view output) {
  std::string_view line = trim(output.substr(0, output.find('\n')));
  if (auto library = line.find("(Library: ");
      library != std::string_view::npos) {
    if (auto found = parse_library(line.substr(library + 10))) return found;
  }
  return parse_library(line);
}

const Library* NginxBuild::in_use() const {
  if (running) return &*running;
  if (built) return &*built;
  return nullptr;
}

NginxBuild parse_nginx_build(std::string_view output) {
  constexpr std::string_view kVersion = "nginx version: ";
  constexpr std::string_view kBuilt = "built with ";
  constexpr std::string_view kRunning = "(running with ";
  NginxBuild build;
  for (std::string_view line : lines_of(output)) {
    line = trim(line);
    if (line.starts_with(kVersion)) {
      std::string_view word = line.substr(kVersion.size());
      word = word.substr(0, word.find(' '));
      if (auto slash = word.find('/'); slash != std::string_view::npos) {
        build.nginx = leading_version(word.substr(slash + 1));
      }
    } else if (line.starts_with(kBuilt)) {
      build.built = parse_library(line.substr(kBuilt.size()));
      if (auto running = line.find(kRunning);
          running != std::string_view::npos) {
        build.running =
            parse_library(line.substr(running + kRunning.size()));
      }
    }
  }
  return build;
}

std::int64_t unix_day(int year, int month, int day) {
  // Days from 1970-01-01 in the proleptic Gregorian calendar (the
  // days-from-civil algorithm: years start in March so that the leap day
  // is the last day of the year).
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int year_of_era = year - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 +
                          day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 -
                         year_of_era / 100 + day_of_year;
  const std::int64_t days =
      static_cast<std::int64_t>(era) * 146097 + day_of_era - 719468;
  return days * 86400;
}

std::optional<UpstreamSupport> upstream_support(const Version& version) {
  // OpenSSL's release strategy page (openssl-library.org, its revisions
  // from 2016 on): 1.0.1 until 2016-12-31, 1.0.2 until 2019-12-31 (LTS),
  // 1.1.1 until 2023-09-11 (LTS), 3.0 until 2026-09-07 (LTS), 3.1 until
  // 2025-03-14, 3.2 until 2025-11-23, 3.3 until 2026-04-09.
  // 3.5 is an LTS release of April 2025, and LTS releases get at least five
  // years, so it counts as supported until at least 2030-04-01.
  // NOTE: 3.4 and 3.6 or later are left unjudged, because tlslint has no
  // date for them from that page.
  struct Series {
    int major;
    int minor;
    int patch;
    int year, month, day;
  };
  constexpr Series kSeries[] = {
      {1, 0, 1, 2016, 12, 31}, {1, 0, 2, 2019, 12, 31},
      {1, 1, 1, 2023, 9, 11},  {3, 0, 0, 2026, 9, 7},
      {3, 1, 0, 2025, 3, 14},  {3, 2, 0, 2025, 11, 23},
      {3, 3, 0, 2026, 4, 9},   {3, 5, 0, 2030, 4, 1},
  };
  // Before 3.0 a series is major.minor.patch (1.0.2); from 3.0 on it is
  // major.minor.
  bool legacy = version.major < 3;
  for (const Series& series : kSeries) {
    if (series.major != version.major || series.minor != version.minor) {
      continue;
    }
    if (legacy && series.patch != version.patch) continue;
    return UpstreamSupport{unix_day(series.year, series.month, series.day)};
  }
  // The page lists 1.1.0 and the releases before 1.0.1 as no longer
  // supported.
  if (version < Version{1, 1, 1}) return UpstreamSupport{};
  return std::nullopt;
}

std::optional<OsRelease> parse_os_release(std::string_view text) {
  OsRelease release;
  for (std::string_view line : lines_of(text)) {
    line = trim(line);
    auto equals = line.find('=');
    if (line.starts_with('#') || equals == std::string_view::npos) continue;
    std::string_view key = line.substr(0, equals);
    std::string_view value = line.substr(equals + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    if (key == "ID") release.id = value;
    if (key == "VERSION_ID") release.version_id = value;
    if (key == "PRETTY_NAME") release.pretty_name = value;
  }
  if (release.id.empty()) return std::nullopt;
  if (release.pretty_name.empty()) {
    release.pretty_name = release.id + " " + release.version_id;
  }
  return release;
}

std::optional<DistroSupport> distro_support(const OsRelease& release) {
  // Debian's releases with the end of their LTS period (security support
  // by the Debian LTS team) and the OpenSSL series each ships.
  struct Known {
    std::string_view id;
    std::string_view version_id;
    Version series;
    int year, month, day;
  };
  static const Known kKnown[] = {
      {"debian", "10", {1, 1, 1}, 2024, 6, 30},
      {"debian", "11", {1, 1, 1}, 2026, 8, 31},
      {"debian", "12", {3, 0, 0}, 2028, 6, 30},
      {"debian", "13", {3, 5, 0}, 2030, 6, 30},
  };
  for (const Known& known : kKnown) {
    if (known.id != release.id || known.version_id != release.version_id) {
      continue;
    }
    return DistroSupport{known.series,
                         unix_day(known.year, known.month, known.day)};
  }
  return std::nullopt;
}

}  // namespace tlslint::host::system
