// Walks fixtures/<family>/<rule-id>/: bad.conf must print exactly the lines
// of bad.expected for that rule, and good.conf nothing for it. Where
// bad.fixed.conf exists, --fix on bad.conf must yield it, a second --fix
// must change nothing, and nginx -t must accept it. Certificate paths in
// fixtures live under /etc/ssl/tlslint-test, /etc/ssl/certs and
// /etc/letsencrypt, which the test maps with --root onto a PKI made by
// make-pki.sh.
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/registry.h"
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

std::vector<Fixture> find_fixtures(const std::string& required = "bad.conf") {
  std::vector<Fixture> fixtures;
  for (const auto& family : fs::directory_iterator(kFixtures)) {
    if (!family.is_directory()) continue;
    for (const auto& rule : fs::directory_iterator(family.path())) {
      if (!fs::exists(rule.path() / "bad.conf")) continue;
      if (!fs::exists(rule.path() / required)) continue;
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

/// Dates come from a PKI made relative to the clock, so they are masked
/// (with the time of day where a message shows one).
std::string mask_dates(const std::string& line) {
  static const std::regex date(R"(\d{4}-\d{2}-\d{2}( \d{2}:\d{2} UTC)?)");
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
    // A system CA directory that contains the test root under its own name.
    fs::create_directories(root / "etc/ssl/certs");
    fs::create_symlink(pki_ + "/root/root.pem",
                       root / "etc/ssl/certs/Test_Root.pem");
    now_ = test_pki_now(pki_);
  }
  static void TearDownTestSuite() {
    delete work_;
    work_ = nullptr;
  }

  /// Runs tlslint on `name` copied from the fixture into a fresh folder.
  ProcessResult lint(const Fixture& fixture, const std::string& name,
                    const std::vector<std::string>& options = {},
                    bool copy = true) {
    fs::path folder = run_folder(fixture);
    fs::create_directories(folder);
    if (copy) {
      fs::copy_file(fixture.folder / name, folder / name,
                    fs::copy_options::overwrite_existing);
    }
    std::vector<std::string> args{
        "--root", work_->path() + "/root", "--ca-file",
        pki_ + "/root/root.pem", "--nginx-version", "1.22.1",
        "--now", now_, "--color", "never"};
    if (fs::exists(fixture.folder / "args")) {
      std::istringstream extra(read_file(fixture.folder / "args"));
      for (std::string arg; extra >> arg;) args.push_back(arg);
    }
    args.insert(args.end(), options.begin(), options.end());
    args.push_back(name);
    return run_tlslint(args, folder);
  }

  static fs::path run_folder(const Fixture& fixture) {
    return fs::path(work_->path()) / "runs" / fixture.rule;
  }

  /// Returns the output with the test's folders written as @PKI@ and @ROOT@.
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

std::string test_name(const ::testing::TestParamInfo<Fixture>& info) {
  std::string name;
  for (char c : info.param.rule) {
    if (std::isalnum(static_cast<unsigned char>(c))) name += c;
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture,
                         ::testing::ValuesIn(find_fixtures()), test_name);

class FixedRuleFixture : public RuleFixture {
 protected:
  /// Runs real `nginx -t` on `site` included in a minimal nginx.conf, with
  /// the fixture's certificate paths pointed at the test PKI.
  static ProcessResult nginx_test(const std::string& site) {
    fs::path prefix = fs::path(work_->path()) / "nginx";
    fs::create_directories(prefix / "logs");
    std::string text = replace_all(site, "/etc/ssl/tlslint-test", pki_);
    text = replace_all(text, "/etc/letsencrypt", pki_ + "/letsencrypt");
    text = replace_all(text, "/etc/ssl/certs",
                       work_->path() + "/root/etc/ssl/certs");
    std::ofstream(prefix / "site.conf", std::ios::binary) << text;
    std::ofstream(prefix / "nginx.conf", std::ios::binary)
        << "pid " << (prefix / "nginx.pid").string() << ";\n"
        << "events {}\n"
        << "http {\n    access_log off;\n    include "
        << (prefix / "site.conf").string() << ";\n}\n";
    return run_process({"nginx", "-t", "-p", prefix.string(), "-c",
                        (prefix / "nginx.conf").string(), "-e", "stderr"});
  }
};

TEST_P(FixedRuleFixture, FixYieldsFixedConf) {
  const Fixture& fixture = GetParam();
  std::string expected = read_file(fixture.folder / "bad.fixed.conf");
  ProcessResult first = lint(fixture, "bad.conf", {"--fix"});
  EXPECT_NE(first.exit_status, 3) << first.err;
  fs::path fixed = run_folder(fixture) / "bad.conf";
  EXPECT_EQ(read_file(fixed), expected) << first.out << first.err;

  ProcessResult second = lint(fixture, "bad.conf", {"--fix"}, false);
  EXPECT_EQ(read_file(fixed), expected) << second.out << second.err;
  EXPECT_EQ(second.out.find("fixed \""), std::string::npos) << second.out;
}

TEST_P(FixedRuleFixture, FixedConfLintsClean) {
  const Fixture& fixture = GetParam();
  ProcessResult result = lint(fixture, "bad.fixed.conf");
  EXPECT_EQ(lines_of_rule(result.out, fixture.rule, false),
            std::vector<std::string>{})
      << result.out << result.err;
}

TEST_P(FixedRuleFixture, NginxAcceptsFixedConf) {
  const Fixture& fixture = GetParam();
  ProcessResult result =
      nginx_test(read_file(fixture.folder / "bad.fixed.conf"));
  if (fixture.rule == "listen-http2-deprecated") {
    // This fix targets nginx 1.25.1 (see its args file); the installed
    // nginx 1.22.1 must reject exactly the new directive, nothing else.
    EXPECT_NE(result.exit_status, 0);
    EXPECT_NE(result.err.find("unknown directive \"http2\""),
              std::string::npos)
        << result.err;
    return;
  }
  EXPECT_EQ(result.exit_status, 0) << result.err;
}

TEST(FixableRules, MatchFixedFixturesAndDocs) {
  for (const auto& rule : engine::Registry::builtin().rules()) {
    fs::path fixed =
        kFixtures / rule.family / rule.id / "bad.fixed.conf";
    // A host rule's fixed files are a tree, bad.fixed/.
    if (fs::is_directory(kFixtures / rule.family / rule.id / "bad")) {
      fixed = kFixtures / rule.family / rule.id / "bad.fixed";
    }
    EXPECT_EQ(fs::exists(fixed), rule.fixable)
        << rule.id << ": fixable in rules/" << rule.family
        << ".toml must go with " << fixed;
    std::string page = read_file(fs::path(TLSLINT_SOURCE_DIR) / "docs/rules" /
                                 (rule.id + ".md"));
    auto fix = page.find("## Fix");
    ASSERT_NE(fix, std::string::npos) << rule.id;
    std::string section = page.substr(fix, page.find("\n## ", fix + 1) - fix);
    EXPECT_EQ(section.find("`--fix`") != std::string::npos, rule.fixable)
        << rule.id << ": the \"## Fix\" section must describe --fix exactly "
        << "when the rule is fixable";
    if (!rule.fixable) {
      EXPECT_NE(section.find("No automatic fix, because "), std::string::npos)
          << rule.id << ": the \"## Fix\" section must say why there is no "
          << "automatic fix";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, FixedRuleFixture,
                         ::testing::ValuesIn(find_fixtures("bad.fixed.conf")),
                         test_name);

}  // namespace
}  // namespace tlslint::testing
