#pragma once

#include <cstddef>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "config/file_reader.h"
#include "config/paths.h"
#include "syntax/ast.h"

namespace tlslint::config {

/// One file read and parsed on its own, before it joins a Config.
struct ReadSource {
  SourceFile file;
  std::optional<FileIdentity> identity;
  /// The io or syntax error; its `file` is set when the file joins a Config.
  std::optional<LoadError> error;
};

/// Reads and parses the file at `path.disk`, naming it `shown_path`.
ReadSource read_source(const std::string& shown_path,
                       const std::filesystem::path& disk_path);

/// Collects the root files of one Config and reads every file they include,
/// each distinct file once.
class ConfigBuilder {
 public:
  ConfigBuilder(const LoadOptions& options, RootContext context,
                std::filesystem::path prefix);

  /// Appends a command-line input to Config::roots.
  void add_root(ReadSource source);

  /// Resolves includes breadth first, as crossplane numbers files, then
  /// reports include cycles and drops the include that closes each one.
  Config build();

 private:
  std::size_t add_file(ReadSource source);
  void expand_includes(std::size_t file);
  void resolve_include(std::size_t file, syntax::Directive& include);
  void include_match(std::size_t file, syntax::Directive& include,
                     const IncludeMatches& matches, const MappedPath& match);
  std::string missing_include_hint(std::size_t file,
                                   const std::string& pattern) const;
  void check_cycles();

  Config config_;
  /// Files in index order; a deque keeps the Directive pointers below valid
  /// while files are added.
  std::deque<SourceFile> files_;
  /// The `include` directives of each file, in document order.
  std::vector<std::vector<syntax::Directive*>> include_sites_;
  std::map<FileIdentity, std::size_t> known_;
  std::deque<std::size_t> pending_;
};

/// True when top-level `directives` look like a full nginx.conf.
bool is_main_top_level(const std::vector<syntax::Directive>& directives);

}  // namespace tlslint::config
