#include "cli/ignore.h"

#include <gtest/gtest.h>

namespace tlslint::cli {
namespace {

TEST(IgnorePattern, MatchesComponents) {
  EXPECT_TRUE(ignore_pattern_matches("legacy/*.conf", "legacy/old.conf"));
  EXPECT_FALSE(ignore_pattern_matches("legacy/*.conf", "legacy/old.bak"));
  EXPECT_FALSE(ignore_pattern_matches("legacy/*.conf", "sites/legacy/a.conf"));
  // "*" stays inside one component.
  EXPECT_FALSE(ignore_pattern_matches("*.conf", "legacy/old.conf"));
  EXPECT_TRUE(ignore_pattern_matches("site?.conf", "site1.conf"));
  EXPECT_TRUE(ignore_pattern_matches("site[0-9].conf", "site7.conf"));
}

TEST(IgnorePattern, DoubleStarSpansComponents) {
  EXPECT_TRUE(ignore_pattern_matches("**/*.bak", "a.bak"));
  EXPECT_TRUE(ignore_pattern_matches("**/*.bak", "a/b/c.bak"));
  EXPECT_TRUE(ignore_pattern_matches("drafts/**", "drafts/a/b.conf"));
  EXPECT_TRUE(ignore_pattern_matches("a/**/z.conf", "a/z.conf"));
  EXPECT_TRUE(ignore_pattern_matches("a/**/z.conf", "a/b/c/z.conf"));
  EXPECT_FALSE(ignore_pattern_matches("a/**/z.conf", "b/z.conf"));
}

TEST(IgnorePattern, DirectoryCoversContents) {
  EXPECT_TRUE(ignore_pattern_matches("legacy", "legacy/old.conf"));
  EXPECT_TRUE(ignore_pattern_matches("./legacy/", "legacy/a/b.conf"));
  EXPECT_FALSE(ignore_pattern_matches("legacy", "legacy-new/a.conf"));
}

TEST(IgnorePattern, EmptyPatternMatchesNothing) {
  EXPECT_FALSE(ignore_pattern_matches("", "a.conf"));
  EXPECT_FALSE(ignore_pattern_matches("a.conf", ""));
}

}  // namespace
}  // namespace tlslint::cli
