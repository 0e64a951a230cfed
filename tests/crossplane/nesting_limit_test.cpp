// The block nesting limit of the crossplane commands: each command either
// handles a tree at the limit or reports an error one level past it, so that
// no input can overflow the stack.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crossplane/parser.h"
#include "crossplane_test_support.h"

namespace tlslint::crossplane {
namespace {

using testing::run_in;
using testing::TempDir;

/// Returns `levels` nested `location` blocks, one opening per line, with
/// "return 200;" innermost.
std::string nested_locations(int levels) {
  std::string text;
  for (int i = 0; i < levels; ++i) text += "location /a {\n";
  text += "return 200;\n";
  for (int i = 0; i < levels; ++i) text += "}\n";
  return text;
}

/// Returns a config whose blocks nest `levels` deep: "http" on line 1,
/// "server" on line 2, and each further block on the line of its level.
std::string nested_config(int levels) {
  return "http {\nserver {\n" + nested_locations(levels - 2) + "}\n}\n";
}

std::string too_deep_message(const std::string& where) {
  return "too many nested blocks (more than 2000) in " + where;
}

TEST(CrossplaneNesting, ParseRejectsBlockPastLimit) {
  TempDir folder;
  folder.write("nginx.conf", nested_config(kMaxBlockDepth + 1));
  testing::CommandResult result = run_in(folder.path(), {"parse", "nginx.conf"});
  EXPECT_EQ(result.status, 0);
  nlohmann::json payload = nlohmann::json::parse(result.out);
  EXPECT_EQ(payload["status"], "failed");
  EXPECT_EQ(payload["errors"],
            nlohmann::json::array(
                {{{"file", "nginx.conf"},
                  {"error", too_deep_message("nginx.conf:2001")},
                  {"line", 2001}}}));
  const nlohmann::json& config = payload["config"][0];
  EXPECT_EQ(config["status"], "failed");
  EXPECT_EQ(config["errors"],
            nlohmann::json::array(
                {{{"error", too_deep_message("nginx.conf:2001")},
                  {"line", 2001}}}));
  EXPECT_EQ(config["parsed"], nlohmann::json::array());
}

TEST(CrossplaneNesting, ParseAcceptsBlocksAtLimit) {
  TempDir folder;
  folder.write("nginx.conf", nested_config(kMaxBlockDepth));
  for (std::vector<std::string> args :
       {std::vector<std::string>{"parse", "nginx.conf"},
        std::vector<std::string>{"parse", "--combine", "nginx.conf"}}) {
    testing::CommandResult result = run_in(folder.path(), args);
    ASSERT_EQ(result.status, 0) << args[1];
    nlohmann::json payload = nlohmann::json::parse(result.out);
    EXPECT_EQ(payload["status"], "ok") << args[1];
    const nlohmann::json* block = &payload["config"][0]["parsed"];
    for (int level = 0; level < kMaxBlockDepth; ++level) {
      ASSERT_EQ(block->size(), 1u) << args[1] << " level " << level;
      block = &(*block)[0]["block"];
    }
    ASSERT_EQ(block->size(), 1u) << args[1];
    EXPECT_EQ((*block)[0]["directive"], "return") << args[1];
  }
}

TEST(CrossplaneNesting, ParseReportsLimitWithoutCatch) {
  TempDir folder;
  folder.write("nginx.conf", nested_config(kMaxBlockDepth + 1));
  testing::CommandResult result =
      run_in(folder.path(), {"parse", "--no-catch", "nginx.conf"});
  EXPECT_EQ(result.status, 0);
  nlohmann::json payload = nlohmann::json::parse(result.out);
  ASSERT_EQ(payload["errors"].size(), 1u);
  EXPECT_EQ(payload["errors"][0]["error"], too_deep_message("nginx.conf:2001"));
}

TEST(CrossplaneNesting, SkippedBlockHasNoLimit) {
  // An ignored directive's block is skipped with a counter, not recursion,
  // so it may nest far deeper than the limit.
  // Recursion over a million levels overflows an 8 MiB stack.
  const std::size_t levels = 1000000;
  std::string text = "http {\n";
  for (std::size_t i = 0; i < levels; ++i) text += "a{";
  text += std::string(levels, '}') + "\n}\nevents {}\n";
  TempDir folder;
  folder.write("nginx.conf", text);
  testing::CommandResult result =
      run_in(folder.path(), {"parse", "--ignore", "http", "nginx.conf"});
  ASSERT_EQ(result.status, 0);
  nlohmann::json payload = nlohmann::json::parse(result.out);
  EXPECT_EQ(payload["status"], "ok");
  ASSERT_EQ(payload["config"][0]["parsed"].size(), 1u);
  EXPECT_EQ(payload["config"][0]["parsed"][0]["directive"], "events");
}

TEST(CrossplaneNesting, CombineRejectsNestingAcrossIncludes) {
  // Each file is within the limit, but the combined tree is 2001 deep.
  TempDir folder;
  std::string main = "http {\nserver {\n";
  for (int i = 0; i < 1000; ++i) main += "location /a {\n";
  main += "include inner.conf;\n";
  for (int i = 0; i < 1002; ++i) main += "}\n";
  folder.write("nginx.conf", main);
  folder.write("inner.conf", nested_locations(999));

  testing::CommandResult plain = run_in(folder.path(), {"parse", "nginx.conf"});
  ASSERT_EQ(plain.status, 0);
  EXPECT_EQ(nlohmann::json::parse(plain.out)["status"], "ok");

  testing::CommandResult combined =
      run_in(folder.path(), {"parse", "--combine", "nginx.conf"});
  ASSERT_EQ(combined.status, 0);
  nlohmann::json payload = nlohmann::json::parse(combined.out);
  EXPECT_EQ(payload["status"], "failed");
  EXPECT_EQ(payload["errors"],
            nlohmann::json::array(
                {{{"file", "inner.conf"},
                  {"error", too_deep_message("inner.conf:999")},
                  {"line", 999}}}));
  ASSERT_EQ(payload["config"].size(), 1u);
  EXPECT_EQ(payload["config"][0]["status"], "failed");
  EXPECT_EQ(payload["config"][0]["parsed"], nlohmann::json::array());
}

TEST(CrossplaneNesting, CombineRejectsIncludeChainPastLimit) {
  // f0.conf includes f1.conf, which includes f2.conf, and so on: 2001 files.
  TempDir folder;
  const int files = kMaxIncludeDepth + 1;
  for (int i = 0; i < files; ++i) {
    std::string name = "f" + std::to_string(i) + ".conf";
    folder.write(name, i + 1 < files
                           ? "include f" + std::to_string(i + 1) + ".conf;\n"
                           : "worker_processes 1;\n");
  }
  testing::CommandResult result =
      run_in(folder.path(), {"parse", "--combine", "f0.conf"});
  ASSERT_EQ(result.status, 0);
  nlohmann::json payload = nlohmann::json::parse(result.out);
  EXPECT_EQ(payload["errors"],
            nlohmann::json::array(
                {{{"file", "f1999.conf"},
                  {"error",
                   "too many nested includes (more than 2000) in "
                   "f1999.conf:1"},
                  {"line", 1}}}));
  EXPECT_EQ(payload["config"][0]["parsed"], nlohmann::json::array());
}

TEST(CrossplaneNesting, FormatAndMinifyReportLimit) {
  TempDir folder;
  folder.write("nginx.conf", nested_config(kMaxBlockDepth + 1));
  for (const char* command : {"format", "minify"}) {
    testing::CommandResult result =
        run_in(folder.path(), {command, "nginx.conf"});
    EXPECT_EQ(result.status, 1) << command;
    EXPECT_EQ(result.out, "") << command;
    EXPECT_EQ(result.err, "crossplane.errors.NgxParserBaseException: " +
                              too_deep_message("nginx.conf:2001") +
                              " in nginx.conf:2001\n")
        << command;
  }
}

TEST(CrossplaneNesting, FormatAndMinifyHandleLimit) {
  TempDir folder;
  folder.write("nginx.conf", nested_config(kMaxBlockDepth));
  testing::CommandResult formatted =
      run_in(folder.path(), {"format", "-i", "1", "nginx.conf"});
  ASSERT_EQ(formatted.status, 0);
  std::string innermost =
      "\n" + std::string(kMaxBlockDepth, ' ') + "return 200;\n";
  EXPECT_NE(formatted.out.find(innermost), std::string::npos);

  testing::CommandResult minified =
      run_in(folder.path(), {"minify", "nginx.conf"});
  ASSERT_EQ(minified.status, 0);
  EXPECT_NE(minified.out.find("{return 200;}}"), std::string::npos);
  EXPECT_EQ(std::count(minified.out.begin(), minified.out.end(), '{'),
            kMaxBlockDepth);
}

TEST(CrossplaneNesting, BuildHandlesTreeAtLimit) {
  TempDir folder;
  folder.write("nginx.conf", nested_config(kMaxBlockDepth));
  ASSERT_EQ(
      run_in(folder.path(), {"parse", "-o", "payload.json", "nginx.conf"})
          .status,
      0);
  testing::CommandResult built = run_in(
      folder.path(), {"build", "--stdout", "--no-headers", "payload.json"});
  ASSERT_EQ(built.status, 0) << built.err;
  EXPECT_EQ(std::count(built.out.begin(), built.out.end(), '{'),
            kMaxBlockDepth);
}

/// Returns a payload whose one statement tree nests `levels` blocks deep.
std::string nested_payload(int levels) {
  std::string parsed;
  for (int level = 0; level < levels; ++level) {
    parsed += R"([{"directive":"location","line":)" +
              std::to_string(level + 1) + R"(,"args":["/a"],"block":)";
  }
  parsed += "[]";
  for (int level = 0; level < levels; ++level) parsed += "}]";
  return R"({"status":"ok","errors":[],"config":[{"file":"nginx.conf",)"
         R"("status":"ok","errors":[],"parsed":)" +
         parsed + "}]}";
}

TEST(CrossplaneNesting, BuildRejectsTreePastLimit) {
  TempDir folder;
  folder.write("at-limit.json", nested_payload(kMaxBlockDepth));
  testing::CommandResult at_limit =
      run_in(folder.path(), {"build", "--stdout", "at-limit.json"});
  EXPECT_EQ(at_limit.status, 0) << at_limit.err;

  folder.write("past-limit.json", nested_payload(kMaxBlockDepth + 1));
  testing::CommandResult result =
      run_in(folder.path(), {"build", "--stdout", "past-limit.json"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "crossplane build: error: \"past-limit.json\": config[0]: " +
                too_deep_message("nginx.conf:2001") + "\n");
}

TEST(CrossplaneNesting, BuildRejectsDeepJson) {
  // Arrays nested deeper than any payload within the block limit.
  TempDir folder;
  const int depth = 1000000;
  folder.write("deep.json", R"({"config":)" + std::string(depth, '[') +
                                std::string(depth, ']') + "}");
  testing::CommandResult result =
      run_in(folder.path(), {"build", "--stdout", "deep.json"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.out, "");
  // The object is level 1, so the 4017th level is the 4016th "[".
  EXPECT_EQ(result.err,
            "crossplane build: error: \"deep.json\": JSON nested more than "
            "4016 levels deep at line 1, column 4026\n");
}

}  // namespace
}  // namespace tlslint::crossplane
