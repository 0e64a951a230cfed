#include "syntax/parser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "support/process.h"
#include "syntax/lexer.h"

namespace tlslint::syntax {
namespace {

constexpr const char* kNginx = "/usr/sbin/nginx";

std::vector<std::string> names(const std::vector<Directive>& directives) {
  std::vector<std::string> out;
  for (const Directive& directive : directives) {
    out.push_back(directive.name);
  }
  return out;
}

std::vector<std::string> arg_values(const Directive& directive) {
  std::vector<std::string> out;
  for (const Argument& arg : directive.args) {
    out.push_back(arg.value);
  }
  return out;
}

struct NginxError {
  std::string message;
  std::size_t line = 0;
};

/// Runs `nginx -t` on `text` as nginx.conf in a fresh directory and returns
/// its [emerg] message and line.
std::optional<NginxError> nginx_error(const std::string& text) {
  testing::TempDir dir;
  const std::string conf = dir.write("nginx.conf", text);
  const testing::ProcessResult run = testing::run_process(
      {kNginx, "-t", "-p", dir.path() + "/", "-c", conf, "-e", "stderr"});
  static const std::regex kEmerg(R"(\[emerg\] \d+#\d+: (.*) in (.*):(\d+)\n)");
  std::smatch match;
  if (!std::regex_search(run.err, match, kEmerg)) {
    ADD_FAILURE() << "no [emerg] line from nginx: " << run.err;
    return std::nullopt;
  }
  return NginxError{match[1], std::stoul(match[3])};
}

TEST(Parser, BuildsNestedBlocks) {
  const ParsedFile file =
      parse("events {}\nhttp {\n  server {\n    listen 443 ssl;\n  }\n}\n",
            ParseOptions{.file_index = 3});
  ASSERT_TRUE(file.errors.empty());
  ASSERT_EQ(names(file.directives),
            (std::vector<std::string>{"events", "http"}));
  const Directive& events = file.directives[0];
  EXPECT_TRUE(events.has_block);
  EXPECT_TRUE(events.block.empty());
  EXPECT_EQ(events.terminator.begin.offset, 7u);
  EXPECT_EQ(events.block_end.begin.offset, 8u);
  const Directive& http = file.directives[1];
  EXPECT_EQ(http.line(), 2u);
  ASSERT_EQ(http.block.size(), 1u);
  const Directive& server = http.block[0];
  EXPECT_EQ(server.line(), 3u);
  EXPECT_EQ(server.column(), 3u);
  ASSERT_EQ(server.block.size(), 1u);
  const Directive& listen = server.block[0];
  EXPECT_EQ(arg_values(listen), (std::vector<std::string>{"443", "ssl"}));
  EXPECT_FALSE(listen.has_block);
  EXPECT_EQ(listen.file, 3u);
  EXPECT_EQ(listen.terminator.begin.line, 4u);
  EXPECT_EQ(listen.terminator.begin.column, 19u);
  EXPECT_EQ(server.block_end.begin.line, 5u);
  EXPECT_EQ(http.block_end.begin.line, 6u);
  EXPECT_EQ(http.block_end.begin.column, 1u);
}

TEST(Parser, SeparatesHeaderComments) {
  const ParsedFile file =
      parse("# top\nserver { # open\n  listen 80 # inside\n    ssl;\n}\n");
  ASSERT_TRUE(file.errors.empty());
  ASSERT_EQ(file.comments.size(), 2u);
  EXPECT_EQ(file.comments[0].text, " top");
  EXPECT_EQ(file.comments[0].span.begin.line, 1u);
  EXPECT_EQ(file.comments[1].text, " open");
  EXPECT_EQ(file.comments[1].span.begin.line, 2u);
  const Directive& listen = file.directives[0].block[0];
  EXPECT_EQ(arg_values(listen), (std::vector<std::string>{"80", "ssl"}));
  ASSERT_EQ(listen.inner_comments.size(), 1u);
  EXPECT_EQ(listen.inner_comments[0].text, " inside");
  EXPECT_EQ(listen.inner_comments[0].span.begin.line, 3u);
}

TEST(Parser, KeepsQuotedNameAndArguments) {
  const ParsedFile file = parse("\"add_header\" X-A 'b c';");
  ASSERT_TRUE(file.errors.empty());
  const Directive& directive = file.directives[0];
  EXPECT_EQ(directive.name, "add_header");
  EXPECT_TRUE(directive.name_quoted);
  ASSERT_EQ(directive.args.size(), 2u);
  EXPECT_FALSE(directive.args[0].quoted);
  EXPECT_TRUE(directive.args[1].quoted);
  EXPECT_EQ(directive.args[1].value, "b c");
  EXPECT_EQ(directive.args[1].span.begin.offset, 17u);
  EXPECT_EQ(directive.args[1].span.end.offset, 22u);
}

TEST(Parser, ReadsQuotedIfRegex) {
  const ParsedFile file = parse(
      "location / {\n  if ($uri ~* \"^/a{2,3};x$\") {\n    return 404;\n  "
      "}\n}\n");
  ASSERT_TRUE(file.errors.empty());
  const Directive& if_block = file.directives[0].block[0];
  EXPECT_EQ(if_block.name, "if");
  EXPECT_EQ(arg_values(if_block),
            (std::vector<std::string>{"($uri", "~*", "^/a{2,3};x$", ")"}));
  EXPECT_TRUE(if_block.has_block);
  EXPECT_EQ(names(if_block.block), (std::vector<std::string>{"return"}));
}

TEST(Parser, ReadsMapGeoAndTypesAsBlocks) {
  const ParsedFile file = parse(
      "map $host $x {\n  default 0;\n  \"~^a{2}$\" 1;\n}\n"
      "geo $y {\n  10.0.0.0/8 1;\n}\n"
      "types {\n  text/html html htm;\n}\n");
  ASSERT_TRUE(file.errors.empty());
  ASSERT_EQ(names(file.directives),
            (std::vector<std::string>{"map", "geo", "types"}));
  EXPECT_EQ(names(file.directives[0].block),
            (std::vector<std::string>{"default", "~^a{2}$"}));
  EXPECT_EQ(arg_values(file.directives[2].block[0]),
            (std::vector<std::string>{"html", "htm"}));
}

TEST(Parser, TakesLuaBodyAsLastArgument) {
  const ParsedFile file = parse(
      "location / {\n  set_by_lua_block $x { return \"}\" }\n"
      "  content_by_lua_block {\n    ngx.say(1) -- }\n  }\n}\n");
  ASSERT_TRUE(file.errors.empty());
  const std::vector<Directive>& block = file.directives[0].block;
  ASSERT_EQ(names(block), (std::vector<std::string>{"set_by_lua_block",
                                                    "content_by_lua_block"}));
  EXPECT_EQ(arg_values(block[0]),
            (std::vector<std::string>{"$x", " return \"}\" "}));
  EXPECT_TRUE(block[0].args[1].quoted);
  EXPECT_FALSE(block[0].has_block);
  EXPECT_EQ(arg_values(block[1]),
            (std::vector<std::string>{"\n    ngx.say(1) -- }\n  "}));
  EXPECT_EQ(block[1].terminator.begin.line, 3u);
  EXPECT_EQ(block[1].block_end.begin.line, 5u);
}

TEST(Parser, RejectsLuaBlockWithoutBrace) {
  const ParsedFile file = parse("content_by_lua_block;");
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].message,
            "directive \"content_by_lua_block\" has no opening \"{\"");
}

