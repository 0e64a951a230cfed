#include "syntax/lexer.h"

#include <fmt/format.h>

#include <string>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/raw_string.hpp>
#include <utility>

namespace tlslint::grammar {

namespace pegtl = tao::pegtl;

// Token rules follow ngx_conf_read_token() in nginx 1.22
// (src/core/ngx_conf_file.c). Only space, tab, CR and LF separate tokens.
struct space_char : pegtl::one<' ', '\t', '\r', '\n'> {};
struct blanks : pegtl::plus<space_char> {};

// `#` starts a comment only where a token could start; inside a word it is
// an ordinary character.
struct comment
    : pegtl::seq<pegtl::one<'#'>, pegtl::star<pegtl::not_one<'\n'>>> {};

// A backslash takes the next byte into the token whatever it is. A backslash
// at the end of the file stays in the word, and nginx then reports the
// unexpected end of file.
struct escape_pair : pegtl::seq<pegtl::one<'\\'>, pegtl::opt<pegtl::any>> {};

// nginx does not end a word at `{` bytes right after `$`, so `${name}` stays
// in one word. A `;` inside the braces still ends it.
struct variable_sign
    : pegtl::seq<pegtl::one<'$'>, pegtl::star<pegtl::one<'{'>>> {};

struct word_first : pegtl::sor<escape_pair, variable_sign,
                               pegtl::not_one<' ', '\t', '\r', '\n', ';', '{',
                                              '}', '#', '"', '\''>> {};
// `}`, `#` and quotes inside a word are ordinary characters in nginx.
struct word_char : pegtl::sor<escape_pair, variable_sign,
                              pegtl::not_one<' ', '\t', '\r', '\n', ';', '{'>> {
};
struct word : pegtl::seq<word_first, pegtl::star<word_char>> {};

struct unterminated_string : pegtl::eof {};

template <char Quote>
struct quoted_text
    : pegtl::seq<pegtl::one<Quote>,
                 pegtl::star<pegtl::sor<escape_pair, pegtl::not_one<Quote>>>,
                 pegtl::sor<pegtl::one<Quote>, unterminated_string>> {};
struct double_quoted : quoted_text<'"'> {};
struct single_quoted : quoted_text<'\''> {};

// After a closing quote nginx accepts only whitespace, `;`, `{` or `)`.
struct unexpected_after_quote : pegtl::any {};
struct after_quote
    : pegtl::sor<pegtl::at<space_char>, pegtl::at<pegtl::one<';', '{', ')'>>,
                 pegtl::eof, unexpected_after_quote> {};
struct quoted
    : pegtl::seq<pegtl::sor<double_quoted, single_quoted>, after_quote> {};

// Lua block bodies follow lua-nginx-module's block lexer
// (ngx_http_lua_conf_read_lua_token): braces nest, and braces inside Lua
// strings, long brackets and comments do not count.
struct lua_enter : pegtl::success {};
struct lua_long_bracket : pegtl::raw_string<'[', '=', ']'> {};
struct lua_unclosed_long_bracket
    : pegtl::seq<pegtl::one<'['>, pegtl::star<pegtl::one<'='>>,
                 pegtl::one<'['>> {};
struct lua_long_comment : pegtl::seq<pegtl::two<'-'>, lua_long_bracket> {};
struct lua_unclosed_long_comment
    : pegtl::seq<pegtl::two<'-'>, lua_unclosed_long_bracket> {};
struct lua_line_comment
    : pegtl::seq<pegtl::two<'-'>, pegtl::star<pegtl::not_one<'\n'>>> {};
// NOTE: a Lua string may run over line ends here, although Lua rejects that.
// An unclosed string therefore runs to the end of the file.
template <char Quote>
struct lua_string
    : pegtl::seq<pegtl::one<Quote>,
                 pegtl::until<pegtl::sor<pegtl::one<Quote>, pegtl::eof>,
                              pegtl::sor<escape_pair, pegtl::any>>> {};
struct lua_open_brace : pegtl::one<'{'> {};
struct lua_close_brace : pegtl::one<'}'> {};
struct lua_piece
    : pegtl::sor<lua_long_comment, lua_unclosed_long_comment, lua_line_comment,
                 lua_long_bracket, lua_unclosed_long_bracket, lua_string<'"'>,
                 lua_string<'\''>, lua_open_brace, lua_close_brace,
                 pegtl::not_one<'}'>> {};
struct lua_eof : pegtl::eof {};
struct lua_body : pegtl::seq<lua_enter, pegtl::star<lua_piece>,
                             pegtl::sor<pegtl::at<pegtl::one<'}'>>, lua_eof>> {
};

struct open_brace : pegtl::one<'{'> {};
struct close_brace : pegtl::one<'}'> {};
struct semicolon : pegtl::one<';'> {};

struct token : pegtl::sor<lua_body, blanks, comment, open_brace, close_brace,
                          semicolon, quoted, word> {};
struct config : pegtl::seq<pegtl::star<token>, pegtl::eof> {};

}  // namespace tlslint::grammar

