#pragma once

#include <map>
#include <string>
#include <string_view>

namespace tlslint::host::system {

/// The KEY=value lines of `timedatectl show` (NTP=yes,
/// NTPSynchronized=no, ...).
std::map<std::string, std::string> parse_timedatectl(std::string_view text);

}  // namespace tlslint::host::system
