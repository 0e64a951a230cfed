#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certs/certificate.h"
#include "config/config.h"
#include "engine/context.h"
#include "engine/diagnostic.h"
#include "engine/model.h"
#include "engine/registry.h"
#include "host/host.h"

namespace tlslint::host {

/// The interface of a host check: the host, the nginx configurations
/// given with it (possibly none), the certificate store, the options and
/// the list its findings go to.
class HostContext {
 public:
  HostContext(Host& host, const std::vector<config::Config>& configs,
              certs::Store& store, const engine::Options& options,
              const engine::Registry& registry);

  Host& host() { return host_; }
  /// One model per configuration, in input order.
  const std::vector<engine::Model>& models() const { return models_; }
  certs::Store& certificates() { return store_; }
  const engine::Options& options() const { return options_; }
  std::int64_t now() const { return options_.now; }

  /// True unless the rule was disabled.
  bool enabled(std::string_view rule_id) const;

  /// Records a finding with the rule's default severity, at a place in a
  /// host file (shown by its host path) or at no place. Throws
  /// std::logic_error for an id missing from rules/*.toml.
  engine::Finding& report(std::string_view rule_id,
                          std::optional<engine::Location> where,
                          std::string message);

  /// Records a note that `rule_id` was not checked, and why.
  engine::Finding& not_checked(std::string_view rule_id, std::string why);

  std::deque<engine::Finding>& findings() { return findings_; }

 private:
  Host& host_;
  std::vector<engine::Model> models_;
  certs::Store& store_;
  const engine::Options& options_;
  const engine::Registry& registry_;
  std::deque<engine::Finding> findings_;
  engine::Finding discarded_;
};

/// Runs every host check of the registry and returns the findings sorted
/// by file, line and column.
std::vector<engine::Finding> run_host_checks(
    Host& host, const std::vector<config::Config>& configs,
    certs::Store& store, const engine::Options& options,
    const engine::Registry& registry);

}  // namespace tlslint::host
