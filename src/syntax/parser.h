#pragma once

#include <cstddef>
#include <string_view>

#include "syntax/ast.h"

namespace tlslint::syntax {

/// Deeper nesting is rejected with an error instead of risking the stack
/// (nginx.conf files in the wild nest a handful of levels).
inline constexpr std::size_t kMaxBlockDepth = 200;

struct ParseOptions {
  /// Stored in every Directive::file of the result.
  std::size_t file_index = 0;
  std::size_t max_depth = kMaxBlockDepth;
};

/// Parses nginx configuration text with nginx's own tokenizer rules
/// (ngx_conf_read_token). Never throws on bad input: errors are returned in
/// ParsedFile::errors.
ParsedFile parse(std::string_view text, const ParseOptions& options = {});

}  // namespace tlslint::syntax
