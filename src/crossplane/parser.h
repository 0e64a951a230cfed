#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crossplane/lexer.h"
#include "crossplane/payload.h"

namespace tlslint::crossplane {

/// Deepest block nesting that `parse`, `format` and `minify` accept in a
/// file, and `--combine` and `build` in a tree. The parser, the JSON writer
/// and the builder recurse once per level, and `format` overflowed the
/// default 8 MiB stack at 8000 levels in a debug build. crossplane itself
/// fails far earlier, with Python's RecursionError (the default recursion
/// limit is 1000 frames).
inline constexpr int kMaxBlockDepth = 2000;

/// Deepest chain of files that include each other that `--combine` expands,
/// for the same reason.
inline constexpr int kMaxIncludeDepth = 2000;

/// Options of crossplane's parse(); the defaults match `crossplane parse`.
struct ParseOptions {
  bool catch_errors = true;         ///< false for --no-catch
  std::vector<std::string> ignore;  ///< --ignore
  bool single_file = false;         ///< --single-file
  bool comments = false;            ///< --include-comments
  bool strict = false;              ///< --strict
  bool combine = false;             ///< --combine
  bool check_context = true;        ///< false for format and minify
  bool check_arguments = true;      ///< false for format and minify
  bool traceback = false;           ///< --tb-onerror
  /// nginx's reading by default; Dialect::crossplane for --crossplane-quirks.
  Dialect dialect = Dialect::nginx;
  /// When set (and not combining), each config object is serialized with
  /// this indent as soon as its file is parsed; -1 means compact.
  std::optional<int> serialize_indent;
};

/// Parses `filename` and every file it includes, following crossplane 0.5.7
/// (lexer, brace check, analysis, include queue, --combine).
Payload parse_config(const std::string& filename, const ParseOptions& options);

}  // namespace tlslint::crossplane