TEST(Parser, KeepsDirectivesReadBeforeError) {
  const ParsedFile file =
      parse("events {}\nhttp {\n  server {\n    listen 80;\n    root }\n");
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].message, "unexpected \"}\"");
  EXPECT_EQ(file.errors[0].where.line, 5u);
  ASSERT_EQ(names(file.directives),
            (std::vector<std::string>{"events", "http"}));
  const Directive& server = file.directives[1].block.at(0);
  EXPECT_EQ(names(server.block), (std::vector<std::string>{"listen"}));
  // A block cut off by the error has no closing brace.
  EXPECT_EQ(server.block_end.begin.offset, 0u);
}

TEST(Parser, ServerInUpstreamNeedsSemicolon) {
  const ParsedFile file =
      parse("upstream app {\n  server 127.0.0.1:8080 {\n  }\n}\n");
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].message,
            "directive \"server\" is not terminated by \";\"");
  EXPECT_EQ(file.errors[0].where.line, 2u);
}

TEST(Parser, AcceptsBackendServerAtTopLevel) {
  // A file included into an upstream block lists backends at its top.
  const ParsedFile file = parse("server 10.0.0.1:80;\nserver 10.0.0.2:80;\n");
  EXPECT_TRUE(file.errors.empty());
  EXPECT_EQ(names(file.directives),
            (std::vector<std::string>{"server", "server"}));
}

TEST(Parser, RejectsServerBlockWithSemicolon) {
  const ParsedFile file = parse("http {\n  server;\n}\n");
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].message,
            "directive \"server\" has no opening \"{\"");
  EXPECT_EQ(file.errors[0].where.line, 2u);
}

