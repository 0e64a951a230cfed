#include "certs/file_bytes.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace tlslint::certs {
namespace {

LoadStatus status_from_errno(int error_number, std::string& error) {
  error = std::generic_category().message(error_number);
  switch (error_number) {
    case ENOENT:
    case ENOTDIR:
    case ELOOP:
      return LoadStatus::not_found;
    case EACCES:
    case EPERM:
      return LoadStatus::permission_denied;
    default:
      return LoadStatus::io_error;
  }
}

const char* describe_file_type(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is a FIFO";
  if (S_ISSOCK(mode)) return "is a socket";
  if (S_ISCHR(mode)) return "is a character device";
  if (S_ISBLK(mode)) return "is a block device";
  return "is not a regular file";
}

/// Closes a file descriptor on scope exit.
struct FdCloser {
  int fd;
  ~FdCloser() { ::close(fd); }
};

LoadStatus read_all(int fd, FileBytes& bytes, std::string& error) {
  for (;;) {
    if (bytes.free_size() == 0) {
      if (bytes.size() > kMaxFileBytes) {
        error = "file is larger than 64 MiB";
        return LoadStatus::io_error;
      }
      bytes.reserve(std::min(bytes.size() * 2, kMaxFileBytes + 1));
    }
    ssize_t count = ::read(fd, bytes.free_space(), bytes.free_size());
    if (count < 0) {
      if (errno == EINTR) continue;
      return status_from_errno(errno, error);
    }
    if (count == 0) return LoadStatus::ok;
    bytes.grow_size(static_cast<std::size_t>(count));
  }
}

}  // namespace

FileBytes::~FileBytes() { cleanse(); }

void FileBytes::cleanse() {
  if (sensitive_ && buffer_) OPENSSL_cleanse(buffer_.get(), capacity_);
}

void FileBytes::reserve(std::size_t capacity) {
  if (capacity <= capacity_) return;
  // A new buffer and a copy, instead of realloc, so the old bytes can be
  // cleansed before they are freed.
  auto larger = std::make_unique<char[]>(capacity);
  if (size_ > 0) std::memcpy(larger.get(), buffer_.get(), size_);
  cleanse();
  buffer_ = std::move(larger);
  capacity_ = capacity;
}

LoadStatus read_file(const std::filesystem::path& path, FileBytes& bytes,
                     std::string& error) {
  // stat before open: opening a FIFO or a device can block or have side
  // effects (a tape rewinds), and nginx would fail on them anyway.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return status_from_errno(errno, error);
  if (!S_ISREG(info.st_mode)) {
    error = describe_file_type(info.st_mode);
    return LoadStatus::not_regular_file;
  }

  // O_NONBLOCK covers a file swapped for a FIFO after the stat above.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return status_from_errno(errno, error);
  FdCloser closer{fd};
  if (::fstat(fd, &info) != 0) return status_from_errno(errno, error);
  if (!S_ISREG(info.st_mode)) {
    error = describe_file_type(info.st_mode);
    return LoadStatus::not_regular_file;
  }
  if (static_cast<std::size_t>(info.st_size) > kMaxFileBytes) {
    error = "file is larger than 64 MiB";
    return LoadStatus::io_error;
  }

  // One byte more than the size, so that a file that did not grow is read
  // without a second allocation. Files in /proc report size 0 but have
  // content, hence the growing loop in read_all.
  bytes.reserve(static_cast<std::size_t>(info.st_size) + 1);
  LoadStatus status = read_all(fd, bytes, error);
  if (status != LoadStatus::ok) return status;
  if (bytes.size() == 0) {
    error = "file is empty";
    return LoadStatus::empty;
  }
  return LoadStatus::ok;
}

}  // namespace tlslint::certs
