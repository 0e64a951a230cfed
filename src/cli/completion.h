#pragma once

#include <ostream>

namespace tlslint::cli {

/// Writes a bash completion script for tlslint (for
/// share/bash-completion/completions/tlslint), generated from the same
/// option definitions as --help.
void write_bash_completion(std::ostream& out);

/// Writes a zsh completion function (_tlslint, for a directory on $fpath
/// such as Debian's /usr/share/zsh/vendor-completions).
void write_zsh_completion(std::ostream& out);

}  // namespace tlslint::cli
