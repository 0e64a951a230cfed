#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/ast.h"
#include "syntax/source.h"

namespace tlslint::syntax {

/// nginx 1.22 reads a configuration through a 4096-byte buffer
/// (NGX_CONF_BUFFER in ngx_conf_file.c), so a longer word, quoted string or
/// comment fails with "too long parameter".
inline constexpr std::size_t kMaxTokenBytes = 4096;

enum class TokenKind {
  word,
  quoted,
  open_brace,
  close_brace,
  semicolon,
  comment,
  /// The raw text between the braces of a `*_by_lua_block` directive.
  lua_body,
};

/// One token of nginx configuration text.
struct Token {
  TokenKind kind;
  /// The text nginx uses: for words and quoted strings the unescaped value
  /// (quotes removed), for comments the text after `#` without the line
  /// break, for Lua bodies the bytes between the braces.
  std::string value;
  /// The raw bytes, quotes and `#` included.
  Span span;
};

/// The tokens of one text. When `error` is set, lexing stopped there and
/// `tokens` contains every token before it.
struct LexResult {
  std::vector<Token> tokens;
  std::optional<SyntaxError> error;
};

/// Receives each token as it is read; returning false stops lexing.
using TokenSink = std::function<bool(Token&&)>;

/// Splits text into tokens with nginx's tokenizer rules
/// (ngx_conf_read_token) and lua-nginx-module's rules for Lua block bodies,
/// passing them to `sink` in order. Returns the error that stopped lexing,
/// or nothing when the text ended or `sink` stopped it. Bad input gives an
/// error, not an exception.
std::optional<SyntaxError> lex(std::string_view text, const TokenSink& sink);

/// Lexes all of `text` into a token list.
LexResult lex(std::string_view text);

/// Returns the error for the first NUL byte of `text`, if any. nginx reads
/// NUL as an ordinary byte, but a file that contains one is binary.
std::optional<SyntaxError> find_nul_byte(std::string_view text);

/// Returns the error for a UTF-8 byte order mark at the start of `text`.
/// nginx reads the mark as part of the first word, so `nginx -t` fails
/// with an unknown directive whose name starts with it.
std::optional<SyntaxError> find_byte_order_mark(std::string_view text);

/// Returns the Position after `bytes`, which start at `from`.
Position advance(Position from, std::string_view bytes);

}  // namespace tlslint::syntax
