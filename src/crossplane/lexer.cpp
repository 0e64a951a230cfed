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

/// Returns true for bytes that the lexer always appends to the current word:
/// printable ASCII other than quotes, braces, ";", "#" and backslash.
bool is_plain_word_byte(char c) {
  unsigned char byte = static_cast<unsigned char>(c);
  if (byte <= 0x20 || byte >= 0x7F) return false;
  switch (c) {
    case '{':
    case '}':
    case ';':
    case '"':
    case '\'':
    case '#':
    case '\\':
      return false;
    default:
      return true;
  }
}

/// One lexer unit: a code point, or a backslash and the code point after it.
struct Unit {
  std::string_view text;
  int line = 0;

  bool is(char c) const { return text.size() == 1 && text[0] == c; }
  bool ends_with_newline() const { return text.back() == '\n'; }
  bool is_space() const {
    if (text.size() == 1) {
      unsigned char c = static_cast<unsigned char>(text[0]);
      return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
    return text[0] != '\\' && is_python_space(text.data(), text.size());
  }
};

/// Thrown when the unit stream ends; the token being built is dropped.
struct EndOfInput {};

/// The word being built. Its units are always consecutive in the text, so
/// it is a range of the text.
struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  int line = 0;

  bool empty() const { return begin == end; }
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {
    // About one token per six bytes in typical configs.
    result_.tokens.reserve(text.size() / 6 + 16);
  }

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

  // Skips ASCII spaces, tabs and newlines without building units.
  void skip_ascii_space() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\n') {
        ++line_;
      } else if (c != ' ' && c != '\t') {
        return;
      }
      ++pos_;
    }
  }

  bool peek_is(char c) const {
    return unit_length(pos_) == 1 && text_[pos_] == c;
  }

  // Appends the unit that ends at pos_ to `word`.
  void append(Word& word, const Unit& unit) {
    if (word.empty()) {
      word.begin = pos_ - unit.text.size();
      word.line = unit.line;
    }
    word.end = pos_;
  }

  std::string_view view(std::size_t begin, std::size_t end) const {
    return text_.substr(begin, end - begin);
  }

  void emit(std::string_view text, int line, bool quoted) {
    result_.tokens.push_back(Token{text, line, quoted});
  }

  void tokenize();
  void read_comment(Unit unit);
  void read_quoted(Unit quote);
  void read_lua_block(std::string_view name);
  void skip_lua_string(Unit quote);

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
  LexResult result_;
};

void Lexer::tokenize() {
  Word word;
  bool directive_position = true;
  for (;;) {
    // Fast path: printable ASCII that cannot start or end a token joins the
    // word as a whole run. "$" is included because "{" is checked per unit.
    std::size_t run = pos_;
    while (run < text_.size() && is_plain_word_byte(text_[run])) ++run;
    if (run != pos_) {
      if (word.empty()) {
        word.begin = pos_;
        word.line = line_;
      }
      word.end = run;
      pos_ = run;
    }
    Unit unit = next();
    if (unit.is_space()) {
      if (!word.empty()) {
        std::string_view name = view(word.begin, word.end);
        emit(name, word.line, false);
        word = Word{};
        if (directive_position && is_lua_block_directive(name)) {
          read_lua_block(name);
          directive_position = true;
        } else {
          directive_position = false;
        }
      }
      skip_ascii_space();
      while (unit.is_space()) unit = next();
    }
    if (word.empty() && unit.is('#')) {
      read_comment(unit);
      continue;
    }

    // Inside "${", crossplane copies units until the word ends with "}" or a
    // whitespace unit arrives; that whitespace then joins the word.
    if (!word.empty() && text_[word.end - 1] == '$' && unit.is('{')) {
      while (text_[word.end - 1] != '}' && !unit.is_space()) {
        append(word, unit);
        unit = next();
      }
    }
    if (unit.is('"') || unit.is('\'')) {
      if (!word.empty()) {
        append(word, unit);
        continue;
      }
      read_quoted(unit);
      std::string_view quoted = result_.tokens.back().text;
      if (directive_position && is_lua_block_directive(quoted)) {
        read_lua_block(quoted);
        directive_position = true;
      } else {
        directive_position = false;
      }
      continue;
    }

    if (unit.is('{') || unit.is('}') || unit.is(';')) {
      if (!word.empty()) {
        emit(view(word.begin, word.end), word.line, false);
        word = Word{};
      }
      emit(unit.text, unit.line, false);
      directive_position = true;
      continue;
    }
    append(word, unit);
  }
}

void Lexer::read_comment(Unit unit) {
  // The comment keeps the line of its "#"; the unit ending with LF (also an
  // escaped LF) ends it and is consumed. At end of input it is dropped.
  int line = unit.line;
  std::size_t begin = pos_ - unit.text.size();
  std::size_t end = pos_;
  while (!unit.ends_with_newline()) {
    end = pos_;
    unit = next();
  }
  emit(view(begin, end), line, false);
}

void Lexer::read_quoted(Unit quote) {
  int line = quote.line;
  char quote_char = quote.text[0];
  std::size_t begin = pos_;
  std::string* copy = nullptr;
  for (Unit unit = next(); !unit.is(quote_char); unit = next()) {
    // Only backslash + the same quote loses its backslash; the token is then
    // no longer a slice of the text.
    bool escaped_quote = unit.text.size() == 2 && unit.text[0] == '\\' &&
                         unit.text[1] == quote_char;
    if (escaped_quote && copy == nullptr) {
      copy = &result_.owned.emplace_back(view(begin, pos_ - unit.text.size()));
    }
    if (copy == nullptr) continue;
    if (escaped_quote) {
      copy->push_back(quote_char);
    } else {
      copy->append(unit.text);
    }
  }
  std::string_view value =
      copy != nullptr ? std::string_view(*copy) : view(begin, pos_ - 1);
  emit(value, line, true);
}

void Lexer::read_lua_block(std::string_view name) {
  if (name == "set_by_lua_block") {
    // The one Lua block directive with an argument before its body.
    Word argument;
    for (;;) {
      Unit unit = next();
      if (unit.is_space()) {
        if (!argument.empty()) {
          emit(view(argument.begin, argument.end), unit.line, false);
          break;
        }
        while (unit.is_space()) unit = next();
      }
      append(argument, unit);
    }
  }
  Unit unit = next();
  while (unit.is_space()) unit = next();
  if (!unit.is('{')) {
    throw LexError{"expected { to start Lua block", unit.line};
  }

  std::size_t begin = pos_;
  int depth = 1;
  for (;;) {
    unit = next();
    if (unit.is('-') && peek_is('-')) {
      // A Lua line comment runs to the next plain LF; braces in it do not
      // count, and neither do long brackets, which crossplane ignores.
      do {
        unit = next();
      } while (!unit.is('\n'));
      continue;
    }
    if (unit.is('"') || unit.is('\'')) {
      skip_lua_string(unit);
      continue;
    }
    if (unit.is('{')) {
      ++depth;
    } else if (unit.is('}') && --depth == 0) {
      emit(view(begin, pos_ - 1), unit.line, true);
      emit(";", unit.line, false);
      return;
    }
  }
}

void Lexer::skip_lua_string(Unit quote) {
  Unit unit = next();
  while (!unit.is(quote.text[0])) unit = next();
}

}  // namespace

LexResult lex(std::string_view text) { return Lexer(text).run(); }

}  // namespace tlslint::crossplane
