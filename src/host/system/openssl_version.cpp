// sys-openssl-version: the OpenSSL on the host and in nginx, judged
// against upstream support and the distribution's own support.
#include <string>
#include <vector>

#include <fmt/core.h>

#include "host/system/checks.h"
#include "rules/certificate_checks.h"

namespace tlslint::host::system {
namespace {

using engine::Version;

constexpr std::string_view kRule = "sys-openssl-version";

/// A library in use and where it was seen.
struct Seen {
  Library library;
  std::vector<std::string> sources;
};

std::string series_of(const Version& version) {
  if (version.major < 3) return version.to_string();
  return fmt::format("{}.{}", version.major, version.minor);
}

bool same_series(const Version& a, const Version& b) {
  if (a.major != b.major || a.minor != b.minor) return false;
  return a.major >= 3 || a.patch == b.patch;
}

/// Returns why no supported distribution covers this library, or "" when
/// one does.
std::string distro_gap(const std::optional<OsRelease>& release,
                       const Library& library, std::int64_t now) {
  if (!release) {
    return "no /etc/os-release names a distribution that backports fixes "
           "to it";
  }
  std::optional<DistroSupport> support = distro_support(*release);
  if (!support) {
    return fmt::format("tlslint does not know whether {} still backports "
                       "fixes to it",
                       release->pretty_name);
  }
  if (!same_series(support->series, library.version)) {
    return fmt::format("{} ships OpenSSL {}, so this copy does not come from "
                       "its packages",
                       release->pretty_name, series_of(support->series));
  }
  if (support->end < now) {
    return fmt::format("the security support of {} ended on {}",
                       release->pretty_name,
                       rules::format_date(support->end));
  }
  return "";
}

void judge(HostContext& context, const Seen& seen,
           const std::optional<OsRelease>& release) {
  const Library& library = seen.library;
  std::string sources = fmt::format("{}", seen.sources[0]);
  if (seen.sources.size() > 1) sources += " and " + seen.sources[1];
  std::optional<UpstreamSupport> upstream = upstream_support(library.version);
  if (!upstream) {
    context.not_checked(
        kRule, fmt::format("tlslint has no upstream end-of-support date for "
                           "the OpenSSL {} series ({})",
                           series_of(library.version), sources));
    return;
  }
  if (upstream->end && *upstream->end >= context.now()) return;
  std::string ended =
      upstream->end
          ? fmt::format("upstream support for {} ended on {}",
                        series_of(library.version),
                        rules::format_date(*upstream->end))
          : fmt::format("upstream no longer supports {}",
                        series_of(library.version));
  std::string gap = distro_gap(release, library, context.now());
  if (gap.empty()) {
    std::optional<DistroSupport> support = distro_support(*release);
    engine::Finding& finding = context.report(
        kRule, std::nullopt,
        fmt::format("{} ({}): {}, but {} ships this series with security "
                    "fixes until {}; keep it current with \"apt-get update "
                    "&& apt-get install --only-upgrade openssl\" and plan "
                    "the upgrade to the next release",
                    library.label(), sources, ended, release->pretty_name,
                    rules::format_date(support->end)));
    finding.severity = engine::Severity::info;
    return;
  }
  context.report(
      kRule, std::nullopt,
      fmt::format("{} ({}): {}, and {}; move to a supported OpenSSL (3.0 or "
                  "later from a supported distribution release), then "
                  "restart nginx",
                  library.label(), sources, ended, gap));
}

void add_seen(std::vector<Seen>& seen, const Library& library,
              std::string source) {
  for (Seen& item : seen) {
    if (item.library.name == library.name &&
        item.library.text == library.text) {
      item.sources.push_back(std::move(source));
      return;
    }
  }
  seen.push_back({library, {std::move(source)}});
}

}  // namespace

void check_openssl_version(HostContext& context) {
  Host& host = context.host();
  std::optional<std::string> command =
      command_text(host, commands::openssl_version);
  std::optional<NginxBuild> build = nginx_build(host);
  if (!command && !build) {
    context.not_checked(
        kRule, fmt::format("{}, and {}",
                           describe_failure(host, commands::openssl_version),
                           describe_failure(host, commands::nginx_version)));
    return;
  }
  std::vector<Seen> seen;
  if (command) {
    if (auto library = parse_openssl_version(*command)) {
      add_seen(seen, *library, "openssl version");
    }
  }
  // Within one series (3.0.x, 1.1.1x) distributions update the library
  // under an unchanged nginx, as Debian 12 does; only another series is
  // worth a note.
  auto series = [](const engine::Version& version) {
    return version.major >= 3
               ? engine::Version{version.major, version.minor, 0}
               : version;
  };
  if (build && build->built && build->running &&
      series(build->built->version) != series(build->running->version)) {
    engine::Finding& finding = context.report(
        kRule, std::nullopt,
        fmt::format("nginx was built with {} but runs with {} (nginx -V): "
                    "features such as TLSv1.3 are decided by the headers "
                    "it was built with; install the nginx package built for "
                    "this OpenSSL",
                    build->built->label(), build->running->label()));
    finding.severity = engine::Severity::info;
  }
  if (build && build->in_use()) add_seen(seen, *build->in_use(), "nginx -V");
  std::optional<OsRelease> release = os_release(host);
  for (const Seen& item : seen) {
    if (item.library.is_openssl()) judge(context, item, release);
  }
}

}  // namespace tlslint::host::system
