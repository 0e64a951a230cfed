#pragma once

#include <cstddef>
#include <string_view>

namespace tlslint::engine {

/// Levenshtein distance between two strings, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace tlslint::engine
