// Walks fixtures/<family>/<rule-id>/: bad.conf must print exactly the lines
// of bad.expected for that rule, and good.conf nothing for it. Certificate
// paths in fixtures live under /etc/ssl/tlslint-test and /etc/letsencrypt,
// which the test maps with --root onto a PKI made by make-pki.sh.
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/process.h"

namespace tlslint::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(TLSLINT_SOURCE_DIR) / "fixtures";

struct Fixture {
  std::string family;
  std::string rule;
  fs::path folder;
};

void PrintTo(const Fixture& fixture, std::ostream* out) {
  *out << fixture.family << "/" << fixture.rule;
}

std::vector<Fixture> find_fixtures() {
  std::vector<Fixture> fixtures;
  for (const auto& family : fs::directory_iterator(kFixtures)) {
    if (!family.is_directory()) continue;
    for (const auto& rule : fs::directory_iterator(family.path())) {
      if (!fs::exists(rule.path() / "bad.conf")) continue;
      fixtures.push_back({family.path().filename(), rule.path().filename(),
                          rule.path()});
    }
  }
  std::sort(fixtures.begin(), fixtures.end(),
            [](const Fixture& a, const Fixture& b) { return a.rule < b.rule; });
  return fixtures;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// Dates come from a PKI made relative to the clock, so they are masked.
std::string mask_dates(const std::string& line) {
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  return std::regex_replace(line, date, "YYYY-MM-DD");
}

/// Replaces every `from` in `text` with `to`.
std::string replace_all(std::string text, const std::string& from,
                        const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// The finding lines of one rule, each with the note lines that follow it.
std::vector<std::string> lines_of_rule(const std::string& output,
                                       const std::string& rule,
                                       bool with_notes) {
  std::vector<std::string> selected;
  bool in_finding = false;
  const std::string tag = " [" + rule + "]";
  for (const std::string& line : lines_of(output)) {
    bool is_note = line.find(": note: ") != std::string::npos &&
                   !line.ends_with("]");
    if (line.ends_with(tag)) {
      in_finding = with_notes || line.find(": note: ") == std::string::npos;
      if (in_finding) selected.push_back(mask_dates(line));
    } else if (is_note && in_finding && with_notes) {
      selected.push_back(mask_dates(line));
    } else {
      in_finding = false;
    }
  }
  return selected;
}

class RuleFixture : public ::testing::TestWithParam<Fixture> {
 protected:
  static void SetUpTestSuite() {
    work_ = new TempDir();
    pki_ = test_pki(*work_);
    fs::path root = fs::path(work_->path()) / "root";
    fs::create_directories(root / "etc/ssl");
    fs::create_directory_symlink(pki_, root / "etc/ssl/tlslint-test");
    fs::create_directory_symlink(pki_ + "/letsencrypt",
                                 root / "etc/letsencrypt");
    now_ = test_pki_now(pki_);
  }
  static void TearDownTestSuite() {
    delete work_;
    work_ = nullptr;
  }

  /// Runs tlslint on `name` copied from the fixture into a fresh folder.
  ProcessResult lint(const Fixture& fixture, const std::string& name) {
    fs::path folder = fs::path(work_->path()) / "runs" / fixture.rule;
    fs::create_directories(folder);
    fs::copy_file(fixture.folder / name, folder / name,
                  fs::copy_options::overwrite_existing);
    std::vector<std::string> args{
        "--root", work_->path() + "/root", "--ca-file",
        pki_ + "/root/root.pem", "--nginx-version", "1.22.1",
        "--now", now_, "--color", "never"};
    if (fs::exists(fixture.folder / "args")) {
      std::istringstream extra(read_file(fixture.folder / "args"));
      for (std::string arg; extra >> arg;) args.push_back(arg);
    }
    args.push_back(name);
    return run_tlslint(args, folder);
  }

  /// The output with the test's folders written as @PKI@ and @ROOT@.
  static std::string masked(const std::string& output) {
    std::string text = replace_all(output, pki_, "@PKI@");
    return replace_all(text, work_->path() + "/root", "@ROOT@");
  }

  static TempDir* work_;
  static std::string pki_;
  static std::string now_;
};

TempDir* RuleFixture::work_ = nullptr;
std::string RuleFixture::pki_;
std::string RuleFixture::now_;

TEST_P(RuleFixture, BadPrintsExpectedLines) {
  const Fixture& fixture = GetParam();
  ProcessResult result = lint(fixture, "bad.conf");
  std::vector<std::string> expected =
      lines_of(read_file(fixture.folder / "bad.expected"));
  ASSERT_FALSE(expected.empty()) << "bad.expected is empty";
  EXPECT_NE(result.exit_status, 3) << result.err;
  EXPECT_EQ(lines_of_rule(masked(result.out), fixture.rule, true), expected)
      << result.out << result.err;
}

TEST_P(RuleFixture, GoodPrintsNothingForRule) {
  const Fixture& fixture = GetParam();
  ProcessResult result = lint(fixture, "good.conf");
  EXPECT_NE(result.exit_status, 3) << result.err;
  EXPECT_EQ(lines_of_rule(result.out, fixture.rule, false),
            std::vector<std::string>{})
      << result.out << result.err;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, RuleFixture, ::testing::ValuesIn(find_fixtures()),
    [](const ::testing::TestParamInfo<Fixture>& info) {
      std::string name;
      for (char c : info.param.rule) {
        if (std::isalnum(static_cast<unsigned char>(c))) name += c;
      }
      return name;
    });

}  // namespace
}  // namespace tlslint::testing
