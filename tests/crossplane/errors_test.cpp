// Error objects and messages of `parse`, compared whole.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crossplane_test_support.h"

namespace tlslint::crossplane {
namespace {

using testing::run_in;
using testing::TempDir;

/// Parses `text` saved as nginx.conf and returns the top-level "errors".
nlohmann::json parse_errors(const std::string& text,
                            std::vector<std::string> flags = {}) {
  TempDir folder;
  folder.write("nginx.conf", text);
  std::vector<std::string> args{"parse"};
  args.insert(args.end(), flags.begin(), flags.end());
  args.push_back("nginx.conf");
  testing::CommandResult result = run_in(folder.path(), args);
  EXPECT_EQ(result.status, 0);
  return nlohmann::json::parse(result.out)["errors"];
}

nlohmann::json error(const std::string& message, nlohmann::json line) {
  return {{"file", "nginx.conf"}, {"error", message}, {"line", line}};
}

TEST(CrossplaneParseErrors, UnexpectedClosingBrace) {
  EXPECT_EQ(
      parse_errors("events {}\n}\n"),
      nlohmann::json::array({error("unexpected \"}\" in nginx.conf:2", 2)}));
}

TEST(CrossplaneParseErrors, MissingClosingBrace) {
  // crossplane names the line of the last token; nginx the end of input.
  EXPECT_EQ(
      parse_errors("http {\n  server {\n  }\n", {"--crossplane-quirks"}),
      nlohmann::json::array({error(
          "unexpected end of file, expecting \"}\" in nginx.conf:3", 3)}));
}

TEST(CrossplaneParseErrors, TruncatedStatementHasEmptyMessage) {
  EXPECT_EQ(parse_errors("events {}\nworker_processes 2",
                         {"--crossplane-quirks"}),
            nlohmann::json::array({error("", nullptr)}));
}

TEST(CrossplaneParseErrors, ContextAndArgumentMessages) {
  nlohmann::json errors = parse_errors(
      "listen 80;\nhttp;\nworker_processes 1 {\n}\nevents {\n"
      "  accept_mutex maybe;\n  worker_connections;\n}\n");
  EXPECT_EQ(errors,
            nlohmann::json::array(
                {error("\"listen\" directive is not allowed here in "
                       "nginx.conf:1",
                       1),
                 error("directive \"http\" has no opening \"{\" in "
                       "nginx.conf:2",
                       2),
                 error("directive \"worker_processes\" is not terminated by "
                       "\";\" in nginx.conf:3",
                       3),
                 error("invalid value \"maybe\" in \"accept_mutex\" "
                       "directive, it must be \"on\" or \"off\" in "
                       "nginx.conf:6",
                       6),
                 error("invalid number of arguments in "
                       "\"worker_connections\" directive in nginx.conf:7",
                       7)}));
}

TEST(CrossplaneParseErrors, StrictUnknownDirective) {
  EXPECT_EQ(parse_errors("proxy_passs x;\n", {"--strict"}),
            nlohmann::json::array({error(
                "unknown directive \"proxy_passs\" in nginx.conf:1", 1)}));
}

TEST(CrossplaneParseErrors, LuaBlockWithoutBraceNamesNone) {
  EXPECT_EQ(parse_errors("http {\n  init_by_lua_block\n  x;\n}\n",
                         {"--crossplane-quirks"}),
            nlohmann::json::array(
                {error("expected { to start Lua block in None:3", 3)}));
}

TEST(CrossplaneParseErrors, MissingIncludeUsesPythonWording) {
  EXPECT_EQ(parse_errors("events {}\ninclude missing.conf;\n"),
            nlohmann::json::array({error(
                "[Errno 2] No such file or directory: 'missing.conf'", 2)}));
  EXPECT_EQ(parse_errors("include \"it's.conf\";\n"),
            nlohmann::json::array({error(
                "[Errno 2] No such file or directory: \"it's.conf\"", 1)}));
}

TEST(CrossplaneParseErrors, IncludedDirectoryFails) {
  TempDir folder;
  folder.write("nginx.conf", "include sites;\ninclude s*;\n");
  folder.write("sites/a.conf", "");
  testing::CommandResult result =
      run_in(folder.path(), {"parse", "nginx.conf"});
  nlohmann::json errors = nlohmann::json::parse(result.out)["errors"];
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], error("[Errno 21] Is a directory: 'sites'", 1));
  EXPECT_EQ(errors[1],
            (nlohmann::json{{"file", "sites"},
                            {"error", "[Errno 21] Is a directory: 'sites'"},
                            {"line", nullptr}}));
}

