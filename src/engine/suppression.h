#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "config/config.h"
#include "engine/context.h"
#include "engine/diagnostic.h"
#include "engine/registry.h"

namespace tlslint::engine {

/// One rule id of a `# tlslint: disable=...` or `disable-file=...` comment.
struct Suppression {
  std::string rule_id;
  /// The place of the id inside the comment.
  Location where;
  /// True for `disable-file`, which covers the whole file.
  bool whole_file = false;
  /// The text after " -- ", or "" when there is none.
  std::string reason;
};

/// Parses one comment's text (without the `#`). Returns the ids it names,
/// or nothing when the comment is not a suppression. `at` is the place of
/// the `#`, and each id gets its own column.
std::vector<Suppression> parse_suppression(const std::string& comment_text,
                                           const Location& at);

/// Drops the findings that a suppression comment covers, then adds
/// suppression-unknown-rule for ids the registry lacks and
/// suppression-unused for ids that covered no finding. The result is not
/// sorted. Unused suppressions are not reported after a syntax error
/// (the other checks did not run) nor for rules in `options.disabled`.
std::vector<Finding> apply_suppressions(const config::Config& config,
                                        const Registry& registry,
                                        const Options& options,
                                        std::vector<Finding> findings);

}  // namespace tlslint::engine
