#pragma once

#include <map>
#include <string>

#include "engine/registry.h"
#include "output/report.h"

namespace tlslint::output {

struct SarifOptions {
  /// Absolute URI of the directory that relative file paths are relative
  /// to, usually the current directory as a file: URI. It becomes
  /// originalUriBaseIds.SRCROOT, and an empty value leaves SRCROOT undefined.
  std::string base_uri;
  /// Prefix of each rule's help URI. A relative prefix such as the default
  /// goes into the rule's help text instead, since helpUri must be absolute.
  std::string docs_base{kDefaultDocsBase};
  /// tool.driver.informationUri, omitted when empty.
  std::string information_uri;
  /// The `[severity]` overrides of .tlslint.toml. A rule's
  /// defaultConfiguration.level shows the level its findings get.
  std::map<std::string, engine::Severity> severity;
};

/// Formats the report as a SARIF 2.1.0 log with one run. `registry` lists
/// the rules in tool.driver.rules, and ruleIndex points into that list.
std::string write_sarif(const Report& report, const engine::Registry& registry,
                        const SarifOptions& options = {});

/// Percent-encodes a file path for a URI: every byte except letters,
/// digits, "-._~/" is written as %XX.
std::string encode_uri_path(const std::string& path);

}  // namespace tlslint::output