TEST(CrossplaneParseErrors, MissingMainFile) {
  TempDir folder;
  testing::CommandResult result = run_in(folder.path(), {"parse", "none.conf"});
  EXPECT_EQ(result.out,
            "{\"status\":\"failed\",\"errors\":[{\"file\":\"none.conf\","
            "\"error\":\"[Errno 2] No such file or directory: 'none.conf'\","
            "\"line\":null}],\"config\":[{\"file\":\"none.conf\",\"status\":"
            "\"failed\",\"errors\":[{\"error\":\"[Errno 2] No such file or "
            "directory: 'none.conf'\",\"line\":null}],\"parsed\":[]}]}\n");
}

TEST(CrossplaneParseErrors, IncludeWithoutArgumentsInMap) {
  EXPECT_EQ(parse_errors("http {\n  map $a $b {\n    include;\n  }\n}\n"),
            nlohmann::json::array({error("list index out of range", nullptr)}));
}

TEST(CrossplaneParseErrors, NoCatchStopsAtFirstError) {
  nlohmann::json errors =
      parse_errors("listen 80;\nlisten 81;\n", {"--no-catch"});
  EXPECT_EQ(errors, nlohmann::json::array(
                        {error("\"listen\" directive is not allowed here in "
                               "nginx.conf:1",
                               1)}));
}

TEST(CrossplaneParseErrors, TracebackOption) {
  nlohmann::json errors = parse_errors("listen 80;\n", {"--tb-onerror"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].contains("callback"));
}

TEST(CrossplaneParseCommand, UsageErrorExitsTwo) {
  TempDir folder;
  EXPECT_EQ(run_in(folder.path(), {"parse"}).status, 2);
  EXPECT_EQ(run_in(folder.path(), {"parse", "--bogus", "a.conf"}).status, 2);
  EXPECT_EQ(run_in(folder.path(), {"unknown"}).status, 2);
}

TEST(CrossplaneParseCommand, IndentMatchesPythonJson) {
  TempDir folder;
  folder.write("nginx.conf", "events {}\n");
  testing::CommandResult result =
      run_in(folder.path(), {"parse", "-i", "2", "nginx.conf"});
  EXPECT_EQ(result.out,
            "{\n  \"status\": \"ok\",\n  \"errors\": [],\n  \"config\": [\n"
            "    {\n      \"file\": \"nginx.conf\",\n      \"status\": "
            "\"ok\",\n      \"errors\": [],\n      \"parsed\": [\n        {\n"
            "          \"directive\": \"events\",\n          \"line\": 1,\n"
            "          \"args\": [],\n          \"block\": []\n        }\n"
            "      ]\n    }\n  ]\n}\n");
}

TEST(CrossplaneParseCommand, WritesOutputFile) {
  TempDir folder;
  folder.write("nginx.conf", "events {}\n");
  testing::CommandResult result =
      run_in(folder.path(), {"parse", "-o", "out.json", "nginx.conf"});
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(testing::read_file(folder.path() + "/out.json").substr(0, 15),
            "{\"status\":\"ok\",");
}

TEST(CrossplaneCommands, FormatMinifyAndLex) {
  TempDir folder;
  folder.write("nginx.conf",
               "http{server{listen 80;# port\nlocation / {return 200 'a b';}}}"
               "\n");
  EXPECT_EQ(run_in(folder.path(), {"format", "nginx.conf"}).out,
            "http {\n    server {\n        listen 80; # port\n"
            "        location / {\n            return 200 'a b';\n"
            "        }\n    }\n}\n");
  EXPECT_EQ(run_in(folder.path(), {"minify", "nginx.conf"}).out,
            "http{server{listen 80;location /{return 200 'a b';}}}\n");
  EXPECT_EQ(run_in(folder.path(), {"lex", "nginx.conf"}).out.substr(0, 25),
            "[\"http\",\"{\",\"server\",\"{\",");
  EXPECT_EQ(
      run_in(folder.path(), {"lex", "-n", "nginx.conf"}).out.substr(0, 15),
      "[[\"http\",1],[\"{");
}

TEST(CrossplaneCommands, BuildWritesFilesFromPayload) {
  TempDir folder;
  folder.write("nginx.conf", "events {}\ninclude conf.d/*.conf;\n");
  folder.write("conf.d/a.conf", "worker_processes 1;\n");
  testing::CommandResult parsed =
      run_in(folder.path(), {"parse", "-o", "payload.json", "nginx.conf"});
  ASSERT_EQ(parsed.status, 0);
  testing::CommandResult built =
      run_in(folder.path(),
             {"build", "-d", "out", "--no-headers", "-v", "payload.json"});
  EXPECT_EQ(built.status, 0);
  EXPECT_EQ(testing::read_file(folder.path() + "/out/nginx.conf"),
            "events {\n}\ninclude conf.d/*.conf;\n");
  EXPECT_EQ(testing::read_file(folder.path() + "/out/conf.d/a.conf"),
            "worker_processes 1;\n");
  testing::CommandResult shown =
      run_in(folder.path(), {"build", "--stdout", "payload.json"});
  EXPECT_NE(shown.out.find("# This config was built from JSON"),
            std::string::npos);
}

}  // namespace
}  // namespace tlslint::crossplane
