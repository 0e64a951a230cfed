#include "cli/config_file.h"
#include "cli/ignore.h"
#include "engine/edit_distance.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>

#include <fmt/core.h>
#include <fmt/format.h>
#include <toml++/toml.h>

namespace tlslint::cli {
namespace {

namespace fs = std::filesystem;

/// Every key a configuration file may set, in alphabetical order.
const std::vector<std::string> kKeys = {
    "ca-file",         "ca-path", "certificates", "disable",
    "expiry-warning",  "fail-on", "ignore",       "nginx-version",
    "openssl-version", "root",    "severity"};

/// Reads one file's table and throws ConfigFileError at a node's place.
class Reader {
 public:
  Reader(const fs::path& path, const engine::Registry& registry)
      : path_(path), registry_(registry) {}

  [[noreturn]] void fail(const toml::source_region& where,
                         const std::string& problem) const {
    throw ConfigFileError(path_.string(), where.begin.line, where.begin.column,
                          problem);
  }

  void read(const toml::table& table, FileSettings& settings) const;

 private:
  void check_key(const toml::key& key) const;
  std::string rule_id(const toml::source_region& where,
                      std::string_view id) const;
  std::string string_of(const toml::node& node, std::string_view key) const;
  std::vector<std::string> ignore_patterns_of(const toml::node& node) const;
  std::vector<std::string> strings_of(const toml::node& node,
                                      std::string_view key,
                                      std::string_view what) const;
  fs::path path_of(const toml::node& node, std::string_view key) const;
  engine::Version version_of(const toml::node& node, std::string_view key,
                             std::string_view example) const;
  int days_of(const toml::node& node) const;
  void read_severities(const toml::node& node, FileSettings& settings) const;
  std::string fail_on_of(const toml::node& node) const;
  bool certificates_optional_of(const toml::node& node) const;

  const fs::path& path_;
  const engine::Registry& registry_;
};

void Reader::check_key(const toml::key& key) const {
  std::string_view name = key.str();
  if (std::find(kKeys.begin(), kKeys.end(), name) != kKeys.end()) return;
  std::string best;
  // A third of the name may be wrong: "disabel" suggests "disable", but
  // "colour" suggests nothing.
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3);
  for (const std::string& known : kKeys) {
    std::size_t distance = engine::edit_distance(name, known);
    if (distance <= best_distance &&
        (best.empty() || distance < best_distance)) {
      best = known;
      best_distance = distance;
    }
  }
  if (best.empty()) {
    fail(key.source(), fmt::format("unknown key \"{}\"; the keys are {}", name,
                                   fmt::join(kKeys, ", ")));
  }
  fail(key.source(),
       fmt::format("unknown key \"{}\"; did you mean \"{}\"?", name, best));
}

std::string Reader::rule_id(const toml::source_region& where,
                            std::string_view id) const {
  if (registry_.find(id)) return std::string(id);
  std::vector<std::string> close = registry_.closest(id);
  if (close.empty()) {
    fail(where,
         fmt::format("unknown rule \"{}\"; run \"tlslint --list-rules\" for "
                     "the ids",
                     id));
  }
  fail(where, fmt::format("unknown rule \"{}\"; did you mean \"{}\"?", id,
                          close.front()));
}

std::string Reader::string_of(const toml::node& node,
                              std::string_view key) const {
  const auto* value = node.as_string();
  if (!value) {
    fail(node.source(), fmt::format("\"{}\" must be a string", key));
  }
  if (value->get().empty()) {
    fail(node.source(), fmt::format("\"{}\" must not be empty", key));
  }
  return value->get();
}

std::vector<std::string> Reader::strings_of(const toml::node& node,
                                            std::string_view key,
                                            std::string_view what) const {
  const auto* array = node.as_array();
  if (!array) {
    fail(node.source(),
         fmt::format("\"{}\" must be an array of {}", key, what));
  }
  std::vector<std::string> values;
  for (const toml::node& element : *array) {
    const auto* value = element.as_string();
    if (!value || value->get().empty()) {
      fail(element.source(),
           fmt::format("\"{}\" must be an array of {}", key, what));
    }
    values.push_back(value->get());
  }
  return values;
}

std::vector<std::string> Reader::ignore_patterns_of(
    const toml::node& node) const {
  std::vector<std::string> patterns =
      strings_of(node, "ignore", "glob patterns");
  const auto& array = *node.as_array();
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    auto bracket = find_unclosed_bracket(patterns[i]);
    if (!bracket) continue;
    fail(array.get(i)->source(),
         fmt::format("invalid glob pattern \"{}\" in \"ignore\": the \"[\" "
                     "at byte {} has no closing \"]\"; write \"[[]\" to "
                     "match a literal \"[\"",
                     patterns[i], *bracket + 1));
  }
  return patterns;
}

fs::path Reader::path_of(const toml::node& node, std::string_view key) const {
  fs::path value = string_of(node, key);
  if (value.is_absolute()) return value;
  return (path_.parent_path() / value).lexically_normal();
}

engine::Version Reader::version_of(const toml::node& node, std::string_view key,
                                   std::string_view example) const {
  std::string text = string_of(node, key);
  std::string_view digits = text;
  // OpenSSL 1.x marks fix releases with letters: "1.1.1w".
  while (!digits.empty() &&
         std::islower(static_cast<unsigned char>(digits.back()))) {
    digits.remove_suffix(1);
  }
  auto version = engine::parse_version(digits);
  if (!version) {
    fail(node.source(),
         fmt::format("invalid version \"{}\" for \"{}\"; use e.g. \"{}\"", text,
                     key, example));
  }
  return *version;
}

