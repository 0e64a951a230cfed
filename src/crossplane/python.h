#pragma once

#include <string>
#include <string_view>

namespace tlslint::crossplane {

/// Result of percent_format: the text, or Python's error message.
struct PercentFormat {
  bool ok = true;
  std::string text;
};

/// Applies Python's `format % argument` with one str argument, including
/// the exception messages Python gives for a malformed format.
PercentFormat percent_format(std::string_view format,
                             std::string_view argument);

/// Returns Python's repr() of a str; bytes that are not UTF-8 show as the
/// surrogate escapes os.fsdecode() gives them.
std::string python_repr(std::string_view text);

/// Returns the text of Python's OSError for `error_number` on `path`:
/// "[Errno 2] No such file or directory: 'path'".
std::string os_error_message(int error_number, std::string_view path);

}  // namespace tlslint::crossplane
