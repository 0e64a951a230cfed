// Cases where crossplane reads a config differently from nginx. Plain
// `parse` follows nginx (checked with nginx -t 1.22.1, or lua-nginx-module's
// source for Lua blocks); `--crossplane-quirks` reproduces crossplane 0.5.7.
// Each test pins both readings. docs/crossplane-compat.md lists the cases.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "crossplane_test_support.h"
#include "syntax/parser.h"

namespace tlslint::crossplane {
namespace {

/// Parses `text` as nginx.conf with `flags` and returns the JSON.
nlohmann::json parse_text(const std::string& text,
                          const std::vector<std::string>& flags = {}) {
  testing::TempDir folder;
  folder.write("nginx.conf", text);
  std::vector<std::string> args{"parse"};
  args.insert(args.end(), flags.begin(), flags.end());
  args.push_back("nginx.conf");
  return nlohmann::json::parse(testing::run_in(folder.path(), args).out);
}

nlohmann::json as_crossplane(const std::string& text,
                             std::vector<std::string> flags = {}) {
  flags.push_back("--crossplane-quirks");
  return parse_text(text, flags);
}

nlohmann::json first_error(const nlohmann::json& document) {
  return document["errors"].empty() ? nlohmann::json() : document["errors"][0];
}

TEST(NginxDialect, WhitespaceEndsDollarBraceWord) {
  std::string text = "echo_test 200 ${host} next;\n";
  EXPECT_EQ(parse_text(text)["config"][0]["parsed"][0]["args"],
            nlohmann::json({"200", "${host}", "next"}));
  EXPECT_EQ(as_crossplane(text)["config"][0]["parsed"][0]["args"],
            nlohmann::json({"200", "${host} next"}));
}

TEST(NginxDialect, SemicolonEndsDollarBraceWord) {
  // nginx lets only the "{" after "$" join the word.
  nlohmann::json parsed =
      parse_text("set_test x${a;b}y;\n")["config"][0]["parsed"];
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0]["args"], nlohmann::json({"x${a"}));
  EXPECT_EQ(parsed[1]["directive"], "b}y");
  EXPECT_EQ(as_crossplane("set_test x${a;b}y;\n")["config"][0]["parsed"][0]
                ["args"],
            nlohmann::json({"x${a;b}y"}));
}

TEST(NginxDialect, ClosingBraceInsideWordIsKept) {
  nlohmann::json parsed = parse_text("http { x a}; }\n")["config"][0]["parsed"];
  EXPECT_EQ(parsed[0]["block"][0]["args"], nlohmann::json({"a}"}));
}

TEST(NginxDialect, FinalWordWithoutNewlineIsError) {
  std::string text = "worker_processes 1;\nstray";
  nlohmann::json error = first_error(parse_text(text));
  EXPECT_EQ(error["error"],
            "unexpected end of file, expecting \";\" or \"}\" in "
            "nginx.conf:2");
  EXPECT_EQ(error["line"], 2);
  nlohmann::json crossplane = as_crossplane(text);
  EXPECT_EQ(crossplane["status"], "ok");
  EXPECT_EQ(crossplane["config"][0]["parsed"].size(), 1u);
}

TEST(NginxDialect, UnterminatedDirectiveNamesEndLine) {
  // The end of input is on line 3, after the final LF.
  std::string text = "events {}\nworker_processes 2\n";
  nlohmann::json error = first_error(parse_text(text));
  EXPECT_EQ(error["error"],
            "unexpected end of file, expecting \";\" or \"}\" in "
            "nginx.conf:3");
  EXPECT_EQ(error["line"], 3);
  nlohmann::json crossplane = first_error(as_crossplane(text));
  EXPECT_EQ(crossplane["error"], "");
  EXPECT_TRUE(crossplane["line"].is_null());
}

TEST(NginxDialect, MissingBraceNamesEndLine) {
  std::string text = "http {\n  server {\n  }\n";
  EXPECT_EQ(first_error(parse_text(text))["error"],
            "unexpected end of file, expecting \"}\" in nginx.conf:4");
  EXPECT_EQ(first_error(as_crossplane(text))["error"],
            "unexpected end of file, expecting \"}\" in nginx.conf:3");
}

TEST(NginxDialect, BackslashAtEndIsError) {
  std::string text = "worker_processes 1;\n\\";
  EXPECT_EQ(parse_text(text)["status"], "failed");
  EXPECT_EQ(as_crossplane(text)["status"], "ok");
}

TEST(NginxDialect, LastCommentWithoutNewlineIsKept) {
  std::string text = "events {}\n# last";
  nlohmann::json parsed =
      parse_text(text, {"--include-comments"})["config"][0]["parsed"];
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[1]["comment"], " last");
  EXPECT_EQ(as_crossplane(text, {"--include-comments"})["config"][0]["parsed"]
                .size(),
            1u);
}

