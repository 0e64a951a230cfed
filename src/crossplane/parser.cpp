#include "crossplane/parser.h"
#include "crossplane/file_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <unordered_map>
#include <utility>

#include "crossplane/analyzer.h"
#include "crossplane/glob.h"
#include "crossplane/json.h"
#include "crossplane/lexer.h"
#include "crossplane/python.h"
#include "crossplane/text.h"

namespace tlslint::crossplane {
namespace {

/// An exception that ends the parse of one file, as any Python exception
/// that reaches crossplane's per-file handler does.
struct Abort {
  std::string message;
  std::optional<int> line;
  std::string type;  ///< Python exception class, for --tb-onerror
};

std::string with_location(std::string_view reason, std::string_view file,
                          int line) {
  std::string text(reason);
  text += " in ";
  text += file;
  text += ':';
  text += std::to_string(line);
  return text;
}

const char* os_error_type(int error_number) {
  switch (error_number) {
    case ENOENT:
      return "FileNotFoundError";
    case EISDIR:
      return "IsADirectoryError";
    case EACCES:
    case EPERM:
      return "PermissionError";
    default:
      return "OSError";
  }
}

std::string too_many_blocks(std::string_view file, int line) {
  return with_location("too many nested blocks (more than " +
                           std::to_string(kMaxBlockDepth) + ")",
                       file, line);
}

/// os.path.join(directory, name) for a relative `name`.
std::string join_path(const std::string& directory, const std::string& name) {
  if (directory.empty() || directory.back() == '/') return directory + name;
  return directory + "/" + name;
}

/// os.path.dirname().
std::string directory_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  std::string head = path.substr(0, slash + 1);
  if (head.find_first_not_of('/') != std::string::npos) {
    while (!head.empty() && head.back() == '/') head.pop_back();
  }
  return head;
}

/// The lexer's tokens behind crossplane's brace check, which raises lazily:
/// only when the parser pulls the offending token or reaches the end.
class TokenStream {
 public:
  TokenStream(LexResult lexed, std::string file, Dialect dialect)
      : lexed_(std::move(lexed)),
        file_(std::move(file)),
        nginx_(dialect == Dialect::nginx) {}

  /// Returns the next token, or nullptr at a clean end of input.
  /// `in_statement` is true when the token must continue a statement.
  Token* next_or_end(bool in_statement = false) {
    if (position_ < lexed_.tokens.size()) {
      Token& token = lexed_.tokens[position_++];
      last_line_ = token.line;
      if (!token.quoted && token.text.size() == 1) {
        if (token.text[0] == '}') {
          if (--depth_ < 0) {
            throw Abort{with_location("unexpected \"}\"", file_, token.line),
                        token.line, "NgxParserSyntaxError"};
          }
        } else if (token.text[0] == '{') {
          ++depth_;
        }
      }
      return &token;
    }
    if (lexed_.error) {
      const LexError& error = *lexed_.error;
      // crossplane's Lua lexer does not know the file name.
      throw Abort{with_location(error.reason, nginx_ ? file_ : "None",
                                error.line),
                  error.line, "LuaBlockParserSyntaxError"};
    }
    // nginx reports the end of input on the line it ends on, and a
    // statement cut short before its block.
    int end_line = nginx_ ? lexed_.end_line : last_line_;
    if (nginx_ && lexed_.truncated_lua) {
      // lua-nginx-module's own wording.
      throw Abort{with_location("unexpected end of file, expecting "
                                "terminating characters for lua code block",
                                file_, end_line),
                  end_line, "LuaBlockParserSyntaxError"};
    }
    if (nginx_ && (lexed_.truncated || in_statement)) {
      throw Abort{with_location(
                      "unexpected end of file, expecting \";\" or \"}\"",
                      file_, end_line),
                  end_line, "NgxParserSyntaxError"};
    }
    if (depth_ > 0) {
      throw Abort{with_location("unexpected end of file, expecting \"}\"",
                                file_, end_line),
                  end_line, "NgxParserSyntaxError"};
    }
    return nullptr;
  }

