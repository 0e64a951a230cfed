// Every rule has its metadata in rules/*.toml, a fixture folder, and a docs
// page with the standard headings whose examples are its fixtures. No page or
// folder names an unknown rule.
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/registry.h"

namespace tlslint::engine {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = TLSLINT_SOURCE_DIR;

/// Folders under fixtures/ that hold no rule fixtures.
const std::set<std::string> kOtherFixtures = {"example", "real"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The body of the first ```nginx block after `heading`, or "" if none.
std::string code_block_after(const std::string& page,
                             const std::string& heading) {
  auto at = page.find("\n" + heading + "\n");
  if (at == std::string::npos) return "";
  auto open = page.find("```nginx\n", at);
  if (open == std::string::npos) return "";
  open += 9;
  auto close = page.find("```", open);
  if (close == std::string::npos) return "";
  return page.substr(open, close - open);
}

TEST(RuleMetadata, BuiltinRegistryLoads) {
  const Registry& registry = Registry::builtin();
  EXPECT_GE(registry.rules().size(), 20u);
  EXPECT_FALSE(registry.checks().empty());
}

TEST(RuleMetadata, EveryRuleHasDocsPage) {
  for (const RuleInfo& rule : Registry::builtin().rules()) {
    fs::path page_path = kSource / "docs/rules" / (rule.id + ".md");
    ASSERT_TRUE(fs::exists(page_path)) << page_path;
    std::string page = read_file(page_path);
    EXPECT_TRUE(page.starts_with("# " + rule.id + "\n" + rule.summary + "\n"))
        << page_path << " must start with the id and the toml summary";
    std::size_t previous = 0;
    for (const char* heading : {"## Why", "## Bad", "## Good", "## Fix",
                                "## Options", "## Limitations"}) {
      auto at = page.find(std::string("\n") + heading + "\n");
      ASSERT_NE(at, std::string::npos) << page_path << " lacks " << heading;
      EXPECT_GT(at, previous) << page_path << ": " << heading << " out of order";
      previous = at;
    }
  }
}

/// Host rules have trees laid out like / (bad/ and good/) as fixtures,
/// config rules have bad.conf and good.conf.
bool has_host_fixtures(const RuleInfo& rule) {
  return fs::is_directory(kSource / "fixtures" / rule.family / rule.id / "bad");
}

TEST(RuleMetadata, EveryRuleHasFixtures) {
  for (const RuleInfo& rule : Registry::builtin().rules()) {
    fs::path folder = kSource / "fixtures" / rule.family / rule.id;
    std::vector<const char*> names = {"bad.conf", "good.conf", "bad.expected"};
    if (has_host_fixtures(rule)) names = {"bad", "good", "bad.expected"};
    for (const char* name : names) {
      EXPECT_TRUE(fs::exists(folder / name)) << folder / name;
    }
  }
}

TEST(RuleMetadata, DocsExamplesAreFixtures) {
  for (const RuleInfo& rule : Registry::builtin().rules()) {
    // A host fixture is a file tree, which its page describes in words.
    if (has_host_fixtures(rule)) continue;
    fs::path folder = kSource / "fixtures" / rule.family / rule.id;
    std::string page =
        read_file(kSource / "docs/rules" / (rule.id + ".md"));
    EXPECT_EQ(code_block_after(page, "## Bad"),
              read_file(folder / "bad.conf"))
        << rule.id;
    EXPECT_EQ(code_block_after(page, "## Good"),
              read_file(folder / "good.conf"))
        << rule.id;
  }
}

TEST(RuleMetadata, DocsPagesNameKnownRules) {
  const Registry& registry = Registry::builtin();
  for (const auto& entry : fs::directory_iterator(kSource / "docs/rules")) {
    std::string stem = entry.path().stem();
    if (stem == "README") continue;
    EXPECT_NE(registry.find(stem), nullptr) << entry.path();
  }
}

TEST(RuleMetadata, FixtureFoldersNameKnownRules) {
  const Registry& registry = Registry::builtin();
  for (const auto& family : fs::directory_iterator(kSource / "fixtures")) {
    if (!family.is_directory()) continue;
    if (kOtherFixtures.contains(family.path().filename())) continue;
    for (const auto& folder : fs::directory_iterator(family.path())) {
      const RuleInfo* rule = registry.find(folder.path().filename().string());
      ASSERT_NE(rule, nullptr) << folder.path();
      EXPECT_EQ(rule->family, family.path().filename()) << folder.path();
    }
  }
}

TEST(RuleMetadata, RejectsInvalidToml) {
  EXPECT_THROW(Registry::from_sources({{"x.toml", "[[rule]]\nid = \"a\"\n"}}),
               std::invalid_argument);
  EXPECT_THROW(Registry::from_sources({{"x.toml", "rule = ["}}),
               std::invalid_argument);
  EXPECT_THROW(
      Registry::from_sources(
          {{"x.toml",
            "[[rule]]\nid = \"a\"\nseverity = \"fatal\"\nsummary = \"s\"\n"}}),
      std::invalid_argument);
}

TEST(RuleMetadata, SuggestsCloseIds) {
  const Registry& registry = Registry::builtin();
  std::vector<std::string> close = registry.closest("cert-expird");
  ASSERT_FALSE(close.empty());
  EXPECT_EQ(close.front(), "cert-expired");
  EXPECT_TRUE(registry.closest("zzzzzzzzzzzzzzzzzzzz").empty());
}

}  // namespace
}  // namespace tlslint::engine
