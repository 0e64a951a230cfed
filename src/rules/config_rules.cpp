// Problems the loader met while reading the configuration: syntax errors and
// includes nginx would fail on.
#include <fmt/core.h>

#include "engine/context.h"
#include "engine/registry.h"
#include "rules/all_rules.h"

namespace tlslint::rules {
namespace {

using config::LoadErrorKind;
using engine::Location;
using engine::RuleContext;

}  // namespace

void report_load_errors(RuleContext& context) {
  const config::Config& config = context.config();
  for (const config::LoadError& error : config.errors) {
    // Input files that cannot be read are tool errors, printed by the CLI.
    if (error.kind == LoadErrorKind::io) continue;
    Location where;
    if (error.file < config.files.size()) {
      where = Location{config.files[error.file].path, error.where.line,
                       error.where.column, error.where.offset};
    }
    const char* rule_id =
        error.kind == LoadErrorKind::syntax ? "syntax" : "include-broken";
    engine::Finding& finding = context.report(rule_id, where, error.message);
    if (!error.hint.empty()) finding.notes.push_back({std::nullopt, error.hint});
  }
}

void register_config_rules(engine::Registry& registry) {
  registry.add_check(report_load_errors);
}

}  // namespace tlslint::rules