  /// Hands over the strings that tokens point to, other than the text.
  /// Moving a deque keeps its elements in place, so the views stay valid.
  std::deque<std::string> release_owned() { return std::move(lexed_.owned); }

  /// Returns the next token; the end of input inside a statement fails with
  /// the empty message of Python's StopIteration.
  Token& next() {
    Token* token = next_or_end(true);
    if (token == nullptr) throw Abort{"", std::nullopt, "StopIteration"};
    return *token;
  }

 private:
  LexResult lexed_;
  std::string file_;
  bool nginx_;
  std::size_t position_ = 0;
  int depth_ = 0;
  int last_line_ = 0;
};

bool is_terminator(const Token& token) {
  return !token.quoted && token.text.size() == 1 &&
         (token.text[0] == '{' || token.text[0] == ';' || token.text[0] == '}');
}

bool is_unquoted(const Token& token, char c) {
  return !token.quoted && token.text.size() == 1 && token.text[0] == c;
}


/// Collects statements into a tree (--combine, format, minify, build).
class TreeOutput {
 public:
  explicit TreeOutput(std::vector<Statement>& block) : block_(block) {}

  void add(Statement&& statement) { block_.push_back(std::move(statement)); }

  template <class ParseBlock>
  void add_with_block(Statement&& statement, ParseBlock&& parse_block) {
    statement.has_block = true;
    TreeOutput inner(statement.block);
    parse_block(inner);
    block_.push_back(std::move(statement));
  }

 private:
  std::vector<Statement>& block_;
};

/// Writes statements straight to JSON, which `parse` uses without --combine.
class JsonOutput {
 public:
  JsonOutput(JsonWriter& writer, const std::vector<std::string>& files)
      : writer_(writer), files_(files) {}

  void add(Statement&& statement) {
    write_statement(writer_, statement, files_);
  }

  template <class ParseBlock>
  void add_with_block(Statement&& statement, ParseBlock&& parse_block) {
    write_statement_head(writer_, statement, files_);
    writer_.key("block");
    writer_.begin_array();
    parse_block(*this);
    writer_.end_array();
    writer_.end_object();
  }

 private:
  JsonWriter& writer_;
  const std::vector<std::string>& files_;
};

class Parser {
 public:
  Parser(const std::string& filename, const ParseOptions& options)
      : options_(options), config_dir_(directory_of(filename)) {
    queue_.emplace_back(filename, Context{});
    included_.emplace(filename, 0);
  }

  Payload run() {
    for (std::size_t i = 0; i < queue_.size(); ++i) {
      std::string file = queue_[i].first;
      Context context = queue_[i].second;
      parse_file(file, context);
    }
    if (options_.combine) return combine();
    return std::move(payload_);
  }

 private:
  void parse_file(const std::string& file, const Context& context);
  template <class Output>
  void parse_block(const Context& context, int depth, Output& output);
  void skip_block();
  void parse_to_json(const Context& context, int indent, std::size_t text_size,
                     std::string& parsed_json);
  void handle_include(Statement& statement, const Context& context);
  void record_error(std::string message, std::optional<int> line,
                    const std::string& type);
  /// Adds an error of `file` to `config` and to the payload's list.
  void record_error(ConfigFile& config, const std::string& file,
                    std::string message, std::optional<int> line,
                    const std::string& type);
  int file_id(const std::string& name);
  Payload combine();
  void expand(std::vector<Statement>& block, int depth,
              std::vector<Statement>& out, std::vector<int>& stack);

