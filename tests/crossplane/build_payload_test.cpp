// `build` on payloads that are not JSON or do not follow the schema of
// `parse`'s output: each fails with exit status 1 and one message that names
// the bad value's place.

#include <gtest/gtest.h>

#include <string>

#include "crossplane_test_support.h"

namespace tlslint::crossplane {
namespace {

using testing::run_in;
using testing::TempDir;

/// Runs `build --stdout` on `payload` saved as c.json.
testing::CommandResult build_payload(const std::string& payload) {
  TempDir folder;
  folder.write("c.json", payload);
  return run_in(folder.path(), {"build", "--stdout", "c.json"});
}

struct PayloadCase {
  const char* payload;
  const char* message;
};

/// Wraps `statements` as the "parsed" array of one config, a.conf.
std::string with_parsed(const std::string& statements) {
  return R"({"config":[{"file":"a.conf","parsed":[)" + statements + "]}]}";
}

void expect_rejected(const std::string& payload, const std::string& message) {
  testing::CommandResult result = build_payload(payload);
  EXPECT_EQ(result.status, 1) << payload;
  EXPECT_EQ(result.out, "") << payload;
  EXPECT_EQ(result.err, "crossplane build: error: \"c.json\": " + message +
                            "\n")
      << payload;
}

TEST(CrossplaneBuildPayload, RejectsWrongTypesWithPlace) {
  const PayloadCase cases[] = {
      {R"({"config":5})", "config: expected an array, got number"},
      {R"({"config":[5]})", "config[0]: expected an object, got number"},
      {R"([{"config":[]}])", "expected an object, got array"},
      {R"({"config":[{"file":5,"parsed":[]}]})",
       "config[0].file: expected a string, got number"},
      {R"({"config":[{"file":"a.conf","parsed":{}}]})",
       "config[0].parsed: expected an array, got object"},
  };
  for (const PayloadCase& c : cases) expect_rejected(c.payload, c.message);
}

TEST(CrossplaneBuildPayload, RejectsWrongStatementTypes) {
  const PayloadCase cases[] = {
      {R"({"directive":"a","args":[]},{"directive":"b","args":["x",1]})",
       "config[0].parsed[1].args[1]: expected a string, got number"},
      {R"({"directive":7,"args":[]})",
       "config[0].parsed[0].directive: expected a string, got number"},
      {R"({"directive":"a","args":"x"})",
       "config[0].parsed[0].args: expected an array, got string"},
      {R"({"directive":"a","line":"3"})",
       "config[0].parsed[0].line: expected an integer, got string"},
      {R"({"directive":"a","line":-1})",
       "config[0].parsed[0].line: expected a line number from 0 to "
       "2147483647, got -1"},
      {R"({"directive":"#","comment":false})",
       "config[0].parsed[0].comment: expected a string, got boolean"},
      {R"({"directive":"a","block":[{"directive":"b","args":[null]}]})",
       "config[0].parsed[0].block[0].args[0]: expected a string, got null"},
      {R"("a")", "config[0].parsed[0]: expected an object, got string"},
  };
  for (const PayloadCase& c : cases) {
    expect_rejected(with_parsed(c.payload), c.message);
  }
}

TEST(CrossplaneBuildPayload, RejectsMissingKeys) {
  expect_rejected(R"({"status":"ok"})", "missing \"config\"");
  expect_rejected(R"({"config":[{"parsed":[]}]})",
                  "config[0]: missing \"file\"");
  expect_rejected(R"({"config":[{"file":"a.conf"}]})",
                  "config[0]: missing \"parsed\"");
  // Writing it as '' would give a config that nginx rejects.
  expect_rejected(with_parsed(R"({"args":["x"],"line":1})"),
                  "config[0].parsed[0]: missing \"directive\"");
}

TEST(CrossplaneBuildPayload, RejectsInvalidJsonWithPosition) {
  const PayloadCase cases[] = {
      {"\x01\x02",
       "invalid JSON at line 1, column 1: syntax error while parsing value - "
       "invalid literal; last read: '<U+0001>'"},
      {"",
       "invalid JSON at line 1, column 1: syntax error while parsing value - "
       "unexpected end of input; expected '[', '{', or a literal"},
      {"{\"config\":\n  [}",
       "invalid JSON at line 2, column 4: syntax error while parsing value - "
       "unexpected '}'; expected '[', '{', or a literal"},
  };
  for (const PayloadCase& c : cases) expect_rejected(c.payload, c.message);
}

TEST(CrossplaneBuildPayload, BuildsValidPayload) {
  // Optional keys may be left out, and an empty name is kept.
  testing::CommandResult result = build_payload(with_parsed(
      R"({"directive":"a","args":["x"]},{"directive":"","line":2},)"
      R"({"directive":"b","block":null},{"directive":"c","block":[]})"));
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("\na x;\n'';\nb;\nc {\n}\n"), std::string::npos)
      << result.out;
}

}  // namespace
}  // namespace tlslint::crossplane
