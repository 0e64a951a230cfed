#pragma once

#include <ostream>
#include <string>

#include "engine/registry.h"

namespace tlslint::cli {

/// Prints --list-rules: one line per rule (id, default severity, "fixable"
/// or "-", summary) for "text", a JSON array for "json", or one Markdown
/// table per family for "markdown" (the tables of docs/rules/README.md).
void list_rules(std::ostream& out, const engine::Registry& registry,
                const std::string& format);

}  // namespace tlslint::cli
