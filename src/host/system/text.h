#pragma once

#include <string_view>
#include <vector>

namespace tlslint::host::system {

/// The lines of a file or of command output, without their '\n'.
std::vector<std::string_view> lines_of(std::string_view text);

/// `text` without leading and trailing blanks.
std::string_view trim(std::string_view text);

/// Words separated by blanks.
std::vector<std::string_view> words_of(std::string_view text);

}  // namespace tlslint::host::system
