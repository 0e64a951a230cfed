#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tlslint::config {

/// A file as nginx names it and as tlslint opens it.
struct MappedPath {
  /// The name nginx would use (before --root is applied).
  std::string view;
  /// The path opened on this machine.
  std::filesystem::path disk;
};

/// Returns `path` inside `root` when `path` is absolute and a root is set,
/// else `path` unchanged. Symbolic links inside the root are followed, and
/// an absolute link target is mapped under the root when it exists there.
std::filesystem::path apply_root(const std::filesystem::path& root,
                                 const std::filesystem::path& path);

/// Maps a command-line input. Without `root` both names are the input.
/// With `root`, an input inside root gets the name nginx uses (`/etc/...`),
/// and an absolute input outside root is read from inside root.
MappedPath map_input(const std::string& input,
                     const std::filesystem::path& root);

/// Returns the conf prefix for site fragments: the nearest directory at or
/// above the first fragment's directory that contains an `nginx.conf`, else
/// that fragment's own directory. Neither search leaves `root`.
std::filesystem::path find_fragment_prefix(const MappedPath& first_fragment,
                                           const std::filesystem::path& root);

/// The files an include pattern names: every match of a glob, sorted
/// bytewise as nginx's glob() call returns them in the C locale, or the
/// one path of a literal include.
struct IncludeMatches {
  bool is_glob = false;
  /// The pattern joined to the prefix, as nginx names it.
  std::string joined;
  std::vector<MappedPath> files;
  /// Set when glob() itself failed.
  std::string error;
};

/// Resolves `pattern` against `prefix` and maps it under `root`.
IncludeMatches match_include(const std::string& pattern,
                             const std::filesystem::path& prefix,
                             const std::filesystem::path& root);

}  // namespace tlslint::config
