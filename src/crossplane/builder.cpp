#include "crossplane/builder.h"

#include <algorithm>
#include <optional>

#include "crossplane/lexer.h"
#include "crossplane/python.h"
#include "crossplane/text.h"

namespace tlslint::crossplane {
namespace {

constexpr std::string_view kHeader =
    "# This config was built from JSON using NGINX crossplane.\n"
    "# If you encounter any bugs please report them here:\n"
    "# https://github.com/nginxinc/crossplane/issues\n"
    "\n";

std::vector<std::string> code_points(std::string_view text) {
  std::vector<std::string> points;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = utf8_length(static_cast<unsigned char>(text[i]));
    if (length > text.size() - i) length = 1;
    points.emplace_back(text.substr(i, length));
    i += length;
  }
  return points;
}

/// Groups `text` into the units crossplane's builder checks: a backslash
/// with the next character, "${", and single characters. Like crossplane,
/// it repeats a final backslash or "$".
std::vector<std::string> builder_units(std::string_view text) {
  std::vector<std::string> units;
  std::string previous;
  std::string current;
  for (std::string& c : code_points(text)) {
    current = c;
    if (previous == "\\" || previous + current == "${") {
      previous += current;
      units.push_back(previous);
      continue;
    }
    if (previous == "$") units.push_back(previous);
    if (current != "\\" && current != "$") units.push_back(current);
    previous = current;
  }
  if (current == "\\" || current == "$") units.push_back(current);
  return units;
}

bool is_space_unit(const std::string& unit) {
  return is_python_space(unit.data(), unit.size());
}

bool needs_quotes(std::string_view text) {
  if (text.empty()) return true;
  std::vector<std::string> units = builder_units(text);
  const std::string& first = units.front();
  if (is_space_unit(first) || first == "{" || first == "}" || first == ";" ||
      first == "\"" || first == "'" || first == "${") {
    return true;
  }
  bool expanding = false;
  for (std::size_t i = 1; i < units.size(); ++i) {
    const std::string& unit = units[i];
    if (is_space_unit(unit) || unit == "{" || unit == ";" || unit == "\"" ||
        unit == "'") {
      return true;
    }
    if (unit == (expanding ? "${" : "}")) return true;
    if (unit == (expanding ? "}" : "${")) expanding = !expanding;
  }
  const std::string& last = units.back();
  return last == "\\" || last == "$" || expanding;
}

/// Text written after a token in a statement head, and how many tokens the
/// lexer makes of it.
struct Follower {
  std::string_view text;
  std::size_t tokens;
};

// " x;" is a placeholder for any later argument. The lexer starts every
// token after whitespace afresh, so the next argument's text does not matter.
constexpr Follower kNextArgument{" x;", 2};
constexpr Follower kSemicolon{";", 1};
constexpr Follower kSpacedBrace{" {", 1};
constexpr Follower kGluedBrace{"{", 1};

/// Position of a token in its statement. The lexer treats a Lua block name
/// differently in the name position.
enum class Slot { kName, kArgument };

/// Returns true for an unquoted token that the parser reads as a comment or
/// a terminator instead of as a name or argument.
bool is_special_unquoted(const Token& token) {
  if (token.quoted || token.text.empty()) return false;
  return token.text[0] == '#' || token.text == "{" || token.text == "}" ||
         token.text == ";";
}

/// Returns true when the lexer reads `written`, followed by `after`, back as
/// one name or argument equal to `text`.
bool reads_back(std::string_view written, std::string_view text, Slot slot,
                Follower after) {
  // A name before an argument keeps the lexer out of Lua mode, as in the
  // real statement.
  std::string source = slot == Slot::kArgument ? "x " : "";
  source += written;
  source += after.text;
  // Files are decoded before lexing, which turns CR into LF.
  std::string decoded = decode_config_text(source);
  LexResult lexed = lex(decoded);
  std::size_t index = slot == Slot::kArgument ? 1 : 0;
  if (lexed.error || lexed.tokens.size() != index + 1 + after.tokens) {
    return false;
  }
  const Token& token = lexed.tokens[index];
  return token.text == text && !is_special_unquoted(token);
}

/// Writes `text` between `quote` characters so that the lexer reads back
/// exactly `text`: the same quote gets a backslash, everything else is
/// literal. Returns nullopt when that is impossible, because the lexer
/// reads a backslash and the next character as one unit.
std::optional<std::string> quote_verbatim(std::string_view text, char quote) {
  std::string written(1, quote);
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == quote) {
      written += '\\';
      written += quote;
      ++i;
      continue;
    }
    if (text[i] != '\\') {
      written += text[i];
      ++i;
      continue;
    }
    // The backslash pairs with the next code point and the pair is kept,
    // unless that code point is the quote or the closing quote follows.
    if (i + 1 >= text.size() || text[i + 1] == quote) return std::nullopt;
    std::size_t length =
        1 + utf8_length(static_cast<unsigned char>(text[i + 1]));
    length = std::min(length, text.size() - i);
    written.append(text.substr(i, length));
    i += length;
  }
  written += quote;
  return written;
}

