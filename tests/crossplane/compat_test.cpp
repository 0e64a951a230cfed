// Cases where crossplane reads a config differently from nginx. `parse`
// reproduces crossplane in each of them, and these tests pin that choice.
// docs/crossplane-compat.md lists what nginx -t 1.22.1 reports instead.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "crossplane_test_support.h"

namespace tlslint::crossplane {
namespace {

/// Parses `text` as nginx.conf with `flag` (if any) and returns the JSON.
nlohmann::json parse_text(const std::string& text,
                          const std::string& flag = "") {
  testing::TempDir folder;
  folder.write("nginx.conf", text);
  std::vector<std::string> args{"parse"};
  if (!flag.empty()) args.push_back(flag);
  args.push_back("nginx.conf");
  return nlohmann::json::parse(testing::run_in(folder.path(), args).out);
}

nlohmann::json parsed(const std::string& text) {
  return parse_text(text)["config"][0]["parsed"];
}

TEST(CrossplaneCompat, DollarBraceKeepsFollowingSpace) {
  // nginx reads two arguments, "${host}" and "next": for "return 200
  // ${host} next;" it reports an invalid number of arguments.
  nlohmann::json block = parsed("echo_test 200 ${host} next;\n");
  EXPECT_EQ(block[0]["args"], nlohmann::json({"200", "${host} next"}));
}

TEST(CrossplaneCompat, FinalWordWithoutNewlineIsDropped) {
  // nginx: unexpected end of file, expecting ";" or "}".
  nlohmann::json document = parse_text("worker_processes 1;\nstray");
  EXPECT_EQ(document["status"], "ok");
  EXPECT_EQ(document["config"][0]["parsed"].size(), 1u);
}

TEST(CrossplaneCompat, BackslashAtEndIsDropped) {
  // nginx: unexpected end of file, expecting ";" or "}".
  EXPECT_EQ(parse_text("worker_processes 1;\n\\")["status"], "ok");
}

TEST(CrossplaneCompat, LoneCarriageReturnEndsComment) {
  // nginx: a comment runs to LF, so the directive is part of it.
  nlohmann::json block = parsed("# comment\rbogus_directive 2;\n");
  ASSERT_EQ(block.size(), 1u);
  EXPECT_EQ(block[0]["directive"], "bogus_directive");
  EXPECT_EQ(block[0]["line"], 2);
}

TEST(CrossplaneCompat, ByteOrderMarkStaysInName) {
  // nginx: unknown directive "\ufeffworker_processes".
  nlohmann::json document = parse_text("\xEF\xBB\xBFworker_processes 1;\n");
  EXPECT_EQ(document["status"], "ok");
  EXPECT_EQ(document["config"][0]["parsed"][0]["directive"],
            "\xEF\xBB\xBFworker_processes");
}

TEST(CrossplaneCompat, UnicodeSpaceSeparatesArguments) {
  // nginx: unknown directive "worker_processes\u00a01".
  nlohmann::json block = parsed(
      "worker_processes\xC2\xA0"
      "1;\n");
  EXPECT_EQ(block[0]["directive"], "worker_processes");
  EXPECT_EQ(block[0]["args"], nlohmann::json({"1"}));
}

TEST(CrossplaneCompat, WordAfterClosingQuoteIsNewArgument) {
  // nginx: unexpected "2".
  nlohmann::json document = parse_text("worker_processes \"1\"2;\n");
  EXPECT_EQ(document["errors"][0]["error"],
            "invalid number of arguments in \"worker_processes\" directive "
            "in nginx.conf:1");
}

TEST(CrossplaneCompat, StraySemicolonIsDirective) {
  // nginx: unexpected ";".
  nlohmann::json block = parsed("http { access_log off; ; }\n")[0]["block"];
  ASSERT_EQ(block.size(), 2u);
  EXPECT_EQ(block[1]["directive"], ";");
}

TEST(CrossplaneCompat, StrayBraceIsDirective) {
  // nginx: unexpected "{".
  nlohmann::json document = parse_text("{ stray; }\nafter 1;\n", "--strict");
  EXPECT_EQ(document["errors"][0]["error"],
            "unknown directive \"{\" in nginx.conf:1");
  EXPECT_EQ(document["config"][0]["parsed"].size(), 0u);
}

TEST(CrossplaneCompat, ClosingBraceEndsFileSilently) {
  // The stray "{" balances the "}", so the rest of the file is ignored.
  nlohmann::json block = parsed("{ stray; }\nafter 1;\n");
  ASSERT_EQ(block.size(), 1u);
  EXPECT_EQ(block[0]["directive"], "{");
}

}  // namespace
}  // namespace tlslint::crossplane
