#pragma once

#include <cstddef>
#include <string>

namespace tlslint::crossplane {

/// Larger inputs are refused: no nginx configuration comes near it, and
/// reading /dev/zero must not exhaust memory.
inline constexpr std::size_t kMaxFileBytes = 64 * 1024 * 1024;

/// Opens `path` for reading as Python's open() does (a directory fails with
/// EISDIR), except that a FIFO, socket or device fails with EINVAL instead of
/// blocking or reading forever. Returns 0 or the errno value; on success the
/// descriptor is stored in `descriptor`, or closed when it is null.
int open_for_reading(const std::string& path, int* descriptor);

/// Reads the whole file into the start of `bytes` and stores its size in
/// `size`. `bytes` only grows, so later files reuse it without clearing.
/// A file over kMaxFileBytes fails with EFBIG.
int read_file(const std::string& path, std::string& bytes, std::size_t& size);

}  // namespace tlslint::crossplane
