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

TEST(UnclosedBracket, FindsFirstUnclosedSet) {
  EXPECT_EQ(find_unclosed_bracket("[unclosed"), 0u);
  EXPECT_EQ(find_unclosed_bracket("a[b]c[d"), 5u);
  EXPECT_EQ(find_unclosed_bracket("[]"), 0u);
  EXPECT_EQ(find_unclosed_bracket("[!]"), 0u);
  // A set ends at its component: "/" cannot be inside one.
  EXPECT_EQ(find_unclosed_bracket("x/[a/b]"), 2u);
}

TEST(UnclosedBracket, AcceptsClosedSets) {
  EXPECT_EQ(find_unclosed_bracket("*.bak"), std::nullopt);
  EXPECT_EQ(find_unclosed_bracket("[ab].conf"), std::nullopt);
  EXPECT_EQ(find_unclosed_bracket("[]]"), std::nullopt);
  EXPECT_EQ(find_unclosed_bracket("[!]]"), std::nullopt);
  EXPECT_EQ(find_unclosed_bracket("legacy/[[]old].conf"), std::nullopt);
}

TEST(UnclosedBracket, LiteralBracketSetMatches) {
  // The spelling that the settings file's error message suggests.
  EXPECT_TRUE(ignore_pattern_matches("[[]old].conf", "[old].conf"));
  EXPECT_FALSE(ignore_pattern_matches("[[]old].conf", "old].conf"));
}

}  // namespace
}  // namespace tlslint::cli
