#include "host/context.h"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include <fmt/core.h>

namespace tlslint::host {

HostContext::HostContext(Host& host,
                         const std::vector<config::Config>& configs,
                         certs::Store& store, const engine::Options& options,
                         const engine::Registry& registry)
    : host_(host), store_(store), options_(options), registry_(registry) {
  models_.reserve(configs.size());
  for (const config::Config& config : configs) {
    models_.push_back(engine::Model::build(config));
  }
}

bool HostContext::enabled(std::string_view rule_id) const {
  return !options_.disabled.contains(std::string(rule_id));
}

engine::Finding& HostContext::report(std::string_view rule_id,
                                     std::optional<engine::Location> where,
                                     std::string message) {
  engine::Finding finding =
      registry_.make_finding(rule_id, std::move(where), std::move(message));
  if (!enabled(rule_id)) {
    discarded_ = std::move(finding);
    return discarded_;
  }
  findings_.push_back(std::move(finding));
  return findings_.back();
}

engine::Finding& HostContext::not_checked(std::string_view rule_id,
                                          std::string why) {
  engine::Finding& finding =
      report(rule_id, std::nullopt, fmt::format("not checked: {}", why));
  finding.severity = engine::Severity::note;
  return finding;
}

std::vector<engine::Finding> run_host_checks(
    Host& host, const std::vector<config::Config>& configs,
    certs::Store& store, const engine::Options& options,
    const engine::Registry& registry) {
  HostContext context(host, configs, store, options, registry);
  for (engine::HostCheck check : registry.host_checks()) check(context);
  std::vector<engine::Finding> findings(context.findings().begin(),
                                        context.findings().end());
  // Findings without a place come first, so host-wide problems lead.
  std::stable_sort(findings.begin(), findings.end(),
                   [](const engine::Finding& a, const engine::Finding& b) {
                     auto key = [](const engine::Finding& finding) {
                       static const engine::Location none;
                       const engine::Location& at =
                           finding.where ? *finding.where : none;
                       return std::tie(at.file, at.line, at.column);
                     };
                     return key(a) < key(b);
                   });
  return findings;
}

}  // namespace tlslint::host
