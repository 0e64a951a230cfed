// Pins where the builder writes a name or argument differently from
// crossplane 0.5.7's builder, because crossplane's text would not parse back
// to the same tree, and where it keeps crossplane's text.

#include "crossplane/builder.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <string>
#include <vector>

#include "crossplane/parser.h"
#include "crossplane_test_support.h"

namespace tlslint::crossplane {
namespace {

using testing::describe_tree;
using testing::TempDir;

/// Parses `text` the way `format` does. The statements point into the
/// returned payload.
Payload parse_text(const TempDir& folder, const std::string& text,
                   Dialect dialect = Dialect::nginx) {
  ParseOptions options;
  options.dialect = dialect;
  options.single_file = true;
  options.comments = true;
  options.check_context = false;
  options.check_arguments = false;
  return parse_config(folder.write("nginx.conf", text), options);
}

/// Returns the text of `format` for `text`.
std::string format_text(const std::string& text,
                        Dialect dialect = Dialect::nginx) {
  TempDir folder;
  Payload payload = parse_text(folder, text, dialect);
  EXPECT_FALSE(payload.failed) << text;
  return build_config(payload.config.front().parsed, BuildOptions{});
}

Statement make_statement(std::string_view name,
                         std::vector<std::string_view> args) {
  Statement statement;
  statement.directive = name;
  statement.line = 1;
  statement.args = std::move(args);
  return statement;
}

std::string build_one(const Statement& statement) {
  return build_config({statement}, BuildOptions{});
}

/// Builds `statement`, parses the text and returns the tree it gives.
std::string reparse(const Statement& statement) {
  TempDir folder;
  Payload payload = parse_text(folder, build_one(statement) + "\n");
  return describe_tree(payload.config.front().parsed);
}

TEST(CrossplaneBuilder, KeepsCrossplaneSpellingThatReadsBack) {
  EXPECT_EQ(build_one(make_statement(
                "x", {"a b", "it's", "", "{", "x\\\"y", "a#b", "a${b}"})),
            "x 'a b' \"it's\" '' '{' x\\\"y a#b a${b};");
  EXPECT_EQ(build_one(make_statement("log_format", {"main", "\"$request\""})),
            "log_format main '\"$request\"';");
}

TEST(CrossplaneBuilder, WritesNewlineInsideQuotes) {
  // crossplane writes 'a\nb', which reads back as a backslash and "n".
  Statement statement = make_statement("return", {"200", "a\nb"});
  EXPECT_EQ(build_one(statement), "return 200 'a\nb';");
  EXPECT_EQ(reparse(statement), "[return] [200] [a\nb]\n");
}

TEST(CrossplaneBuilder, WritesTabInsideQuotes) {
  Statement statement = make_statement("x", {"a\tb"});
  EXPECT_EQ(build_one(statement), "x 'a\tb';");
  EXPECT_EQ(reparse(statement), "[x] [a\tb]\n");
}

TEST(CrossplaneBuilder, QuotesArgumentStartingWithHash) {
  // crossplane leaves "#c" bare, which starts a comment.
  Statement statement = make_statement("x", {"#c"});
  EXPECT_EQ(build_one(statement), "x '#c';");
  EXPECT_EQ(reparse(statement), "[x] [#c]\n");
}

TEST(CrossplaneBuilder, QuotesNameStartingWithHash) {
  Statement statement = make_statement("#x", {"1"});
  EXPECT_EQ(build_one(statement), "'#x' 1;");
  EXPECT_EQ(reparse(statement), "[#x] [1]\n");
}

TEST(CrossplaneBuilder, QuotesDollarBraceBeforeWhitespace) {
  // Whitespace after "${...}" joins the word, so crossplane's bare a${b}
  // would swallow the next argument or the space before "{".
  Statement statement = make_statement("x", {"a${b}", "c"});
  EXPECT_EQ(build_one(statement), "x 'a${b}' c;");
  EXPECT_EQ(reparse(statement), "[x] [a${b}] [c]\n");

  Statement last = make_statement("x", {"c", "a${b}"});
  EXPECT_EQ(build_one(last), "x c a${b};");

  Statement block = make_statement("location", {"a${b}"});
  block.has_block = true;
  EXPECT_EQ(build_one(block), "location 'a${b}' {\n}");
  EXPECT_EQ(reparse(block), "[location] [a${b}] {\n}\n");
}

TEST(CrossplaneBuilder, UsesDoubleQuotesAfterBackslashQuote) {
  // crossplane picks single quotes because the text contains both quote
  // characters, and a backslash before "'" cannot be written inside them.
  Statement statement = make_statement("x", {"a \\'b\""});
  EXPECT_EQ(build_one(statement), "x \"a \\'b\\\"\";");
  EXPECT_EQ(reparse(statement), "[x] [a \\'b\"]\n");

  // With no '"' in the text, crossplane's own double quotes read back.
  EXPECT_EQ(build_one(make_statement("x", {"a \\'b"})), "x \"a \\'b\";");
}

TEST(CrossplaneBuilder, FallsBackWhenNothingReadsBack) {
  // Whitespace forces quotes, and neither quote character can follow a
  // backslash inside its own quotes.
  EXPECT_EQ(build_one(make_statement("x", {"a \\\"\\'"})), "x 'a \\\"\\\\'';");
  // A final lone backslash would escape any closing quote.
  EXPECT_EQ(build_one(make_statement("x", {"a\\"})), "x 'a\\';");
}

TEST(CrossplaneBuilder, WritesIfWithSpacedParentheses) {
  // crossplane writes if ('a b' = x), which the lexer reads as "('a" and
  // "b'".
  Statement statement = make_statement("if", {"a b", "=", "x"});
  statement.has_block = true;
  EXPECT_EQ(build_one(statement), "if ( 'a b' = x ) {\n}");
  EXPECT_EQ(reparse(statement), "[if] [a b] [=] [x] {\n}\n");

  Statement plain = make_statement("if", {"$a", "=", ""});
  plain.has_block = true;
  EXPECT_EQ(build_one(plain), "if ($a = '') {\n}");
}

TEST(CrossplaneBuilder, WritesLuaNameGluedToBrace) {
  // Read as crossplane does, the name is a plain block directive; crossplane
  // writes "content_by_lua_block {}" and drops the block.
  EXPECT_EQ(format_text("content_by_lua_block{ a; }\n", Dialect::crossplane),
            "content_by_lua_block{\n    a;\n}");
  // nginx reads a Lua block, and the builder writes it as one.
  EXPECT_EQ(format_text("content_by_lua_block{ a; }\n"),
            "content_by_lua_block { a; }");
  EXPECT_EQ(format_text("content_by_lua_block;\n"), "content_by_lua_block;");
}

TEST(CrossplaneBuilder, KeepsLuaBlockBody) {
  EXPECT_EQ(format_text("content_by_lua_block { ngx.say(1) }\n"),
            "content_by_lua_block { ngx.say(1) }");
  EXPECT_EQ(format_text("set_by_lua_block $x { return 1 }\n"),
            "set_by_lua_block $x { return 1 }");
}

TEST(CrossplaneBuilder, KeepsSameLineCommentsApart) {
  // crossplane writes "a b; # c1 # c2", which reads back as one comment.
  EXPECT_EQ(format_text("a # c1\n# c2\n b;\n"), "a b; # c1\n# c2");
  EXPECT_EQ(format_text("a b; # c\n"), "a b; # c");
}

TEST(CrossplaneBuilder, WritesCommentAfterBlockOnOwnLine) {
  // crossplane writes "}" and the comment on one line, and the next format
  // then moves the comment to a line of its own.
  EXPECT_EQ(format_text("events {} # c\n"), "events {\n}\n# c");
  EXPECT_EQ(format_text("events { # c\n}\n"), "events { # c\n}");
}

TEST(CrossplaneBuilder, MovesCommentAfterMultilineArgument) {
  EXPECT_EQ(format_text("return 200 \"a\nb\"; # c\n"),
            "return 200 'a\nb';\n# c");
}

TEST(CrossplaneBuilder, AwkwardArgumentsReadBack) {
  const std::vector<std::string_view> arguments = {
      "",    " ",          "#",      "a#b", "{",       "}",     ";",
      "${a", "${a}",       "a${b}c", "a b", "\n",      "a\\ b", "'",
      "\"",  "it's \"q\"", "\\\"'",  "\t",  "x\\\\",   "(",     ")",
      "\\#", "\\;",        "a\"b'c", "\\n", "\xc2\xa0"};
  for (std::string_view arg : arguments) {
    Statement statement = make_statement("x", {arg, "y"});
    Statement last = make_statement("x", {"y", arg});
    std::string expected = "[x] [" + std::string(arg) + "] [y]\n";
    std::string expected_last = "[x] [y] [" + std::string(arg) + "]\n";
    EXPECT_EQ(reparse(statement), expected) << build_one(statement);
    EXPECT_EQ(reparse(last), expected_last) << build_one(last);
  }
}

TEST(CrossplaneBuilder, AwkwardNamesReadBack) {
  const std::vector<std::string_view> names = {
      "", " ", "#", "{", "}", ";", "a b", "${a}", "'", "\n", "if"};
  for (std::string_view name : names) {
    Statement statement = make_statement(name, {});
    std::string expected = "[" + std::string(name) + "]\n";
    EXPECT_EQ(reparse(statement), expected) << build_one(statement);
  }
}

TEST(CrossplaneBuilder, MinifyQuotesLikeBuild) {
  TempDir folder;
  Payload payload =
      parse_text(folder, "x \"#c\" \"a\nb\" \"a${b}\" y;\nlocation a${b}{}\n");
  EXPECT_EQ(minify_config(payload.config.front().parsed),
            "x '#c' 'a\nb' 'a${b}' y;location a${b}{}");
}

}  // namespace
}  // namespace tlslint::crossplane

namespace tlslint::crossplane {
namespace {

TEST(CrossplaneBuilder, IndentsDeepNesting) {
  const int depth = 300;
  std::string text = "http {";
  for (int i = 0; i < depth; ++i) text += "location / {";
  text += "return 200;";
  for (int i = 0; i <= depth; ++i) text += "}";
  std::string formatted = format_text(text + "\n");
  std::string innermost =
      "\n" + std::string(static_cast<std::size_t>(depth + 1) * 4, ' ') +
      "return 200;\n";
  EXPECT_NE(formatted.find(innermost), std::string::npos);
  EXPECT_TRUE(formatted.ends_with("\n    }\n}")) << formatted.substr(0, 200);
  EXPECT_EQ(std::count(formatted.begin(), formatted.end(), '\n'),
            2 * depth + 2);
}

}  // namespace
}  // namespace tlslint::crossplane
