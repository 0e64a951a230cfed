#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace tlslint::fix {

/// Settings for the file that write_atomically() replaces.
struct WriteOptions {
  /// Keep the previous version as PATH + suffix; nullopt for no backup.
  std::optional<std::string> backup_suffix;
};

/// Replaces the file at `path` with `text` when it still contains `expected`
/// (the bytes read before the edits were computed). A symlink is followed
/// and the file it points to is replaced, so the link stays. Writes a
/// temporary file in the same directory, copies mode and owner, fsyncs it,
/// renames it over the file and fsyncs the directory. Returns "" on
/// success, else a message for "tlslint: error: ...", with the file left
/// as it was.
std::string write_atomically(const std::filesystem::path& path,
                             const std::string& expected,
                             const std::string& text,
                             const WriteOptions& options);

/// Reads the whole file; nullopt when it cannot be read.
std::optional<std::string> read_bytes(const std::filesystem::path& path);

}  // namespace tlslint::fix