/// Writes a name or argument: crossplane's spelling when the lexer reads it
/// back unchanged, otherwise a quoted string with literal newlines, tabs
/// and "#" that does read back.
std::string write_token(std::string_view text, Slot slot, Follower after) {
  std::string crossplane = enquote(text);
  if (reads_back(crossplane, text, slot, after)) return crossplane;
  // Prefer the quote that Python's repr() would choose.
  bool double_first = text.find('\'') != std::string_view::npos &&
                      text.find('"') == std::string_view::npos;
  for (char quote : {double_first ? '"' : '\'', double_first ? '\'' : '"'}) {
    std::optional<std::string> quoted = quote_verbatim(text, quote);
    if (quoted && reads_back(*quoted, text, slot, after)) return *quoted;
  }
  // NOTE: some texts have no spelling that reads back, for example one that
  // contains whitespace, backslash + '"' and backslash + "'", or one that
  // ends in a lone backslash. crossplane's spelling is kept for them.
  return crossplane;
}


/// Returns true when the parser reads the "if" head `written` back with
/// the arguments `args`.
bool if_reads_back(const std::string& written,
                   const std::vector<std::string_view>& args) {
  std::string decoded = decode_config_text(written);
  LexResult lexed = lex(decoded);
  if (lexed.error || lexed.tokens.size() < 2) return false;
  const Token& terminator = lexed.tokens.back();
  if (terminator.quoted || (terminator.text != ";" && terminator.text != "{")) {
    return false;
  }
  std::vector<std::string_view> read;
  for (std::size_t i = 1; i + 1 < lexed.tokens.size(); ++i) {
    if (is_special_unquoted(lexed.tokens[i])) return false;
    read.push_back(lexed.tokens[i].text);
  }
  prepare_if_args(read);
  return read == args;
}

std::string join_arguments(const std::vector<std::string_view>& args) {
  std::string joined;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) joined.push_back(' ');
    joined += enquote(args[i]);
  }
  return joined;
}

/// Writes the head of an "if" statement up to its terminator.
std::string write_if_head(const Statement& statement, Follower terminator) {
  std::string head = "if (" + join_arguments(statement.args) + ")";
  head += terminator.text;
  if (if_reads_back(head, statement.args)) return head;
  // "(" and ")" as words of their own leave every argument intact, so each
  // one is quoted like an ordinary argument.
  head = "if (";
  for (std::string_view arg : statement.args) {
    head += ' ';
    head += write_token(arg, Slot::kArgument, kNextArgument);
  }
  head += " )";
  head += terminator.text;
  return head;
}

/// Returns true for a statement that the lexer's Lua mode can produce: no
/// block, the body as the only argument, after the variable name for
/// set_by_lua_block.
bool is_lua_block(const Statement& statement) {
  if (!is_lua_block_name(statement.directive) || statement.has_block) {
    return false;
  }
  std::size_t arguments = statement.directive == "set_by_lua_block" ? 2 : 1;
  return statement.args.size() == arguments;
}

std::string build_lua_block(const Statement& statement) {
  std::string built(statement.directive);
  std::string_view body;
  if (statement.directive == "set_by_lua_block") {
    if (!statement.args.empty()) {
      built += " ";
      built += statement.args[0];
    }
    if (statement.args.size() > 1) body = statement.args[1];
  } else if (!statement.args.empty()) {
    body = statement.args[0];
  }
  built += " {";
  built += body;
  built += "}";
  return built;
}

