// Standalone driver for the crossplane commands, used to run the
// conformance corpus before `tlslint parse` is wired up:
//   tlslint-xp parse [options] FILE
#include <iostream>

#include "crossplane/commands.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    std::cerr << "usage: tlslint-xp {parse,build,lex,format,minify} ...\n";
    return 2;
  }
  return tlslint::crossplane::run_crossplane(argc - 1, argv + 1, std::cout,
                                             std::cerr);
}
