#pragma once

#include <string_view>
#include <vector>

namespace tlslint::cli {

/// One docs/rules/<id>.md page, compiled into the binary.
struct RuleDoc {
  std::string_view rule_id;
  std::string_view text;
};

/// Every rule's docs page, sorted by rule id.
const std::vector<RuleDoc>& rule_docs();

}  // namespace tlslint::cli