TEST(Parser, RejectsDeepNestingQuickly) {
  std::string text;
  for (int i = 0; i < 100000; ++i) {
    text += "a {\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const ParsedFile file = parse(text);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].message, "too many nested blocks (more than 200)");
  EXPECT_EQ(file.errors[0].where.line, 201u);
  EXPECT_EQ(file.errors[0].where.column, 3u);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  // The 200 blocks read so far stay in the tree.
  ASSERT_EQ(file.directives.size(), 1u);
  std::size_t depth = 0;
  for (const Directive* d = &file.directives[0];;
       d = &d->block.front(), ++depth) {
    if (d->block.empty()) {
      break;
    }
  }
  EXPECT_EQ(depth, 199u);
}

TEST(Parser, RejectsManyBareOpenBraces) {
  const ParsedFile file = parse(std::string(100000, '{'));
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].message, "unexpected \"{\"");
  EXPECT_EQ(file.errors[0].where.offset, 0u);
}

TEST(Parser, AllowsMaximumDepth) {
  std::string text;
  for (int i = 0; i < 3; ++i) {
    text += "a {";
  }
  text += "}}}";
  EXPECT_TRUE(parse(text, ParseOptions{.max_depth = 3}).errors.empty());
  const ParsedFile deeper = parse("a {" + text + "}", {.max_depth = 3});
  ASSERT_EQ(deeper.errors.size(), 1u);
  EXPECT_EQ(deeper.errors[0].message, "too many nested blocks (more than 3)");
}

TEST(Parser, ParsesTenMegabyteLine) {
  std::string text = "http { log_format main";
  const std::size_t count = 10 * 1024 * 1024 / 3;
  text.reserve(count * 4 + 64);
  for (std::size_t i = 0; i < count; ++i) {
    text += " $a";
  }
  text += "; }\n";
  const ParsedFile file = parse(text);
  ASSERT_TRUE(file.errors.empty());
  const Directive& log_format = file.directives.at(0).block.at(0);
  EXPECT_EQ(log_format.args.size(), count + 1);
  EXPECT_EQ(log_format.terminator.begin.column, text.size() - 3);
}

TEST(Parser, ReportsUnterminatedTenMegabyteLine) {
  std::string text = "events {}\nenv";
  for (std::size_t i = 0; i < 10 * 1024 * 1024 / 4; ++i) {
    text += " abc";
  }
  const ParsedFile file = parse(text);
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].message,
            "unexpected end of file, expecting \";\" or \"}\"");
  EXPECT_EQ(file.errors[0].where.line, 2u);
  EXPECT_EQ(file.errors[0].where.offset, text.size());
}

TEST(Parser, ReportsNulByteBeforeOtherErrors) {
  const std::string text = std::string("events {}\n}\nx") + '\0' + "\n";
  const ParsedFile file = parse(text);
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].message,
            "file contains a NUL byte; it is not an nginx configuration file");
  EXPECT_EQ(file.errors[0].where.line, 3u);
  EXPECT_EQ(names(file.directives), (std::vector<std::string>{"events"}));
}

constexpr std::string_view kByteOrderMarkMessage =
    "file starts with a UTF-8 byte order mark, which nginx reads as part of "
    "the first directive name; save the file without it";

TEST(Parser, RejectsByteOrderMark) {
  // nginx -t: unknown directive "\xEF\xBB\xBFworker_processes".
  for (const std::string text :
       {"\xEF\xBB\xBFworker_processes 1;\nevents {}\n",
        "\xEF\xBB\xBF\n# comment\nevents {}\n", "\xEF\xBB\xBF",
        "\xEF\xBB\xBF" "events {}\n}\n"}) {
    const ParsedFile file = parse(text);
    ASSERT_EQ(file.errors.size(), 1u) << text;
    EXPECT_EQ(file.errors[0].message, kByteOrderMarkMessage) << text;
    EXPECT_EQ(file.errors[0].where.offset, 0u) << text;
    EXPECT_EQ(file.errors[0].where.line, 1u) << text;
    EXPECT_EQ(file.errors[0].where.column, 1u) << text;
  }
}

TEST(Parser, AcceptsByteOrderMarkAfterStart) {
  const ParsedFile file = parse("events {}\n# \xEF\xBB\xBF\n");
  EXPECT_TRUE(file.errors.empty());
}

TEST(Parser, ReportsNulByteBeforeByteOrderMark) {
  const ParsedFile file = parse(std::string("\xEF\xBB\xBFx;\n\0", 7));
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].message,
            "file contains a NUL byte; it is not an nginx configuration file");
}

