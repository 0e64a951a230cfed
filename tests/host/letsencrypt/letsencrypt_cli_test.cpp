// `tlslint system --root` on small trees, for the cases the fixture walk
// does not cover: --fix and --diff of host rules (a fixture's bad.fixed/
// contains the files as --fix must leave them), hosts without certbot, and the
// scheduler on hosts with and without systemd.
#include <unistd.h>

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
constexpr const char* kNow = "2026-12-04T12:00:00Z";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// Copies a fixture tree into `scratch` and returns the copy.
std::string copy_tree(const TempDir& scratch, const std::string& fixture) {
  fs::path copy = fs::path(scratch.path()) / "root";
  fs::copy(kFixtures / fixture, copy,
           fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  return copy;
}

ProcessResult run_system(const std::string& root,
                         std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"system", "--root",  root,   "--now",
                                kNow,     "--color", "never"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_tlslint(args);
}

/// The output lines that end with " [rule]".
std::vector<std::string> lines_of_rule(const std::string& output,
                                       const std::string& rule) {
  std::vector<std::string> lines;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (line.ends_with(" [" + rule + "]")) lines.push_back(line);
  }
  return lines;
}

TEST(PointsToArchive, DiffShowsBothPaths) {
  TempDir scratch;
  std::string root = copy_tree(scratch, "letsencrypt/le-points-to-archive/bad");
  ProcessResult diff = run_system(root, {"--diff"});
  EXPECT_NE(diff.out.find("-        ssl_certificate     "
                          "/etc/letsencrypt/archive/a.test/fullchain1.pem;"),
            std::string::npos)
      << diff.out << diff.err;
  EXPECT_NE(diff.out.find("+        ssl_certificate     "
                          "/etc/letsencrypt/live/a.test/fullchain.pem;"),
            std::string::npos)
      << diff.out;
}

TEST(PointsToArchive, NoFixWithoutLiveEntry) {
  TempDir scratch;
  std::string root = copy_tree(scratch, "letsencrypt/le-points-to-archive/bad");
  fs::remove_all(fs::path(root) / "etc/letsencrypt/live");
  ProcessResult diff = run_system(root, {"--diff"});
  EXPECT_EQ(diff.out.find("+++"), std::string::npos) << diff.out;
}

