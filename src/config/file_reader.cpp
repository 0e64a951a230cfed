#include "config/file_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace tlslint::config {
namespace {

/// Formats a failed system call the way nginx logs it.
std::string system_error(std::string_view call, const std::string& path,
                         int error_number) {
  return fmt::format("{}() \"{}\" failed ({}: {})", call, path, error_number,
                     std::generic_category().message(error_number));
}

std::string_view file_type_name(mode_t mode) {
  if (S_ISDIR(mode)) {
    return "a directory";
  }
  if (S_ISFIFO(mode)) {
    return "a FIFO";
  }
  if (S_ISSOCK(mode)) {
    return "a socket";
  }
  if (S_ISCHR(mode)) {
    return "a character device";
  }
  if (S_ISBLK(mode)) {
    return "a block device";
  }
  return "not a regular file";
}

std::string too_large(const std::string& path, std::uintmax_t size) {
  return fmt::format(
      "\"{}\" is too large for a configuration file ({} bytes, the limit is "
      "{} bytes)",
      path, size, kMaxConfigFileBytes);
}

/// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::optional<FileIdentity> identify_file(
    const std::filesystem::path& disk_path) {
  struct stat info {};
  if (::stat(disk_path.c_str(), &info) != 0) {
    return std::nullopt;
  }
  return FileIdentity{info.st_dev, info.st_ino};
}

FileContents read_config_file(const std::filesystem::path& disk_path,
                              const std::string& shown_path) {
  FileContents result;
  // O_NONBLOCK keeps open() from waiting for a writer when the path is a
  // FIFO; the type check below then rejects it.
  FileDescriptor fd(
      ::open(disk_path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    result.error = system_error("open", shown_path, errno);
    return result;
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    result.error = system_error("fstat", shown_path, errno);
    return result;
  }
  if (!S_ISREG(info.st_mode)) {
    const std::string_view type = file_type_name(info.st_mode);
    result.error =
        type == "not a regular file"
            ? fmt::format("\"{}\" is not a regular file", shown_path)
            : fmt::format("\"{}\" is {}, not a regular file", shown_path, type);
    return result;
  }
  if (static_cast<std::uintmax_t>(info.st_size) > kMaxConfigFileBytes) {
    result.error = too_large(shown_path, info.st_size);
    return result;
  }
  result.identity = FileIdentity{info.st_dev, info.st_ino};
  // Reading up to one byte past the limit catches a file that grew since
  // fstat().
  result.text.resize(static_cast<std::size_t>(info.st_size) + 1);
  std::size_t used = 0;
  for (;;) {
    if (used == result.text.size()) {
      if (used > kMaxConfigFileBytes) {
        result.error = too_large(shown_path, used);
        result.text.clear();
        return result;
      }
      result.text.resize(std::min(used + 65536, kMaxConfigFileBytes + 1));
    }
    const ssize_t n =
        ::read(fd.get(), result.text.data() + used, result.text.size() - used);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      result.error = system_error("read", shown_path, errno);
      result.text.clear();
      return result;
    }
    if (n == 0) {
      break;
    }
    used += static_cast<std::size_t>(n);
  }
  result.text.resize(used);
  return result;
}

}  // namespace tlslint::config
