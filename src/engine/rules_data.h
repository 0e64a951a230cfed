#pragma once

#include <string_view>
#include <vector>

namespace tlslint::engine {

/// The text of one rules/*.toml file, compiled into the binary.
struct RuleSource {
  std::string_view file_name;
  std::string_view text;
};

/// Every rules/*.toml file, sorted by name.
const std::vector<RuleSource>& rule_sources();

}  // namespace tlslint::engine
