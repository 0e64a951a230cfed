#pragma once

#include <ostream>

namespace tlslint::cli {

/// Runs "tlslint explain RULE": prints the rule's docs page, compiled into
/// the binary, and returns the exit status. `argv[0]` is "explain".
int explain(int argc, const char* const* argv, std::ostream& out,
            std::ostream& err);

}  // namespace tlslint::cli
