#include "certs/pem_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tlslint::certs {
namespace {

// A PEM header is found in the first part of any real file, so reading more
// than this only slows down a huge file named by mistake.
constexpr std::size_t kMaxBytesScanned = 4 * 1024 * 1024;

LoadStatus status_of_errno(int error) {
  switch (error) {
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

}  // namespace

PemFileStatus check_pem_file(const std::filesystem::path& path,
                             std::string_view label) {
  PemFileStatus result;
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    result.status = status_of_errno(errno);
    result.error = std::strerror(errno);
    return result;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    result.status = LoadStatus::not_regular_file;
    result.error = "not a regular file";
    return result;
  }
  if (info.st_size == 0) {
    ::close(fd);
    result.status = LoadStatus::empty;
    result.error = "file is empty";
    return result;
  }
  std::string text;
  char buffer[65536];
  while (text.size() < kMaxBytesScanned) {
    ssize_t count = ::read(fd, buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) {
      result.status = status_of_errno(errno);
      result.error = std::strerror(errno);
      ::close(fd);
      return result;
    }
    if (count == 0) break;
    text.append(buffer, static_cast<std::size_t>(count));
  }
  ::close(fd);
  std::string marker = "-----BEGIN " + std::string(label) + "-----";
  if (text.find(marker) == std::string::npos) {
    result.status = LoadStatus::no_pem;
    result.error = "no \"" + marker + "\" block";
  }
  return result;
}

std::string describe(LoadStatus status) {
  switch (status) {
    case LoadStatus::ok:
      return "is usable";
    case LoadStatus::not_found:
      return "does not exist";
    case LoadStatus::permission_denied:
      return "is not readable by this user";
    case LoadStatus::not_regular_file:
      return "is not a regular file";
    case LoadStatus::empty:
      return "is empty";
    case LoadStatus::no_pem:
      return "holds no PEM block of the expected kind";
    case LoadStatus::invalid_pem:
      return "holds PEM data that OpenSSL cannot decode";
    case LoadStatus::encrypted:
      return "is protected by a passphrase";
    case LoadStatus::io_error:
      return "cannot be read";
  }
  return "cannot be read";
}

}  // namespace tlslint::certs
