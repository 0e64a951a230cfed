// Walks fixtures/<family>/<rule-id>/ for host rules: bad/ and good/ are
// trees laid out like /, read with --root. The output lines of the rule
// for bad/ must equal bad.expected, and good/ must print none. Trees hold
// no certificates, because committed certificates expire: an executable
// `setup` in the fixture folder runs on a copy of each tree first, with the
// tree as $1 and the e2e test PKI in $TLSLINT_TEST_PKI. `args`, one
// argument per line, replaces the default arguments; {root} in it, and in
// bad.expected, stands for the copied tree.
#include <algorithm>
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

const fs::path kFixtures = fs::path(TLSLINT_SOURCE_DIR) / "fixtures";
/// The fixtures' clock, so that dates in bad.expected stay put.
constexpr const char* kNow = "2026-12-04T12:00:00Z";

struct HostFixture {
  std::string family;
  std::string rule;
  fs::path folder;
};

void PrintTo(const HostFixture& fixture, std::ostream* out) {
  *out << fixture.family << "/" << fixture.rule;
}

std::vector<HostFixture> find_host_fixtures() {
  std::vector<HostFixture> fixtures;
  for (const auto& family : fs::directory_iterator(kFixtures)) {
    if (!family.is_directory()) continue;
    for (const auto& rule : fs::directory_iterator(family.path())) {
      if (!fs::is_directory(rule.path() / "bad")) continue;
      fixtures.push_back({family.path().filename(), rule.path().filename(),
                          rule.path()});
    }
  }
  std::sort(fixtures.begin(), fixtures.end(),
            [](const HostFixture& a, const HostFixture& b) {
              return a.rule < b.rule;
            });
  return fixtures;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string replace_all(std::string text, const std::string& from,
                        const std::string& to) {
  if (from.empty()) return text;
  for (auto at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// The lines that end in " [rule]", each followed by its note lines.
std::vector<std::string> rule_lines(const std::string& output,
                                    const std::string& rule) {
  std::vector<std::string> selected;
  bool in_finding = false;
  const std::string tag = " [" + rule + "]";
  for (const std::string& line : split_lines(output)) {
    bool is_note =
        line.find("note: ") != std::string::npos && !line.ends_with("]");
    if (line.ends_with(tag)) {
      in_finding = true;
      selected.push_back(line);
    } else if (is_note && in_finding) {
      selected.push_back(line);
    } else {
      in_finding = false;
    }
  }
  return selected;
}

class HostRuleFixture : public ::testing::TestWithParam<HostFixture> {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new TempDir();
    pki_ = test_pki(*scratch_);
  }
  static void TearDownTestSuite() {
    delete scratch_;
    scratch_ = nullptr;
  }

  /// Copies `tree` of the fixture, runs its setup and then tlslint on it.
  /// Returns the output with the copy's path written as {root}.
  std::string run_on(const HostFixture& fixture, const std::string& tree) {
    fs::path root = fs::path(scratch_->path()) / fixture.rule / tree;
    fs::remove_all(root);
    fs::create_directories(root);
    fs::copy(fixture.folder / tree, root,
             fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    fs::path setup = fixture.folder / "setup";
    if (fs::exists(setup)) {
      ProcessResult made = run_process(
          {"env", "TLSLINT_TEST_PKI=" + pki_, setup.string(), root.string()});
      EXPECT_EQ(made.exit_status, 0) << made.out << made.err;
    }
    std::vector<std::string> args{"system", "--root", "{root}", "--now",
                                  kNow};
    if (fs::exists(fixture.folder / "args")) {
      args = split_lines(read_text(fixture.folder / "args"));
    }
    for (std::string& arg : args) arg = replace_all(arg, "{root}", root);
    args.insert(args.end(), {"--color", "never"});
    ProcessResult result = run_tlslint(args, root.string());
    EXPECT_NE(result.exit_status, 3) << result.err;
    return replace_all(result.out, root.string(), "{root}") + result.err;
  }

  static TempDir* scratch_;
  static std::string pki_;
};

TempDir* HostRuleFixture::scratch_ = nullptr;
std::string HostRuleFixture::pki_;

TEST_P(HostRuleFixture, BadPrintsExpectedLines) {
  const HostFixture& fixture = GetParam();
  std::string output = run_on(fixture, "bad");
  std::vector<std::string> expected =
      split_lines(read_text(fixture.folder / "bad.expected"));
  ASSERT_FALSE(expected.empty()) << "bad.expected is empty";
  EXPECT_EQ(rule_lines(output, fixture.rule), expected) << output;
}

TEST_P(HostRuleFixture, GoodPrintsNothingForRule) {
  const HostFixture& fixture = GetParam();
  ASSERT_TRUE(fs::is_directory(fixture.folder / "good"))
      << "a host fixture needs good/ as well as bad/";
  std::string output = run_on(fixture, "good");
  EXPECT_EQ(rule_lines(output, fixture.rule), std::vector<std::string>{})
      << output;
}

std::string host_test_name(
    const ::testing::TestParamInfo<HostFixture>& info) {
  std::string name;
  for (char c : info.param.rule) {
    if (std::isalnum(static_cast<unsigned char>(c))) name += c;
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(HostRules, HostRuleFixture,
                         ::testing::ValuesIn(find_host_fixtures()),
                         host_test_name);
// Until a family has host fixtures the suite is empty, which is not a
// failure of the walk.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(HostRuleFixture);

}  // namespace
}  // namespace tlslint::testing
