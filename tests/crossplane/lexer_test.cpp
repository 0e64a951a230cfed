// crossplane's tokenizer: escapes, quotes, "${", comments, line endings and
// text decoding.

#include "crossplane/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crossplane/text.h"

namespace tlslint::crossplane {
namespace {

std::vector<std::string> texts(std::string_view config) {
  std::string text = decode_config_text(config);
  LexResult result = lex(text);
  std::vector<std::string> out;
  for (const Token& token : result.tokens) out.emplace_back(token.text);
  return out;
}

using Texts = std::vector<std::string>;

TEST(CrossplaneLexer, KeepsEscapePairsVerbatim) {
  EXPECT_EQ(texts("a\\;b \"e\\'f\" '\\'';\n"),
            (Texts{"a\\;b", "e\\'f", "'", ";"}));
}

TEST(CrossplaneLexer, QuotesInsideWordsAreOrdinary) {
  EXPECT_EQ(texts("foo\"bar\" a#b \"a\"b;\n"),
            (Texts{"foo\"bar\"", "a#b", "a", "b", ";"}));
}

TEST(CrossplaneLexer, DollarBraceKeepsFollowingSpace) {
  EXPECT_EQ(texts("x ${host} next;\n"), (Texts{"x", "${host} next", ";"}));
  EXPECT_EQ(texts("x${a;b}y;\n"), (Texts{"x${a;b}y", ";"}));
  EXPECT_EQ(texts("${a}{ }\n"), (Texts{"${a}", "{", "}"}));
}

TEST(CrossplaneLexer, CommentsKeepHashAndLine) {
  std::string text = decode_config_text("a; # one\r# two\nb;");
  LexResult result = lex(text);
  ASSERT_EQ(result.tokens.size(), 6u);
  EXPECT_EQ(result.tokens[2].text, "# one");
  EXPECT_EQ(result.tokens[2].line, 1);
  EXPECT_EQ(result.tokens[3].text, "# two");
  EXPECT_EQ(result.tokens[3].line, 2);
}

TEST(CrossplaneLexer, DropsUnfinishedWordAtEnd) {
  EXPECT_EQ(texts("a;\nstray"), (Texts{"a", ";"}));
  EXPECT_EQ(texts("a;\n# last"), (Texts{"a", ";"}));
  EXPECT_EQ(texts("a b\\"), (Texts{"a"}));
}

TEST(CrossplaneLexer, ReadsLuaBlockAsOneString) {
  std::string text = decode_config_text(
      "content_by_lua_block { a = \"}\" -- }\n }\nset_by_lua_block $v { 1 }\n");
  LexResult result = lex(text);
  ASSERT_EQ(result.tokens.size(), 7u);
  EXPECT_EQ(result.tokens[1].text, " a = \"}\" -- }\n ");
  EXPECT_TRUE(result.tokens[1].quoted);
  EXPECT_EQ(result.tokens[2].text, ";");
  EXPECT_EQ(result.tokens[4].text, "$v");
  EXPECT_EQ(result.tokens[5].text, " 1 ");
}

TEST(CrossplaneLexer, LuaBlockWithoutBraceFails) {
  std::string text = decode_config_text("init_by_lua_block\n x;\n");
  LexResult result = lex(text);
  ASSERT_TRUE(result.error.has_value());
  EXPECT_EQ(result.error->line, 2);
}

TEST(CrossplaneLexer, UnicodeWhitespaceSeparatesTokens) {
  EXPECT_EQ(texts("a\xC2\xA0"
                  "b\xE2\x80\x8B"
                  "c;\n"),
            (Texts{"a",
                   "b\xE2\x80\x8B"
                   "c",
                   ";"}));
}

TEST(CrossplaneTextDecoding, ReplacesMaximalSubparts) {
  EXPECT_EQ(decode_config_text("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(decode_config_text("\xC3("), "\xEF\xBF\xBD(");
  EXPECT_EQ(decode_config_text("\xE2\x82 "), "\xEF\xBF\xBD ");
  EXPECT_EQ(decode_config_text("\xED\xA0\x80"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(decode_config_text("\xF4\x90\x80\x80").size(), 12u);
}

TEST(CrossplaneTextDecoding, NormalisesLineEndings) {
  EXPECT_EQ(decode_config_text("a\r\nb\rc\n"), "a\nb\nc\n");
  EXPECT_EQ(decode_config_text("\xEF\xBB\xBF"
                               "x"),
            "\xEF\xBB\xBF"
            "x");
}

}  // namespace
}  // namespace tlslint::crossplane
