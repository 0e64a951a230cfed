// tlslint-docgen writes the man page and the shell completions at build
// time, from the option definitions that tlslint --help prints.
#include <cstring>
#include <iostream>

#include "cli/completion.h"
#include "cli/manpage.h"

int main(int argc, char** argv) {
  const char* kind = argc == 2 ? argv[1] : "";
  if (std::strcmp(kind, "man") == 0) {
    tlslint::cli::write_manpage(std::cout);
  } else if (std::strcmp(kind, "bash") == 0) {
    tlslint::cli::write_bash_completion(std::cout);
  } else if (std::strcmp(kind, "zsh") == 0) {
    tlslint::cli::write_zsh_completion(std::cout);
  } else {
    std::cerr << "usage: tlslint-docgen man|bash|zsh\n";
    return 3;
  }
  return std::cout.flush() ? 0 : 1;
}
