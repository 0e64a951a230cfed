#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace tlslint::fix {

/// The fixer's part of the command line, as typed.
struct FixCommandLine {
  /// --diff: print the fixes as a unified diff.
  bool diff = false;
  /// --fix: write the fixes.
  bool fix = false;
  /// --backup[=SUFFIX]: the suffix, or "" when not given.
  std::string backup;
  /// --reload-command: replaces the default reload command.
  std::string reload_command;
  /// --apply-reload: run "nginx -t" and the reload after --fix.
  bool apply_reload = false;
};

/// Declares --diff, --fix, --backup, --reload-command and --apply-reload
/// (defined with the other options in src/cli/options.cpp).
void define_fix_options(CLI::App& app, FixCommandLine& line);

}  // namespace tlslint::fix
