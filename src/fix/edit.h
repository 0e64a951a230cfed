#pragma once

#include <string>
#include <vector>

#include "engine/diagnostic.h"

namespace tlslint::fix {

/// The accepted edits of one file, sorted by position, with no overlap.
struct FileEdits {
  std::string file;
  std::vector<engine::Edit> edits;
  /// Rule ids whose fixes touch this file.
  std::vector<std::string> rules;
  /// Reasons, one line each, for fixes placed here for findings in another
  /// file (certbot's options file); printed above the file's diff.
  std::vector<std::string> headers;
};

/// The edits chosen from a set of findings, and the fixes left out.
struct Plan {
  std::vector<FileEdits> files;
  /// One message per rejected fix: it overlaps a fix of an earlier finding.
  std::vector<std::string> rejected;
  /// Number of findings whose fix was accepted, per rule id.
  std::vector<std::pair<std::string, int>> fixed_rules;
};

/// True when the two edits touch the same bytes. Two insertions at one
/// offset overlap (their order would be a guess); an insertion at the edge
/// of a replaced range does not.
bool overlaps(const engine::Edit& a, const engine::Edit& b);

/// Collects the fixes of `findings` in order. A fix whose edits all equal or
/// avoid the accepted ones is taken (equal edits are kept once), and a fix
/// with an edit that overlaps a different accepted edit is rejected whole.
Plan plan_fixes(const std::vector<engine::Finding>& findings);

/// Applies sorted, non-overlapping edits to `text`, the bytes they were
/// computed on.
std::string apply_edits(const std::string& text,
                        const std::vector<engine::Edit>& edits);

}  // namespace tlslint::fix
