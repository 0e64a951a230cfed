#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/options.h"
#include "engine/context.h"
#include "engine/registry.h"

namespace tlslint::cli {

/// The settings of one run: the command line merged over .tlslint.toml.
struct Settings {
  engine::Options options;
  std::string ca_file;
  std::string ca_path;
  std::string root;
  /// "error", "warning", "info" or "never".
  std::string fail_on = "warning";
  /// `ignore` patterns of the settings file, relative to `ignore_base`.
  std::vector<std::string> ignore;
  std::filesystem::path ignore_base;
  /// The .tlslint.toml read; empty when none was.
  std::filesystem::path config_file;
  /// Notes on values assumed rather than given, e.g. the nginx version.
  std::vector<std::string> notes;
  /// --system or `tlslint system`: run the host checks.
  bool host_checks = false;
  /// `tlslint system`: run only the host checks.
  bool host_checks_only = false;
};

/// Reads the settings file (--config, or the .tlslint.toml found by walking
/// up from `current_directory` unless --no-config) and merges the command
/// line over it: an option that was given wins, and --disable adds to the
/// file's `disable`. Throws UsageError for an invalid file or value.
Settings resolve_settings(const CommandLine& line,
                          const engine::Registry& registry,
                          const std::filesystem::path& current_directory);

/// Returns `paths` without the inputs that an `ignore` pattern matches.
std::vector<std::string> remove_ignored(
    const std::vector<std::string>& paths, const Settings& settings,
    const std::filesystem::path& current_directory);

}  // namespace tlslint::cli
