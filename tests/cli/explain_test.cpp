// "tlslint explain RULE" and "--list-rules" in each format, from the binary.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/registry.h"
#include "support/process.h"

namespace tlslint::testing {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Explain, PrintsEveryRulesDocsPage) {
  for (const engine::RuleInfo& rule : engine::Registry::builtin().rules()) {
    ProcessResult result = run_tlslint({"explain", rule.id});
    EXPECT_EQ(result.exit_status, 0) << rule.id << ": " << result.err;
    EXPECT_EQ(result.out, read_file(fs::path(TLSLINT_SOURCE_DIR) /
                                    "docs/rules" / (rule.id + ".md")))
        << rule.id;
  }
}

TEST(Explain, WorksOutsideSourceTree) {
  TempDir dir;
  // The pages are compiled in, so no docs/ folder is needed.
  ProcessResult result = run_tlslint({"explain", "weak-key"}, dir.path());
  EXPECT_EQ(result.exit_status, 0) << result.err;
  EXPECT_TRUE(result.out.starts_with("# weak-key\n")) << result.out;
}

TEST(Explain, UnknownRuleSuggestsClosest) {
  ProcessResult result = run_tlslint({"explain", "chain-incomplet"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "tlslint: error: explain: unknown rule \"chain-incomplet\"; did "
            "you mean \"chain-incomplete\"?\n");
}

TEST(Explain, UnknownRuleWithoutSuggestion) {
  ProcessResult result = run_tlslint({"explain", "zzzzzzzzzzzzzzzzzzzz"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err,
            "tlslint: error: explain: unknown rule \"zzzzzzzzzzzzzzzzzzzz\"; "
            "run \"tlslint --list-rules\" for the ids\n");
}

TEST(Explain, UpperCaseSuggestsLowerCase) {
  ProcessResult result = run_tlslint({"explain", "SSL-PROTOCOLS-LEGACY"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "tlslint: error: explain: unknown rule \"SSL-PROTOCOLS-LEGACY\"; "
            "did you mean \"ssl-protocols-legacy\"?\n");
}

TEST(Explain, RejectsOptions) {
  for (const char* option : {"--format", "--format=json", "-x"}) {
    std::string name = std::string(option).substr(
        0, std::string(option).find('='));
    ProcessResult result =
        run_tlslint({"explain", option, "json", "chain-incomplete"});
    EXPECT_EQ(result.exit_status, 3) << option;
    EXPECT_EQ(result.out, "") << option;
    EXPECT_EQ(result.err, "tlslint: error: explain takes one rule id; " +
                              name +
                              " is not an option of explain; run \"tlslint "
                              "explain RULE\"\n")
        << option;
  }
}

TEST(Explain, NeedsOneRule) {
  ProcessResult none = run_tlslint({"explain"});
  EXPECT_EQ(none.exit_status, 3);
  EXPECT_EQ(none.err,
            "tlslint: error: explain: missing rule id; run \"tlslint explain "
            "RULE\", e.g. \"tlslint explain chain-incomplete\"\n");
  ProcessResult two = run_tlslint({"explain", "weak-key", "san-mismatch"});
  EXPECT_EQ(two.exit_status, 3);
  EXPECT_NE(two.err.find("expected one rule id, got 2"), std::string::npos)
      << two.err;
  ProcessResult help = run_tlslint({"explain", "--help"});
  EXPECT_EQ(help.exit_status, 0);
  EXPECT_TRUE(help.out.starts_with("Usage: tlslint explain RULE\n"))
      << help.out;
}

TEST(Explain, ConfigFileNamedExplainIsLinted) {
  TempDir dir;
  dir.write("explain",
            "server {\n    listen 80;\n    ssl on;\n"
            "    ssl_reject_handshake on;\n"
            "    ssl_protocols TLSv1.2 TLSv1.3;\n}\n");
  ProcessResult result = run_tlslint(
      {"--no-config", "--nginx-version", "1.26.0", "./explain"}, dir.path());
  EXPECT_EQ(result.exit_status, 1) << result.out << result.err;
  std::vector<FindingLine> findings = parse_findings(result.out);
  ASSERT_EQ(findings.size(), 1u) << result.out;
  EXPECT_EQ(findings[0].file, "./explain");
  EXPECT_EQ(findings[0].rule, "ssl-directive-removed");
}

TEST(ListRules, TextHasOneLinePerRule) {
  const engine::Registry& registry = engine::Registry::builtin();
  ProcessResult result = run_tlslint({"--list-rules"});
  EXPECT_EQ(result.exit_status, 0);
  std::size_t lines = 0;
  for (char c : result.out) lines += c == '\n';
  EXPECT_EQ(lines, registry.rules().size());
  EXPECT_NE(result.out.find("cert-path-not-fullchain          error    "
                            "fixable  ssl_certificate names certbot's"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("weak-key                         error    -  "),
            std::string::npos)
      << result.out;
}

TEST(ListRules, JsonMatchesRegistry) {
  const engine::Registry& registry = engine::Registry::builtin();
  ProcessResult result = run_tlslint({"--list-rules", "--format", "json"});
  EXPECT_EQ(result.exit_status, 0) << result.err;
  nlohmann::json rules = nlohmann::json::parse(result.out);
  ASSERT_TRUE(rules.is_array());
  ASSERT_EQ(rules.size(), registry.rules().size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const engine::RuleInfo& rule = registry.rules()[i];
    EXPECT_EQ(rules[i]["id"], rule.id);
    EXPECT_EQ(rules[i]["family"], rule.family);
    EXPECT_EQ(rules[i]["severity"], engine::to_string(rule.severity));
    EXPECT_EQ(rules[i]["fixable"], rule.fixable);
    EXPECT_EQ(rules[i]["summary"], rule.summary);
    EXPECT_EQ(rules[i]["docs"], "docs/rules/" + rule.id + ".md");
  }
}

TEST(ListRules, MarkdownOnlyWithListRules) {
  TempDir dir;
  std::string site = dir.write("site.conf", "server { listen 80; }\n");
  ProcessResult result =
      run_tlslint({"--no-config", "--format", "markdown", site});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err,
            "tlslint: error: --format markdown is only for --list-rules; use "
            "text, json or sarif for findings\n");
}

}  // namespace
}  // namespace tlslint::testing
