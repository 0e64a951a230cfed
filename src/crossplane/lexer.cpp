#include "crossplane/lexer.h"

#include <array>

#include "crossplane/text.h"

namespace tlslint::crossplane {
namespace {

// lua-nginx-module directives whose block body crossplane reads as one
// string when they stand in directive position.
constexpr std::array<std::string_view, 13> kLuaBlockDirectives = {
    "access_by_lua_block",
    "balancer_by_lua_block",
    "body_filter_by_lua_block",
    "content_by_lua_block",
    "header_filter_by_lua_block",
    "init_by_lua_block",
    "init_worker_by_lua_block",
    "log_by_lua_block",
    "rewrite_by_lua_block",
    "set_by_lua_block",
    "ssl_certificate_by_lua_block",
    "ssl_session_fetch_by_lua_block",
    "ssl_session_store_by_lua_block",
};

bool is_lua_block_directive(std::string_view name) {
  constexpr std::string_view kSuffix = "_by_lua_block";
  if (name.size() <= kSuffix.size() ||
      name.substr(name.size() - kSuffix.size()) != kSuffix) {
    return false;
  }
  for (std::string_view candidate : kLuaBlockDirectives) {
    if (candidate == name) return true;
  }
  return false;
}

/// One lexer unit: a code point, or a backslash and the code point after it.
struct Unit {
  std::string_view text;
  int line = 0;

  bool is(char c) const { return text.size() == 1 && text[0] == c; }
  bool ends_with_newline() const { return text.back() == '\n'; }
  bool is_space() const {
    return text[0] != '\\' && is_python_space(text.data(), text.size());
  }
};

/// Thrown when the unit stream ends; the token being built is dropped.
struct EndOfInput {};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  LexResult run() {
    try {
      tokenize();
    } catch (const EndOfInput&) {
    } catch (const LexError& error) {
      result_.error = error;
    }
    return std::move(result_);
  }

 private:
  // Returns the length of the unit at `pos`, or 0 at the end of the stream.
  // A backslash that is the last character ends the stream.
  std::size_t unit_length(std::size_t pos) const {
    if (pos >= text_.size()) return 0;
    unsigned char lead = static_cast<unsigned char>(text_[pos]);
    if (lead != '\\') return utf8_length(lead);
    if (pos + 1 >= text_.size()) return 0;
    return 1 + utf8_length(static_cast<unsigned char>(text_[pos + 1]));
  }

  Unit next() {
    std::size_t length = unit_length(pos_);
    if (length == 0) throw EndOfInput{};
    Unit unit{text_.substr(pos_, length), 0};
    pos_ += length;
    if (unit.ends_with_newline()) ++line_;
    unit.line = line_;
    return unit;
  }

  bool peek_is(char c) const {
    return unit_length(pos_) == 1 && text_[pos_] == c;
  }

  void emit(std::string text, int line, bool quoted) {
    result_.tokens.push_back(Token{std::move(text), line, quoted});
  }

  void tokenize();
  void read_comment(Unit unit);
  void read_quoted(Unit quote);
  void read_lua_block(std::string_view name);
  void read_lua_string(Unit quote, std::string& body);

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
  LexResult result_;
};

void Lexer::tokenize() {
  std::string token;
  int token_line = 0;
  bool directive_position = true;
  for (;;) {
    Unit unit = next();
    if (unit.is_space()) {
      if (!token.empty()) {
        std::string name = token;
        emit(std::move(token), token_line, false);
        token.clear();
        if (directive_position && is_lua_block_directive(name)) {
          read_lua_block(name);
          directive_position = true;
        } else {
          directive_position = false;
        }
      }
      while (unit.is_space()) unit = next();
    }
    if (token.empty() && unit.is('#')) {
      read_comment(unit);
      continue;
    }
    if (token.empty()) token_line = unit.line;

    // Inside "${", crossplane copies units until the word ends with "}" or a
    // whitespace unit arrives; that whitespace then joins the word.
    if (!token.empty() && token.back() == '$' && unit.is('{')) {
      while (token.back() != '}' && !unit.is_space()) {
        token.append(unit.text);
        unit = next();
      }
    }
    if (unit.is('"') || unit.is('\'')) {
      if (!token.empty()) {
        token.append(unit.text);
        continue;
      }
      read_quoted(unit);
      const std::string& quoted = result_.tokens.back().text;
      if (directive_position && is_lua_block_directive(quoted)) {
        read_lua_block(std::string(quoted));
        directive_position = true;
      } else {
        directive_position = false;
      }
      continue;
    }

    if (unit.is('{') || unit.is('}') || unit.is(';')) {
      if (!token.empty()) {
        emit(std::move(token), token_line, false);
        token.clear();
      }
      emit(std::string(unit.text), unit.line, false);
      directive_position = true;
      continue;
    }
    token.append(unit.text);
  }
}

void Lexer::read_comment(Unit unit) {
  // The comment keeps the line of its "#"; the unit ending with LF (also an
  // escaped LF) ends it and is consumed. At end of input it is dropped.
  int line = unit.line;
  std::string comment;
  while (!unit.ends_with_newline()) {
    comment.append(unit.text);
    unit = next();
  }
  emit(std::move(comment), line, false);
}

void Lexer::read_quoted(Unit quote) {
  int line = quote.line;
  char quote_char = quote.text[0];
  std::string value;
  for (Unit unit = next(); !unit.is(quote_char); unit = next()) {
    // Only backslash + the same quote loses its backslash.
    if (unit.text.size() == 2 && unit.text[0] == '\\' &&
        unit.text[1] == quote_char) {
      value.push_back(quote_char);
    } else {
      value.append(unit.text);
    }
  }
  emit(std::move(value), line, true);
}

void Lexer::read_lua_block(std::string_view name) {
  if (name == "set_by_lua_block") {
    // The one Lua block directive with an argument before its body.
    std::string argument;
    for (;;) {
      Unit unit = next();
      if (unit.is_space()) {
        if (!argument.empty()) {
          emit(std::move(argument), unit.line, false);
          break;
        }
        while (unit.is_space()) unit = next();
      }
      argument.append(unit.text);
    }
  }
  Unit unit = next();
  while (unit.is_space()) unit = next();
  if (!unit.is('{')) {
    throw LexError{"expected { to start Lua block", unit.line};
  }

  std::string body;
  int depth = 1;
  for (;;) {
    unit = next();
    if (unit.is('-') && peek_is('-')) {
      // A Lua line comment runs to the next plain LF; braces in it do not
      // count, and neither do long brackets, which crossplane ignores.
      body.append(unit.text);
      do {
        unit = next();
        body.append(unit.text);
      } while (!unit.is('\n'));
      continue;
    }
    if (unit.is('"') || unit.is('\'')) {
      read_lua_string(unit, body);
      continue;
    }
    if (unit.is('{')) {
      ++depth;
    } else if (unit.is('}') && --depth == 0) {
      emit(std::move(body), unit.line, true);
      emit(";", unit.line, false);
      return;
    }
    body.append(unit.text);
  }
}

void Lexer::read_lua_string(Unit quote, std::string& body) {
  body.append(quote.text);
  Unit unit = next();
  while (!unit.is(quote.text[0])) {
    body.append(unit.text);
    unit = next();
  }
  body.append(unit.text);
}

}  // namespace

LexResult lex(std::string_view text) { return Lexer(text).run(); }

}  // namespace tlslint::crossplane
