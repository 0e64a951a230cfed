// --diff and --fix on the real-world cases of tests/data/cases: the diff must
// change the same lines as the case's reviewed fix (tests/fix/data/*.diff),
// the fixed configuration must no longer show the fixed faults, and real
// nginx -t must accept it.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.h"

namespace tlslint::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(TLSLINT_SOURCE_DIR) / "tests/data/cases";
const fs::path kDiffs = fs::path(TLSLINT_SOURCE_DIR) / "tests/fix/data";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// Returns the removed and added lines of a unified diff, in order, with their file.
std::vector<std::string> changed_lines(const std::string& diff) {
  std::vector<std::string> lines;
  std::istringstream in(diff);
  std::string file;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("+++ ")) {
      file = line.substr(4);
    } else if (line.starts_with("--- ")) {
      continue;
    } else if (line.starts_with("-") || line.starts_with("+")) {
      lines.push_back(file + " " + line);
    }
  }
  return lines;
}

struct CaseRun {
  TempDir work;
  fs::path folder;
  std::vector<std::string> args;
};

void prepare(CaseRun& run, const std::string& name) {
  run.folder = fs::path(run.work.path()) / name;
  fs::copy(kCases / name, run.folder, fs::copy_options::recursive);
  // The checked-in copies may be read-only, which --fix respects.
  for (const auto& entry : fs::recursive_directory_iterator(run.folder)) {
    fs::permissions(entry.path(), fs::perms::owner_write,
                    fs::perm_options::add);
  }
  ProcessResult made = run_process({"bash", "make-certs.sh"}, run.folder);
  ASSERT_EQ(made.exit_status, 0) << made.out << made.err;
  char now[32];
  std::time_t later = std::time(nullptr) + 60;
  std::tm parts{};
  gmtime_r(&later, &parts);
  std::strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &parts);
  run.args = {"--nginx-version", "1.22.1", "--now", now, "--color", "never"};
  std::istringstream extra(read_file(run.folder / "args"));
  for (std::string word; extra >> word;) run.args.push_back(word);
}

ProcessResult tlslint_with(const CaseRun& run, const std::string& option) {
  std::vector<std::string> args{option};
  args.insert(args.end(), run.args.begin(), run.args.end());
  return run_tlslint(args, run.folder.string());
}

/// Runs real `nginx -t` on the case's main config (the last argument). With
/// --root the absolute paths are moved into the root, and the pid file into
/// the case folder, in a copy beside the main config.
ProcessResult nginx_test(const CaseRun& run) {
  fs::path main = run.folder / run.args.back();
  std::string text = read_file(main);
  auto root = std::find(run.args.begin(), run.args.end(), "--root");
  if (root != run.args.end() && root + 1 != run.args.end()) {
    std::string inside = (run.folder / *(root + 1)).string();
    text = std::regex_replace(text, std::regex(R"(([ \t])/etc/)"),
                              "$1" + inside + "/etc/");
  }
  text =
      std::regex_replace(text, std::regex(R"((^|\n)pid [^;]*;)"),
                         "$1pid " + (run.folder / "nginx.pid").string() + ";");
  fs::path copy = main.parent_path() / "nginx-test.conf";
  std::ofstream(copy, std::ios::binary) << text;
  fs::create_directories(run.folder / "logs");
  return run_process({"nginx", "-t", "-p", run.folder.string() + "/", "-c",
                      copy.string(), "-e", "stderr"});
}

class CaseFix : public ::testing::TestWithParam<std::string> {};

TEST_P(CaseFix, DiffChangesSameLinesAsReviewedFix) {
  CaseRun run;
  prepare(run, GetParam());
  ProcessResult diff = tlslint_with(run, "--diff");
  EXPECT_EQ(changed_lines(diff.out),
            changed_lines(read_file(kDiffs / (GetParam() + ".diff"))))
      << diff.out << diff.err;
  std::ofstream(run.folder / "tlslint.diff", std::ios::binary) << diff.out;
  ProcessResult git = run_process({"git", "apply", "--check", "tlslint.diff"},
                                  run.folder.string());
  EXPECT_EQ(git.exit_status, 0) << git.err;
}

TEST_P(CaseFix, FixedCaseLintsCleanForFixedRules) {
  CaseRun run;
  prepare(run, GetParam());
  ProcessResult fixed = tlslint_with(run, "--fix");
  EXPECT_NE(fixed.out.find("fixed \""), std::string::npos)
      << fixed.out << fixed.err;
  ProcessResult after = run_tlslint(run.args, run.folder.string());
  for (const auto& finding : parse_findings(after.out)) {
    EXPECT_TRUE(finding.severity == "note" || finding.severity == "info")
        << finding.file << ":" << finding.line << " " << finding.rule << "\n"
        << after.out;
  }
  EXPECT_EQ(after.exit_status, 0) << after.out << after.err;
}

TEST_P(CaseFix, NginxAcceptsFixedCase) {
  CaseRun run;
  prepare(run, GetParam());
  tlslint_with(run, "--fix");
  ProcessResult fixed = nginx_test(run);
  EXPECT_EQ(fixed.exit_status, 0) << fixed.err;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CaseFix,
    ::testing::Values("01-mastodon-leaf-only-cert",
                      "05-tls13-only-breaks-webhook",
                      "09-legacy-ssl-on-directive", "10-listen-443-without-ssl",
                      "13-trusted-cert-gone-from-ca-bundle"),
    [](const auto& info) { return "Case" + info.param.substr(0, 2); });

TEST(CaseFixMessage, TrustedCertificateNamesTheServedRoot) {
  CaseRun run;
  prepare(run, "13-trusted-cert-gone-from-ca-bundle");
  // nginx itself fails on the missing file, as in the original report.
  ProcessResult nginx = nginx_test(run);
  EXPECT_NE(nginx.exit_status, 0);
  EXPECT_NE(nginx.err.find("ca-cert-Example_Legacy_Root_X3.pem"),
            std::string::npos)
      << nginx.err;
  ProcessResult lint = run_tlslint(run.args, run.folder.string());
  EXPECT_NE(lint.out.find("the served chain's root CN=Example Root X1 is "
                          "available as "
                          "\"/etc/ssl/certs/ca-cert-Example_Root_X1.pem\""),
            std::string::npos)
      << lint.out;
}

}  // namespace
}  // namespace tlslint::testing