namespace tlslint::syntax {
namespace {

namespace pegtl = tao::pegtl;

/// Thrown by an action to stop lexing at the first error, as nginx does.
struct LexFailure {
  SyntaxError error;
};

/// Thrown when the token sink returns false.
struct LexStopped {};

struct LexState {
  std::string_view text;
  const TokenSink* sink = nullptr;
  /// True where the next word or string is a directive name.
  bool statement_start = true;
  /// The current directive is `*_by_lua_block`, so its `{` opens Lua code.
  bool lua_pending = false;
  bool in_lua = false;
  std::size_t lua_depth = 0;
};

constexpr std::string_view kLuaBlockSuffix = "_by_lua_block";
constexpr std::string_view kUnexpectedEof =
    "unexpected end of file, expecting \";\" or \"}\"";

template <typename ActionInput>
Position begin_of(const ActionInput& in) {
  const auto p = in.position();
  return Position{p.byte, p.line, p.column};
}

template <typename ActionInput>
Span span_of(const ActionInput& in) {
  const Position begin = begin_of(in);
  return Span{begin, advance(begin, in.string_view())};
}

/// Applies nginx's unescaping, which it does for every token: `\"`, `\'`
/// and `\\` become the character, `\t`, `\r` and `\n` become control
/// characters, and any other backslash stays.
std::string unescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) {
      const char next = raw[i + 1];
      char replacement = 0;
      switch (next) {
        case '"':
        case '\'':
        case '\\':
          replacement = next;
          break;
        case 't':
          replacement = '\t';
          break;
        case 'r':
          replacement = '\r';
          break;
        case 'n':
          replacement = '\n';
          break;
        default:
          break;
      }
      if (replacement != 0) {
        out += replacement;
        ++i;
        continue;
      }
    }
    out += raw[i];
  }
  return out;
}

std::optional<LexFailure> check_length(std::string_view text,
                                       const Token& token);

/// Passes a token on, after nginx's length check.
void emit(LexState& state, Token&& token) {
  if (auto failure = check_length(state.text, token)) {
    throw *failure;
  }
  if (!(*state.sink)(std::move(token))) {
    throw LexStopped{};
  }
}

void add_value_token(LexState& state, TokenKind kind, std::string value,
                     Span span) {
  if (state.statement_start) {
    state.statement_start = false;
    state.lua_pending = value.ends_with(kLuaBlockSuffix);
  }
  emit(state, Token{kind, std::move(value), span});
}

void add_terminator(LexState& state, TokenKind kind, char c, Span span) {
  state.statement_start = true;
  state.lua_pending = false;
  emit(state, Token{kind, std::string(1, c), span});
}

template <typename Rule>
struct LexAction : pegtl::nothing<Rule> {};

template <>
struct LexAction<grammar::word> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LexState& state) {
    add_value_token(state, TokenKind::word, unescape(in.string_view()),
                    span_of(in));
  }
};

struct QuotedAction {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LexState& state) {
    const std::string_view raw = in.string_view();
    add_value_token(state, TokenKind::quoted,
                    unescape(raw.substr(1, raw.size() - 2)), span_of(in));
  }
};

template <>
struct LexAction<grammar::double_quoted> : QuotedAction {};
template <>
struct LexAction<grammar::single_quoted> : QuotedAction {};

template <>
struct LexAction<grammar::comment> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LexState& state) {
    std::string_view raw = in.string_view();
    // The CR of a CRLF line end belongs to the line break, not the text.
    if (raw.ends_with('\r')) {
      raw.remove_suffix(1);
    }
    const Position begin = begin_of(in);
    emit(state, Token{TokenKind::comment, std::string(raw.substr(1)),
                      Span{begin, advance(begin, raw)}});
  }
};

template <>
struct LexAction<grammar::open_brace> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LexState& state) {
    if (state.lua_pending) {
      state.in_lua = true;
      state.lua_depth = 0;
    }
    add_terminator(state, TokenKind::open_brace, '{', span_of(in));
  }
};

template <>
struct LexAction<grammar::close_brace> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LexState& state) {
    add_terminator(state, TokenKind::close_brace, '}', span_of(in));
  }
};

template <>
struct LexAction<grammar::semicolon> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LexState& state) {
    add_terminator(state, TokenKind::semicolon, ';', span_of(in));
  }
};

template <>
struct LexAction<grammar::unterminated_string> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LexState& /*state*/) {
    throw LexFailure{SyntaxError{std::string(kUnexpectedEof), begin_of(in)}};
  }
};

template <>
struct LexAction<grammar::unexpected_after_quote> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LexState& /*state*/) {
    const Position where = begin_of(in);
    throw LexFailure{
        SyntaxError{fmt::format("unexpected \"{}\"", in.string_view()), where}};
  }
};

template <>
struct LexAction<grammar::lua_enter> {
  static bool apply0(LexState& state) { return state.in_lua; }
};

template <>
struct LexAction<grammar::lua_open_brace> {
  static void apply0(LexState& state) { ++state.lua_depth; }
};

