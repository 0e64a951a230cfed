// Every rule has its metadata in rules/*.toml, a fixture folder, and a docs
// page with the standard headings whose examples are its fixtures. No page,
// folder, suppression comment in a fixture or rule id in the sources names
// an unknown rule, and docs/rules/README.md has the generated rule tables.
// The tests walk the registry and the folders, so new rules need no edit
// here.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/registry.h"
#include "engine/suppression.h"
#include "support/process.h"

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

TEST(RuleMetadata, SourcesNameKnownRules) {
  const Registry& registry = Registry::builtin();
  // The literal ids that checks report and that the CLI tests for; an id
  // missing from rules/*.toml would throw only when the check fires.
  static const std::regex id_use(
      R"re((?:report|make_finding)\(\s*(?:registry,\s*)?"([a-z0-9-]+)")re"
      R"re(|rule_id [!=]= "([a-z0-9-]+)")re");
  std::size_t found = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kSource / "src")) {
    if (entry.path().extension() != ".cpp") continue;
    std::string text = read_file(entry.path());
    for (std::sregex_iterator match(text.begin(), text.end(), id_use), end;
         match != end; ++match) {
      std::string id = (*match)[1].matched ? (*match)[1] : (*match)[2];
      EXPECT_NE(registry.find(id), nullptr)
          << entry.path() << " names unknown rule \"" << id << "\"";
      ++found;
    }
  }
  EXPECT_GT(found, 5u) << "the pattern no longer finds rule ids in src/";
}

TEST(RuleMetadata, FixtureSuppressionsNameKnownRules) {
  const Registry& registry = Registry::builtin();
  // That fixture's subject is a suppression with a misspelt id.
  const fs::path unknown_rule_fixture =
      kSource / "fixtures/suppressions/suppression-unknown-rule";
  std::size_t found = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(kSource / "fixtures")) {
    if (entry.path().extension() != ".conf") continue;
    if (entry.path().parent_path() == unknown_rule_fixture) continue;
    std::string text = read_file(entry.path());
    std::size_t line_start = 0;
    while (line_start < text.size()) {
      std::size_t line_end = text.find('\n', line_start);
      if (line_end == std::string::npos) line_end = text.size();
      std::string line = text.substr(line_start, line_end - line_start);
      line_start = line_end + 1;
      auto hash = line.find('#');
      if (hash == std::string::npos) continue;
      for (const Suppression& suppression :
           parse_suppression(line.substr(hash + 1), Location{})) {
        EXPECT_NE(registry.find(suppression.rule_id), nullptr)
            << entry.path() << ": \"" << suppression.rule_id << "\"";
        ++found;
      }
    }
  }
  EXPECT_GT(found, 0u) << "no suppression comment found in fixtures/";
}

TEST(RuleMetadata, RulesIndexIsGenerated) {
  const std::string marker =
      "<!-- Generated below by: tlslint --list-rules --format markdown -->\n";
  std::string index = read_file(kSource / "docs/rules/README.md");
  auto at = index.find(marker);
  ASSERT_NE(at, std::string::npos)
      << "docs/rules/README.md lacks the line " << marker;
  testing::ProcessResult result = testing::run_tlslint(
      {"--no-config", "--list-rules", "--format", "markdown"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_EQ(index.substr(at + marker.size()), "\n" + result.out)
      << "docs/rules/README.md is out of date; run "
         "\"cmake --build build --target docs-rules-index\"";
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
