// Failing inputs drawn from real reports. Each case folder contains configs,
// a make-certs.sh that builds its PKI, the arguments tlslint is run with, and
// `expected`: every warning and error tlslint must print, and no other.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/process.h"

namespace tlslint::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(TLSLINT_SOURCE_DIR) / "tests/data/cases";

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    if (entry.is_directory()) names.push_back(entry.path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::string rfc3339(std::time_t time) {
  char buffer[32];
  std::tm parts{};
  gmtime_r(&time, &parts);
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

class Case : public ::testing::TestWithParam<std::string> {};

TEST_P(Case, GivesExpectedFindings) {
  TempDir work;
  fs::path folder = fs::path(work.path()) / GetParam();
  fs::copy(kCases / GetParam(), folder, fs::copy_options::recursive);
  ProcessResult made = run_process({"bash", "make-certs.sh"}, folder);
  ASSERT_EQ(made.exit_status, 0) << made.out << made.err;
  std::string now = rfc3339(std::time(nullptr) + 60);

  std::vector<std::string> args{"--nginx-version", "1.22.1", "--now", now,
                                "--color", "never"};
  for (const auto& word : read_lines(folder / "args")) {
    for (const auto& arg : split_words(word)) args.push_back(arg);
  }
  ProcessResult result = run_tlslint(args, folder);

  std::vector<std::string> actual;
  for (const auto& finding : parse_findings(result.out)) {
    if (finding.severity != "error" && finding.severity != "warning") continue;
    actual.push_back(finding.file + ":" + std::to_string(finding.line) + " " +
                     finding.severity + " " + finding.rule);
  }
  std::vector<std::string> expected = read_lines(folder / "expected");
  std::sort(actual.begin(), actual.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(actual, expected) << result.out << result.err;
}

INSTANTIATE_TEST_SUITE_P(
    Shared, Case, ::testing::ValuesIn(case_names()),
    [](const ::testing::TestParamInfo<std::string>& info) {
      std::string name = "Case";
      for (char c : info.param) {
        if (std::isalnum(static_cast<unsigned char>(c))) name += c;
      }
      return name;
    });

}  // namespace
}  // namespace tlslint::testing