  ParseOptions options_;
  std::string config_dir_;
  std::vector<std::pair<std::string, Context>> queue_;
  std::unordered_map<std::string, int> included_;
  std::unordered_map<std::string, int> file_ids_;
  Payload payload_;
  ConfigFile* parsing_ = nullptr;
  // Buffers reused from file to file.
  std::string read_buffer_;
  std::string text_buffer_;
  TokenStream* tokens_ = nullptr;
};

int Parser::file_id(const std::string& name) {
  auto [it, inserted] =
      file_ids_.try_emplace(name, static_cast<int>(payload_.files.size()));
  if (inserted) payload_.files.push_back(name);
  return it->second;
}

void Parser::record_error(std::string message, std::optional<int> line,
                          const std::string& type) {
  record_error(*parsing_, parsing_->file, std::move(message), line, type);
}

void Parser::record_error(ConfigFile& config, const std::string& file,
                          std::string message, std::optional<int> line,
                          const std::string& type) {
  ParseError error{file, std::move(message), line, ""};
  if (options_.traceback) {
    error.callback = "Traceback (most recent call last):\n" + type + ": " +
                     error.message + "\n";
  }
  config.failed = true;
  config.errors.push_back(ParseError{"", error.message, line, ""});
  payload_.failed = true;
  payload_.errors.push_back(std::move(error));
}

void Parser::parse_file(const std::string& file, const Context& context) {
  ConfigFile parsing;
  parsing.file = file;
  parsing_ = &parsing;
  // Without --combine, `parse` writes statements straight to JSON. The other
  // commands need the tree.
  bool write_json = options_.serialize_indent && !options_.combine;
  int indent = options_.serialize_indent.value_or(-1);

  // The statements point into the decoded text and the lexer's owned
  // strings, so both live as long as the statements do.
  std::string& text = write_json ? text_buffer_ : payload_.texts.emplace_back();
  std::optional<TokenStream> tokens;
  std::string parsed_json;
  try {
    std::size_t size = 0;
    if (int error = read_file(file, read_buffer_, size)) {
      throw Abort{os_error_message(error, file), std::nullopt,
                  os_error_type(error)};
    }
    bool nginx = options_.dialect == Dialect::nginx;
    decode_config_text(std::string_view(read_buffer_.data(), size), text,
                       !nginx);
    tokens.emplace(lex(text, options_.dialect), file, options_.dialect);
    tokens_ = &*tokens;
    if (write_json) {
      parse_to_json(context, indent, text.size(), parsed_json);
    } else {
      TreeOutput output(parsing.parsed);
      parse_block(context, 0, output);
    }
  } catch (const Abort& abort) {
    parsing.parsed.clear();
    parsed_json = "[]";
    record_error(abort.message, abort.line, abort.type);
  }
  tokens_ = nullptr;
  parsing_ = nullptr;

  if (write_json) {
    parsing.json.reserve(parsed_json.size() + 256);
    serialize_config(parsing, indent, 2, parsed_json, parsing.json);
  } else if (tokens) {
    payload_.owned.push_back(tokens->release_owned());
  }
  payload_.config.push_back(std::move(parsing));
}

void Parser::parse_to_json(const Context& context, int indent,
                           std::size_t text_size, std::string& parsed_json) {
  // JSON is about twice the size of the config text.
  parsed_json.reserve(text_size * 2);
  // "parsed" is a value inside a config object, which sits at level 2 of the
  // document, so the array is at level 3.
  JsonWriter writer(parsed_json, indent, 3);
  JsonOutput output(writer, payload_.files);
  writer.begin_array();
  parse_block(context, 0, output);
  writer.end_array();
}

void Parser::skip_block() {
  // crossplane's "consume" mode: everything up to the matching "}". A
  // counter instead of recursion keeps deep skipped blocks off the stack.
  int depth = 1;
  while (Token* token = tokens_->next_or_end()) {
    if (is_unquoted(*token, '}') && --depth == 0) return;
    if (is_unquoted(*token, '{')) ++depth;
  }
}

/// Reads the statements of a block nested `depth` levels deep (0 for the
/// file's top level) up to its "}" or the end of the file.
template <class Output>
void Parser::parse_block(const Context& context, int depth, Output& output) {
  // crossplane's loop over included names rebinds the file name it uses in
  // later messages of this block (and in --combine "file" keys).
  int fname_id = options_.combine ? file_id(parsing_->file) : -1;
  std::string fname = parsing_->file;
  while (Token* token = tokens_->next_or_end()) {
    if (is_unquoted(*token, '}')) return;
    Statement statement;
    statement.file = fname_id;
    statement.line = token->line;
    if (!token->quoted && !token->text.empty() && token->text[0] == '#') {
      if (options_.comments) {
        statement.directive = "#";
        statement.is_comment = true;
        statement.comment = token->text.substr(1);
        output.add(std::move(statement));
      }
      continue;
    }
    statement.directive = token->text;
    if (options_.dialect == Dialect::nginx && !token->quoted &&
        (token->text == ";" || token->text == "{")) {
      // crossplane takes a stray ";" or "{" for a directive name.
      std::string message = with_location(
          "unexpected \"" + std::string(token->text) + "\"", parsing_->file,
          token->line);
      if (!options_.catch_errors) {
        throw Abort{message, token->line, "NgxParserSyntaxError"};
      }
      record_error(std::move(message), token->line, "NgxParserSyntaxError");
      if (token->text == "{") skip_block();
      continue;
    }

    std::vector<std::string_view> comments_in_args;
    Token* terminator = &tokens_->next();
    while (!is_terminator(*terminator)) {
      if (!terminator->quoted && !terminator->text.empty() &&
          terminator->text[0] == '#') {
        comments_in_args.push_back(terminator->text.substr(1));
      } else {
        statement.args.push_back(terminator->text);
      }
      terminator = &tokens_->next();
    }
    bool opens_block = terminator->text[0] == '{';

    const auto& ignore = options_.ignore;
    if (std::find(ignore.begin(), ignore.end(), statement.directive) !=
        ignore.end()) {
      if (opens_block) skip_block();
      continue;
    }
    if (statement.directive == "if") prepare_if_args(statement.args);

    if (options_.strict || options_.check_context || options_.check_arguments) {
      Analysis analysis =
          analyze(statement.directive, statement.args, terminator->text,
                  context, options_.strict, options_.dialect);
      if (analysis.kind == Analysis::Kind::kFormatFailure) {
        throw Abort{analysis.reason, std::nullopt, "TypeError"};
      }
      if (analysis.kind == Analysis::Kind::kRejected) {
        std::string message =
            with_location(analysis.reason, fname, statement.line);
        if (!options_.catch_errors) {
          throw Abort{message, statement.line, "NgxParserDirectiveError"};
        }
        record_error(std::move(message), statement.line,
                     "NgxParserDirectiveError");
        // A rejected block is read as part of the current one, unless the
        // error is a missing ";": then "{" skips the block and "}" ends the
        // current one.
        if (analysis.not_terminated) {
          if (terminator->text[0] != '}') {
            skip_block();
          } else {
            return;
          }
        }
        continue;
      }
    }

    if (!options_.single_file && statement.directive == "include") {
      handle_include(statement, context);
      // crossplane names the last included file in later messages of this
      // block; nginx names the file the statement is in.
      if (!statement.includes.empty() &&
          options_.dialect == Dialect::crossplane) {
        fname =
            queue_[static_cast<std::size_t>(statement.includes.back())].first;
        if (options_.combine) fname_id = file_id(fname);
      }
    }
    int line = statement.line;
    if (opens_block && depth >= kMaxBlockDepth) {
      throw Abort{too_many_blocks(parsing_->file, line), line,
                  "NgxParserSyntaxError"};
    }
    if (opens_block) {
      Context inner = enter_block_context(context, statement.directive);
      output.add_with_block(std::move(statement), [&](auto& block_output) {
        parse_block(inner, depth + 1, block_output);
      });
    } else {
      output.add(std::move(statement));
    }
    for (std::string_view comment : comments_in_args) {
      Statement object;
      object.directive = "#";
      object.line = line;
      object.is_comment = true;
      object.comment = comment;
      output.add(std::move(object));
    }
  }
}

void Parser::handle_include(Statement& statement, const Context& context) {
  if (statement.args.empty()) {
    // crossplane reads args[0] unchecked. Only the argument count check
    // protects it, and unanalysed contexts (map, geo, ...) skip that check.
    throw Abort{"list index out of range", std::nullopt, "IndexError"};
  }
  std::string pattern(statement.args[0]);
  if (pattern.empty() || pattern[0] != '/') {
    pattern = join_path(config_dir_, pattern);
  }
  statement.has_includes = true;
  std::vector<std::string> names;
  if (has_glob_magic(pattern)) {
    names = python_glob(pattern);
  } else if (int error = open_for_reading(pattern, nullptr)) {
    std::string message = os_error_message(error, pattern);
    if (!options_.catch_errors) {
      throw Abort{message, statement.line, os_error_type(error)};
    }
    record_error(std::move(message), statement.line, os_error_type(error));
  } else {
    names.push_back(pattern);
  }
  for (std::string& name : names) {
    auto [it, inserted] =
        included_.try_emplace(name, static_cast<int>(queue_.size()));
    if (inserted) queue_.emplace_back(name, context);
    statement.includes.push_back(it->second);
  }
}

/// Appends `block` to `out`, a block `depth` levels deep in the combined
/// tree, with each include replaced by the statements of its files.
/// `stack` lists the files being expanded, innermost last.
void Parser::expand(std::vector<Statement>& block, int depth,
                    std::vector<Statement>& out, std::vector<int>& stack) {
  for (Statement& statement : block) {
    if (statement.has_block) {
      // Each file is within the limit, but included files nest further.
      if (depth >= kMaxBlockDepth) {
        const std::string& file =
            payload_.config[static_cast<std::size_t>(stack.back())].file;
        throw Abort{too_many_blocks(file, statement.line), statement.line,
                    "NgxParserSyntaxError"};
      }
      std::vector<Statement> inner;
      expand(statement.block, depth + 1, inner, stack);
      statement.block = std::move(inner);
    }
    if (!statement.has_includes) {
      out.push_back(statement);
      continue;
    }
    for (int index : statement.includes) {
      // crossplane recurses forever on an include cycle and crashes; a file
      // that is already being expanded is left out instead.
      if (std::find(stack.begin(), stack.end(), index) != stack.end()) continue;
      if (stack.size() >= static_cast<std::size_t>(kMaxIncludeDepth)) {
        const std::string& file =
            payload_.config[static_cast<std::size_t>(stack.back())].file;
        throw Abort{with_location("too many nested includes (more than " +
                                      std::to_string(kMaxIncludeDepth) + ")",
                                  file, statement.line),
                    statement.line, "NgxParserSyntaxError"};
      }
      stack.push_back(index);
      std::vector<Statement> copy =
          payload_.config[static_cast<std::size_t>(index)].parsed;
      expand(copy, depth, out, stack);
      stack.pop_back();
    }
  }
}

Payload Parser::combine() {
  ConfigFile combined;
  combined.file = payload_.config.front().file;
  for (const ConfigFile& config : payload_.config) {
    combined.errors.insert(combined.errors.end(), config.errors.begin(),
                           config.errors.end());
    combined.failed = combined.failed || config.failed;
  }
  std::vector<int> stack{0};
  std::vector<Statement> main_file = payload_.config.front().parsed;
  try {
    expand(main_file, 0, combined.parsed, stack);
  } catch (const Abort& abort) {
    // Like an error that ends the parse of a file, this one leaves the
    // combined config empty.
    combined.parsed.clear();
    record_error(combined,
                 payload_.config[static_cast<std::size_t>(stack.back())].file,
                 abort.message, abort.line, abort.type);
  }

  Payload result;
  result.failed = payload_.failed;
  result.errors = std::move(payload_.errors);
  result.files = std::move(payload_.files);
  result.texts = std::move(payload_.texts);
  result.owned = std::move(payload_.owned);
  result.config.push_back(std::move(combined));
  return result;
}

}  // namespace

Payload parse_config(const std::string& filename, const ParseOptions& options) {
  return Parser(filename, options).run();
}

}  // namespace tlslint::crossplane
