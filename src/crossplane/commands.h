#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tlslint::crossplane {

/// One option of a crossplane command, for the shell completions.
struct CommandOption {
  /// The kind of value the option takes.
  enum class Value { none, file, directory, text };
  /// Short names first, with their dashes: {"-o", "--out"}.
  std::vector<std::string> names;
  Value value = Value::none;
  /// The help text, as "tlslint COMMAND --help" shows it.
  std::string help;
};

/// Returns crossplane's commands: parse, build, lex, format and minify.
const std::vector<std::string>& crossplane_command_names();

/// Describes the options of one crossplane command (including -h/--help)
/// from the CLI11 definitions that run_crossplane parses with, so that the
/// completions cannot drift from them. Empty for an unknown command.
std::vector<CommandOption> describe_crossplane_options(
    const std::string& command);

/// Runs one crossplane subcommand; argv[0] is its name ("parse", "build",
/// "lex", "format" or "minify") and the rest are its options, spelled as
/// crossplane spells them. Returns the exit status: 0 on success (also for a
/// parse whose status is "failed"), 1 when the command fails, 2 on a usage
/// error.
int run_crossplane(int argc, const char* const* argv, std::ostream& out,
                   std::ostream& err);

}  // namespace tlslint::crossplane
