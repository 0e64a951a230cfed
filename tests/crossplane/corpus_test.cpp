// Runs `parse --crossplane-quirks` over every conformance case and compares
// the output with the stored crossplane output byte for byte. Plain `parse`
// reads configs as nginx does and must give the same tree, except in the
// cases listed in kNginxDiffers, where crossplane contradicts nginx.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crossplane_test_support.h"

namespace tlslint::crossplane {
namespace {

using testing::corpus_folder;
using testing::read_file;
using testing::run_in;

/// The cases where crossplane reads the config differently from nginx, as
/// listed in docs/crossplane-compat.md; nginx_dialect_test.cpp pins what
/// plain `parse` gives for each.
const std::set<std::string> kNginxDiffers = {
    "edge-backslash-at-eof",
    "edge-crlf",
    "edge-dollar-brace",
    "edge-dollar-brace-space",
    "edge-eof-comment",
    "edge-eof-unterminated-directive",
    "edge-include-context",
    "edge-include-fname-shadow",
    "edge-lua",
    "edge-lua-no-brace",
    "edge-lua-unterminated",
    "edge-percent-quirk",
    "edge-percent-quirk-b",
    "edge-quotes",
    "edge-stray-terminators",
    "edge-utf8",
    "go-braces-missing-brace",
    "go-broken1",
    "go-broken1-nginx2",
    "go-directive-with-space",
    "go-geo",
    "go-invalid-map",
    "go-large-config-kld",
    "go-types",
    "go-ubuntu-default",
    "py-directive-with-space",
    "py-empty-value-map",
    "py-messy",
};

struct CorpusCase {
  std::string folder;
  std::string expected;  ///< expected*.json file name
};

std::vector<CorpusCase> corpus_cases() {
  std::vector<CorpusCase> cases;
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator(corpus_folder(), error)) {
    if (!entry.is_directory()) continue;
    for (const auto& file : std::filesystem::directory_iterator(entry)) {
      std::string name = file.path().filename().string();
      if (name.rfind("expected", 0) == 0 && name.size() > 5 &&
          name.substr(name.size() - 5) == ".json") {
        cases.push_back({entry.path().string(), name});
      }
    }
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) {
    return a.folder + a.expected < b.folder + b.expected;
  });
  return cases;
}

/// Maps an expected file name to flags: "expected-comments+strict.json" is
/// --include-comments --strict, "expected-ignore=a,b.json" is --ignore a,b.
std::vector<std::string> flags_for(const std::string& expected) {
  std::vector<std::string> flags;
  std::string variant = expected.substr(8, expected.size() - 8 - 5);
  if (variant.empty()) return flags;
  variant = variant.substr(1);
  std::size_t start = 0;
  while (start <= variant.size()) {
    std::size_t plus = variant.find('+', start);
    std::string part = variant.substr(start, plus - start);
    if (part == "comments") flags.push_back("--include-comments");
    if (part == "single") flags.push_back("--single-file");
    if (part == "strict") flags.push_back("--strict");
    if (part == "combine") flags.push_back("--combine");
    if (part == "nocatch") flags.push_back("--no-catch");
    if (part.rfind("ignore=", 0) == 0) {
      flags.push_back("--ignore");
      flags.push_back(part.substr(7));
    }
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return flags;
}

std::string case_name(const ::testing::TestParamInfo<CorpusCase>& info) {
  std::string raw =
      std::filesystem::path(info.param.folder).filename().string() + "-" +
      info.param.expected.substr(0, info.param.expected.size() - 5);
  std::string name;
  bool upper = true;
  for (char c : raw) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      name.push_back(upper ? static_cast<char>(std::toupper(c)) : c);
      upper = false;
    } else {
      upper = true;
    }
  }
  return name;
}

class CrossplaneCorpus : public ::testing::TestWithParam<CorpusCase> {};

std::string folder_name(const CorpusCase& param) {
  return std::filesystem::path(param.folder).filename().string();
}

/// Runs plain `parse` (nginx's reading) with the case's flags.
testing::CommandResult parse_as_nginx(const CorpusCase& param) {
  std::vector<std::string> args{"parse"};
  for (const std::string& flag : flags_for(param.expected)) {
    args.push_back(flag);
  }
  args.push_back("nginx.conf");
  return run_in(param.folder, args);
}

TEST_P(CrossplaneCorpus, NginxReadingMatchesUnlessListed) {
  const CorpusCase& param = GetParam();
  if (kNginxDiffers.contains(folder_name(param))) return;
  testing::CommandResult result = parse_as_nginx(param);
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(nlohmann::json::parse(result.out),
            nlohmann::json::parse(
                read_file(param.folder + "/" + param.expected)));
}

TEST(CrossplaneCorpusList, EveryListedCaseDiffers) {
  // A listed case whose outputs all match is stale and leaves the list.
  std::map<std::string, bool> differs;
  for (const CorpusCase& param : corpus_cases()) {
    if (!kNginxDiffers.contains(folder_name(param))) continue;
    testing::CommandResult result = parse_as_nginx(param);
    bool same = nlohmann::json::parse(result.out) ==
                nlohmann::json::parse(
                    read_file(param.folder + "/" + param.expected));
    differs[folder_name(param)] |= !same;
  }
  EXPECT_EQ(differs.size(), kNginxDiffers.size());
  for (const auto& [name, different] : differs) {
    EXPECT_TRUE(different) << name << " reads the same as crossplane";
  }
}

TEST_P(CrossplaneCorpus, ParseOutputIsByteIdentical) {
  const CorpusCase& param = GetParam();
  std::vector<std::string> args{"parse", "--crossplane-quirks"};
  for (const std::string& flag : flags_for(param.expected)) {
    args.push_back(flag);
  }
  args.push_back("nginx.conf");
  testing::CommandResult result = run_in(param.folder, args);
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out, read_file(param.folder + "/" + param.expected));
}

INSTANTIATE_TEST_SUITE_P(AllCases, CrossplaneCorpus,
                         ::testing::ValuesIn(corpus_cases()), case_name);

TEST(CrossplaneCorpusLayout, HasEveryCase) {
  // 70 case folders with 160 expected outputs between them.
  std::size_t folders = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(corpus_folder())) {
    if (entry.is_directory()) ++folders;
  }
  EXPECT_EQ(folders, 70u);
  EXPECT_EQ(corpus_cases().size(), 160u);
}

}  // namespace
}  // namespace tlslint::crossplane
