#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tlslint::crossplane {

/// Decodes `bytes` the way CPython's text-mode open(encoding="utf-8",
/// errors="replace") does: each maximal ill-formed subsequence becomes one
/// U+FFFD, and CR LF becomes LF. A lone CR becomes LF as well, unless
/// `lone_cr_is_newline` is false: nginx reads it as whitespace and counts
/// lines by LF. The result is valid UTF-8.
std::string decode_config_text(std::string_view bytes,
                               bool lone_cr_is_newline = true);

/// Same as above, writing into `text` (its capacity is reused).
void decode_config_text(std::string_view bytes, std::string& text,
                        bool lone_cr_is_newline = true);

/// Returns the length of the UTF-8 sequence that starts with `lead`, or 1 for
/// a byte that cannot start one.
inline std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

/// Returns true when the code point encoded at `text` (valid UTF-8 of
/// `length` bytes) is whitespace for Python's str.isspace().
bool is_python_space(const char* text, std::size_t length);

/// Decodes one code point from valid UTF-8; `length` receives its size.
char32_t decode_code_point(std::string_view text, std::size_t& length);

/// Strips leading (`left`) or trailing Python whitespace from `text`.
std::string_view strip_python_space(std::string_view text, bool left,
                                    bool right);

/// Removes the parentheses around the arguments of "if", as crossplane's
/// _prepare_if_args does: "(" and leading whitespace come off the first,
/// ")" and trailing whitespace off the last, and an argument left empty by
/// that is dropped.
void prepare_if_args(std::vector<std::string_view>& args);

}  // namespace tlslint::crossplane
