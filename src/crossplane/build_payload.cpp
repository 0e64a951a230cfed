#include "crossplane/build_payload.h"

#include <climits>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <utility>

#include "crossplane/parser.h"

namespace tlslint::crossplane {
namespace {

using Json = nlohmann::json;

/// A statement inside N blocks sits 2N + 5 levels deep in the document: the
/// top object, "config", a config object, "parsed", then an object and a
/// "block" array per block. The margin lets the block check name the
/// statement that nests too deep instead of a JSON position.
constexpr int kMaxJsonDepth = 2 * kMaxBlockDepth + 16;

std::string quoted(std::string_view text) {
  std::string out = "\"";
  out += text;
  out += '"';
  return out;
}

/// Returns "line L, column C" for a byte offset; columns count bytes.
std::string describe_position(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " +
         std::to_string(offset - line_start + 1);
}

/// Rejects arrays and objects nested deeper than kMaxJsonDepth. nlohmann's
/// parser is iterative, but copying a json value and reading the tree both
/// recurse once per level.
void check_json_depth(std::string_view json, std::string_view name) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        throw PayloadError(quoted(name) + ": JSON nested more than " +
                           std::to_string(kMaxJsonDepth) + " levels deep at " +
                           describe_position(json, i));
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
}

/// Parses the document; a syntax error names its line and column.
Json parse_json(std::string_view json, std::string_view name) {
  try {
    return Json::parse(json);
  } catch (const Json::parse_error& error) {
    // what() is "[json.exception.parse_error.N] parse error at line L,
    // column C: problem"; the id means nothing to the reader.
    std::string_view text = error.what();
    constexpr std::string_view kLead = "parse error ";
    std::size_t lead = text.find(kLead);
    if (lead != std::string_view::npos) text.remove_prefix(lead + kLead.size());
    throw PayloadError(quoted(name) + ": invalid JSON " + std::string(text));
  }
}

/// Reads a payload's values, keeping the place being read (for example
/// `config[0].parsed[2]`) for error messages.
class PayloadReader {
 public:
  PayloadReader(std::string_view name, BuildPayload& payload)
      : name_(name), payload_(payload) {}

  void read(const Json& document) {
    if (!document.is_object()) fail_expected("an object", document);
    const Json& configs = member(document, "config");
    Scope config_scope(*this, "config");
    if (!configs.is_array()) fail_expected("an array", configs);
    for (std::size_t i = 0; i < configs.size(); ++i) {
      Scope item(*this, i);
      payload_.configs.push_back(read_config(configs[i]));
    }
  }

 private:
  /// Adds a key or an index to the place for as long as it lives.
  class Scope {
   public:
    Scope(PayloadReader& reader, std::string_view key)
        : reader_(reader), size_(reader.place_.size()) {
      if (!reader.place_.empty()) reader.place_ += '.';
      reader.place_ += key;
    }
    Scope(PayloadReader& reader, std::size_t index)
        : reader_(reader), size_(reader.place_.size()) {
      reader.place_ += '[' + std::to_string(index) + ']';
    }
    ~Scope() { reader_.place_.resize(size_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    PayloadReader& reader_;
    std::size_t size_;
  };

  [[noreturn]] void fail(const std::string& problem) const {
    std::string message = quoted(name_) + ": ";
    if (!place_.empty()) message += place_ + ": ";
    throw PayloadError(message + problem);
  }

  [[noreturn]] void fail_expected(std::string_view what,
                                  const Json& value) const {
    fail("expected " + std::string(what) + ", got " + value.type_name());
  }

  /// Fails for a block too deep to build. The message names the config and
  /// the statement's line, because the place would repeat "block[0]" for
  /// every level.
  [[noreturn]] void fail_too_deep(int line) const {
    std::string where = config_file_;
    if (line > 0) where += ':' + std::to_string(line);
    throw PayloadError(quoted(name_) + ": " + config_place_ +
                       ": too many nested blocks (more than " +
                       std::to_string(kMaxBlockDepth) + ") in " + where);
  }

  const Json& member(const Json& object, const char* key) const {
    auto found = object.find(key);
    if (found == object.end()) fail("missing " + quoted(key));
    return *found;
  }

  /// Stores a string value that a Statement will point to.
  std::string_view store(const Json& value) {
    if (!value.is_string()) fail_expected("a string", value);
    return payload_.storage.emplace_back(value.get_ref<const std::string&>());
  }

  BuildConfig read_config(const Json& config) {
    if (!config.is_object()) fail_expected("an object", config);
    BuildConfig result;
    {
      const Json& file = member(config, "file");
      Scope scope(*this, "file");
      if (!file.is_string()) fail_expected("a string", file);
      result.file = file.get<std::string>();
    }
    const Json& parsed = member(config, "parsed");
    config_place_ = place_;
    config_file_ = result.file;
    Scope scope(*this, "parsed");
    result.parsed = read_block(parsed, 0);
    return result;
  }

  /// Reads the statements of a block nested `depth` levels deep.
  std::vector<Statement> read_block(const Json& block, int depth) {
    if (!block.is_array()) fail_expected("an array", block);
    std::vector<Statement> statements;
    statements.reserve(block.size());
    for (std::size_t i = 0; i < block.size(); ++i) {
      Scope scope(*this, i);
      statements.push_back(read_statement(block[i], depth));
    }
    return statements;
  }

  Statement read_statement(const Json& object, int depth) {
    if (!object.is_object()) fail_expected("an object", object);
    Statement statement;
    {
      const Json& directive = member(object, "directive");
      Scope scope(*this, "directive");
      statement.directive = store(directive);
    }
    statement.line = read_line(object);
    if (auto args = object.find("args"); args != object.end()) {
      Scope scope(*this, "args");
      if (!args->is_array()) fail_expected("an array", *args);
      for (std::size_t i = 0; i < args->size(); ++i) {
        Scope item(*this, i);
        statement.args.push_back(store((*args)[i]));
      }
    }
    if (auto comment = object.find("comment"); comment != object.end()) {
      Scope scope(*this, "comment");
      statement.comment = store(*comment);
      statement.is_comment = statement.directive == "#";
    }
    if (auto block = object.find("block");
        block != object.end() && !block->is_null()) {
      if (depth >= kMaxBlockDepth) fail_too_deep(statement.line);
      Scope scope(*this, "block");
      statement.has_block = true;
      statement.block = read_block(*block, depth + 1);
    }
    return statement;
  }

  /// Returns the "line" value, or 0 when there is none.
  int read_line(const Json& object) {
    auto line = object.find("line");
    if (line == object.end()) return 0;
    Scope scope(*this, "line");
    if (!line->is_number_integer()) fail_expected("an integer", *line);
    if (line->is_number_unsigned() && line->get<std::uint64_t>() <= INT_MAX) {
      return line->get<int>();
    }
    fail("expected a line number from 0 to " + std::to_string(INT_MAX) +
         ", got " + line->dump());
  }

  std::string_view name_;
  BuildPayload& payload_;
  std::string place_;
  /// The config being read, as "config[N]", and its "file" value.
  std::string config_place_;
  std::string config_file_;
};

}  // namespace

BuildPayload read_build_payload(std::string_view json, std::string_view name) {
  check_json_depth(json, name);
  Json document = parse_json(json, name);
  BuildPayload payload;
  PayloadReader(name, payload).read(document);
  return payload;
}

}  // namespace tlslint::crossplane
