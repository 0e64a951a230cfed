#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace tlslint::cli {

/// Returns true when `pattern` matches the relative path `path` or one of
/// its parent directories. Components match with fnmatch's rules, and a
/// "**" component matches any number of components, including none.
bool ignore_pattern_matches(std::string_view pattern, std::string_view path);

/// Returns the byte offset of the first "[" in `pattern` that has no closing
/// "]" in its path component, or nullopt. fnmatch reads such a "[" as a
/// literal character, so the settings file rejects it: "[[]" is the way to
/// write a literal "[".
std::optional<std::size_t> find_unclosed_bracket(std::string_view pattern);

}  // namespace tlslint::cli
