#pragma once

#include <ostream>

namespace tlslint::cli {

/// Runs tlslint with the given arguments, writing findings to `out` and tool
/// errors to `err`; returns the exit status (see exit_status.h).
int run(int argc, const char* const* argv, std::ostream& out,
        std::ostream& err);

}  // namespace tlslint::cli
