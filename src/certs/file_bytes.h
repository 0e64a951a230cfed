#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "certs/certificate.h"

namespace tlslint::certs {

/// The contents of one file, read for OpenSSL. A buffer made with
/// `sensitive` set (private keys) is overwritten with OPENSSL_cleanse when
/// it grows and when it is destroyed.
class FileBytes {
 public:
  explicit FileBytes(bool sensitive) : sensitive_(sensitive) {}
  ~FileBytes();
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;

  const char* data() const { return buffer_.get(); }
  std::size_t size() const { return size_; }
  std::string_view view() const { return {buffer_.get(), size_}; }

  /// Makes room for at least `capacity` bytes, keeping the current ones.
  void reserve(std::size_t capacity);
  /// The writable space after the current bytes.
  char* free_space() { return buffer_.get() + size_; }
  std::size_t free_size() const { return capacity_ - size_; }
  void grow_size(std::size_t count) { size_ += count; }

 private:
  void cleanse();

  bool sensitive_;
  std::unique_ptr<char[]> buffer_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

/// Files larger than this are rejected with LoadStatus::io_error; PEM
/// bundles and CA bundles are far smaller.
inline constexpr std::size_t kMaxFileBytes = 64 * 1024 * 1024;

/// Reads a regular file into `bytes`. Directories, FIFOs and devices give
/// not_regular_file without being read, and a FIFO is never waited on.
/// On failure `error` is set to strerror text or a short reason.
LoadStatus read_file(const std::filesystem::path& path, FileBytes& bytes,
                     std::string& error);

}  // namespace tlslint::certs
