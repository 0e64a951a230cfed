#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlslint::crossplane {

/// A directive or comment object of crossplane's JSON (keys in its order).
/// The strings point into text that the owning Payload (or the caller)
/// keeps alive.
struct Statement {
  /// Index into Payload::files for the "file" key (--combine), or -1.
  int file = -1;
  std::string_view directive;
  int line = 0;
  std::vector<std::string_view> args;
  bool has_includes = false;
  std::vector<int> includes;
  bool has_block = false;
  std::vector<Statement> block;
  bool is_comment = false;
  std::string_view comment;
};

/// An error object; `line` is null when crossplane has no line for it.
struct ParseError {
  std::string file;
  std::string message;
  std::optional<int> line;
  std::string callback;  ///< traceback text for --tb-onerror, else empty
};

/// One entry of "config": a file that was read (or failed to be read).
struct ConfigFile {
  std::string file;
  bool failed = false;
  std::vector<ParseError> errors;  ///< serialized without "file"
  std::vector<Statement> parsed;
  /// The serialized object, written as soon as the file was parsed so that
  /// large trees need not stay in memory. `parsed` is then empty.
  std::string json;
};

/// The whole document that `crossplane parse` prints.
struct Payload {
  bool failed = false;
  std::vector<ParseError> errors;
  std::vector<ConfigFile> config;
  /// Path strings that Statement::file refers to.
  std::vector<std::string> files;
  /// Texts that the statements point into, kept while `config` contains
  /// trees. A deque never moves its elements, so the views stay valid.
  std::deque<std::string> texts;
  std::deque<std::deque<std::string>> owned;
};

}  // namespace tlslint::crossplane
