#pragma once

#include <string_view>

namespace tlslint::cli {

/// Returns true when `pattern` matches the relative path `path` or one of
/// its parent directories. Components match with fnmatch's rules, and a
/// "**" component matches any number of components, including none.
bool ignore_pattern_matches(std::string_view pattern, std::string_view path);

}  // namespace tlslint::cli
