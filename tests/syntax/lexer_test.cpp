#include "syntax/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tlslint::syntax {
namespace {

std::vector<std::string> values(const LexResult& result) {
  std::vector<std::string> out;
  for (const Token& token : result.tokens) {
    out.push_back(token.value);
  }
  return out;
}

std::vector<TokenKind> kinds(const LexResult& result) {
  std::vector<TokenKind> out;
  for (const Token& token : result.tokens) {
    out.push_back(token.kind);
  }
  return out;
}

void expect_position(const Position& position, std::size_t offset,
                     std::size_t line, std::size_t column) {
  EXPECT_EQ(position.offset, offset);
  EXPECT_EQ(position.line, line);
  EXPECT_EQ(position.column, column);
}

TEST(Lexer, RecordsTokenPositions) {
  const LexResult result = lex("events {\n\tworker_connections 512;\n}\n");
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.tokens.size(), 6u);
  EXPECT_EQ(values(result),
            (std::vector<std::string>{"events", "{", "worker_connections",
                                      "512", ";", "}"}));
  EXPECT_EQ(kinds(result), (std::vector<TokenKind>{
                               TokenKind::word, TokenKind::open_brace,
                               TokenKind::word, TokenKind::word,
                               TokenKind::semicolon, TokenKind::close_brace}));
  expect_position(result.tokens[0].span.begin, 0, 1, 1);
  expect_position(result.tokens[0].span.end, 6, 1, 7);
  expect_position(result.tokens[1].span.begin, 7, 1, 8);
  // A tab counts as one column.
  expect_position(result.tokens[2].span.begin, 10, 2, 2);
  expect_position(result.tokens[3].span.begin, 29, 2, 21);
  expect_position(result.tokens[3].span.end, 32, 2, 24);
  expect_position(result.tokens[4].span.begin, 32, 2, 24);
  expect_position(result.tokens[5].span.begin, 34, 3, 1);
  expect_position(result.tokens[5].span.end, 35, 3, 2);
}

TEST(Lexer, KeepsCrlfOffsetsExact) {
  const LexResult result = lex("a b;\r\n# note\r\nc;\r\n");
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.tokens.size(), 6u);
  EXPECT_EQ(values(result),
            (std::vector<std::string>{"a", "b", ";", " note", "c", ";"}));
  // The CR is a column of line 1; only the LF starts line 2.
  const Token& comment = result.tokens[3];
  EXPECT_EQ(comment.kind, TokenKind::comment);
  expect_position(comment.span.begin, 6, 2, 1);
  // The comment excludes the CR of its CRLF line end.
  expect_position(comment.span.end, 12, 2, 7);
  expect_position(result.tokens[4].span.begin, 14, 3, 1);
  expect_position(result.tokens[5].span.end, 16, 3, 3);
}

TEST(Lexer, UnescapesQuotedStrings) {
  const LexResult result = lex(R"(a "x\"y\\z\'w\q" 'p\'q' "t\tn\nr\r";)");
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.tokens.size(), 5u);
  EXPECT_EQ(result.tokens[1].kind, TokenKind::quoted);
  EXPECT_EQ(result.tokens[1].value, "x\"y\\z'w\\q");
  EXPECT_EQ(result.tokens[1].span.begin.offset, 2u);
  EXPECT_EQ(result.tokens[1].span.end.offset, 16u);
  EXPECT_EQ(result.tokens[2].value, "p'q");
  EXPECT_EQ(result.tokens[3].value, "t\tn\nr\r");
}

TEST(Lexer, UnescapesWordsLikeNginx) {
  const LexResult result = lex(R"(return 200 a\nb\"c\;d;)");
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.tokens.size(), 4u);
  EXPECT_EQ(result.tokens[2].kind, TokenKind::word);
  // `\;` is not one of nginx's escapes, so the backslash stays.
  EXPECT_EQ(result.tokens[2].value, "a\nb\"c\\;d");
  EXPECT_EQ(result.tokens[2].span.end.offset, 21u);
}

TEST(Lexer, KeepsQuotesAndHashInsideWords) {
  const LexResult result = lex("a foo\"bar\" x#y #z\n;");
  ASSERT_FALSE(result.error);
  EXPECT_EQ(values(result),
            (std::vector<std::string>{"a", "foo\"bar\"", "x#y", "z", ";"}));
  EXPECT_EQ(result.tokens[3].kind, TokenKind::comment);
}

