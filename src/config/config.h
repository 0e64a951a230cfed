#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "syntax/ast.h"

namespace tlslint::config {

/// One file read from disk.
struct SourceFile {
  /// The path as shown to the user: the command-line spelling for inputs,
  /// the prefix joined with the include pattern match for included files
  /// (the name nginx uses, before --root is applied).
  std::string path;
  /// The path opened: `path` with --root applied, except for inputs, which
  /// are opened as given unless they are absolute and outside the root.
  std::filesystem::path disk_path;
  /// The exact bytes read; every Span points into this.
  std::string text;
  std::vector<syntax::Directive> directives;
  std::vector<syntax::Comment> comments;
  /// True when the file was read and parsed without a syntax error.
  bool parsed = false;
};

enum class LoadErrorKind {
  /// Input file missing, unreadable, a directory, a FIFO, ...
  io,
  syntax,
  /// A literal include that does not exist or cannot be read.
  include_missing,
  /// A glob match that cannot be read (e.g. a dangling symlink).
  include_unreadable,
  include_cycle,
};

/// A problem that stopped part of the configuration from being read.
struct LoadError {
  LoadErrorKind kind;
  /// nginx-style text, e.g. `open() "/x.conf" failed (2: No such file or
  /// directory)` or `unexpected "}"`.
  std::string message;
  /// File where the error is reported; for include errors the including
  /// file. Equals Config::files.size() when there is no file (never here).
  std::size_t file = 0;
  syntax::Position where;
  /// A hint such as a same-named file next to the including file.
  std::string hint;
};

/// The context a root file's top level is read in.
enum class RootContext {
  /// A full nginx.conf: top level is nginx's main context.
  main,
  /// A site fragment: read as if included inside `http { }`.
  http,
};

/// One nginx configuration: its files, with includes resolved.
struct Config {
  std::vector<SourceFile> files;
  /// Indexes of the files given on the command line, in order.
  std::vector<std::size_t> roots;
  RootContext context = RootContext::main;
  /// The directory nginx resolves relative paths against (its conf prefix):
  /// the main config's directory, as nginx names it. Empty means the current
  /// directory. When the input was given relative, so is the prefix, and so
  /// shown include paths are relative to the current directory.
  std::filesystem::path prefix;
  /// Applied to absolute paths before opening (for config repositories and
  /// tests); empty means the real file system.
  std::filesystem::path root;
  std::vector<LoadError> errors;
};

struct LoadOptions {
  /// Directory used as `/`. An input inside it gets the name nginx
  /// uses (e.g. `/etc/nginx/nginx.conf`), and absolute paths, including
  /// absolute inputs outside it, are read from inside it.
  std::filesystem::path root;
  /// Overrides the conf prefix. Empty means the main file's directory, or for
  /// site fragments the nearest directory above the first fragment that
  /// contains an nginx.conf (else that fragment's directory).
  std::filesystem::path prefix;
};

/// Resolves a path from the config the way nginx does: relative to
/// `config.prefix`, and then under `config.root` when one is set.
std::filesystem::path resolve_path(const Config& config,
                                   const std::string& path);

/// Reads one full nginx.conf and every file it includes.
Config load_main(const std::string& path, const LoadOptions& options);

/// Reads site fragments (files whose top level holds `server` blocks) as if
/// all of them were included, in order, inside one `http { }`.
Config load_fragments(const std::vector<std::string>& paths,
                      const LoadOptions& options);

/// True when the file's top level looks like a full nginx.conf (it has
/// `http`, `events`, `stream`, `mail` or main-only directives) rather than a
/// site fragment.
bool is_main_config(const syntax::ParsedFile& file);

}  // namespace tlslint::config

namespace tlslint::config {

/// Reads the command-line inputs. Each full nginx.conf becomes its own
/// Config. All site fragments together become one Config, in input order,
/// because nginx would include them into the same `http { }`.
std::vector<Config> load_inputs(const std::vector<std::string>& paths,
                                const LoadOptions& options);

}  // namespace tlslint::config