template <>
struct LexAction<grammar::lua_close_brace> {
  // Failing here leaves the `}` that closes the body to the outer rules.
  static bool apply0(LexState& state) {
    if (state.lua_depth == 0) {
      return false;
    }
    --state.lua_depth;
    return true;
  }
};

template <>
struct LexAction<grammar::lua_unclosed_long_bracket> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LexState& /*state*/) {
    // The closing bracket of `[==[` is `]==]`.
    std::string closing(in.string_view());
    closing.front() = ']';
    closing.back() = ']';
    const Position where = begin_of(in);
    throw LexFailure{
        SyntaxError{fmt::format("Lua code block missing the closing long "
                                "bracket \"{}\", the inlined Lua code may be "
                                "too long",
                                closing),
                    where}};
  }
};

// lua-nginx-module logs an unclosed body with nginx's line counter, which is
// then at the end of the input, as in nginx's own end-of-file errors.
template <>
struct LexAction<grammar::lua_eof> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LexState& /*state*/) {
    throw LexFailure{
        SyntaxError{"unexpected end of file, expecting "
                    "terminating characters for lua code block",
                    begin_of(in)}};
  }
};

template <>
struct LexAction<grammar::lua_body> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LexState& state) {
    state.in_lua = false;
    emit(state, Token{TokenKind::lua_body, in.string(), span_of(in)});
  }
};

/// Returns the last byte offset whose read still counts toward `token` in
/// nginx's buffer: nginx moves its token start only when it reads a byte
/// outside any token.
std::size_t hold_end(std::string_view text, const Token& token) {
  const std::size_t end = token.span.end.offset;
  if (token.kind == TokenKind::comment) {
    const std::size_t line_feed = text.find('\n', token.span.begin.offset);
    return line_feed == std::string_view::npos ? text.size() : line_feed;
  }
  if (end < text.size()) {
    const char next = text[end];
    if (next == ' ' || next == '\t' || next == '\r' || next == '\n') {
      return end + 1;
    }
  }
  return end;
}

/// Returns nginx's "too long parameter" error when `token` would not fit
/// its buffer.
std::optional<LexFailure> check_length(std::string_view text,
                                       const Token& token) {
  if (token.kind != TokenKind::word && token.kind != TokenKind::quoted &&
      token.kind != TokenKind::comment) {
    return std::nullopt;
  }
  const bool quoted = token.kind == TokenKind::quoted;
  const std::size_t start = token.span.begin.offset + (quoted ? 1 : 0);
  // nginx fails when it must refill a buffer that the token fills whole;
  // at the end of the file it never refills.
  const std::size_t refill_at = start + kMaxTokenBytes;
  if (refill_at >= text.size() || refill_at > hold_end(text, token)) {
    return std::nullopt;
  }
  std::string message;
  const std::size_t closing_quote = token.span.end.offset - 1;
  if (quoted && refill_at <= closing_quote) {
    message = fmt::format(
        "too long parameter, probably missing terminating \"{}\" character",
        text[token.span.begin.offset]);
  } else {
    message = fmt::format("too long parameter \"{}...\" started",
                          text.substr(start, 10));
  }
  return LexFailure{SyntaxError{std::move(message), token.span.begin}};
}

}  // namespace

Position advance(Position from, std::string_view bytes) {
  for (const char c : bytes) {
    ++from.offset;
    if (c == '\n') {
      ++from.line;
      from.column = 1;
    } else {
      ++from.column;
    }
  }
  return from;
}

std::optional<SyntaxError> find_nul_byte(std::string_view text) {
  const std::size_t nul = text.find('\0');
  if (nul == std::string_view::npos) {
    return std::nullopt;
  }
  return SyntaxError{
      "file contains a NUL byte; it is not an nginx configuration file",
      advance(Position{}, text.substr(0, nul))};
}

std::optional<SyntaxError> find_byte_order_mark(std::string_view text) {
  if (!text.starts_with("\xEF\xBB\xBF")) {
    return std::nullopt;
  }
  return SyntaxError{
      "file starts with a UTF-8 byte order mark, which nginx reads as part "
      "of the first directive name; save the file without it",
      Position{}};
}

std::optional<SyntaxError> lex(std::string_view text, const TokenSink& sink) {
  std::optional<SyntaxError> nul = find_nul_byte(text);
  if (nul) {
    text = text.substr(0, nul->where.offset);
  }
  LexState state;
  state.text = text;
  state.sink = &sink;
  pegtl::memory_input<pegtl::tracking_mode::eager> input(text.data(),
                                                         text.size(), "");
  try {
    pegtl::parse<grammar::config, LexAction>(input, state);
  } catch (const LexFailure& failure) {
    return nul ? nul : failure.error;
  } catch (const LexStopped&) {
    return std::nullopt;
  }
  return nul;
}

LexResult lex(std::string_view text) {
  LexResult result;
  result.error = lex(text, [&result](Token&& token) {
    result.tokens.push_back(std::move(token));
    return true;
  });
  return result;
}

}  // namespace tlslint::syntax
