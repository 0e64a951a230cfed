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
};

/// Splits decoded config text (see decode_config_text) into crossplane's
/// tokens, including its quirks: escape pairs, the `${` rule, comments,
/// quoted strings and Lua blocks. The tokens refer to `text`, which must
/// outlive them.
LexResult lex(std::string_view text);

}  // namespace tlslint::crossplane
