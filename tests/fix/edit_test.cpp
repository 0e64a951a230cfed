#include "fix/edit.h"

#include <gtest/gtest.h>

namespace tlslint::fix {
namespace {

engine::Finding finding_with(const std::string& rule,
                             std::vector<engine::Edit> edits) {
  engine::Finding finding;
  finding.rule_id = rule;
  finding.where = engine::Location{"a.conf", 1, 1, 0};
  finding.fix = std::move(edits);
  return finding;
}

TEST(FixPlan, MergesIdenticalEdits) {
  engine::Edit edit{"a.conf", 4, 7, "new"};
  Plan plan =
      plan_fixes({finding_with("r1", {edit}), finding_with("r2", {edit}),
                  finding_with("r1", {edit})});
  ASSERT_EQ(plan.files.size(), 1u);
  EXPECT_EQ(plan.files[0].edits.size(), 1u);
  EXPECT_TRUE(plan.rejected.empty());
}

TEST(FixPlan, RejectsOverlappingEditWhole) {
  Plan plan = plan_fixes({finding_with("first", {{"a.conf", 4, 10, "x"}}),
                          finding_with("second", {{"a.conf", 20, 20, "kept?"},
                                                  {"a.conf", 8, 12, "y"}})});
  ASSERT_EQ(plan.files.size(), 1u);
  ASSERT_EQ(plan.files[0].edits.size(), 1u);
  EXPECT_EQ(plan.files[0].edits[0].replacement, "x");
  ASSERT_EQ(plan.rejected.size(), 1u);
  EXPECT_NE(plan.rejected[0].find("[second]"), std::string::npos);
  EXPECT_NE(plan.rejected[0].find("[first]"), std::string::npos);
}

TEST(FixPlan, RejectsTwoInsertionsAtOneOffset) {
  Plan plan = plan_fixes({finding_with("a", {{"a.conf", 5, 5, " ssl"}}),
                          finding_with("b", {{"a.conf", 5, 5, " http2"}})});
  EXPECT_EQ(plan.rejected.size(), 1u);
}

TEST(FixPlan, AcceptsInsertionAtEdgeOfReplacement) {
  Plan plan = plan_fixes({finding_with("a", {{"a.conf", 5, 5, " ssl"}}),
                          finding_with("b", {{"a.conf", 5, 11, ""}})});
  EXPECT_TRUE(plan.rejected.empty());
  ASSERT_EQ(plan.files.size(), 1u);
  EXPECT_EQ(plan.files[0].edits.size(), 2u);
}

TEST(FixPlan, KeepsFilesApart) {
  Plan plan = plan_fixes({finding_with("a", {{"a.conf", 0, 3, "x"}}),
                          finding_with("a", {{"b.conf", 0, 3, "y"}})});
  EXPECT_EQ(plan.files.size(), 2u);
  EXPECT_TRUE(plan.rejected.empty());
  ASSERT_EQ(plan.fixed_rules.size(), 1u);
  EXPECT_EQ(plan.fixed_rules[0].second, 2);
}

TEST(ApplyEdits, ReplacesInsertsAndDeletes) {
  std::string text = "listen 443;\nssl on;\n";
  std::vector<engine::Edit> edits{{"a", 10, 10, " ssl"}, {"a", 12, 20, ""}};
  EXPECT_EQ(apply_edits(text, edits), "listen 443 ssl;\n");
}

TEST(ApplyEdits, RejectsEditOutsideText) {
  EXPECT_THROW(apply_edits("abc", {{"a", 2, 9, ""}}), std::logic_error);
}

}  // namespace
}  // namespace tlslint::fix