/// Writes a statement up to and including its terminator: ";" or the "{"
/// that opens its block. Lua blocks are written whole.
std::string write_head(const Statement& statement, bool minify) {
  if (is_lua_block(statement)) return build_lua_block(statement);
  Follower terminator =
      !statement.has_block ? kSemicolon : (minify ? kGluedBrace : kSpacedBrace);
  if (is_lua_block_name(statement.directive) && statement.args.empty()) {
    // Whitespace after a Lua block name would switch the lexer to Lua mode,
    // so the terminator follows the name directly.
    terminator = statement.has_block ? kGluedBrace : kSemicolon;
  }
  // NOTE: a Lua block name with arguments that is not a Lua block cannot be
  // written so that it reads back. It is written as an ordinary statement.
  if (statement.directive == "if") return write_if_head(statement, terminator);

  std::string head =
      write_token(statement.directive, Slot::kName,
                  statement.args.empty() ? terminator : kNextArgument);
  for (std::size_t i = 0; i < statement.args.size(); ++i) {
    bool last = i + 1 == statement.args.size();
    head += ' ';
    head += write_token(statement.args[i], Slot::kArgument,
                        last ? terminator : kNextArgument);
  }
  head += terminator.text;
  return head;
}

/// Appends `block` to `output`. `last_line` is the line of the statement
/// written last. `comment_fits` is true when a comment from that line can
/// follow it on the same output line and still be read back on that line.
void build_block(std::string& output, const std::vector<Statement>& block,
                 int depth, int last_line, bool comment_fits,
                 const std::string& padding) {
  std::string margin;
  for (int i = 0; i < depth; ++i) margin += padding;
  for (const Statement& statement : block) {
    int line = statement.line;
    if (statement.is_comment && line == last_line && comment_fits) {
      output += " #";
      output += statement.comment;
      // A second comment here would merge into this one.
      comment_fits = false;
      continue;
    }
    // Everything is appended to `output` in place: building each block as
    // a string of its own would copy deep subtrees once per level.
    if (!output.empty()) output.push_back('\n');
    output += margin;
    if (statement.is_comment) {
      output += '#';
      output += statement.comment;
      comment_fits = false;
    } else {
      std::string head = write_head(statement, false);
      bool single_line = head.find('\n') == std::string::npos;
      output += head;
      if (statement.has_block && !is_lua_block(statement)) {
        build_block(output, statement.block, depth + 1, line, single_line,
                    padding);
        output += '\n';
        output += margin;
        output += '}';
      }
      // A comment written after "}" would be read back on the line of "}",
      // not on the statement's line, and move again on the next format.
      comment_fits = single_line && !statement.has_block;
    }
    last_line = line;
  }
}

void minify_block(std::string& output, const std::vector<Statement>& block) {
  for (const Statement& statement : block) {
    if (statement.is_comment) continue;
    output += write_head(statement, true);
    if (statement.has_block && !is_lua_block(statement)) {
      minify_block(output, statement.block);
      output.push_back('}');
    }
  }
}

}  // namespace

bool is_lua_block_name(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "access_by_lua_block",           "balancer_by_lua_block",
      "body_filter_by_lua_block",      "content_by_lua_block",
      "header_filter_by_lua_block",    "init_by_lua_block",
      "init_worker_by_lua_block",      "log_by_lua_block",
      "rewrite_by_lua_block",          "set_by_lua_block",
      "ssl_certificate_by_lua_block",  "ssl_session_fetch_by_lua_block",
      "ssl_session_store_by_lua_block"};
  for (std::string_view candidate : kNames) {
    if (candidate == name) return true;
  }
  return false;
}

std::string enquote(std::string_view text) {
  if (!needs_quotes(text)) return std::string(text);
  std::string quoted = python_repr(text);
  std::string result;
  result.reserve(quoted.size());
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    result.push_back(quoted[i]);
    if (quoted[i] == '\\' && i + 1 < quoted.size() && quoted[i + 1] == '\\') {
      ++i;
    }
  }
  return result;
}

std::string build_config(const std::vector<Statement>& block,
                         const BuildOptions& options) {
  std::string padding =
      options.tabs
          ? "\t"
          : std::string(static_cast<std::size_t>(std::max(options.indent, 0)),
                        ' ');
  std::string body;
  build_block(body, block, 0, 0, true, padding);
  return options.header ? std::string(kHeader) + body : body;
}

std::string minify_config(const std::vector<Statement>& block) {
  std::string output;
  minify_block(output, block);
  return output;
}

}  // namespace tlslint::crossplane
