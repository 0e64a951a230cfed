#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "syntax/source.h"

namespace tlslint::syntax {

/// One argument of a directive. `value` is the text nginx would use: quotes
/// removed, `\"`, `\'` and `\\` unescaped and `\t`, `\r`, `\n` turned into
/// control characters, in quoted and unquoted tokens alike. `span` covers
/// the raw bytes, quotes included.
struct Argument {
  std::string value;
  Span span;
  bool quoted = false;
};

/// A `#` comment. `text` excludes the `#` and the line break.
struct Comment {
  std::string text;
  Span span;
};

/// A directive, named after crossplane's vocabulary: name, args and, for
/// `name ... { }`, a block of child directives.
struct Directive {
  std::string name;
  Span name_span;
  bool name_quoted = false;
  std::vector<Argument> args;
  /// The `;` or `{` that ends the directive header.
  Span terminator;
  bool has_block = false;
  std::vector<Directive> block;
  /// The `}` that closes `block` (or the Lua code of a `*_by_lua_block`
  /// directive, whose code is its last argument). All zero when a syntax
  /// error cut the block off, and unused for other directives.
  Span block_end;
  /// Comments found between the name and the terminator.
  std::vector<Comment> inner_comments;
  /// Index of the file this directive was read from (see config::Config).
  std::size_t file = 0;
  /// For `include`: indexes of the files it matched, in nginx's order.
  std::vector<std::size_t> includes;

  std::size_t line() const { return name_span.begin.line; }
  std::size_t column() const { return name_span.begin.column; }
};

/// A syntax error, worded as `nginx -t` words it (without the
/// " in FILE:LINE" suffix, which the caller adds).
struct SyntaxError {
  std::string message;
  Position where;
};

/// The statements and comments of one file.
struct ParsedFile {
  std::vector<Directive> directives;
  /// Comments in statement position, in file order.
  std::vector<Comment> comments;
  /// Empty when the file parsed. The parser stops at the first error, as
  /// nginx does; the directives read before it are kept.
  std::vector<SyntaxError> errors;
};

}  // namespace tlslint::syntax
