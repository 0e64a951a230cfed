#include "cli/time.h"

#include <charconv>
#include <ctime>

namespace tlslint::cli {
namespace {

bool read_number(std::string_view& text, std::size_t digits, int& value) {
  if (text.size() < digits) return false;
  for (std::size_t i = 0; i < digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  std::from_chars(text.data(), text.data() + digits, value);
  text.remove_prefix(digits);
  return true;
}

bool expect(std::string_view& text, char c) {
  if (text.empty() || (text[0] != c && !(c == 'T' && (text[0] == 't' ||
                                                      text[0] == ' ')))) {
    return false;
  }
  text.remove_prefix(1);
  return true;
}

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

std::optional<std::int64_t> parse_rfc3339(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (!read_number(text, 4, year) || !expect(text, '-') ||
      !read_number(text, 2, month) || !expect(text, '-') ||
      !read_number(text, 2, day) || !expect(text, 'T') ||
      !read_number(text, 2, hour) || !expect(text, ':') ||
      !read_number(text, 2, minute) || !expect(text, ':') ||
      !read_number(text, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month) || hour > 23 || minute > 59 ||
      second > 60) {
    return std::nullopt;
  }
  if (!text.empty() && text[0] == '.') {
    text.remove_prefix(1);
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
      ++digits;
    }
    if (digits == 0) return std::nullopt;
    text.remove_prefix(digits);
  }
  int offset = 0;
  if (text == "Z" || text == "z") {
    text.remove_prefix(1);
  } else if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    int sign = text[0] == '-' ? -1 : 1;
    text.remove_prefix(1);
    int offset_hours, offset_minutes;
    if (!read_number(text, 2, offset_hours) || !expect(text, ':') ||
        !read_number(text, 2, offset_minutes) || offset_hours > 23 ||
        offset_minutes > 59) {
      return std::nullopt;
    }
    offset = sign * (offset_hours * 3600 + offset_minutes * 60);
  } else {
    return std::nullopt;
  }
  if (!text.empty()) return std::nullopt;
  std::tm parts{};
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  parts.tm_mday = day;
  parts.tm_hour = hour;
  parts.tm_min = minute;
  parts.tm_sec = second;
  return static_cast<std::int64_t>(timegm(&parts)) - offset;
}

}  // namespace tlslint::cli
