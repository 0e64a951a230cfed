#include "crossplane/file_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace tlslint::crossplane {

int open_for_reading(const std::string& path, int* descriptor) {
  // O_NONBLOCK keeps open() from waiting for a FIFO's writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return errno;
  struct stat info {};
  int error = 0;
  if (::fstat(fd, &info) != 0) {
    error = errno;
  } else if (S_ISDIR(info.st_mode)) {
    error = EISDIR;
  } else if (!S_ISREG(info.st_mode)) {
    // NOTE: crossplane would block on a FIFO or read /dev/zero until memory
    // runs out; tlslint reports "[Errno 22] Invalid argument" instead.
    error = EINVAL;
  } else if (static_cast<std::size_t>(info.st_size) > kMaxFileBytes) {
    error = EFBIG;
  }
  if (error != 0 || descriptor == nullptr) {
    ::close(fd);
    return error;
  }
  *descriptor = fd;
  return 0;
}

int read_file(const std::string& path, std::string& bytes, std::size_t& size) {
  int fd = -1;
  if (int error = open_for_reading(path, &fd)) return error;
  size = 0;
  for (;;) {
    if (size > kMaxFileBytes) {
      ::close(fd);
      return EFBIG;
    }
    if (bytes.size() - size < 4096) bytes.resize(size + 65536);
    std::size_t room = bytes.size() - size;
    ssize_t count = ::read(fd, bytes.data() + size, room);
    if (count < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      return error;
    }
    if (count == 0) break;
    size += static_cast<std::size_t>(count);
    // A regular file returns less than asked only at its end, so the
    // read that would return 0 is skipped.
    if (static_cast<std::size_t>(count) < room) break;
  }
  ::close(fd);
  return 0;
}

}  // namespace tlslint::crossplane
