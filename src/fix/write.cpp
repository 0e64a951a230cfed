#include "fix/write.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

namespace tlslint::fix {
namespace {

namespace fs = std::filesystem;

std::string system_error(const std::string& what, const fs::path& path) {
  return fmt::format("{} \"{}\" failed: {}", what, path.string(),
                     std::strerror(errno));
}

/// Writes all of `text` to `fd`, retrying short writes.
bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool fsync_directory(const fs::path& directory) {
  int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

/// Hard-links the current file as the backup, so that the backup keeps its
/// inode, mode, owner and times; falls back to a copy.
std::string make_backup(const fs::path& target, const std::string& suffix) {
  fs::path backup = target;
  backup += suffix;
  std::error_code error;
  fs::remove(backup, error);
  if (::link(target.c_str(), backup.c_str()) == 0) return "";
  if (!fs::copy_file(target, backup, fs::copy_options::overwrite_existing,
                     error)) {
    return fmt::format("failed to write backup \"{}\": {}", backup.string(),
                       error.message());
  }
  return "";
}

/// Writes `text` to a new temporary file next to `target` with its mode and
/// owner. Returns the temporary path, or "" with `message` set.
fs::path write_temporary(const fs::path& target, const struct stat& info,
                         const std::string& text, std::string& message) {
  std::string pattern = (target.parent_path() /
                         ("." + target.filename().string() + ".tlslint-XXXXXX"))
                            .string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    message = system_error("mkstemp() in", target.parent_path());
    return {};
  }
  fs::path temporary = pattern;
  bool ok = write_all(fd, text) && ::fchmod(fd, info.st_mode & 07777) == 0;
  if (!ok) message = system_error("write() to", temporary);
  // Only root may give a file away; keep the owner when we can, and
  // otherwise the file becomes ours, as with any editor that renames.
  if (ok && (info.st_uid != ::geteuid() || info.st_gid != ::getegid())) {
    if (::fchown(fd, info.st_uid, info.st_gid) != 0 && errno != EPERM) {
      ok = false;
      message = system_error("fchown() of", temporary);
    }
  }
  if (ok && ::fsync(fd) != 0) {
    ok = false;
    message = system_error("fsync() of", temporary);
  }
  ::close(fd);
  if (!ok) {
    ::unlink(temporary.c_str());
    return {};
  }
  return temporary;
}

}  // namespace

std::optional<std::string> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text(std::istreambuf_iterator<char>(in), {});
  if (in.bad()) return std::nullopt;
  return text;
}

std::string write_atomically(const fs::path& path, const std::string& expected,
                             const std::string& text,
                             const WriteOptions& options) {
  std::error_code error;
  fs::path target = fs::canonical(path, error);
  if (error) {
    return fmt::format("failed to resolve \"{}\": {}", path.string(),
                       error.message());
  }
  std::optional<std::string> current = read_bytes(target);
  if (!current) return system_error("open()", target);
  // NOTE: a writer that changes the file between this check and the rename
  // below is not detected; nginx configuration has no lock to take.
  if (*current != expected) {
    return fmt::format(
        "\"{}\" changed on disk since tlslint read it, so it was not "
        "written; run tlslint again",
        path.string());
  }
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) return system_error("stat()", target);
  // rename() would replace a read-only file in a writable directory, and
  // access() lets root write anything, so a file without any write bit is
  // taken as "do not edit" too.
  if (::access(target.c_str(), W_OK) != 0) {
    return system_error("access() for writing", target);
  }
  if ((info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) {
    return fmt::format(
        "\"{}\" is read-only (mode {:o}), so it was not "
        "written; make it writable to fix it",
        path.string(), info.st_mode & 07777);
  }
  std::string message;
  fs::path temporary = write_temporary(target, info, text, message);
  if (temporary.empty()) return message;
  if (options.backup_suffix) {
    message = make_backup(target, *options.backup_suffix);
    if (!message.empty()) {
      ::unlink(temporary.c_str());
      return message;
    }
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    message = system_error("rename() onto", target);
    ::unlink(temporary.c_str());
    return message;
  }
  if (!fsync_directory(target.parent_path())) {
    return system_error("fsync() of directory", target.parent_path());
  }
  return "";
}

}  // namespace tlslint::fix
