#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "crossplane/payload.h"

namespace tlslint::crossplane {

/// Writes JSON the way Python's json.dumps(ensure_ascii=True) does: compact
/// (",", ":") when `indent` is negative, else `indent` spaces per level with
/// ": " after keys. Empty arrays and objects print as [] and {}.
class JsonWriter {
 public:
  JsonWriter(std::string& out, int indent, int level = 0)
      : out_(out), indent_(indent), level_(level) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view name);
  void value(std::string_view text);
  void value(std::int64_t number);
  void null();
  /// Appends an already serialized value written at the current level.
  void raw(std::string_view json);

 private:
  void open(char bracket);
  void close(char bracket);
  void before_value();
  void newline(int level);

  std::string& out_;
  int indent_;
  int level_;
  std::vector<int> counts_;
  bool after_key_ = false;
};

/// Appends `text` as a JSON string: pure ASCII with lower-case \uXXXX
/// escapes (UTF-16 pairs above U+FFFF). Bytes that are not UTF-8 become
/// \udcXX, as Python's surrogateescape gives them.
void append_json_string(std::string& out, std::string_view text);

/// Serializes one config object; `level` is its nesting depth in the
/// document (2 inside "config").
std::string serialize_config(const ConfigFile& config, int indent, int level,
                             const std::vector<std::string>& files);

/// Appends one serialized config object to `out`, with `parsed_json` (an
/// array already serialized at level + 1) as its "parsed" value.
void serialize_config(const ConfigFile& config, int indent, int level,
                      std::string_view parsed_json, std::string& out);

/// Writes a statement object up to, not including, its "block" key; the
/// caller writes the block, if any, and closes the object.
void write_statement_head(JsonWriter& writer, const Statement& statement,
                          const std::vector<std::string>& files);

/// Writes a whole statement object, block included.
void write_statement(JsonWriter& writer, const Statement& statement,
                     const std::vector<std::string>& files);

/// Serializes the whole document, without the final newline.
std::string serialize_payload(const Payload& payload, int indent);

/// Serializes the whole document piece by piece into `sink`, which avoids
/// one copy of large documents.
void write_payload(const Payload& payload, int indent,
                   const std::function<void(std::string_view)>& sink);

}  // namespace tlslint::crossplane
