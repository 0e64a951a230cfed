#pragma once

#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace tlslint::cli {

/// The command line as typed, before validation.
struct CommandLine {
  std::vector<std::string> paths;
  std::string ca_file;
  std::string ca_path;
  std::string now;
  std::string nginx_version;
  int expiry_warning_days = -1;
  std::string fail_on = "warning";
  std::vector<std::string> disable;
  std::string root;
  std::string color = "auto";
  std::string format = "text";
  std::string sarif_base;
  bool list_rules = false;
  /// --system: run the host checks along with the configuration checks.
  bool system = false;
  /// `tlslint system`: run only the host checks.
  bool system_only = false;
  /// --config: the .tlslint.toml to read instead of the one found by walking
  /// up from the current directory.
  std::string config_file;
  bool no_config = false;
  std::string openssl_version;
  std::string certs = "require";
  /// The options typed on the command line, by long name ("--fail-on"), so
  /// that a setting of .tlslint.toml yields only to an option that was
  /// given, never to a default.
  std::set<std::string> given_options;
};

/// Declares every option on `app`, with help text that states what each sets
/// and in what unit.
void define_options(CLI::App& app, CommandLine& line);

/// Checks the option values that CLI11 cannot check alone (--format with
/// --list-rules, --sarif-base) and ends --sarif-base with "/". Throws
/// UsageError.
void check_option_values(CommandLine& line);

/// Fills `line.given_options` after `app` parsed the command line.
void record_given_options(const CLI::App& app, CommandLine& line);

}  // namespace tlslint::cli
