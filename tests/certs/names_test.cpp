// dns_name_matches against RFC 6125 section 6.4.3.

#include <gtest/gtest.h>

#include <string>

#include "certs/certificate.h"

namespace tlslint::certs {
namespace {

struct NameCase {
  const char* pattern;
  const char* host;
  bool matches;
};

const NameCase kNameCases[] = {
    // Exact names, ignoring ASCII case and one trailing dot.
    {"example.org", "example.org", true},
    {"Example.ORG", "example.org", true},
    {"example.org", "EXAMPLE.org", true},
    {"example.org.", "example.org", true},
    {"example.org", "example.org.", true},
    {"example.org", "www.example.org", false},
    {"www.example.org", "example.org", false},
    {"example.org", "example.com", false},
    {"", "example.org", false},
    {"example.org", "", false},
    // A wildcard stands for exactly one non-empty left-most label.
    {"*.example.org", "www.example.org", true},
    {"*.example.org", "WWW.Example.Org", true},
    {"*.example.org", "www.example.org.", true},
    {"*.example.org.", "www.example.org", true},
    {"*.example.org", "example.org", false},
    {"*.example.org", "a.b.example.org", false},
    {"*.example.org", ".example.org", false},
    {"*.example.org", "www.example.com", false},
    {"*.example.org", "wwwexample.org", false},
    // Partial-label and non-left-most wildcards are not accepted.
    {"w*.example.org", "www.example.org", false},
    {"*w.example.org", "www.example.org", false},
    {"w*w.example.org", "www.example.org", false},
    {"www.*.example.org", "www.a.example.org", false},
    {"*.*.example.org", "a.b.example.org", false},
    {"*", "example", false},
    // A wildcard needs at least two labels after it.
    {"*.org", "example.org", false},
    {"*.org.", "example.org", false},
    {"*..org", "a..org", false},
    // IP address literals are never covered by a wildcard.
    {"*.0.0.1", "10.0.0.1", false},
    {"*.0.0.1", "a.0.0.1", true},
};

TEST(Names, MatchesRfc6125Table) {
  for (const NameCase& test_case : kNameCases) {
    EXPECT_EQ(dns_name_matches(test_case.pattern, test_case.host),
              test_case.matches)
        << "pattern \"" << test_case.pattern << "\", host \"" << test_case.host
        << "\"";
  }
}

}  // namespace
}  // namespace tlslint::certs
