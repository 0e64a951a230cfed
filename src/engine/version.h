#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace tlslint::engine {

/// A dotted version such as nginx's "1.22.1" or OpenSSL's "3.0.19".
struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;

  auto operator<=>(const Version&) const = default;
  std::string to_string() const;
};

/// Parses "1.22.1", "1.25" or "nginx/1.22.1"; returns nullopt otherwise.
std::optional<Version> parse_version(std::string_view text);

}  // namespace tlslint::engine