TEST(LetsencryptRules, SilentWithoutLetsencryptDirectory) {
  TempDir scratch;
  scratch.write("root/etc/nginx/nginx.conf",
                "events {}\nhttp { server { listen 80; } }\n");
  ProcessResult result = run_system(scratch.path() + "/root");
  // The system rules judge this bare tree (no resolv.conf, no CA bundle).
  EXPECT_NE(result.exit_status, 3) << result.out << result.err;
  EXPECT_EQ(result.out.find("[le-"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("[sys-nginx-stale-certificate]"), std::string::npos)
      << result.out;
}

/// Copies a tree with one renewal configuration, Debian's guarded cron line
/// and no saved timer list.
std::string scheduler_tree(const TempDir& scratch) {
  std::string root =
      copy_tree(scratch, "letsencrypt/le-no-renewal-scheduler/bad");
  fs::remove(fs::path(root) / ".tlslint/commands/systemctl-list-timers");
  return root;
}

TEST(RenewalScheduler, GuardedCronRunsWithoutSystemd) {
  TempDir scratch;
  std::string root = scheduler_tree(scratch);
  ProcessResult result = run_system(root);
  EXPECT_EQ(result.out.find("[le-no-renewal-scheduler]"), std::string::npos)
      << result.out;
}

TEST(RenewalScheduler, SystemdWithoutTimerListIsNotChecked) {
  TempDir scratch;
  std::string root = scheduler_tree(scratch);
  fs::create_directories(fs::path(root) / "run/systemd/system");
  ProcessResult result = run_system(root);
  EXPECT_EQ(lines_of_rule(result.out, "le-no-renewal-scheduler"),
            std::vector<std::string>{
                "tlslint: note: not checked: no cron line runs \"certbot "
                "renew\" and the state of certbot.timer is unknown: no saved "
                "output of \"systemctl list-timers --all\" at " +
                root +
                "/.tlslint/commands/systemctl-list-timers "
                "[le-no-renewal-scheduler]"})
      << result.out;
}

TEST(RenewalScheduler, NoCronAndNoSystemdIsFinding) {
  TempDir scratch;
  std::string root = scheduler_tree(scratch);
  fs::remove(fs::path(root) / "etc/cron.d/certbot");
  ProcessResult result = run_system(root);
  std::vector<std::string> lines =
      lines_of_rule(result.out, "le-no-renewal-scheduler");
  ASSERT_EQ(lines.size(), 1u) << result.out;
  EXPECT_NE(lines[0].find("add the line \"0 */12 * * * root certbot -q "
                          "renew\" to /etc/cron.d/certbot-renew"),
            std::string::npos)
      << lines[0];
}

TEST(RenewalScheduler, IgnoresBackupCronFile) {
  TempDir scratch;
  std::string root = scheduler_tree(scratch);
  fs::rename(fs::path(root) / "etc/cron.d/certbot",
             fs::path(root) / "etc/cron.d/certbot.dpkg-old");
  ProcessResult result = run_system(root);
  EXPECT_EQ(lines_of_rule(result.out, "le-no-renewal-scheduler").size(), 1u)
      << result.out;
}

TEST(StaleCertificate, PidFileWithoutProcIsNotChecked) {
  TempDir scratch;
  std::string root =
      copy_tree(scratch, "reload/sys-nginx-stale-certificate/bad");
  fs::remove_all(fs::path(root) / "proc");
  ProcessResult result = run_system(root);
  EXPECT_NE(result.out.find("tlslint: note: not checked: \"/run/nginx.pid\" "
                            "exists but"),
            std::string::npos)
      << result.out;
}

TEST(StaleCertificate, DeadMasterIsNotRunning) {
  TempDir scratch;
  std::string root =
      copy_tree(scratch, "reload/sys-nginx-stale-certificate/bad");
  scratch.write("root/run/nginx.pid", "7\n");
  ProcessResult result = run_system(root);
  EXPECT_EQ(result.out.find("[sys-nginx-stale-certificate]"), std::string::npos)
      << result.out;
}

struct FixableHostFixture {
  std::string rule;
  fs::path folder;
};

void PrintTo(const FixableHostFixture& fixture, std::ostream* out) {
  *out << fixture.rule;
}

std::vector<FixableHostFixture> find_fixable_host_fixtures() {
  std::vector<FixableHostFixture> fixtures;
  for (const auto& family : fs::directory_iterator(kFixtures)) {
    if (!family.is_directory()) continue;
    for (const auto& rule : fs::directory_iterator(family.path())) {
      if (!fs::is_directory(rule.path() / "bad.fixed")) continue;
      fixtures.push_back({rule.path().filename(), rule.path()});
    }
  }
  return fixtures;
}

class HostFix : public ::testing::TestWithParam<FixableHostFixture> {
 protected:
  /// Copies bad/ and runs the fixture's setup on it.
  std::string prepare(const std::string& name) {
    fs::path root = fs::path(scratch_.path()) / name;
    fs::copy(GetParam().folder / "bad", root,
             fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    fs::path setup = GetParam().folder / "setup";
    if (fs::exists(setup)) {
      ProcessResult made =
          run_process({"env", "TLSLINT_TEST_PKI=" + test_pki(scratch_),
                       setup.string(), root.string()});
      EXPECT_EQ(made.exit_status, 0) << made.err;
    }
    return root;
  }

  /// Compares every file of bad.fixed/ with the same file under `root`.
  void expect_fixed_files(const std::string& root) {
    fs::path expected = GetParam().folder / "bad.fixed";
    for (const auto& entry : fs::recursive_directory_iterator(expected)) {
      if (!entry.is_regular_file()) continue;
      fs::path relative = fs::relative(entry.path(), expected);
      fs::path actual = fs::path(root) / relative;
      EXPECT_EQ(read_file(actual), read_file(entry.path())) << relative;
      EXPECT_EQ(fs::status(actual).permissions(),
                fs::status(entry.path()).permissions())
          << relative;
    }
  }

  TempDir scratch_;
};

TEST_P(HostFix, FixWritesFixedFiles) {
  std::string root = prepare("fix");
  ProcessResult fixed = run_system(root, {"--fix"});
  expect_fixed_files(root);
  ProcessResult again = run_system(root);
  EXPECT_EQ(lines_of_rule(again.out, GetParam().rule),
            std::vector<std::string>{})
      << fixed.out << fixed.err << again.out;
}

TEST_P(HostFix, DiffAppliesWithGit) {
  std::string root = prepare("diff");
  ProcessResult diff =
      run_tlslint({"system", "--root", root, "--now", kNow, "--diff"}, root);
  ASSERT_FALSE(diff.out.empty()) << diff.err;
  fs::path patch = fs::path(scratch_.path()) / "fix.patch";
  std::ofstream(patch) << diff.out;
  ProcessResult applied =
      run_process({"git", "apply", "--unsafe-paths", patch.string()}, root);
  EXPECT_EQ(applied.exit_status, 0) << applied.err << diff.out;
  expect_fixed_files(root);
}

INSTANTIATE_TEST_SUITE_P(
    HostRules, HostFix, ::testing::ValuesIn(find_fixable_host_fixtures()),
    [](const ::testing::TestParamInfo<FixableHostFixture>& info) {
      std::string name;
      for (char c : info.param.rule) {
        if (std::isalnum(static_cast<unsigned char>(c))) name += c;
      }
      return name;
    });

}  // namespace
}  // namespace tlslint::testing