TEST(Lexer, KeepsCloseBraceInsideWord) {
  const LexResult result = lex("location bar} {}");
  ASSERT_FALSE(result.error);
  EXPECT_EQ(values(result),
            (std::vector<std::string>{"location", "bar}", "{", "}"}));
}

TEST(Lexer, KeepsDollarBraceInOneWord) {
  const LexResult result = lex("set $a ${b}c${{d}}f;\nx ${host}{ }");
  ASSERT_FALSE(result.error);
  EXPECT_EQ(values(result),
            (std::vector<std::string>{"set", "$a", "${b}c${{d}}f", ";", "x",
                                      "${host}", "{", "}"}));
}

TEST(Lexer, EndsDollarBraceWordAtSemicolon) {
  // Unlike crossplane, nginx ends the word at a `;` inside `${...}`.
  const LexResult result = lex("env ${a;b};");
  ASSERT_FALSE(result.error);
  EXPECT_EQ(values(result),
            (std::vector<std::string>{"env", "${a", ";", "b}", ";"}));
}

TEST(Lexer, RejectsTextAfterClosingQuote) {
  const LexResult result = lex("a \"b\"\n \"c\"d;");
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message, "unexpected \"d\"");
  expect_position(result.error->where, 10, 2, 5);
  EXPECT_EQ(values(result), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(Lexer, AcceptsParenthesisAfterQuote) {
  const LexResult result = lex(R"(if ($uri ~ "^/a{2};$") {})");
  ASSERT_FALSE(result.error);
  EXPECT_EQ(values(result),
            (std::vector<std::string>{"if", "($uri", "~", "^/a{2};$", ")", "{",
                                      "}"}));
  EXPECT_EQ(result.tokens[3].kind, TokenKind::quoted);
  EXPECT_EQ(result.tokens[4].kind, TokenKind::word);
}

TEST(Lexer, ReportsUnclosedQuoteAtEndOfFile) {
  const LexResult result = lex("a \"b;\n}\n");
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message,
            "unexpected end of file, expecting \";\" or \"}\"");
  expect_position(result.error->where, 8, 3, 1);
}

TEST(Lexer, BackslashEscapesTerminator) {
  const LexResult result = lex("a b\\;c\\ d;");
  ASSERT_FALSE(result.error);
  EXPECT_EQ(values(result), (std::vector<std::string>{"a", "b\\;c\\ d", ";"}));
}

TEST(Lexer, KeepsNonUtf8BytesInWords) {
  const std::string text = "a \xff\xfe\xc3(;";
  const LexResult result = lex(text);
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.tokens.size(), 3u);
  EXPECT_EQ(result.tokens[1].value, "\xff\xfe\xc3(");
  expect_position(result.tokens[1].span.end, 6, 1, 7);
}

TEST(Lexer, ReportsNulByteLine) {
  const std::string text = std::string("a b;\nc d") + '\0' + "e;\n";
  const LexResult result = lex(text);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message,
            "file contains a NUL byte; it is not an nginx configuration file");
  expect_position(result.error->where, 8, 2, 4);
}

TEST(Lexer, ReadsLuaBlockBodyAsOneToken) {
  const std::string body =
      "\n  ngx.say(\"}\") -- a } in a comment\n"
      "  local t = {1, '{'}\n";
  const LexResult result =
      lex("content_by_lua_block {" + body + "}\nreturn 204;");
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.tokens.size(), 7u);
  EXPECT_EQ(result.tokens[2].kind, TokenKind::lua_body);
  EXPECT_EQ(result.tokens[2].value, body);
  expect_position(result.tokens[2].span.begin, 22, 1, 23);
  expect_position(result.tokens[3].span.begin, 22 + body.size(), 4, 1);
  EXPECT_EQ(result.tokens[3].kind, TokenKind::close_brace);
  EXPECT_EQ(result.tokens[4].value, "return");
}

TEST(Lexer, SkipsBracesInLuaLongBrackets) {
  const std::string body = " a = [==[ } ]] ]==] --[[ }\n } ]] b = 1 ";
  const LexResult result = lex("access_by_lua_block {" + body + "}");
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.tokens.size(), 4u);
  EXPECT_EQ(result.tokens[2].value, body);
}

