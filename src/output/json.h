#pragma once

#include <string>

#include "output/report.h"

namespace tlslint::output {

/// The value of the "version" field of the JSON document. It changes only
/// when a field is removed or changes meaning (docs/json-output.md).
inline constexpr int kJsonFormatVersion = 1;

struct JsonOptions {
  /// Prefix of each finding's "docs" URL.
  std::string docs_base{kDefaultDocsBase};
};

/// Formats the report as one JSON document, indented by two spaces and
/// ending with a newline (the shape is described in docs/json-output.md).
std::string write_json(const Report& report, const JsonOptions& options = {});

}  // namespace tlslint::output
