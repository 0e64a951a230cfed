#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlslint::crossplane {

/// One token of crossplane's lexer. `text` points into the lexed text, or
/// into LexResult::owned for a quoted string that lost escape backslashes.
struct Token {
  std::string_view text;
  int line = 0;
  bool quoted = false;
};

/// A lexer failure; crossplane raises it after the tokens produced before it.
struct LexError {
  std::string reason;  ///< message without the " in None:LINE" suffix
  int line = 0;
};

/// Tokens of one file and how the token stream ended.
struct LexResult {
  std::vector<Token> tokens;
  std::deque<std::string> owned;  ///< texts that are not slices of the input
  std::optional<LexError> error;
  /// The input ended inside a quoted string or a Lua block (nginx mode).
  bool truncated = false;
  /// The input ended inside a Lua block (nginx mode).
  bool truncated_lua = false;
  /// nginx's line counter at the end of the input: 1 + the number of LFs.
  int end_line = 1;
};

/// Choice of reading where crossplane reads a config
/// differently from nginx (docs/crossplane-compat.md lists each case).
enum class Dialect {
  /// nginx's reading: a word ends at whitespace, ";" or "{" (not "}"), a
  /// quoted string must be followed by whitespace, ";" or "{", nothing is
  /// dropped at the end of the input, and a lone CR is whitespace.
  nginx,
  /// crossplane 0.5.7's reading, byte for byte (--crossplane-quirks).
  crossplane,
};

/// Splits decoded config text (see decode_config_text) into crossplane's
/// tokens: escape pairs, the `${` rule, comments, quoted strings and Lua
/// blocks. The tokens refer to `text`, which must outlive them.
LexResult lex(std::string_view text, Dialect dialect = Dialect::crossplane);

}  // namespace tlslint::crossplane
