#pragma once

#include <ostream>

namespace tlslint::cli {

/// Writes tlslint(1) in roff with the man macros, from the same option
/// definitions as --help.
void write_manpage(std::ostream& out);

}  // namespace tlslint::cli
