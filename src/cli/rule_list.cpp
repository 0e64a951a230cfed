#include "cli/rule_list.h"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/core.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "output/report.h"

namespace tlslint::cli {
namespace {

void list_text(std::ostream& out, const engine::Registry& registry) {
  for (const auto& rule : registry.rules()) {
    fmt::print(out, "{:<32} {:<8} {:<8} {}\n", rule.id,
               engine::to_string(rule.severity), rule.fixable ? "fixable" : "-",
               rule.summary);
  }
}

void list_json(std::ostream& out, const engine::Registry& registry) {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const auto& rule : registry.rules()) {
    rules.push_back(
        {{"id", rule.id},
         {"family", rule.family},
         {"severity", engine::to_string(rule.severity)},
         {"fixable", rule.fixable},
         {"summary", rule.summary},
         {"docs", output::docs_url(output::kDefaultDocsBase, rule.id)}});
  }
  out << rules.dump(2) << "\n";
}

/// Escapes "|" so that a summary stays inside its Markdown table cell.
std::string table_cell(const std::string& text) {
  std::string cell;
  for (char c : text) {
    if (c == '|') cell += '\\';
    cell += c;
  }
  return cell;
}

void list_markdown(std::ostream& out, const engine::Registry& registry) {
  // Families in name order; in each, the most severe rules first.
  std::map<std::string, std::vector<const engine::RuleInfo*>> families;
  for (const auto& rule : registry.rules()) {
    families[rule.family].push_back(&rule);
  }
  bool first = true;
  for (auto& [family, rules] : families) {
    std::stable_sort(rules.begin(), rules.end(),
                     [](const engine::RuleInfo* a, const engine::RuleInfo* b) {
                       return a->severity > b->severity;
                     });
    if (!first) fmt::print(out, "\n");
    first = false;
    fmt::print(out, "## {}\n\n", family);
    fmt::print(out, "| Rule | Severity | Fixable | Summary |\n");
    fmt::print(out, "|---|---|---|---|\n");
    for (const engine::RuleInfo* rule : rules) {
      fmt::print(out, "| [{}]({}.md) | {} | {} | {} |\n", rule->id, rule->id,
                 engine::to_string(rule->severity),
                 rule->fixable ? "yes" : "no", table_cell(rule->summary));
    }
  }
}

}  // namespace

void list_rules(std::ostream& out, const engine::Registry& registry,
                const std::string& format) {
  if (format == "json") {
    list_json(out, registry);
  } else if (format == "markdown") {
    list_markdown(out, registry);
  } else {
    list_text(out, registry);
  }
}

}  // namespace tlslint::cli
