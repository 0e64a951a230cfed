#include "cli/time.h"

#include <gtest/gtest.h>

namespace tlslint::cli {
namespace {

TEST(Rfc3339, ParsesUtc) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339("2026-12-04T10:00:00Z"), 1796378400);
}

TEST(Rfc3339, AppliesOffset) {
  EXPECT_EQ(parse_rfc3339("2026-12-04T11:00:00+01:00"), 1796378400);
  EXPECT_EQ(parse_rfc3339("2026-12-04T09:30:00-00:30"), 1796378400);
}

TEST(Rfc3339, IgnoresFraction) {
  EXPECT_EQ(parse_rfc3339("2026-12-04T10:00:00.25Z"), 1796378400);
}

TEST(Rfc3339, RejectsInvalid) {
  EXPECT_FALSE(parse_rfc3339("2026-12-04"));
  EXPECT_FALSE(parse_rfc3339("2026-12-04T10:00:00"));
  EXPECT_FALSE(parse_rfc3339("2026-02-30T10:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-12-04T24:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-12-04T10:00:00Zjunk"));
  EXPECT_FALSE(parse_rfc3339("yesterday"));
}

}  // namespace
}  // namespace tlslint::cli
