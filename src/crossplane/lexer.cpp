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
  Lexer(std::string_view text, Dialect dialect)
      : text_(text), nginx_(dialect == Dialect::nginx) {
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
    // crossplane drops what it was building. nginx reads it, so that the
    // parser can report the missing ";" instead of losing the word.
    if (nginx_ && !result_.error && inside_token_) {
      result_.truncated = true;
      result_.truncated_lua = inside_lua_;
    } else if (nginx_ && !result_.error && !word_.empty()) {
      emit(view(word_.begin, word_.end), word_.line, false);
    }
    result_.end_line = line_;
    return std::move(result_);
  }

  bool at_end() const { return unit_length(pos_) == 0; }

 private:
  // Returns the length of the unit at `pos`, or 0 at the end of the stream.
  // For crossplane, a backslash that is the last character ends the stream.
  std::size_t unit_length(std::size_t pos) const {
    if (pos >= text_.size()) return 0;
    unsigned char lead = static_cast<unsigned char>(text_[pos]);
    if (lead != '\\') return utf8_length(lead);
    if (pos + 1 >= text_.size()) return nginx_ ? 1 : 0;
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

  // crossplane splits words at any Python whitespace (U+00A0 too); nginx
  // only at space, tab, CR and LF.
  bool is_space(const Unit& unit) const {
    if (!nginx_) return unit.is_space();
    return unit.is(' ') || unit.is('\t') || unit.is('\r') || unit.is('\n');
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
  void check_after_quote();
  void read_lua_block(std::string_view name, bool brace_read);
  void skip_lua_string(Unit quote);

  std::string_view text_;
  bool nginx_;
  /// The word being built; a member so that run() can keep it at the end.
  Word word_;
  /// True inside a quoted string or a Lua block body.
  bool inside_token_ = false;
  /// True inside a Lua block body.
  bool inside_lua_ = false;
  std::size_t pos_ = 0;
  int line_ = 1;
  LexResult result_;
};

void Lexer::tokenize() {
  Word& word = word_;
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
    // The common end of a file is checked here, so that only an end inside
    // a token costs an exception.
    if (at_end()) return;
    Unit unit = next();
    if (is_space(unit)) {
      if (!word.empty()) {
        std::string_view name = view(word.begin, word.end);
        emit(name, word.line, false);
        word = Word{};
        if (directive_position && is_lua_block_directive(name)) {
          read_lua_block(name, false);
          directive_position = true;
        } else {
          directive_position = false;
        }
      }
      skip_ascii_space();
      while (is_space(unit)) {
        if (at_end()) return;
        unit = next();
      }
    }
    if (word.empty() && unit.is('#')) {
      read_comment(unit);
      continue;
    }

    // nginx lets "{" right after "$" join the word and nothing more.
    // Inside "${", crossplane copies units until the word ends with "}" or a
    // whitespace unit arrives; that whitespace then joins the word.
    if (!word.empty() && text_[word.end - 1] == '$' && unit.is('{')) {
      if (nginx_) {
        append(word, unit);
        continue;
      }
      while (text_[word.end - 1] != '}' && !is_space(unit)) {
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
      if (nginx_) check_after_quote();
      std::string_view quoted = result_.tokens.back().text;
      if (directive_position && is_lua_block_directive(quoted)) {
        read_lua_block(quoted, false);
        directive_position = true;
      } else {
        directive_position = false;
      }
      continue;
    }

    // In nginx a "}" inside a word is part of it.
    bool ends_word = unit.is('{') || unit.is(';') ||
                     (unit.is('}') && !(nginx_ && !word.empty()));
    if (ends_word) {
      if (!word.empty()) {
        std::string_view name = view(word.begin, word.end);
        emit(name, word.line, false);
        word = Word{};
        // nginx ends a word at "{", so a Lua block name may touch its
        // brace; crossplane needs whitespace in between.
        if (nginx_ && unit.is('{') && directive_position &&
            is_lua_block_directive(name)) {
          read_lua_block(name, true);
          directive_position = true;
          continue;
        }
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
    // nginx keeps a comment on the last line even without a final LF.
    if (nginx_ && unit_length(pos_) == 0) break;
    unit = next();
  }
  emit(view(begin, end), line, false);
}

void Lexer::read_quoted(Unit quote) {
  inside_token_ = true;
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
  inside_token_ = false;
}

void Lexer::check_after_quote() {
  // nginx needs whitespace, ";", "{" or ")" after a closing quote.
  std::size_t length = unit_length(pos_);
  if (length == 0) return;
  Unit unit{text_.substr(pos_, length), line_};
  if (is_space(unit) || unit.is(';') || unit.is('{') || unit.is(')')) return;
  throw LexError{"unexpected \"" + std::string(unit.text) + "\"", line_};
}

void Lexer::read_lua_block(std::string_view name, bool brace_read) {
  if (name == "set_by_lua_block" && !brace_read) {
    // The one Lua block directive with an argument before its body. nginx
    // ends the argument at "{" as well.
    Word argument;
    for (;;) {
      Unit unit = next();
      if (is_space(unit) || (nginx_ && unit.is('{'))) {
        if (!argument.empty()) {
          emit(view(argument.begin, argument.end), unit.line, false);
          brace_read = unit.is('{');
          break;
        }
        while (is_space(unit)) unit = next();
      }
      append(argument, unit);
    }
  }
  Unit unit{};
  if (!brace_read) {
    unit = next();
    while (is_space(unit)) unit = next();
    if (!unit.is('{')) {
      throw LexError{"expected { to start Lua block", unit.line};
    }
  }
  inside_token_ = true;
  inside_lua_ = true;

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
      inside_token_ = false;
      inside_lua_ = false;
      return;
    }
  }
}

void Lexer::skip_lua_string(Unit quote) {
  Unit unit = next();
  while (!unit.is(quote.text[0])) unit = next();
}

}  // namespace

LexResult lex(std::string_view text, Dialect dialect) {
  return Lexer(text, dialect).run();
}

}  // namespace tlslint::crossplane
