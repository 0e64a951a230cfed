#include "engine/engine.h"

#include <algorithm>
#include <tuple>

#include "engine/model.h"
#include "engine/suppression.h"
#include "rules/all_rules.h"

namespace tlslint::engine {
namespace {

bool location_less(const Finding& a, const Finding& b) {
  auto key = [](const Finding& finding) {
    static const Location none;
    const Location& where = finding.where ? *finding.where : none;
    return std::tie(where.file, where.line, where.column);
  };
  return key(a) < key(b);
}

bool same_finding(const Finding& a, const Finding& b) {
  return a.rule_id == b.rule_id && a.message == b.message &&
         a.where.has_value() == b.where.has_value() &&
         (!a.where || (a.where->file == b.where->file &&
                       a.where->line == b.where->line &&
                       a.where->column == b.where->column));
}

/// Applies the `[severity]` overrides. A note marks a skipped check, not a
/// fault, so it keeps its level.
void override_severities(const Options& options,
                         std::vector<Finding>& findings) {
  if (options.severity.empty()) return;
  for (Finding& finding : findings) {
    if (finding.severity == Severity::note) continue;
    auto level = options.severity.find(finding.rule_id);
    if (level != options.severity.end()) finding.severity = level->second;
  }
}

}  // namespace

std::vector<Finding> run_checks(const config::Config& config,
                                certs::Store& store, const Options& options,
                                const Registry& registry) {
  Model model = Model::build(config);
  RuleContext context(model, store, options, registry);
  bool syntax_error = std::any_of(
      config.errors.begin(), config.errors.end(),
      [](const config::LoadError& error) {
        return error.kind == config::LoadErrorKind::syntax;
      });
  if (syntax_error) {
    // nginx rejects the whole configuration, and what follows the error was
    // never read, so rules would judge half a configuration.
    rules::report_load_errors(context);
    for (Finding& finding : context.findings()) {
      if (finding.rule_id != "syntax") continue;
      finding.notes.push_back(
          {std::nullopt, "the other checks of this configuration were skipped; "
                         "run tlslint again once it parses"});
      break;
    }
  } else {
    for (Check check : registry.checks()) check(context);
  }

  std::vector<Finding> findings(context.findings().begin(),
                                context.findings().end());
  findings = apply_suppressions(config, registry, options, std::move(findings));
  // After the suppressions, so that their own findings (suppression-unused)
  // take the override too; suppressions match by rule id, not by level.
  override_severities(options, findings);
  std::stable_sort(findings.begin(), findings.end(), location_less);
  // A file included twice, or a certificate shared by two pairs, must not
  // print the same line twice.
  findings.erase(std::unique(findings.begin(), findings.end(), same_finding),
                 findings.end());
  return findings;
}

}  // namespace tlslint::engine