TEST(NginxDialect, LoneCarriageReturnStaysInComment) {
  std::string text = "# comment\rbogus_directive 2;\nworker_processes 1;\n";
  nlohmann::json parsed = parse_text(text)["config"][0]["parsed"];
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0]["directive"], "worker_processes");
  EXPECT_EQ(parsed[0]["line"], 2);
  nlohmann::json crossplane = as_crossplane(text)["config"][0]["parsed"];
  ASSERT_EQ(crossplane.size(), 2u);
  EXPECT_EQ(crossplane[0]["directive"], "bogus_directive");
}

TEST(NginxDialect, UnicodeSpaceStaysInWord) {
  std::string text = "worker_processes\xC2\xA0" "1;\n";
  nlohmann::json parsed = parse_text(text)["config"][0]["parsed"];
  EXPECT_EQ(parsed[0]["directive"], "worker_processes\xC2\xA0" "1");
  EXPECT_EQ(parsed[0]["args"], nlohmann::json::array());
  EXPECT_EQ(as_crossplane(text)["config"][0]["parsed"][0]["args"],
            nlohmann::json({"1"}));
}

TEST(NginxDialect, ByteOrderMarkStaysInNameInBoth) {
  // nginx -t: unknown directive "\ufeffworker_processes"; crossplane agrees.
  std::string text = "\xEF\xBB\xBFworker_processes 1;\n";
  EXPECT_EQ(parse_text(text)["config"][0]["parsed"][0]["directive"],
            "\xEF\xBB\xBFworker_processes");
  EXPECT_EQ(as_crossplane(text)["config"][0]["parsed"][0]["directive"],
            "\xEF\xBB\xBFworker_processes");
}

TEST(NginxDialect, WordAfterClosingQuoteIsError) {
  std::string text = "worker_processes \"1\"2;\n";
  EXPECT_EQ(first_error(parse_text(text))["error"],
            "unexpected \"2\" in nginx.conf:1");
  EXPECT_EQ(first_error(as_crossplane(text))["error"],
            "invalid number of arguments in \"worker_processes\" directive "
            "in nginx.conf:1");
}

TEST(NginxDialect, StraySemicolonIsError) {
  std::string text = "http { access_log off; ; }\n";
  nlohmann::json document = parse_text(text);
  EXPECT_EQ(first_error(document)["error"], "unexpected \";\" in nginx.conf:1");
  nlohmann::json crossplane =
      as_crossplane(text)["config"][0]["parsed"][0]["block"];
  ASSERT_EQ(crossplane.size(), 2u);
  EXPECT_EQ(crossplane[1]["directive"], ";");
}

TEST(NginxDialect, StrayBraceIsError) {
  std::string text = "{ stray; }\nafter 1;\n";
  nlohmann::json document = parse_text(text);
  EXPECT_EQ(first_error(document)["error"], "unexpected \"{\" in nginx.conf:1");
  // crossplane takes "{" for a name, and its "}" ends the file silently.
  nlohmann::json crossplane = as_crossplane(text)["config"][0]["parsed"];
  ASSERT_EQ(crossplane.size(), 1u);
  EXPECT_EQ(crossplane[0]["directive"], "{");
}

TEST(NginxDialect, LuaNameMayTouchBrace) {
  std::string text =
      "http { server { location / {\n"
      "  content_by_lua_block{ ngx.say(1) }\n"
      "  set_by_lua_block $v{ return 1 }\n"
      "} } }\n";
  nlohmann::json location =
      parse_text(text)["config"][0]["parsed"][0]["block"][0]["block"][0]
                      ["block"];
  ASSERT_EQ(location.size(), 2u);
  EXPECT_EQ(location[0]["args"], nlohmann::json({" ngx.say(1) "}));
  EXPECT_EQ(location[1]["args"], nlohmann::json({"$v", " return 1 "}));
  EXPECT_EQ(as_crossplane(text)["status"], "failed");
}

TEST(NginxDialect, LuaErrorNamesFile) {
  std::string text = "http { content_by_lua_block ngx.say(1); }\n";
  EXPECT_EQ(first_error(parse_text(text))["error"],
            "expected { to start Lua block in nginx.conf:1");
  EXPECT_EQ(first_error(as_crossplane(text))["error"],
            "expected { to start Lua block in None:1");
}

TEST(NginxDialect, UnterminatedLuaBlockUsesModuleWording) {
  std::string text = "http {\n  content_by_lua_block {\n    ngx.say(1)\n";
  EXPECT_EQ(first_error(parse_text(text))["error"],
            "unexpected end of file, expecting terminating characters for "
            "lua code block in nginx.conf:4");
  EXPECT_EQ(first_error(as_crossplane(text))["error"],
            "unexpected end of file, expecting \"}\" in nginx.conf:2");
}

