#include "engine/context.h"

#include <stdexcept>

#include <fmt/core.h>

namespace tlslint::engine {

Location RuleContext::location(const syntax::Directive& directive) const {
  const auto& file = config().files.at(directive.file);
  const auto& at = directive.name_span.begin;
  return Location{file.path, at.line, at.column, at.offset};
}

Location RuleContext::location(const syntax::Directive& directive,
                               const syntax::Argument& argument) const {
  const auto& file = config().files.at(directive.file);
  const auto& at = argument.span.begin;
  return Location{file.path, at.line, at.column, at.offset};
}

std::filesystem::path RuleContext::resolve(const std::string& path) const {
  return config::resolve_path(config(), path);
}

bool RuleContext::enabled(std::string_view rule_id) const {
  return !options_.disabled.contains(std::string(rule_id));
}

Finding& RuleContext::report(std::string_view rule_id,
                             const syntax::Directive& at,
                             std::string message) {
  return report(rule_id, location(at), std::move(message));
}

Finding& RuleContext::report(std::string_view rule_id, Location where,
                             std::string message) {
  Finding finding =
      registry_.make_finding(rule_id, std::move(where), std::move(message));
  if (!enabled(rule_id)) {
    discarded_ = std::move(finding);
    return discarded_;
  }
  findings_.push_back(std::move(finding));
  return findings_.back();
}

void RuleContext::add_inheritance_notes(
    Finding& finding, const syntax::Directive& at,
    const std::vector<const Server*>& servers) const {
  for (const Server* server : servers) {
    finding.notes.push_back(
        {location(*server->block),
         fmt::format("{} inherits this value", model_.label(*server))});
  }
  const syntax::Directive* include = model_.included_by(at.file);
  if (include) {
    finding.notes.push_back(
        {location(*include),
         fmt::format("\"{}\" is included from here",
                     config().files.at(at.file).path)});
  }
}

}  // namespace tlslint::engine
