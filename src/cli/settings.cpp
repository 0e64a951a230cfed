#include "cli/settings.h"

#include <cctype>
#include <ctime>
#include <optional>
#include <set>

#include <fmt/core.h>

#include "certs/trust_store.h"
#include "cli/config_file.h"
#include "cli/ignore.h"
#include "cli/nginx_probe.h"
#include "cli/time.h"
#include "cli/usage_error.h"

namespace tlslint::cli {
namespace {

namespace fs = std::filesystem;

constexpr engine::Version kAssumedNginx{1, 18, 0};

bool given(const CommandLine& line, const char* option) {
  return line.given_options.contains(option);
}

std::optional<FileSettings> read_settings_file(
    const CommandLine& line, const engine::Registry& registry,
    const fs::path& current_directory) {
  if (line.no_config) return std::nullopt;
  std::optional<fs::path> path;
  if (!line.config_file.empty()) {
    path = line.config_file;
  } else {
    path = find_config_file(current_directory);
  }
  if (!path) return std::nullopt;
  std::error_code error;
  if (!line.config_file.empty() && !fs::exists(*path, error)) {
    throw UsageError{fmt::format(
        "--config: \"{}\" not found; give the path of an existing "
        "settings file, or drop --config to use the {} found by walking up "
        "from the current directory",
        line.config_file, kConfigFileName)};
  }
  try {
    return load_config_file(*path, registry);
  } catch (const ConfigFileError& error) {
    throw UsageError{error.what()};
  }
}

std::set<std::string> validate_disabled(const CommandLine& line,
                                        const engine::Registry& registry) {
  std::set<std::string> disabled;
  for (const std::string& id : line.disable) {
    if (id.empty()) continue;
    if (id == "syntax") {
      throw UsageError{
          "--disable: \"syntax\" cannot be disabled, because "
          "nothing after a syntax error is checked; fix the "
          "configuration instead"};
    }
    if (!registry.find(id)) {
      // Rule ids are lower case, so an upper-case id gets its suggestion.
      std::string lower = id;
      for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      std::vector<std::string> close = registry.closest(lower);
      std::string hint =
          close.empty()
              ? std::string("; run \"tlslint --list-rules\" for the ids")
              : fmt::format("; did you mean \"{}\"?", close.front());
      throw UsageError{
          fmt::format("--disable: unknown rule \"{}\"{}", id, hint)};
    }
    disabled.insert(id);
  }
  return disabled;
}

std::int64_t resolve_now(const CommandLine& line) {
  if (line.now.empty()) return static_cast<std::int64_t>(std::time(nullptr));
  auto now = parse_rfc3339(line.now);
  if (!now) {
    throw UsageError{
        fmt::format("--now: invalid time \"{}\"; use RFC 3339, e.g. "
                    "2026-12-04T10:00:00Z",
                    line.now)};
  }
  return *now;
}

void resolve_nginx_version(const CommandLine& line, const FileSettings& file,
                           Settings& settings) {
  engine::Options& options = settings.options;
  if (given(line, "--nginx-version")) {
    auto version = engine::parse_version(line.nginx_version);
    if (!version) {
      throw UsageError{fmt::format(
          "--nginx-version: invalid version \"{}\"; use e.g. 1.22.1",
          line.nginx_version)};
    }
    options.nginx_version = *version;
    options.nginx_version_assumed = false;
  } else if (file.nginx_version) {
    options.nginx_version = *file.nginx_version;
    options.nginx_version_assumed = false;
  } else if (auto probed = probe_nginx_version()) {
    options.nginx_version = *probed;
    options.nginx_version_assumed = false;
  } else {
    options.nginx_version = kAssumedNginx;
    settings.notes.push_back(fmt::format(
        "nginx is not on PATH, so version-dependent rules assume nginx {}; "
        "set --nginx-version",
        kAssumedNginx.to_string()));
  }
}

std::optional<engine::Version> resolve_openssl_version(
    const CommandLine& line, const FileSettings& file) {
  if (!given(line, "--openssl-version")) return file.openssl_version;
  std::string_view digits = line.openssl_version;
  // OpenSSL 1.x marks fix releases with letters: "1.1.1w".
  while (!digits.empty() &&
         std::islower(static_cast<unsigned char>(digits.back()))) {
    digits.remove_suffix(1);
  }
  auto version = engine::parse_version(digits);
  if (!version) {
    throw UsageError{fmt::format(
        "--openssl-version: invalid version \"{}\"; use e.g. 3.0.11",
        line.openssl_version)};
  }
  return version;
}

/// The command-line value when the option was given, else the file's path.
std::string path_setting(const CommandLine& line, const char* option,
                         const std::string& typed,
                         const std::optional<fs::path>& from_file) {
  if (given(line, option) || !from_file) return typed;
  return from_file->string();
}

/// Returns `FILE:LINE:COLUMN: "KEY"` for a key of the settings file.
std::string key_place(const FileSettings& file, const char* key) {
  KeyPosition where;
  if (auto found = file.positions.find(key); found != file.positions.end()) {
    where = found->second;
  }
  return fmt::format("{}:{}:{}: \"{}\"", file.path.string(), where.line,
                     where.column, key);
}

void check_directory(const std::string& name, const std::string& value) {
  if (value.empty()) return;
  std::error_code error;
  if (!fs::is_directory(value, error)) {
    throw UsageError{fmt::format("{}: \"{}\" is not a directory", name, value)};
  }
}

/// The origin of a trust store setting: a key of the settings file or an
/// option on the command line.
struct TrustSource {
  const char* key;
  const char* option;
  bool from_file;
};

[[noreturn]] void reject_trust_setting(const TrustSource& source,
                                       const FileSettings& file,
                                       const std::string& problem) {
  if (!source.from_file) {
    throw UsageError{fmt::format("{}; check {}", problem, source.option)};
  }
  throw UsageError{fmt::format("{}: {}; fix this key or override it with {}",
                               key_place(file, source.key), problem,
                               source.option)};
}

/// Loads the CA file and CA path that were set, so that one that does not
/// load is reported at its setting. Without this check every chain check
/// would turn into a note and the run would look clean.
void check_trust_store(const CommandLine& line, const FileSettings& file,
                       const Settings& settings) {
  TrustSource ca_file{"ca-file", "--ca-file",
                      !given(line, "--ca-file") && file.ca_file};
  TrustSource ca_path{"ca-path", "--ca-path",
                      !given(line, "--ca-path") && file.ca_path};
  certs::TrustOptions options;
  options.root = settings.root;
  if (!settings.ca_file.empty()) {
    options.ca_file = settings.ca_file;
    certs::TrustStore store = certs::load_trust_store(options);
    if (!store.error.empty()) reject_trust_setting(ca_file, file, store.error);
  }
  if (!settings.ca_path.empty()) {
    // The CA file is loaded too, because a CA path without hashed names is
    // fine next to a CA file that has certificates.
    options.ca_path = settings.ca_path;
    certs::TrustStore store = certs::load_trust_store(options);
    if (!store.error.empty()) reject_trust_setting(ca_path, file, store.error);
  }
}

}  // namespace

Settings resolve_settings(const CommandLine& line,
                          const engine::Registry& registry,
                          const fs::path& current_directory) {
  FileSettings file;
  if (auto read = read_settings_file(line, registry, current_directory)) {
    file = std::move(*read);
  }
  Settings settings;
  settings.config_file = file.path;
  engine::Options& options = settings.options;
  options.now = resolve_now(line);
  resolve_nginx_version(line, file, settings);
  options.openssl_version = resolve_openssl_version(line, file);
  if (given(line, "--expiry-warning")) {
    options.expiry_warning_days = line.expiry_warning_days;
  } else {
    options.expiry_warning_days = file.expiry_warning_days;
  }
  // --disable adds to the file's list: a wrapper that appends --disable
  // means "also skip this", not "skip only this".
  options.disabled = validate_disabled(line, registry);
  options.disabled.insert(file.disable.begin(), file.disable.end());
  options.severity = file.severity;
  if (given(line, "--certs")) {
    options.certificates_optional = line.certs == "optional";
  } else {
    options.certificates_optional = file.certificates_optional.value_or(false);
  }

  settings.ca_file =
      path_setting(line, "--ca-file", line.ca_file, file.ca_file);
  settings.ca_path =
      path_setting(line, "--ca-path", line.ca_path, file.ca_path);
  settings.root = path_setting(line, "--root", line.root, file.root);
  bool root_from_file = !given(line, "--root") && file.root;
  check_directory(root_from_file ? key_place(file, "root") : "--root",
                  settings.root);
  bool ca_path_from_file = !given(line, "--ca-path") && file.ca_path;
  check_directory(ca_path_from_file ? key_place(file, "ca-path") : "--ca-path",
                  settings.ca_path);
  check_trust_store(line, file, settings);
  if (given(line, "--fail-on")) {
    settings.fail_on = line.fail_on;
  } else if (file.fail_on) {
    settings.fail_on = *file.fail_on;
  }
  settings.ignore = file.ignore;
  if (!file.path.empty()) {
    settings.ignore_base = fs::absolute(file.path).parent_path();
  }
  return settings;
}

std::vector<std::string> remove_ignored(const std::vector<std::string>& paths,
                                        const Settings& settings,
                                        const fs::path& current_directory) {
  if (settings.ignore.empty()) return paths;
  std::vector<std::string> remaining;
  for (const std::string& path : paths) {
    fs::path absolute = (current_directory / path).lexically_normal();
    std::string relative =
        absolute.lexically_relative(settings.ignore_base).generic_string();
    bool ignored = false;
    // An input outside the settings file's directory is never ignored.
    if (!relative.empty() && relative != ".." && !relative.starts_with("../")) {
      for (const std::string& pattern : settings.ignore) {
        if (ignore_pattern_matches(pattern, relative)) ignored = true;
      }
    }
    if (!ignored) remaining.push_back(path);
  }
  return remaining;
}

}  // namespace tlslint::cli