TEST(Parser, RejectsBinaryGarbage) {
  // The first bytes of a PNG file.
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01", 19);
  const ParsedFile file = parse(png);
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].where.line, 3u);
  EXPECT_EQ(file.errors[0].where.offset, 8u);

  // Random bytes without NUL end with one error and no crash.
  std::string noise;
  unsigned state = 12345;
  for (int i = 0; i < 65536; ++i) {
    state = state * 1103515245u + 12345u;
    noise += static_cast<char>(1 + (state >> 16) % 255);
  }
  EXPECT_EQ(parse(noise).errors.size(), 1u);
}

struct NginxCase {
  std::string name;
  std::string text;
  std::string message;
  std::size_t line;
};

class ParserMatchesNginx : public ::testing::TestWithParam<NginxCase> {};

TEST_P(ParserMatchesNginx, ReportsSameMessageAndLine) {
  const NginxCase& c = GetParam();
  const ParsedFile file = parse(c.text);
  ASSERT_EQ(file.errors.size(), 1u);
  EXPECT_EQ(file.errors[0].message, c.message);
  EXPECT_EQ(file.errors[0].where.line, c.line);
  if (!std::filesystem::exists(kNginx)) {
    FAIL() << kNginx << " is not installed; run tools/setup.sh";
  }
  const std::optional<NginxError> nginx = nginx_error(c.text);
  ASSERT_TRUE(nginx);
  EXPECT_EQ(nginx->message, c.message);
  EXPECT_EQ(nginx->line, c.line);
}

const std::vector<NginxCase> kNginxCases = {
    {"CloseBraceAtTopLevel", "events {}\n}\n", "unexpected \"}\"", 2},
    {"CloseBraceAfterArguments",
     "events {}\nhttp {\n  server {\n    listen 80 }\n}}", "unexpected \"}\"",
     4},
    {"MissingSemicolonInUpstream",
     "events {}\nhttp {\n  upstream app {\n    server 127.0.0.1:5001;\n"
     "    server 127.0.0.1:5002\n  }\n}\n",
     "unexpected \"}\"", 6},
    {"EndOfFileInDirective", "events {}\nworker_processes 2",
     "unexpected end of file, expecting \";\" or \"}\"", 2},
    {"EndOfFileAfterNewline", "events {}\nworker_processes 2\n",
     "unexpected end of file, expecting \";\" or \"}\"", 3},
    {"EndOfFileInBlock", "events {}\nhttp {\n  server {\n",
     "unexpected end of file, expecting \"}\"", 4},
    {"EndOfFileInQuote", "events {}\nenv \"abc;\n\n",
     "unexpected end of file, expecting \";\" or \"}\"", 4},
    {"SemicolonWithoutName", "events {}\n;\n", "unexpected \";\"", 2},
    {"OpenBraceWithoutName", "events {}\n\n{\n", "unexpected \"{\"", 3},
    {"SimpleDirectiveWithBlock",
     "events {}\nhttp { server { server_name a\n b\n {\n } } }\n",
     "directive \"server_name\" is not terminated by \";\"", 4},
    {"BlockDirectiveWithSemicolon", "events {}\nhttp\n;\n",
     "directive \"http\" has no opening \"{\"", 3},
    {"LocationWithSemicolon",
     "events {}\nhttp {\n  server {\n    location /\n    ;\n  }\n}\n",
     "directive \"location\" has no opening \"{\"", 5},
    {"TextAfterQuote", "events {}\nenv \"abc\"x;\n", "unexpected \"x\"", 2},
    {"BlockInsideMap",
     "events {}\nhttp {\n  map $a $b {\n    default {\n    }\n  }\n}\n",
     "unexpected \"{\"", 4},
    {"CrlfLineEnds", "events {}\r\nhttp {\r\n  listen 80 }\r\n",
     "unexpected \"}\"", 3},
    {"TooLongComment",
     "events {}\n#" + std::string(kMaxTokenBytes, 'c') + "\nhttp {}\n",
     "too long parameter \"#ccccccccc...\" started", 2},
    {"TooLongQuotedString",
     "events {}\nenv \"" + std::string(kMaxTokenBytes, 'q') + "\";\n",
     "too long parameter, probably missing terminating \"\"\" character", 2},
};

INSTANTIATE_TEST_SUITE_P(Parser, ParserMatchesNginx,
                         ::testing::ValuesIn(kNginxCases),
                         [](const ::testing::TestParamInfo<NginxCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace tlslint::syntax