int Reader::days_of(const toml::node& node) const {
  const auto* value = node.as_integer();
  if (!value) {
    fail(node.source(), "\"expiry-warning\" must be a whole number of days");
  }
  std::int64_t days = value->get();
  // NOTE: the 100-year maximum guards against typos. X.509 sets no limit.
  if (days < 0 || days > 36500) {
    fail(node.source(),
         fmt::format("\"expiry-warning\" must be between 0 and 36500 days, "
                     "not {}",
                     days));
  }
  return static_cast<int>(days);
}

void Reader::read_severities(const toml::node& node,
                             FileSettings& settings) const {
  const auto* table = node.as_table();
  if (!table) {
    fail(node.source(),
         "\"severity\" must be a table of rule ids and severities, e.g. "
         "[severity] followed by cert-expiring = \"error\"");
  }
  for (const auto& [key, value] : *table) {
    std::string id = rule_id(key.source(), key.str());
    const auto* text = value.as_string();
    auto severity = text ? engine::parse_severity(text->get()) : std::nullopt;
    if (!text) {
      fail(value.source(),
           fmt::format("the severity of \"{}\" must be a string: \"error\", "
                       "\"warning\" or \"info\"",
                       id));
    }
    if (!severity) {
      fail(value.source(),
           fmt::format("invalid severity \"{}\" for \"{}\"; use \"error\", "
                       "\"warning\" or \"info\"",
                       text->get(), id));
    }
    settings.severity[id] = *severity;
  }
}

std::string Reader::fail_on_of(const toml::node& node) const {
  std::string value = string_of(node, "fail-on");
  for (const char* known : {"error", "warning", "info", "never"}) {
    if (value == known) return value;
  }
  fail(node.source(),
       fmt::format("invalid \"fail-on\" value \"{}\"; use \"error\", "
                   "\"warning\", \"info\" or \"never\"",
                   value));
}

bool Reader::certificates_optional_of(const toml::node& node) const {
  std::string value = string_of(node, "certificates");
  if (value == "require") return false;
  if (value == "optional") return true;
  fail(node.source(),
       fmt::format("invalid \"certificates\" value \"{}\"; use \"require\" "
                   "or \"optional\"",
                   value));
}

void Reader::read(const toml::table& table, FileSettings& settings) const {
  for (const auto& [key, value] : table) {
    check_key(key);
    std::string_view name = key.str();
    settings.positions[std::string(name)] = {value.source().begin.line,
                                             value.source().begin.column};
    if (name == "disable") {
      std::vector<std::string> ids = strings_of(value, name, "rule ids");
      const auto& array = *value.as_array();
      for (std::size_t i = 0; i < ids.size(); ++i) {
        settings.disable.push_back(rule_id(array.get(i)->source(), ids[i]));
      }
    } else if (name == "severity") {
      read_severities(value, settings);
    } else if (name == "expiry-warning") {
      settings.expiry_warning_days = days_of(value);
    } else if (name == "nginx-version") {
      settings.nginx_version = version_of(value, name, "1.22.1");
    } else if (name == "openssl-version") {
      settings.openssl_version = version_of(value, name, "3.0.11");
    } else if (name == "ca-file") {
      settings.ca_file = path_of(value, name);
    } else if (name == "ca-path") {
      settings.ca_path = path_of(value, name);
    } else if (name == "root") {
      settings.root = path_of(value, name);
    } else if (name == "ignore") {
      settings.ignore = ignore_patterns_of(value);
    } else if (name == "fail-on") {
      settings.fail_on = fail_on_of(value);
    } else if (name == "certificates") {
      settings.certificates_optional = certificates_optional_of(value);
    }
  }
}

}  // namespace

ConfigFileError::ConfigFileError(std::string file, std::size_t line,
                                 std::size_t column, const std::string& problem)
    : std::runtime_error(
          line > 0 ? fmt::format("{}:{}:{}: {}", file, line, column, problem)
                   : fmt::format("{}: {}", file, problem)),
      file_(std::move(file)),
      line_(line),
      column_(column) {}

std::optional<fs::path> find_config_file(const fs::path& start) {
  std::error_code error;
  fs::path directory = fs::absolute(start, error);
  if (error) return std::nullopt;
  while (true) {
    fs::path candidate = directory / kConfigFileName;
    if (fs::is_regular_file(candidate, error)) return candidate;
    fs::path parent = directory.parent_path();
    if (parent == directory || parent.empty()) return std::nullopt;
    directory = parent;
  }
}

FileSettings load_config_file(const fs::path& path,
                              const engine::Registry& registry) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ConfigFileError(
        path.string(), 0, 0,
        fmt::format("failed to read settings file: {}",
                    std::strerror(errno)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config_file(text.str(), path, registry);
}

FileSettings parse_config_file(const std::string& text, const fs::path& path,
                               const engine::Registry& registry) {
  toml::table table;
  try {
    table = toml::parse(text, path.string());
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    throw ConfigFileError(path.string(), where.line, where.column,
                          fmt::format("invalid TOML: {}", error.description()));
  }
  FileSettings settings;
  settings.path = path;
  Reader(path, registry).read(table, settings);
  return settings;
}

}  // namespace tlslint::cli
