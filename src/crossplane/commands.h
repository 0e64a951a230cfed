#pragma once

#include <ostream>

namespace tlslint::crossplane {

/// Runs one crossplane subcommand; argv[0] is its name ("parse", "build",
/// "lex", "format" or "minify") and the rest are its options, spelled as
/// crossplane spells them. Returns the exit status: 0 on success (also for a
/// parse whose status is "failed"), 1 when the command fails, 2 on a usage
/// error.
int run_crossplane(int argc, const char* const* argv, std::ostream& out,
                   std::ostream& err);

}  // namespace tlslint::crossplane