TEST(Lexer, ReadsSetByLuaBlockArgument) {
  const LexResult result = lex("set_by_lua_block $res { return 1 }");
  ASSERT_FALSE(result.error);
  EXPECT_EQ(values(result),
            (std::vector<std::string>{"set_by_lua_block", "$res", "{",
                                      " return 1 ", "}"}));
}

TEST(Lexer, ReadsLuaNameGluedToBrace) {
  const LexResult result = lex("\"content_by_lua_block\"{ x = '}' }");
  ASSERT_FALSE(result.error);
  EXPECT_EQ(values(result), (std::vector<std::string>{"content_by_lua_block",
                                                      "{", " x = '}' ", "}"}));
}

TEST(Lexer, KeepsLuaNameAsArgument) {
  const LexResult result = lex("a content_by_lua_block { b; }");
  ASSERT_FALSE(result.error);
  EXPECT_EQ(values(result),
            (std::vector<std::string>{"a", "content_by_lua_block", "{", "b",
                                      ";", "}"}));
}

TEST(Lexer, ReportsUnclosedLuaBlockAtEndOfInput) {
  const LexResult result =
      lex("content_by_lua_block {\n  if x then {\n  y = 1\n");
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message,
            "unexpected end of file, expecting terminating characters for "
            "lua code block");
  // nginx counts the line after the final line feed.
  expect_position(result.error->where, 45, 4, 1);
}

TEST(Lexer, ReportsUnclosedLuaBlockOnLastLine) {
  const LexResult result = lex("content_by_lua_block {\n  y = 1");
  ASSERT_TRUE(result.error);
  expect_position(result.error->where, 30, 2, 8);
}

TEST(Lexer, ReportsUnclosedLuaLongBracket) {
  const LexResult result = lex("log_by_lua_block {\n --[=[ }\n");
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message,
            "Lua code block missing the closing long bracket \"]=]\", the "
            "inlined Lua code may be too long");
  EXPECT_EQ(result.error->where.line, 2u);
}

TEST(Lexer, AcceptsWordOfMaximumLength) {
  const std::string word(kMaxTokenBytes - 1, 'x');
  const LexResult result = lex("a " + word + ";\n");
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.tokens.size(), 3u);
  EXPECT_EQ(result.tokens[1].value, word);
}

TEST(Lexer, RejectsTooLongWord) {
  const LexResult result =
      lex("a;\nb " + std::string(kMaxTokenBytes, 'x') + ";\n");
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message,
            "too long parameter \"xxxxxxxxxx...\" started");
  expect_position(result.error->where, 5, 2, 3);
  EXPECT_EQ(values(result), (std::vector<std::string>{"a", ";", "b"}));
}

TEST(Lexer, CountsSpaceAfterWordInLength) {
  // nginx moves its token start only when it reads the byte after the
  // space, so a 4095-byte word and its space fill the buffer.
  const LexResult result =
      lex("b " + std::string(kMaxTokenBytes - 1, 'x') + " ;\n");
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message,
            "too long parameter \"xxxxxxxxxx...\" started");
}

TEST(Lexer, RejectsTooLongQuotedString) {
  const LexResult result =
      lex("env \"" + std::string(kMaxTokenBytes, 'x') + "\";\n");
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message,
            "too long parameter, probably missing terminating \"\"\" "
            "character");
  expect_position(result.error->where, 4, 1, 5);
}

TEST(Lexer, RejectsTooLongComment) {
  const LexResult result =
      lex("a;\n#" + std::string(kMaxTokenBytes, 'c') + "\n");
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message,
            "too long parameter \"#ccccccccc...\" started");
  EXPECT_EQ(result.error->where.line, 2u);
}

TEST(Lexer, AcceptsLongWordAtEndOfFile) {
  // nginx checks the length only when it must read more of the file.
  const LexResult result = lex("a " + std::string(kMaxTokenBytes, 'x'));
  ASSERT_FALSE(result.error);
  ASSERT_EQ(result.tokens.size(), 2u);
  EXPECT_EQ(result.tokens[1].value.size(), kMaxTokenBytes);
}

TEST(Lexer, RejectsLongWordBeforeEndOfFile) {
  const LexResult result = lex("a " + std::string(kMaxTokenBytes + 1, 'x'));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message,
            "too long parameter \"xxxxxxxxxx...\" started");
}

}  // namespace
}  // namespace tlslint::syntax
