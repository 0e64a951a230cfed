#include "crossplane/json.h"

#include "crossplane/text.h"

namespace tlslint::crossplane {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_unicode_escape(std::string& out, unsigned value) {
  out += "\\u";
  out.push_back(kHex[(value >> 12) & 0xF]);
  out.push_back(kHex[(value >> 8) & 0xF]);
  out.push_back(kHex[(value >> 4) & 0xF]);
  out.push_back(kHex[value & 0xF]);
}

/// Bytes that a JSON string carries unchanged.
struct PlainBytes {
  bool table[256] = {};
  constexpr PlainBytes() {
    for (int c = 0x20; c < 0x7F; ++c) table[c] = c != '"' && c != '\\';
  }
};
constexpr PlainBytes kPlain;

bool is_plain(unsigned char c) { return kPlain.table[c]; }

bool is_utf8_sequence(std::string_view text, std::size_t length) {
  if (length < 2 || length > text.size()) return false;
  for (std::size_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return false;
  }
  return true;
}

void write_statements(JsonWriter& writer, const std::vector<Statement>& block,
                      const std::vector<std::string>& files);

}  // namespace

void write_statement_head(JsonWriter& writer, const Statement& statement,
                          const std::vector<std::string>& files) {
  writer.begin_object();
  if (statement.file >= 0) {
    writer.key("file");
    writer.value(files[static_cast<std::size_t>(statement.file)]);
  }
  writer.key("directive");
  writer.value(statement.directive);
  writer.key("line");
  writer.value(static_cast<std::int64_t>(statement.line));
  writer.key("args");
  writer.begin_array();
  for (std::string_view arg : statement.args) writer.value(arg);
  writer.end_array();
  if (statement.is_comment) {
    writer.key("comment");
    writer.value(statement.comment);
  }
  if (statement.has_includes) {
    writer.key("includes");
    writer.begin_array();
    for (int index : statement.includes) {
      writer.value(static_cast<std::int64_t>(index));
    }
    writer.end_array();
  }
}

void write_statement(JsonWriter& writer, const Statement& statement,
                     const std::vector<std::string>& files) {
  write_statement_head(writer, statement, files);
  if (statement.has_block) {
    writer.key("block");
    write_statements(writer, statement.block, files);
  }
  writer.end_object();
}

namespace {

void write_statements(JsonWriter& writer, const std::vector<Statement>& block,
                      const std::vector<std::string>& files) {
  writer.begin_array();
  for (const Statement& statement : block) {
    write_statement(writer, statement, files);
  }
  writer.end_array();
}

void write_line(JsonWriter& writer, const std::optional<int>& line) {
  writer.key("line");
  if (line) {
    writer.value(static_cast<std::int64_t>(*line));
  } else {
    writer.null();
  }
}

/// Writes a config object; its "parsed" value is `parsed_json` when that is
/// not empty, else the statements of `config`.
void write_config(JsonWriter& writer, const ConfigFile& config,
                  const std::vector<std::string>& files,
                  std::string_view parsed_json = {}) {
  writer.begin_object();
  writer.key("file");
  writer.value(config.file);
  writer.key("status");
  writer.value(config.failed ? "failed" : "ok");
  writer.key("errors");
  writer.begin_array();
  for (const ParseError& error : config.errors) {
    writer.begin_object();
    writer.key("error");
    writer.value(error.message);
    write_line(writer, error.line);
    writer.end_object();
  }
  writer.end_array();
  writer.key("parsed");
  if (parsed_json.empty()) {
    write_statements(writer, config.parsed, files);
  } else {
    writer.raw(parsed_json);
  }
  writer.end_object();
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    while (i < text.size() && is_plain(static_cast<unsigned char>(text[i]))) {
      ++i;
    }
    out.append(text.data() + start, i - start);
    if (i >= text.size()) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        ++i;
        continue;
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\t':
        out += "\\t";
        ++i;
        continue;
      case '\r':
        out += "\\r";
        ++i;
        continue;
      case '\b':
        out += "\\b";
        ++i;
        continue;
      case '\f':
        out += "\\f";
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x80) {
      append_unicode_escape(out, c);
      ++i;
      continue;
    }
    std::size_t length = utf8_length(c);
    if (!is_utf8_sequence(text.substr(i), length)) {
      append_unicode_escape(out, 0xDC00 + c);
      ++i;
      continue;
    }
    char32_t point = decode_code_point(text.substr(i), length);
    if (point > 0xFFFF) {
      point -= 0x10000;
      append_unicode_escape(out, 0xD800 + (point >> 10));
      append_unicode_escape(out, 0xDC00 + (point & 0x3FF));
    } else {
      append_unicode_escape(out, point);
    }
    i += length;
  }
  out.push_back('"');
}

void JsonWriter::newline(int level) {
  out_.push_back('\n');
  out_.append(static_cast<std::size_t>(indent_ * level), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;
  if (counts_.back()++ > 0) out_.push_back(',');
  if (indent_ >= 0) newline(level_);
}

void JsonWriter::open(char bracket) {
  before_value();
  out_.push_back(bracket);
  counts_.push_back(0);
  ++level_;
}

void JsonWriter::close(char bracket) {
  --level_;
  if (counts_.back() > 0 && indent_ >= 0) newline(level_);
  counts_.pop_back();
  out_.push_back(bracket);
}

void JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
}

void JsonWriter::value(std::string_view text) {
  before_value();
  append_json_string(out_, text);
}

void JsonWriter::value(std::int64_t number) {
  before_value();
  out_ += std::to_string(number);
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

void JsonWriter::raw(std::string_view json) {
  before_value();
  out_.append(json);
}

std::string serialize_config(const ConfigFile& config, int indent, int level,
                             const std::vector<std::string>& files) {
  std::string out;
  JsonWriter writer(out, indent, level);
  write_config(writer, config, files);
  return out;
}

void serialize_config(const ConfigFile& config, int indent, int level,
                      std::string_view parsed_json, std::string& out) {
  JsonWriter writer(out, indent, level);
  write_config(writer, config, {}, parsed_json);
}

std::string serialize_payload(const Payload& payload, int indent) {
  std::string out;
  write_payload(payload, indent,
                [&out](std::string_view piece) { out.append(piece); });
  return out;
}

void write_payload(const Payload& payload, int indent,
                   const std::function<void(std::string_view)>& sink) {
  std::string out;
  JsonWriter writer(out, indent);
  writer.begin_object();
  writer.key("status");
  writer.value(payload.failed ? "failed" : "ok");
  writer.key("errors");
  writer.begin_array();
  for (const ParseError& error : payload.errors) {
    writer.begin_object();
    writer.key("file");
    writer.value(error.file);
    writer.key("error");
    writer.value(error.message);
    write_line(writer, error.line);
    if (!error.callback.empty()) {
      writer.key("callback");
      writer.value(error.callback);
    }
    writer.end_object();
  }
  writer.end_array();
  writer.key("config");
  writer.begin_array();
  for (const ConfigFile& config : payload.config) {
    if (!config.json.empty()) {
      // Pass the serialized config on as it is instead of copying it.
      writer.raw("");
      sink(out);
      out.clear();
      sink(config.json);
    } else {
      write_config(writer, config, payload.files);
    }
  }
  writer.end_array();
  writer.end_object();
  sink(out);
}

}  // namespace tlslint::crossplane
