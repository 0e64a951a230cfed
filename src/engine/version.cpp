#include "engine/version.h"

#include <charconv>

#include <fmt/core.h>

namespace tlslint::engine {

std::string Version::to_string() const {
  return fmt::format("{}.{}.{}", major, minor, patch);
}

std::optional<Version> parse_version(std::string_view text) {
  if (auto slash = text.rfind('/'); slash != std::string_view::npos) {
    text.remove_prefix(slash + 1);
  }
  int parts[3] = {0, 0, 0};
  std::size_t count = 0;
  const char* cursor = text.data();
  const char* end = text.data() + text.size();
  while (count < 3) {
    auto [next, error] = std::from_chars(cursor, end, parts[count]);
    if (error != std::errc() || parts[count] < 0) return std::nullopt;
    ++count;
    cursor = next;
    if (cursor == end || *cursor != '.') break;
    ++cursor;
  }
  if (count < 2 || cursor != end) return std::nullopt;
  return Version{parts[0], parts[1], parts[2]};
}

}  // namespace tlslint::engine
