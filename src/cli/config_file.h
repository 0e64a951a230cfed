#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/registry.h"
#include "engine/version.h"

namespace tlslint::cli {

/// The name looked for in the current directory and each parent.
inline constexpr const char* kConfigFileName = ".tlslint.toml";

/// Position of a key's value in the settings file, 1-based.
struct KeyPosition {
  std::size_t line = 0;
  std::size_t column = 0;
};

/// The settings of a `.tlslint.toml`. An unset key is empty or nullopt, so
/// that the command line, which wins, can be merged over it.
struct FileSettings {
  /// The file read.
  std::filesystem::path path;
  /// `disable = ["rule-id", ...]`, every id known to the registry.
  std::vector<std::string> disable;
  /// `[severity]` table: rule id to the severity that replaces its default.
  std::map<std::string, engine::Severity> severity;
  /// `expiry-warning = DAYS`, at least 0.
  std::optional<int> expiry_warning_days;
  /// `nginx-version = "1.22.1"`.
  std::optional<engine::Version> nginx_version;
  /// `openssl-version = "3.0.11"`. A letter suffix ("1.1.1w") is dropped.
  std::optional<engine::Version> openssl_version;
  /// `ca-file`, `ca-path` and `root`. A relative value is joined to the
  /// file's directory.
  std::optional<std::filesystem::path> ca_file;
  std::optional<std::filesystem::path> ca_path;
  std::optional<std::filesystem::path> root;
  /// `ignore = ["glob", ...]`: patterns as written, relative to the file's
  /// directory (`path.parent_path()`).
  std::vector<std::string> ignore;
  /// `fail-on`: "error", "warning", "info" or "never".
  std::optional<std::string> fail_on;
  /// `certificates = "optional"` (true) or `"require"` (false).
  std::optional<bool> certificates_optional;
  /// The position of each key's value, so that a value that fails later
  /// (a CA file that does not load) is reported at its line.
  std::map<std::string, KeyPosition> positions;
};

/// An invalid configuration file. what() is the whole message,
/// `FILE:LINE:COLUMN: problem`, or `FILE: problem` without a position.
class ConfigFileError : public std::runtime_error {
 public:
  ConfigFileError(std::string file, std::size_t line, std::size_t column,
                  const std::string& problem);

  const std::string& file() const { return file_; }
  /// 1-based, or 0 when the problem has no position (an unreadable file).
  std::size_t line() const { return line_; }
  std::size_t column() const { return column_; }

 private:
  std::string file_;
  std::size_t line_;
  std::size_t column_;
};

/// Looks for kConfigFileName in `start` and then in each parent directory
/// up to the file system root, and returns the first one found.
std::optional<std::filesystem::path> find_config_file(
    const std::filesystem::path& start);

/// Reads and validates a configuration file. Throws ConfigFileError.
FileSettings load_config_file(const std::filesystem::path& path,
                              const engine::Registry& registry);

/// Validates configuration text. `path` names the file in messages, and its
/// directory is the base of relative paths. Throws ConfigFileError.
FileSettings parse_config_file(const std::string& text,
                               const std::filesystem::path& path,
                               const engine::Registry& registry);

}  // namespace tlslint::cli
