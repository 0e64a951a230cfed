#pragma once

#include <cstddef>
#include <ostream>
#include <vector>

#include "engine/diagnostic.h"

namespace tlslint::output {

/// Counts printed in the final line.
struct Summary {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;
  std::size_t files = 0;
  std::size_t certificates = 0;
};

Summary count(const std::vector<engine::Finding>& findings);

/// Writes one `file:line:col: severity: message [rule-id]` line per finding,
/// each followed by its `note:` lines, as clang-tidy and gcc do.
void write_text(std::ostream& out,
                const std::vector<engine::Finding>& findings, bool color);

/// A note that belongs to no finding, e.g. an assumed nginx version.
void write_note(std::ostream& out, const std::string& message, bool color);

/// "2 errors, 1 warning, 0 infos in 3 files; 2 certificate files checked".
void write_summary(std::ostream& out, const Summary& summary, bool color);

}  // namespace tlslint::output
