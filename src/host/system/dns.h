#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tlslint::host::system {

/// A `nameserver` line of resolv.conf.
struct Nameserver {
  std::string address;
  std::size_t line = 0;
};

/// The `nameserver` lines of resolv.conf(5) text, in order. Comments start
/// with '#' or ';' in the first column.
std::vector<Nameserver> parse_nameservers(std::string_view text);

}  // namespace tlslint::host::system
