#include "cli/ignore.h"

#include <string>
#include <vector>

#include "crossplane/glob.h"

namespace tlslint::cli {
namespace {

std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    auto slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (!part.empty() && part != ".") parts.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

/// Matches pattern components [p, end) against path components from `i`.
/// Path components may be left over, because a pattern that names a
/// directory covers everything below it.
bool match_from(const std::vector<std::string_view>& pattern, std::size_t p,
                const std::vector<std::string_view>& path, std::size_t i) {
  if (p == pattern.size()) return i > 0;
  if (pattern[p] == "**") {
    for (std::size_t skip = i; skip <= path.size(); ++skip) {
      if (match_from(pattern, p + 1, path, skip)) return true;
    }
    return false;
  }
  if (i == path.size()) return false;
  if (!crossplane::fnmatch_component(path[i], pattern[p])) return false;
  return match_from(pattern, p + 1, path, i + 1);
}

}  // namespace

std::optional<std::size_t> find_unclosed_bracket(std::string_view pattern) {
  // The same scan as fnmatch's: "!" and a "]" right after "[" or "[!" are
  // members of the set, not its end. The "/" ends a component, and so a set.
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] != '[') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    if (j < pattern.size() && pattern[j] == '!') ++j;
    if (j < pattern.size() && pattern[j] == ']') ++j;
    while (j < pattern.size() && pattern[j] != ']' && pattern[j] != '/') ++j;
    if (j == pattern.size() || pattern[j] == '/') return i;
    i = j + 1;
  }
  return std::nullopt;
}

bool ignore_pattern_matches(std::string_view pattern, std::string_view path) {
  return match_from(components(pattern), 0, components(path), 0);
}

}  // namespace tlslint::cli
