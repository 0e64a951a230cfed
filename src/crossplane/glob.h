#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tlslint::crossplane {

/// Returns true when `pattern` contains "*", "?" or "[" (Python's
/// glob.has_magic).
bool has_glob_magic(std::string_view pattern);

/// Expands `pattern` like Python's glob.glob(pattern) (non-recursive): names
/// that start with "." match only a component that starts with ".", and
/// directories match too. The result is sorted by code point.
std::vector<std::string> python_glob(const std::string& pattern);

/// Returns true when `name` matches one path component pattern with
/// fnmatch's rules ("*", "?", "[seq]", "[!seq]").
bool fnmatch_component(std::string_view name, std::string_view pattern);

}  // namespace tlslint::crossplane
