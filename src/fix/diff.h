#pragma once

#include <string>
#include <vector>

#include "engine/diagnostic.h"

namespace tlslint::fix {

/// Writes a unified diff (3 lines of context, `--- a/PATH` and `+++ b/PATH`)
/// of `edits` applied to `text`, in the form `git apply` and `patch -p1`
/// read. `path` is relative to the directory the patch is applied in.
/// Returns "" when the edits change nothing.
std::string unified_diff(const std::string& path, const std::string& text,
                         const std::vector<engine::Edit>& edits);

}  // namespace tlslint::fix
