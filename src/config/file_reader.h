#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace tlslint::config {

/// Larger files are rejected unread: real configurations are kilobytes, and
/// this bounds the memory one input can take.
inline constexpr std::size_t kMaxConfigFileBytes = 64 * 1024 * 1024;

/// Device and inode of a file, so that two spellings of one path (or a
/// symlink to it) count as one file.
struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;

  auto operator<=>(const FileIdentity&) const = default;
};

/// The bytes of one configuration file, or why they could not be read.
struct FileContents {
  std::string text;
  std::optional<FileIdentity> identity;
  /// Empty on success; else an nginx-style message naming `shown_path`.
  std::string error;
};

/// Returns the identity of the file `disk_path` names (following symlinks),
/// or nothing when stat() fails.
std::optional<FileIdentity> identify_file(
    const std::filesystem::path& disk_path);

/// Reads a regular file of at most kMaxConfigFileBytes. Directories, FIFOs,
/// sockets and devices are rejected without blocking on them. Messages name
/// the file as `shown_path`, e.g. `open() "a.conf" failed (2: No such file
/// or directory)`.
FileContents read_config_file(const std::filesystem::path& disk_path,
                              const std::string& shown_path);

}  // namespace tlslint::config
