#include "cli/explain.h"

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "cli/exit_status.h"
#include "cli/rule_docs.h"
#include "engine/registry.h"

namespace tlslint::cli {
namespace {

constexpr const char* kUsage =
    "Usage: tlslint explain RULE\n"
    "Prints the docs page of RULE: why it matters, a bad and a good example,\n"
    "the fix, its options and its limitations. \"tlslint --list-rules\" lists "
    "the ids.\n";

int usage_error(std::ostream& err, const std::string& problem) {
  fmt::print(err,
             "tlslint: error: explain: {}; run \"tlslint explain RULE\", "
             "e.g. \"tlslint explain chain-incomplete\"\n",
             problem);
  return kExitUsage;
}

std::string to_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower;
}

}  // namespace

int explain(int argc, const char* const* argv, std::ostream& out,
            std::ostream& err) {
  if (argc == 2 && (std::string_view(argv[1]) == "--help" ||
                    std::string_view(argv[1]) == "-h")) {
    out << kUsage;
    return kExitClean;
  }
  for (int i = 1; i < argc; ++i) {
    std::string_view argument = argv[i];
    if (argument.size() > 1 && argument[0] == '-') {
      fmt::print(err,
                 "tlslint: error: explain takes one rule id; {} is not an "
                 "option of explain; run \"tlslint explain RULE\"\n",
                 argument.substr(0, argument.find('=')));
      return kExitUsage;
    }
  }
  if (argc < 2) return usage_error(err, "missing rule id");
  if (argc > 2) {
    return usage_error(err,
                       fmt::format("expected one rule id, got {}", argc - 1));
  }
  std::string_view id = argv[1];
  const engine::Registry& registry = engine::Registry::builtin();
  if (!registry.find(id)) {
    // Rule ids are lower case, so "SSL-PROTOCOLS-LEGACY" means
    // "ssl-protocols-legacy".
    std::vector<std::string> close = registry.closest(to_lower(id));
    std::string hint =
        close.empty()
            ? std::string("; run \"tlslint --list-rules\" for the ids")
            : fmt::format("; did you mean \"{}\"?", close.front());
    fmt::print(err, "tlslint: error: explain: unknown rule \"{}\"{}\n", id,
               hint);
    return kExitUsage;
  }
  for (const RuleDoc& doc : rule_docs()) {
    if (doc.rule_id != id) continue;
    out << doc.text;
    return kExitClean;
  }
  // tests/rules/metadata_test.cpp requires a page for every rule, so this
  // is a build without docs/rules/<id>.md.
  fmt::print(err,
             "tlslint: error: explain: this build has no docs page for "
             "\"{}\"; see docs/rules/{}.md in the tlslint sources\n",
             id, id);
  return kExitIncomplete;
}

}  // namespace tlslint::cli
