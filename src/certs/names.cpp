// Host name matching against certificate dNSName entries (RFC 6125,
// section 6.4.3).

#include <arpa/inet.h>

#include <string>
#include <string_view>

#include "certs/certificate.h"

namespace tlslint::certs {
namespace {

std::string_view without_trailing_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

char to_lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower_ascii(a[i]) != to_lower_ascii(b[i])) return false;
  }
  return true;
}

/// True for "example.org": two or more labels, none of them empty.
bool has_two_nonempty_labels(std::string_view name) {
  return name.find('.') != std::string_view::npos && name.front() != '.' &&
         name.back() != '.' && name.find("..") == std::string_view::npos;
}

/// True for an IPv4 or IPv6 address literal, which a DNS wildcard must not
/// cover ("*.0.0.1" is no pattern for "10.0.0.1").
bool is_ip_address(std::string_view name) {
  std::string text(name);
  unsigned char address[16];
  return inet_pton(AF_INET, text.c_str(), address) == 1 ||
         inet_pton(AF_INET6, text.c_str(), address) == 1;
}

}  // namespace

// TODO: host names with non-ASCII labels (U-labels) are compared byte by
// byte; they should be converted to A-labels ("xn--...") first, because
// certificates carry A-labels.
bool dns_name_matches(const std::string& pattern, const std::string& host) {
  std::string_view wanted = without_trailing_dot(pattern);
  std::string_view name = without_trailing_dot(host);
  if (wanted.empty() || name.empty()) return false;
  if (!wanted.starts_with("*.")) {
    // RFC 6125 lets clients reject a '*' anywhere else ("w*.example.org",
    // "a.*.example.org"), so such a pattern is treated as no match.
    if (wanted.find('*') != std::string_view::npos) return false;
    return equal_ignoring_case(wanted, name);
  }

  // "*.example.org": the wildcard needs at least two labels after it, so
  // "*.org" matches nothing.
  std::string_view parent = wanted.substr(2);
  if (parent.find('*') != std::string_view::npos ||
      !has_two_nonempty_labels(parent)) {
    return false;
  }
  // The wildcard stands for exactly one non-empty label of the host.
  std::size_t dot = name.find('.');
  if (dot == std::string_view::npos || dot == 0 || is_ip_address(name)) {
    return false;
  }
  return equal_ignoring_case(name.substr(dot + 1), parent);
}

}  // namespace tlslint::certs
