// Parser failures reported against crossplane, with the result nginx's
// reading must give: a Lua block whose "{" touches its argument, map bodies
// with empty and special keys, and a missing ";" in an included file and at
// the end of a file. The inputs are in tests/data/parse-cases.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crossplane_test_support.h"
#include "support/process.h"

namespace tlslint::crossplane {
namespace {

const std::string kCases = TLSLINT_SOURCE_DIR "/tests/data/parse-cases/";

nlohmann::json parse_case(const std::string& name, const std::string& file,
                          std::vector<std::string> flags = {}) {
  flags.insert(flags.begin(), "parse");
  flags.push_back(file);
  testing::CommandResult result = testing::run_in(kCases + name, flags);
  EXPECT_EQ(result.status, 0) << result.err;
  return nlohmann::json::parse(result.out);
}

nlohmann::json expected(const std::string& name) {
  return nlohmann::json::parse(
      testing::read_file(kCases + name + "/expected.json"));
}

TEST(ReportedCases, LuaBlockBraceTouchingArgument) {
  nlohmann::json document =
      parse_case("lua-block-brace-and-quote", "nginx.conf");
  EXPECT_EQ(document["status"], "ok");
  EXPECT_EQ(document, expected("lua-block-brace-and-quote"));
}

TEST(ReportedCases, MapKeysParseAsEntries) {
  nlohmann::json document =
      parse_case("map-empty-and-special-keys", "nginx.conf");
  EXPECT_EQ(document["errors"], nlohmann::json::array());
  EXPECT_EQ(document, expected("map-empty-and-special-keys"));
}

TEST(ReportedCases, MapKeysPassStrict) {
  nlohmann::json document =
      parse_case("map-empty-and-special-keys", "nginx.conf", {"--strict"});
  EXPECT_EQ(document["errors"], nlohmann::json::array());
  EXPECT_EQ(document, expected("map-empty-and-special-keys"));
}

TEST(ReportedCases, MissingSemicolonInIncludedFile) {
  nlohmann::json document = parse_case("unterminated-directive", "nginx.conf");
  EXPECT_EQ(document["status"], "failed");
  ASSERT_EQ(document["errors"].size(), 1u);
  EXPECT_EQ(document["errors"][0]["file"], "upstreams.conf");
  EXPECT_EQ(document["errors"][0]["line"], 3);
  EXPECT_EQ(document["errors"][0]["error"],
            "directive \"server\" is not terminated by \";\" in "
            "upstreams.conf:3");
  ASSERT_EQ(document["config"].size(), 2u);
  EXPECT_EQ(document["config"][0]["status"], "ok");
  EXPECT_EQ(document["config"][0]["parsed"][1]["block"][0]["includes"],
            nlohmann::json({1}));
}

TEST(ReportedCases, MissingSemicolonAtEndOfFile) {
  nlohmann::json document =
      parse_case("unterminated-directive", "tail-unterminated.conf");
  EXPECT_EQ(document["status"], "failed");
  ASSERT_EQ(document["errors"].size(), 1u);
  EXPECT_EQ(document["errors"][0]["file"], "tail-unterminated.conf");
  EXPECT_EQ(document["errors"][0]["line"], 8);
  EXPECT_EQ(document["errors"][0]["error"],
            "unexpected end of file, expecting \";\" or \"}\" in "
            "tail-unterminated.conf:8");
}

TEST(ReportedCases, LexKeepsLastWord) {
  testing::CommandResult result = testing::run_in(
      kCases + "unterminated-directive", {"lex", "tail-unterminated.conf"});
  EXPECT_EQ(result.status, 0) << result.err;
  nlohmann::json tokens = nlohmann::json::parse(result.out);
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens.back(), "2");
}

TEST(ReportedCases, LintReportsSyntaxErrorAtSameLine) {
  tlslint::testing::ProcessResult result = tlslint::testing::run_tlslint(
      {"--nginx-version", "1.22.1", "--color", "never",
       "tail-unterminated.conf"},
      kCases + "unterminated-directive");
  EXPECT_NE(result.out.find("tail-unterminated.conf:8:"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("[syntax]"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("1 error"), std::string::npos) << result.out;
}

TEST(ReportedCases, LintFindsNothingInLuaAndMapCases) {
  for (const char* name :
       {"lua-block-brace-and-quote", "map-empty-and-special-keys"}) {
    tlslint::testing::ProcessResult result = tlslint::testing::run_tlslint(
        {"--nginx-version", "1.22.1", "--color", "never", "nginx.conf"},
        kCases + name);
    EXPECT_EQ(result.exit_status, 0) << name << "\n" << result.out << result.err;
    EXPECT_NE(result.out.find("0 errors, 0 warnings, 0 infos"),
              std::string::npos)
        << name << "\n" << result.out;
  }
}

}  // namespace
}  // namespace tlslint::crossplane
