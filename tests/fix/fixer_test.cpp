#include "fix/fixer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "support/process.h"

namespace tlslint::fix {
namespace {

engine::Finding finding(const std::string& rule) {
  engine::Finding result;
  result.rule_id = rule;
  result.severity = engine::Severity::error;
  result.where = engine::Location{"a.conf", 2, 5, 10};
  return result;
}

Plan plan_for(const std::string& rule, int fixed) {
  Plan plan;
  plan.fixed_rules.push_back({rule, fixed});
  return plan;
}

TEST(VerifyFixes, AcceptsFindingThatWentAway) {
  EXPECT_TRUE(verify_fixes(plan_for("r", 1), {finding("r")}, {}).empty());
}

TEST(VerifyFixes, RejectsFixThatLeftItsFinding) {
  auto problems =
      verify_fixes(plan_for("r", 1), {finding("r")}, {finding("r")});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("[r] did not remove its finding"),
            std::string::npos)
      << problems[0];
}

TEST(VerifyFixes, KeepsUnfixedFindingsOfSameRule) {
  EXPECT_TRUE(verify_fixes(plan_for("r", 1), {finding("r"), finding("r")},
                           {finding("r")})
                  .empty());
}

TEST(VerifyFixes, RejectsNewSyntaxError) {
  auto problems =
      verify_fixes(plan_for("r", 1), {finding("r")}, {finding("syntax")});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("syntax error at a.conf:2:5"), std::string::npos)
      << problems[0];
}

TEST(RollBack, RemovesBackup) {
  testing::TempDir dir;
  std::string file = dir.write("a.conf", "after\n");
  std::string backup = dir.write("a.conf~", "before\n");
  std::ostringstream err;
  EXPECT_TRUE(roll_back({{file, "before\n", "after\n", backup}}, err))
      << err.str();
  EXPECT_EQ(*read_bytes(file), "before\n");
  EXPECT_FALSE(std::filesystem::exists(backup));
  EXPECT_NE(err.str().find("removed backup"), std::string::npos) << err.str();
}

TEST(RollBack, RestoresPreviousText) {
  testing::TempDir dir;
  std::string file = dir.write("a.conf", "after\n");
  std::ostringstream err;
  EXPECT_TRUE(roll_back({{file, "before\n", "after\n"}}, err)) << err.str();
  EXPECT_EQ(*read_bytes(file), "before\n");
}

TEST(RollBack, LeavesFileChangedSinceTheFix) {
  testing::TempDir dir;
  std::string file = dir.write("a.conf", "edited by hand\n");
  std::ostringstream err;
  EXPECT_FALSE(roll_back({{file, "before\n", "after\n"}}, err));
  EXPECT_EQ(*read_bytes(file), "edited by hand\n");
  EXPECT_NE(err.str().find("failed to restore"), std::string::npos);
}

}  // namespace
}  // namespace tlslint::fix

namespace tlslint::fix {
namespace {

TEST(VerifyFixes, RejectsNewStartupError) {
  engine::Finding missing = finding("ssl-listen-without-certificate");
  std::vector<std::string> problems =
      verify_fixes(plan_for("r", 1), {finding("r")}, {missing});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("the fixes made nginx -t fail: a.conf:2:5"),
            std::string::npos)
      << problems[0];
}

TEST(VerifyFixes, KeepsExistingStartupErrors) {
  engine::Finding missing = finding("cert-file-unreadable");
  EXPECT_TRUE(verify_fixes(plan_for("r", 1), {finding("r"), missing},
                           {missing})
                  .empty());
}

TEST(VerifyFixes, IgnoresOtherNewErrors) {
  // A certificate added by a fix may reveal a name mismatch; nginx still
  // starts, so the fix stays.
  EXPECT_TRUE(verify_fixes(plan_for("r", 1), {finding("r")},
                           {finding("san-mismatch")})
                  .empty());
}

}  // namespace
}  // namespace tlslint::fix
