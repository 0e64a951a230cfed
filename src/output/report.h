#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.h"
#include "output/text.h"

namespace tlslint::output {

/// The docs base used when the caller gives none: a path relative to the
/// tlslint source tree, since no published URL is known.
inline constexpr std::string_view kDefaultDocsBase = "docs/rules/";

/// Everything a writer needs for one run of tlslint.
struct Report {
  /// Sorted as engine::run_checks returns them, one configuration after the
  /// other.
  std::vector<engine::Finding> findings;
  /// The paths given on the command line (or the default nginx.conf).
  std::vector<std::string> inputs;
  Summary summary;
  /// Notes that belong to no finding, e.g. an assumed nginx version.
  std::vector<std::string> tool_notes;
  /// Inputs that could not be read (missing, a directory, unreadable).
  std::vector<std::string> errors;
  /// True when an input could not be fully checked (exit status 2).
  bool incomplete = false;
  /// The .tlslint.toml whose settings were used; empty when none was.
  std::string config_file;
};

/// Joins `base` and "<rule_id>.md", adding a "/" when a non-empty `base`
/// lacks one.
inline std::string docs_url(std::string_view base, std::string_view rule_id) {
  std::string url(base);
  if (!url.empty() && url.back() != '/') url += '/';
  url += rule_id;
  url += ".md";
  return url;
}

}  // namespace tlslint::output