TEST(NginxDialect, UnterminatedLuaBlockLineMatchesLint) {
  // The lint parser and plain `parse` name the same line for this error.
  for (std::string text : {"http {\n  content_by_lua_block {\n  x()\n",
                           "http {\n  content_by_lua_block {\n  x()"}) {
    syntax::ParsedFile linted = syntax::parse(text);
    ASSERT_EQ(linted.errors.size(), 1u) << text;
    EXPECT_EQ(first_error(parse_text(text))["line"],
              linted.errors[0].where.line)
        << text;
  }
}

TEST(NginxDialect, PercentInFlagValueIsShownAsWritten) {
  std::string text = "http {\n  gzip \"50%\";\n}\n";
  nlohmann::json error = first_error(parse_text(text));
  EXPECT_EQ(error["error"],
            "invalid value \"50%\" in \"gzip\" directive, it must be \"on\" or "
            "\"off\" in nginx.conf:2");
  EXPECT_EQ(error["line"], 2);
  nlohmann::json crossplane = first_error(as_crossplane(text));
  EXPECT_TRUE(crossplane["line"].is_null());
}

TEST(NginxDialect, MessagesAfterIncludeNameTheirFile) {
  testing::TempDir folder;
  folder.write("nginx.conf",
               "events {}\nhttp {\n  include extra.conf;\n  gzip maybe;\n}\n");
  folder.write("extra.conf", "gzip on;\n");
  auto error_of = [&](std::vector<std::string> args) {
    args.push_back("nginx.conf");
    args.insert(args.begin(), "parse");
    return nlohmann::json::parse(testing::run_in(folder.path(), args).out)
        ["errors"][0]["error"];
  };
  std::string message =
      "invalid value \"maybe\" in \"gzip\" directive, it must be \"on\" or "
      "\"off\" in ";
  EXPECT_EQ(error_of({}), message + "nginx.conf:4");
  EXPECT_EQ(error_of({"--crossplane-quirks"}), message + "extra.conf:4");
}

TEST(NginxDialect, StrictLeavesMapEntriesAlone) {
  std::string text =
      "http {\n  map $http_user_agent $mobile {\n    default 0;\n"
      "    '' close;\n    volatile;\n  }\n  types {\n    text/html html;\n"
      "  }\n}\n";
  EXPECT_EQ(parse_text(text, {"--strict"})["errors"], nlohmann::json::array());
  EXPECT_EQ(as_crossplane(text, {"--strict"})["errors"].size(), 4u);
  // Directives are still looked up.
  EXPECT_EQ(first_error(parse_text("http { gzipp on; }\n", {"--strict"}))
                ["error"],
            "unknown directive \"gzipp\" in nginx.conf:1");
}

/// The conformance cases where the readings differ: plain `parse` output,
/// reviewed against nginx, is stored under tests/crossplane/nginx-reading.
class NginxReadingOfCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(NginxReadingOfCorpus, MatchesPinnedOutput) {
  std::filesystem::path pinned = GetParam();
  std::string name = pinned.parent_path().filename().string();
  std::string variant = pinned.filename().string();
  std::vector<std::string> args{"parse"};
  // The file names carry the flags as the corpus names do.
  if (variant.find("comments") != std::string::npos) {
    args.push_back("--include-comments");
  }
  if (variant.find("strict") != std::string::npos) args.push_back("--strict");
  if (variant.find("combine") != std::string::npos) {
    args.push_back("--combine");
  }
  if (variant.find("nocatch") != std::string::npos) {
    args.push_back("--no-catch");
  }
  if (variant.find("single") != std::string::npos) {
    args.push_back("--single-file");
  }
  args.push_back("nginx.conf");
  testing::CommandResult result =
      testing::run_in(testing::corpus_folder() + "/" + name, args);
  EXPECT_EQ(nlohmann::json::parse(result.out),
            nlohmann::json::parse(testing::read_file(pinned.string())));
}

std::vector<std::string> pinned_outputs() {
  std::vector<std::string> files;
  std::filesystem::path root =
      std::filesystem::path(TLSLINT_SOURCE_DIR) / "tests/crossplane/nginx-reading";
  for (const auto& folder : std::filesystem::directory_iterator(root)) {
    for (const auto& file : std::filesystem::directory_iterator(folder)) {
      files.push_back(file.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string pinned_name(const ::testing::TestParamInfo<std::string>& info) {
  std::filesystem::path path = info.param;
  std::string raw = path.parent_path().filename().string() + "_" +
                    path.stem().string();
  std::string name;
  for (char c : raw) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Listed, NginxReadingOfCorpus,
                         ::testing::ValuesIn(pinned_outputs()), pinned_name);

}  // namespace
}  // namespace tlslint::crossplane
