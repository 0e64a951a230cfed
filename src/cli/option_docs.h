#pragma once

#include <string>
#include <vector>

namespace tlslint::cli {

/// One long option of tlslint, as the man page and the shell completions
/// describe it.
struct OptionDoc {
  /// The long name with its dashes, e.g. "--fail-on".
  std::string name;
  /// The value's placeholder (FILE, DIR, SEVERITY...), empty for a flag.
  std::string value_name;
  /// True for --backup[=SUFFIX], whose value must follow "=".
  bool value_optional = false;
  /// The accepted values of an option checked with CLI::IsMember.
  std::vector<std::string> choices;
  /// The default that --help shows, or "".
  std::string default_value;
  std::string help;
};

/// The command-line interface as --help shows it.
struct CommandDoc {
  /// Paragraphs of the program description.
  std::vector<std::string> description;
  /// The placeholder of the positional arguments ("PATH").
  std::string path_name;
  std::vector<OptionDoc> options;
};

/// Describes the options that run() accepts, read from the same CLI11
/// definitions (cli::define_options and fix::define_fix_options), so that the
/// man page and completions cannot drift from --help.
CommandDoc describe_command_line();

}  // namespace tlslint::cli
