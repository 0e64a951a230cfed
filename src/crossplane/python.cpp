#include "crossplane/python.h"

#include <fmt/format.h>

#include <cstring>

#include "crossplane/text.h"

namespace tlslint::crossplane {
namespace {

// Returns false for the code points that Python's str.isprintable() rejects
// and that a config or file name plausibly contains: controls, separators
// other than the space, and the format characters around U+200B.
bool is_printable(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD) return false;
  if (c == 0x1680 || (c >= 0x2000 && c <= 0x200F)) return false;
  if (c >= 0x2028 && c <= 0x202F) return false;
  if (c >= 0x205F && c <= 0x206F) return false;
  if (c == 0x3000 || c == 0xFEFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
  if (c >= 0xFFF9 && c <= 0xFFFB) return false;
  return !(c >= 0xE000 && c <= 0xF8FF);
}

void append_escape(std::string& out, char32_t c) {
  if (c <= 0xFF) {
    out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
  } else if (c <= 0xFFFF) {
    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
  } else {
    out += fmt::format("\\U{:08x}", static_cast<unsigned>(c));
  }
}

bool is_valid_sequence(std::string_view text, std::size_t length) {
  if (length > text.size() || length == 1) {
    return static_cast<unsigned char>(text[0]) < 0x80;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return false;
  }
  return true;
}

// Python's conversion types that want a number; a str argument fails them.
std::string number_error(char conversion) {
  switch (conversion) {
    case 'd':
    case 'i':
    case 'u':
      return fmt::format("%{} format: a real number is required, not str",
                         conversion);
    case 'o':
    case 'x':
    case 'X':
      return fmt::format("%{} format: an integer is required, not str",
                         conversion);
    default:
      return "must be real number, not str";
  }
}

}  // namespace

std::string python_repr(std::string_view text) {
  bool has_single = text.find('\'') != std::string_view::npos;
  bool has_double = text.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char byte = static_cast<unsigned char>(text[i]);
    std::size_t length = utf8_length(byte);
    if (!is_valid_sequence(text.substr(i), length)) {
      // os.fsdecode() maps an undecodable byte to U+DC80..U+DCFF.
      append_escape(out, 0xDC00 + byte);
      ++i;
      continue;
    }
    char32_t c = decode_code_point(text.substr(i), length);
    if (c == static_cast<char32_t>(quote) || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (!is_printable(c)) {
      append_escape(out, c);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  out.push_back(quote);
  return out;
}

std::string os_error_message(int error_number, std::string_view path) {
  return fmt::format("[Errno {}] {}: {}", error_number,
                     std::strerror(error_number), python_repr(path));
}

PercentFormat percent_format(std::string_view format,
                             std::string_view argument) {
  PercentFormat result;
  bool argument_used = false;
  std::string& out = result.text;
  std::size_t i = 0;
  auto fail = [&](std::string message) {
    return PercentFormat{false, std::move(message)};
  };
  while (i < format.size()) {
    char c = format[i++];
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    if (i < format.size() && format[i] == '(') {
      return fail("format requires a mapping");
    }
    bool left_align = false;
    while (i < format.size() && std::strchr("-+ #0", format[i]) != nullptr) {
      left_align = left_align || format[i] == '-';
      ++i;
    }
    std::size_t width = 0;
    if (i < format.size() && format[i] == '*') return fail("* wants int");
    while (i < format.size() && format[i] >= '0' && format[i] <= '9') {
      width = width * 10 + static_cast<std::size_t>(format[i++] - '0');
    }
    std::size_t precision = std::string_view::npos;
    if (i < format.size() && format[i] == '.') {
      ++i;
      if (i < format.size() && format[i] == '*') return fail("* wants int");
      precision = 0;
      while (i < format.size() && format[i] >= '0' && format[i] <= '9') {
        precision =
            precision * 10 + static_cast<std::size_t>(format[i++] - '0');
      }
    }
    while (i < format.size() && std::strchr("hlL", format[i]) != nullptr) ++i;
    if (i >= format.size()) return fail("incomplete format");
    std::size_t conversion_at = i;
    char conversion = format[i++];
    if (conversion == '%') {
      out.push_back('%');
      continue;
    }
    if (std::strchr("srabcdiuoxXeEfFgG", conversion) == nullptr) {
      // Python reports the code point and its index in code points.
      std::size_t length = 1;
      char32_t code = decode_code_point(format.substr(conversion_at), length);
      std::size_t index = 0;
      for (std::size_t k = 0; k < conversion_at;
           k += utf8_length(static_cast<unsigned char>(format[k]))) {
        ++index;
      }
      std::string shown(format.substr(conversion_at, length));
      return fail(
          fmt::format("unsupported format character {} (0x{:x}) at index {}",
                      python_repr(shown), static_cast<unsigned>(code), index));
    }
    if (argument_used) return fail("not enough arguments for format string");
    argument_used = true;
    std::string value;
    if (conversion == 's') {
      value = argument;
    } else if (conversion == 'r' || conversion == 'a') {
      value = python_repr(argument);
    } else if (conversion == 'c') {
      return fail(
          "%c requires an int or a unicode character, not a string "
          "of length " +
          std::to_string(argument.size()));
    } else if (conversion == 'b') {
      return fail("unsupported format character 'b' (0x62) at index " +
                  std::to_string(conversion_at));
    } else {
      return fail(number_error(conversion));
    }
    if (precision != std::string_view::npos && precision < value.size()) {
      value.resize(precision);
    }
    std::string padding(width > value.size() ? width - value.size() : 0, ' ');
    out += left_align ? value + padding : padding + value;
  }
  if (!argument_used) {
    return fail("not all arguments converted during string formatting");
  }
  return result;
}

}  // namespace tlslint::crossplane
