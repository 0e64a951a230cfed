#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.h"

namespace tlslint::host {
class HostContext;
}

namespace tlslint::engine {

class RuleContext;

/// A rule's metadata, read from rules/<family>.toml.
struct RuleInfo {
  std::string id;
  /// The toml file's stem: "listen" for rules/listen.toml.
  std::string family;
  Severity severity = Severity::warning;
  bool fixable = false;
  std::string summary;
};

/// A check walks the model and reports findings for one or more rule ids of
/// its family.
using Check = void (*)(RuleContext&);

/// A host check reads the machine around nginx (files under --root, command
/// output) and reports findings for its family's rule ids.
using HostCheck = void (*)(host::HostContext&);

/// The built-in rules: metadata from rules/*.toml and the checks that
/// report them.
class Registry {
 public:
  /// The built-in rules. Metadata errors are build defects, so they throw
  /// std::logic_error (a test loads every file).
  static const Registry& builtin();

  /// Parses the given toml texts; throws std::invalid_argument with the file
  /// name and the problem when one is invalid.
  static Registry from_sources(
      const std::vector<std::pair<std::string, std::string>>& sources);

  void add_check(Check check) { checks_.push_back(check); }
  void add_host_check(HostCheck check) { host_checks_.push_back(check); }

  const RuleInfo* find(std::string_view id) const;

  /// A finding of `id` with the rule's default severity. Throws
  /// std::logic_error for an id missing from rules/*.toml, a defect of the
  /// check that reports it.
  Finding make_finding(std::string_view id, std::optional<Location> where,
                       std::string message) const;
  const std::vector<RuleInfo>& rules() const { return rules_; }
  const std::vector<Check>& checks() const { return checks_; }
  const std::vector<HostCheck>& host_checks() const { return host_checks_; }

  /// Known ids close to `id` (edit distance), for "did you mean" messages.
  std::vector<std::string> closest(std::string_view id) const;

 private:
  std::vector<RuleInfo> rules_;
  std::vector<Check> checks_;
  std::vector<HostCheck> host_checks_;
};

}  // namespace tlslint::engine
