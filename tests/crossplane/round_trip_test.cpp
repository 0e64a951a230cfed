// Round trips over the corpus and the real-world fixtures. Parse, build and
// parse again must give the same tree. Format must be idempotent, and the
// output of minify must parse to the same tree. On a file whose parse fails,
// format and minify must fail with crossplane's error.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "crossplane/builder.h"
#include "crossplane/parser.h"
#include "crossplane_test_support.h"

namespace tlslint::crossplane {
namespace {

using testing::describe_tree;
using testing::TempDir;

/// Every config of the corpus (each case's main file) and of fixtures/real.
std::vector<std::string> round_trip_files() {
  std::vector<std::string> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::corpus_folder())) {
    if (entry.is_directory()) {
      files.push_back((entry.path() / "nginx.conf").string());
    }
  }
  std::error_code error;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           TLSLINT_SOURCE_DIR "/fixtures/real", error)) {
    if (!entry.is_regular_file()) continue;
    std::string extension = entry.path().extension().string();
    std::string name = entry.path().filename().string();
    // Licences, source notes and READMEs are not configs.
    if (extension == ".md" || extension == ".txt" ||
        name.rfind("LICENSE", 0) == 0 || name.rfind("README", 0) == 0) {
      continue;
    }
    files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string file_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string relative = info.param;
  std::string::size_type at = relative.find("/corpus/");
  if (at == std::string::npos) at = relative.find("/fixtures/real/");
  relative = relative.substr(at + 1);
  std::string name;
  bool upper = true;
  for (char c : relative) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      name.push_back(upper ? static_cast<char>(std::toupper(c)) : c);
      upper = false;
    } else {
      upper = true;
    }
  }
  return name + std::to_string(info.index);
}

/// Options of the parse behind format: one file, comments, no analysis.
ParseOptions format_options() {
  ParseOptions options;
  options.single_file = true;
  options.comments = true;
  options.check_context = false;
  options.check_arguments = false;
  return options;
}

/// Returns the stderr text that `format` and `minify` print for the corpus
/// cases whose parse fails (read as nginx does), by case name. crossplane raises
/// NgxParserBaseException with the first error's message, file and line, and
/// its text repeats " in FILE:LINE" because the message already ends with it.
const std::map<std::string, std::string>& expected_failures() {
  static const std::map<std::string, std::string> failures = {
      {"edge-backslash-at-eof",
       "unexpected end of file, expecting \";\" or \"}\" in nginx.conf:3 in "
       "nginx.conf:3"},
      {"edge-eof-unterminated-directive",
       "unexpected end of file, expecting \";\" or \"}\" in nginx.conf:4 in "
       "nginx.conf:4"},
      {"edge-lua-no-brace",
       "expected { to start Lua block in nginx.conf:3 in nginx.conf:3"},
      {"edge-lua-unterminated",
       "unexpected end of file, expecting terminating characters for lua "
       "code block in nginx.conf:4 in nginx.conf:4"},
      {"edge-quotes", "unexpected \"\"\" in nginx.conf:2 in nginx.conf:2"},
      {"edge-stray-terminators",
       "unexpected \";\" in nginx.conf:1 in nginx.conf:1"},
      {"go-braces-extra-brace",
       "unexpected \"}\" in nginx.conf:11 in nginx.conf:11"},
      {"go-braces-missing-brace",
       "unexpected end of file, expecting \"}\" in nginx.conf:23 in "
       "nginx.conf:23"},
  };
  return failures;
}

/// Checks that `command` rejects the config `file`, whose parse failed, the
/// way crossplane does: exit status 1, nothing on stdout, the exception on
/// stderr.
void expect_rejected(const std::string& command, const std::string& file) {
  std::filesystem::path path(file);
  std::string case_name = path.parent_path().filename().string();
  auto expected = expected_failures().find(case_name);
  ASSERT_NE(expected, expected_failures().end())
      << "the parse of " << file << " fails, but no error is pinned for it";
  testing::CommandResult result = testing::run_in(
      path.parent_path().string(), {command, path.filename().string()});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "crossplane.errors.NgxParserBaseException: " +
                            expected->second + "\n");
}

/// Counts the newlines in the names and arguments of `block`, which minify
/// has to write literally because the lexer has no escape for them.
std::size_t count_newlines(const std::vector<Statement>& block) {
  std::size_t count = 0;
  for (const Statement& statement : block) {
    if (statement.is_comment) continue;
    count += static_cast<std::size_t>(std::count(
        statement.directive.begin(), statement.directive.end(), '\n'));
    for (std::string_view arg : statement.args) {
      count +=
          static_cast<std::size_t>(std::count(arg.begin(), arg.end(), '\n'));
    }
    count += count_newlines(statement.block);
  }
  return count;
}

class CrossplaneRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(CrossplaneRoundTrip, BuildThenParseGivesSameTree) {
  ParseOptions options;
  options.single_file = true;
  options.comments = true;
  Payload first = parse_config(GetParam(), options);
  ASSERT_EQ(first.config.size(), 1u);
  // `build` ends each file with a newline, which keeps a final comment.
  std::string built =
      build_config(first.config.front().parsed, BuildOptions{}) + "\n";

  TempDir folder;
  std::string copy = folder.write("nginx.conf", built);
  Payload second = parse_config(copy, options);
  EXPECT_EQ(describe_tree(second.config.front().parsed),
            describe_tree(first.config.front().parsed))
      << "built text:\n"
      << built;
}

TEST_P(CrossplaneRoundTrip, FormatIsIdempotent) {
  Payload first = parse_config(GetParam(), format_options());
  if (first.failed) {
    expect_rejected("format", GetParam());
    return;
  }
  std::string formatted =
      build_config(first.config.front().parsed, BuildOptions{}) + "\n";

  TempDir folder;
  std::string copy = folder.write("nginx.conf", formatted);
  Payload second = parse_config(copy, format_options());
  ASSERT_FALSE(second.failed) << formatted;
  EXPECT_EQ(build_config(second.config.front().parsed, BuildOptions{}) + "\n",
            formatted);
}

TEST_P(CrossplaneRoundTrip, MinifyParsesToSameTree) {
  ParseOptions options = format_options();
  options.comments = false;
  Payload first = parse_config(GetParam(), options);
  if (first.failed) {
    expect_rejected("minify", GetParam());
    return;
  }
  std::string minified = minify_config(first.config.front().parsed);
  // The only newlines left are those inside names and arguments, Lua block
  // bodies included.
  EXPECT_EQ(static_cast<std::size_t>(
                std::count(minified.begin(), minified.end(), '\n')),
            count_newlines(first.config.front().parsed));

  TempDir folder;
  std::string copy = folder.write("nginx.conf", minified + "\n");
  Payload second = parse_config(copy, options);
  // Minify leaves comments out, so compare without them.
  auto without_comments = [](std::vector<Statement> block) {
    std::string text = describe_tree(block);
    std::string without;
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      std::string line = text.substr(start, end - start + 1);
      if (line.empty() || line[0] != '#') without += line;
      start = end + 1;
    }
    return without;
  };
  EXPECT_EQ(without_comments(second.config.front().parsed),
            without_comments(first.config.front().parsed))
      << "minified text:\n"
      << minified;
}

INSTANTIATE_TEST_SUITE_P(CorpusAndFixtures, CrossplaneRoundTrip,
                         ::testing::ValuesIn(round_trip_files()), file_name);

}  // namespace
}  // namespace tlslint::crossplane
