#include "engine/version.h"

#include <gtest/gtest.h>

namespace tlslint::engine {
namespace {

TEST(Version, ParsesThreeParts) {
  auto version = parse_version("1.22.1");
  ASSERT_TRUE(version);
  EXPECT_EQ(version->major, 1);
  EXPECT_EQ(version->minor, 22);
  EXPECT_EQ(version->patch, 1);
}

TEST(Version, ParsesNginxSlashForm) {
  auto version = parse_version("nginx/1.25.1");
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, (Version{1, 25, 1}));
}

TEST(Version, ParsesTwoParts) {
  auto version = parse_version("1.25");
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, (Version{1, 25, 0}));
}

TEST(Version, RejectsGarbage) {
  EXPECT_FALSE(parse_version(""));
  EXPECT_FALSE(parse_version("1"));
  EXPECT_FALSE(parse_version("one.two"));
  EXPECT_FALSE(parse_version("1.22.1-beta"));
  EXPECT_FALSE(parse_version("1..2"));
}

TEST(Version, OrdersNumerically) {
  EXPECT_LT((Version{1, 9, 1}), (Version{1, 23, 4}));
  EXPECT_LT((Version{1, 25, 0}), (Version{1, 25, 1}));
  EXPECT_EQ((Version{1, 22, 1}).to_string(), "1.22.1");
}

}  // namespace
}  // namespace tlslint::engine