namespace tlslint::testing {
namespace {

/// Runs `tlslint system` on `root` as an unprivileged user: as "nobody"
/// through setpriv when the tests run as root (root may search any
/// directory), else as the current user. The binary is copied into
/// `scratch`, which that user can reach.
ProcessResult run_system_unprivileged(const TempDir& scratch,
                                      const std::string& root) {
  fs::path binary = fs::path(scratch.path()) / "tlslint";
  fs::copy_file(TLSLINT_BINARY, binary, fs::copy_options::overwrite_existing);
  std::vector<std::string> argv;
  if (::geteuid() == 0) {
    argv = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
  }
  argv.insert(argv.end(), {binary.string(), "system", "--no-config", "--root",
                           root, "--now", kNow, "--color", "never"});
  return run_process(argv, scratch.path());
}

void open_to_all(const fs::path& tree) {
  fs::permissions(tree, fs::perms::all & ~fs::perms::others_write &
                            ~fs::perms::group_write);
  for (const auto& entry : fs::recursive_directory_iterator(tree)) {
    if (entry.is_symlink()) continue;
    fs::permissions(entry.path(),
                    entry.is_directory() ? fs::perms(0755) : fs::perms(0644));
  }
}

TEST(LetsencryptRules, UnreadableArchiveIsNotChecked) {
  // certbot makes archive/ mode 0700; a user who cannot search it must get
  // a note, not "does not exist, issue the certificate again".
  TempDir scratch;
  std::string root = copy_tree(scratch, "letsencrypt/le-lineage-inconsistent/good");
  open_to_all(scratch.path());
  fs::permissions(fs::path(root) / "etc/letsencrypt/archive", fs::perms(0700));
  ProcessResult result = run_system_unprivileged(scratch, root);
  for (const std::string& line :
       lines_of_rule(result.out, "le-live-not-symlink")) {
    EXPECT_EQ(line.find("does not exist"), std::string::npos) << line;
  }
  EXPECT_NE(result.out.find("note: not checked: the targets of "
                            "/etc/letsencrypt/live/a.test cannot be read by "
                            "this user"),
            std::string::npos)
      << result.out << result.err;
}

TEST(LetsencryptRules, UnlistableLiveIsNotChecked) {
  TempDir scratch;
  std::string root = copy_tree(scratch, "letsencrypt/le-lineage-inconsistent/good");
  open_to_all(scratch.path());
  fs::permissions(fs::path(root) / "etc/letsencrypt/live", fs::perms(0700));
  ProcessResult result = run_system_unprivileged(scratch, root);
  EXPECT_NE(result.out.find("note: not checked: /etc/letsencrypt/live cannot "
                            "be listed by this user"),
            std::string::npos)
      << result.out << result.err;
}

TEST(LetsencryptRules, UnreadableRenewalConfIsOneNote) {
  TempDir scratch;
  std::string root = copy_tree(scratch, "letsencrypt/le-lineage-inconsistent/good");
  open_to_all(scratch.path());
  fs::path conf = fs::path(root) / "etc/letsencrypt/renewal/a.test.conf";
  ASSERT_TRUE(fs::exists(conf));
  fs::permissions(conf, fs::perms(0600));
  ProcessResult result = run_system_unprivileged(scratch, root);
  std::vector<std::string> lines =
      lines_of_rule(result.out, "le-renewal-conf-invalid");
  ASSERT_EQ(lines.size(), 1u) << result.out;
  EXPECT_NE(lines[0].find("note: not checked: "
                          "/etc/letsencrypt/renewal/a.test.conf is not "
                          "readable by this user"),
            std::string::npos)
      << lines[0];
}

}  // namespace
}  // namespace tlslint::testing

namespace tlslint::testing {
namespace {

TEST(RenewalConf, StandaloneOnOtherPortIsFine) {
  // nginx forwards the challenge to certbot's standalone server on 8080.
  TempDir scratch;
  std::string root =
      copy_tree(scratch, "letsencrypt/le-renewal-conf-invalid/bad");
  fs::path conf = fs::path(root) / "etc/letsencrypt/renewal/b.test.conf";
  std::string text;
  {
    std::ifstream in(conf);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  text.replace(text.find("authenticator = standalone"),
               std::string("authenticator = standalone").size(),
               "authenticator = standalone\nhttp01_port = 8080");
  std::ofstream(conf, std::ios::trunc) << text;
  ProcessResult result = run_system(root);
  EXPECT_EQ(result.out.find("\"authenticator = standalone\" needs port 80"),
            std::string::npos)
      << result.out;
}

}  // namespace
}  // namespace tlslint::testing

namespace tlslint::testing {
namespace {

TEST(ReloadHook, ExistingFileIsNeverReplaced) {
  TempDir scratch;
  std::string root = copy_tree(scratch, "letsencrypt/le-no-reload-hook/bad");
  fs::path hook =
      fs::path(root) / "etc/letsencrypt/renewal-hooks/deploy/50-reload-nginx";
  fs::create_directories(hook.parent_path());
  std::ofstream(hook) << "mine\n";
  fs::permissions(hook, fs::perms(0644));
  ProcessResult fixed = run_system(root, {"--fix"});
  std::ifstream in(hook);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "mine\n");
  EXPECT_NE(fixed.out.find("exists but is not executable"), std::string::npos)
      << fixed.out << fixed.err;
}

}  // namespace
}  // namespace tlslint::testing
