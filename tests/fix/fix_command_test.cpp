// tlslint --diff and --fix end to end: the binary on copies of configs in
// temporary folders, checked with git apply, patch and nginx -t.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.h"

namespace tlslint::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = TLSLINT_SOURCE_DIR;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> base_args() {
  return {"--nginx-version", "1.22.1",    "--color",
          "never",           "--disable", "ssl-protocols-default"};
}

ProcessResult tlslint(const std::string& folder,
                      std::vector<std::string> extra) {
  std::vector<std::string> args = base_args();
  args.insert(args.end(), extra.begin(), extra.end());
  return run_tlslint(args, folder);
}

const std::string kPlainListen =
    "server {\n"
    "    listen 443;\n"
    "    listen [::]:443;\n"
    "    server_name a.test;\n"
    "    ssl_protocols TLSv1.2 TLSv1.3;\n"
    "    ssl_certificate cert.pem;\n"
    "    ssl_certificate_key key.pem;\n"
    "}\n";

TEST(FixCommand, DiffIsAcceptedByGitApplyAndPatch) {
  TempDir dir;
  dir.write("sites/a.conf", kPlainListen);
  ProcessResult diff = tlslint(dir.path(), {"--diff", "sites/a.conf"});
  ASSERT_NE(diff.out.find("--- a/sites/a.conf\n+++ b/sites/a.conf\n"),
            std::string::npos)
      << diff.out << diff.err;
  EXPECT_NE(diff.out.find("+    listen [::]:443 ssl;\n"), std::string::npos)
      << diff.out;
  dir.write("fix.diff", diff.out);
  ProcessResult git = run_process(
      {"git", "apply", "--check", "--unsafe-paths", "fix.diff"}, dir.path());
  EXPECT_EQ(git.exit_status, 0) << git.err;
  ProcessResult patch =
      run_process({"patch", "-p1", "--dry-run", "-i", "fix.diff"}, dir.path());
  EXPECT_EQ(patch.exit_status, 0) << patch.out << patch.err;
  // --diff writes nothing.
  EXPECT_EQ(read_file(fs::path(dir.path()) / "sites/a.conf"), kPlainListen);
}

TEST(FixCommand, DiffPrintsReloadCommandsOnStderr) {
  TempDir dir;
  dir.write("a.conf", kPlainListen);
  ProcessResult diff = tlslint(
      dir.path(),
      {"--diff", "--reload-command", "rc-service nginx reload", "a.conf"});
  EXPECT_NE(diff.err.find("  nginx -t\n  rc-service nginx reload\n"),
            std::string::npos)
      << diff.err;
  EXPECT_EQ(diff.out.find("nginx -t"), std::string::npos) << diff.out;
}

const std::string kMainConfig =
    "events {}\nhttp {\n    include sites/*.conf;\n}\n";

TEST(FixCommand, CustomMainConfigIsTestedWithC) {
  TempDir dir;
  dir.write("srv/nginx.conf", kMainConfig);
  dir.write("srv/sites/a.conf", kPlainListen);
  ProcessResult diff = tlslint(dir.path(), {"--diff", "srv/nginx.conf"});
  std::string main = (fs::path(dir.path()) / "srv/nginx.conf").string();
  EXPECT_NE(diff.err.find("  nginx -t -c " + main + "\n"), std::string::npos)
      << diff.err;
}

TEST(FixCommand, CustomMainConfigUnderRootKeepsNginxName) {
  TempDir dir;
  dir.write("root/etc/nginx/alt.conf", kMainConfig);
  dir.write("root/etc/nginx/sites/a.conf", kPlainListen);
  ProcessResult diff = tlslint(
      dir.path(), {"--root", "root", "--diff", "root/etc/nginx/alt.conf"});
  EXPECT_NE(diff.err.find("  nginx -t -c /etc/nginx/alt.conf\n"),
            std::string::npos)
      << diff.err;
}

TEST(FixCommand, DefaultMainConfigUnderRootNeedsNoC) {
  TempDir dir;
  dir.write("root/etc/nginx/nginx.conf", kMainConfig);
  dir.write("root/etc/nginx/sites/a.conf", kPlainListen);
  ProcessResult diff = tlslint(
      dir.path(), {"--root", "root", "--diff", "root/etc/nginx/nginx.conf"});
  EXPECT_NE(diff.err.find("  nginx -t\n"), std::string::npos) << diff.err;
}

TEST(FixCommand, FixWritesAndSecondRunChangesNothing) {
  TempDir dir;
  std::string file = dir.write("a.conf", kPlainListen);
  ProcessResult first = tlslint(dir.path(), {"--fix", "a.conf"});
  EXPECT_NE(first.out.find("fixed \"a.conf\" (listen-443-without-ssl)"),
            std::string::npos)
      << first.out << first.err;
  std::string fixed = read_file(file);
  EXPECT_NE(fixed.find("    listen 443 ssl;\n    listen [::]:443 ssl;\n"),
            std::string::npos)
      << fixed;
  ProcessResult second = tlslint(dir.path(), {"--fix", "a.conf"});
  EXPECT_EQ(second.out.find("fixed \""), std::string::npos) << second.out;
  EXPECT_EQ(read_file(file), fixed);
}

TEST(FixCommand, KeepsCrlfLineEndings) {
  TempDir dir;
  std::string crlf =
      "server {\r\n    listen 443 ssl;\r\n    server_name a.test;\r\n"
      "    ssl on;\r\n    ssl_protocols TLSv1.3; # keep this comment\r\n"
      "}\r\n";
  std::string file = dir.write("crlf.conf", crlf);
  tlslint(dir.path(), {"--fix", "crlf.conf"});
  EXPECT_EQ(read_file(file),
            "server {\r\n    listen 443 ssl;\r\n    server_name a.test;\r\n"
            "    ssl_protocols TLSv1.2 TLSv1.3; # keep this comment\r\n"
            "}\r\n");
}

TEST(FixCommand, HandlesFileWithoutFinalNewline) {
  TempDir dir;
  std::string file = dir.write(
      "n.conf", "ssl_protocols TLSv1.3;\nserver {\n    listen 443 ssl;\n}");
  ProcessResult diff = tlslint(dir.path(), {"--diff", "n.conf"});
  dir.write("n.diff", diff.out);
  ProcessResult git =
      run_process({"git", "apply", "--check", "n.diff"}, dir.path());
  EXPECT_EQ(git.exit_status, 0) << git.err << diff.out;
  tlslint(dir.path(), {"--fix", "n.conf"});
  EXPECT_EQ(read_file(file),
            "ssl_protocols TLSv1.2 TLSv1.3;\nserver {\n    listen 443 ssl;\n}");
}

TEST(FixCommand, SymlinkedSiteStaysSymlink) {
  TempDir dir;
  dir.write("sites-available/x", kPlainListen);
  fs::create_directories(fs::path(dir.path()) / "sites-enabled");
  fs::path link = fs::path(dir.path()) / "sites-enabled/x";
  fs::create_symlink("../sites-available/x", link);
  ProcessResult diff = tlslint(dir.path(), {"--diff", "sites-enabled/x"});
  EXPECT_NE(diff.out.find("--- a/sites-available/x\n"), std::string::npos)
      << diff.out;
  tlslint(dir.path(), {"--fix", "--backup", "sites-enabled/x"});
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_NE(read_file(fs::path(dir.path()) / "sites-available/x")
                .find("listen 443 ssl;"),
            std::string::npos);
  EXPECT_EQ(read_file(fs::path(dir.path()) / "sites-available/x~"),
            kPlainListen);
}

TEST(FixCommand, ReadOnlyFileFailsCleanly) {
  TempDir dir;
  std::string file = dir.write("ro.conf", kPlainListen);
  ::chmod(file.c_str(), 0444);
  ProcessResult result = tlslint(dir.path(), {"--fix", "ro.conf"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.err.find("tlslint: error: \""), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("read-only"), std::string::npos) << result.err;
  EXPECT_EQ(read_file(file), kPlainListen);
}

TEST(FixCommand, SharedIncludeIsEditedOnce) {
  TempDir dir;
  dir.write("snippets/tls.conf", "ssl_protocols TLSv1.3;\n");
  std::string site;
  for (const char* name : {"a", "b", "c"}) {
    site += std::string("server {\n    listen 443 ssl;\n    server_name ") +
            name + ".test;\n    include snippets/tls.conf;\n}\n";
  }
  dir.write("sites.conf", site);
  ProcessResult diff = tlslint(dir.path(), {"--diff", "sites.conf"});
  EXPECT_EQ(diff.out,
            "--- a/snippets/tls.conf\n"
            "+++ b/snippets/tls.conf\n"
            "@@ -1 +1 @@\n"
            "-ssl_protocols TLSv1.3;\n"
            "+ssl_protocols TLSv1.2 TLSv1.3;\n")
      << diff.err;
  ProcessResult fixed = tlslint(dir.path(), {"--fix", "sites.conf"});
  EXPECT_EQ(fixed.err.find("tlslint: error"), std::string::npos) << fixed.err;
  EXPECT_EQ(read_file(fs::path(dir.path()) / "snippets/tls.conf"),
            "ssl_protocols TLSv1.2 TLSv1.3;\n");
  EXPECT_EQ(read_file(fs::path(dir.path()) / "sites.conf"), site);
  ProcessResult again = tlslint(dir.path(), {"--diff", "sites.conf"});
  EXPECT_EQ(again.out, "");
}

TEST(FixCommand, FileUnderTwoNamesIsWrittenOnce) {
  TempDir dir;
  std::string snippet = dir.write("shared/tls.conf", "ssl_protocols TLSv1;\n");
  // Each main config names the snippet relative to its own directory.
  for (const char* name : {"a", "b"}) {
    dir.write(std::string(name) + "/nginx.conf",
              "events {}\nhttp {\n    server {\n        listen 443 ssl;\n"
              "        include ../shared/tls.conf;\n    }\n}\n");
  }
  ProcessResult diff =
      tlslint(dir.path(), {"--diff", "a/nginx.conf", "b/nginx.conf"});
  EXPECT_EQ(diff.out,
            "--- a/shared/tls.conf\n"
            "+++ b/shared/tls.conf\n"
            "@@ -1 +1 @@\n"
            "-ssl_protocols TLSv1;\n"
            "+ssl_protocols TLSv1.2 TLSv1.3;\n")
      << diff.err;
  ProcessResult fixed =
      tlslint(dir.path(), {"--fix", "a/nginx.conf", "b/nginx.conf"});
  // Exit status 1: the servers still lack certificates, which no fix adds.
  EXPECT_EQ(fixed.exit_status, 1) << fixed.out << fixed.err;
  EXPECT_EQ(fixed.err.find("tlslint: error"), std::string::npos) << fixed.err;
  std::size_t first = fixed.out.find("fixed \"");
  ASSERT_NE(first, std::string::npos) << fixed.out;
  EXPECT_EQ(fixed.out.find("fixed \"", first + 1), std::string::npos)
      << fixed.out;
  EXPECT_EQ(read_file(snippet), "ssl_protocols TLSv1.2 TLSv1.3;\n");
}

TEST(FixCommand, RepeatedInputIsLintedOnce) {
  TempDir dir;
  dir.write("sites-available/x", kPlainListen);
  fs::create_directories(fs::path(dir.path()) / "sites-enabled");
  fs::create_symlink("../sites-available/x",
                     fs::path(dir.path()) / "sites-enabled/x");
  ProcessResult result = tlslint(
      dir.path(), {"sites-enabled/x", "sites-available/x", "sites-enabled/x"});
  auto all_findings = parse_findings(result.out);
  decltype(all_findings) findings;
  for (const auto& finding : all_findings) {
    EXPECT_EQ(finding.file, "sites-enabled/x");
    if (finding.rule == "listen-443-without-ssl") findings.push_back(finding);
  }
  ASSERT_EQ(findings.size(), 2u) << result.out;
  EXPECT_NE(findings[0].line, findings[1].line);
}

/// A main config that includes `pattern`, and sites-enabled/x and
/// conf.d/x.conf with a listen that --fix changes.
void write_globbed_config(const TempDir& dir, const std::string& pattern) {
  dir.write("nginx.conf",
            "events {}\nhttp {\n    include " + pattern + ";\n}\n");
  std::string site =
      "server {\n    listen 443;\n    server_name a.test;\n"
      "    ssl_reject_handshake on;\n}\n";
  dir.write("sites-enabled/x", site);
  dir.write("conf.d/x.conf", site);
}

TEST(FixCommand, WarnsAboutBackupMatchedByGlob) {
  TempDir dir;
  write_globbed_config(dir, "sites-enabled/*");
  ProcessResult result =
      tlslint(dir.path(), {"--fix", "--backup", "nginx.conf"});
  EXPECT_TRUE(fs::exists(fs::path(dir.path()) / "sites-enabled/x~"));
  EXPECT_NE(result.err.find("tlslint: warning: backup \"sites-enabled/x~\" "
                            "matches \"include sites-enabled/*\" at "
                            "nginx.conf:3, so nginx loads it as "
                            "configuration too; the glob matches every name "
                            "there, so move the backup out of that "
                            "directory\n"),
            std::string::npos)
      << result.err;
}

TEST(FixCommand, RollBackRemovesBackupMatchedByGlob) {
  TempDir dir;
  dir.write("nginx.conf",
            "events {}\nhttp {\n    include sites-enabled/*;\n}\n");
  std::string site =
      "server {\n    listen 443 ssl;\n    server_name a.test;\n"
      "    ssl_reject_handshake on;\n    ssl_protocols TLSv1.3;\n}\n";
  std::string file = dir.write("sites-enabled/x", site);
  ProcessResult result =
      tlslint(dir.path(), {"--fix", "--backup", "nginx.conf"});
  // nginx would load the backup with the old value, so the fix does not
  // hold for nginx either: the finding stays, and the fix is undone.
  EXPECT_NE(result.err.find("matches \"include sites-enabled/*\""),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("the fixes were rolled back"), std::string::npos)
      << result.err;
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_EQ(read_file(file), site);
  EXPECT_FALSE(fs::exists(file + "~"));
}

TEST(FixCommand, SuggestsSuffixGlobDoesNotMatch) {
  TempDir dir;
  write_globbed_config(dir, "conf.d/*.conf");
  ProcessResult result =
      tlslint(dir.path(), {"--fix", "--backup=-old.conf", "nginx.conf"});
  EXPECT_TRUE(fs::exists(fs::path(dir.path()) / "conf.d/x.conf-old.conf"));
  EXPECT_NE(result.err.find("backup \"conf.d/x.conf-old.conf\" matches "
                            "\"include conf.d/*.conf\""),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("delete it, and use --backup=.bak next time"),
            std::string::npos)
      << result.err;
}

TEST(FixCommand, BackupOutsideGlobGetsNoWarning) {
  TempDir dir;
  write_globbed_config(dir, "conf.d/*.conf");
  ProcessResult result =
      tlslint(dir.path(), {"--fix", "--backup", "nginx.conf"});
  EXPECT_TRUE(fs::exists(fs::path(dir.path()) / "conf.d/x.conf~"));
  EXPECT_EQ(result.err.find("warning"), std::string::npos) << result.err;
}

TEST(FixCommand, TargetsOldNginxWithTls12Alone) {
  TempDir dir;
  std::string file =
      dir.write("old.conf",
                "server {\n    listen 443 ssl;\n    ssl_protocols TLSv1;\n}\n");
  run_tlslint(
      {"--nginx-version", "1.12.2", "--color", "never", "--fix", "old.conf"},
      dir.path());
  EXPECT_NE(read_file(file).find("    ssl_protocols TLSv1.2;\n"),
            std::string::npos)
      << read_file(file);
}

TEST(FixCommand, Http2FixOnlyFromNginx1251) {
  TempDir dir;
  std::string text =
      "server {\n    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n"
      "    server_name a.test;\n}\n";
  std::string file = dir.write("h2.conf", text);
  ProcessResult old = tlslint(dir.path(), {"--diff", "h2.conf"});
  EXPECT_EQ(old.out, "");
  run_tlslint(
      {"--nginx-version", "1.25.1", "--color", "never", "--fix", "h2.conf"},
      dir.path());
  EXPECT_EQ(read_file(file),
            "server {\n    listen 443 ssl;\n    listen [::]:443 ssl;\n"
            "    http2 on;\n    server_name a.test;\n}\n");
}

TEST(FixCommand, CertbotOptionsGetServerOverride) {
  TempDir dir;
  std::string options_text =
      "ssl_session_cache shared:le:1m;\n"
      "ssl_protocols TLSv1.3;\n";
  std::string options = dir.write("options-ssl-nginx.conf", options_text);
  std::string site =
      dir.write("site.conf",
                "server {\n    listen 443 ssl;\n    server_name a.test;\n"
                "    include options-ssl-nginx.conf;\n}\n");
  ProcessResult diff = tlslint(dir.path(), {"--diff", "site.conf"});
  EXPECT_EQ(diff.out.find("options-ssl-nginx.conf\n+++"), std::string::npos)
      << diff.out;
  EXPECT_NE(diff.out.find("# certbot manages"), std::string::npos) << diff.out;
  tlslint(dir.path(), {"--fix", "site.conf"});
  EXPECT_EQ(read_file(options), options_text);
  EXPECT_NE(read_file(site).find("    include options-ssl-nginx.conf;\n"
                                 "    ssl_protocols TLSv1.2 TLSv1.3;\n"),
            std::string::npos)
      << read_file(site);
}

TEST(FixCommand, CertbotOptionsInSnippetGetServerOverride) {
  TempDir dir;
  std::string options_text = "ssl_protocols TLSv1 TLSv1.1;\n";
  std::string options =
      dir.write("letsencrypt/options-ssl-nginx.conf", options_text);
  std::string snippet_text =
      "ssl_session_timeout 1d;\n"
      "include letsencrypt/options-ssl-nginx.conf;\n";
  std::string snippet = dir.write("snippets/ssl.conf", snippet_text);
  std::string site =
      dir.write("site.conf",
                "server {\n    listen 443 ssl;\n    server_name a.test;\n"
                "    include snippets/ssl.conf;\n    root /srv;\n}\n"
                "server {\n    listen 443 ssl;\n    server_name b.test;\n"
                "    include snippets/ssl.conf;\n}\n");
  ProcessResult fixed = tlslint(dir.path(), {"--fix", "site.conf"});
  EXPECT_NE(fixed.out.find("fixed \"site.conf\""), std::string::npos)
      << fixed.out << fixed.err;
  EXPECT_EQ(read_file(options), options_text);
  EXPECT_EQ(read_file(snippet), snippet_text);
  EXPECT_EQ(read_file(site),
            "server {\n    listen 443 ssl;\n    server_name a.test;\n"
            "    include snippets/ssl.conf;\n"
            "    ssl_protocols TLSv1.2 TLSv1.3;\n"
            "    root /srv;\n}\n"
            "server {\n    listen 443 ssl;\n    server_name b.test;\n"
            "    include snippets/ssl.conf;\n"
            "    ssl_protocols TLSv1.2 TLSv1.3;\n}\n");
}

TEST(FixCommand, AddsCertbotCertificateAfterLastListen) {
  TempDir dir;
  // The files must load, or the re-lint finds a new error and rolls back.
  std::string pki = test_pki(dir);
  fs::create_directories(fs::path(dir.path()) / "root/etc/letsencrypt/live");
  fs::copy(pki + "/a.test", fs::path(dir.path()) / "root/etc/letsencrypt/live/a.test");
  std::string file =
      dir.write("site.conf",
                "server {\n  listen 443 ssl;\n  listen [::]:443 ssl;\n"
                "  server_name a.test www.a.test;\n}\n");
  tlslint(dir.path(), {"--root", dir.path() + "/root", "--fix", "site.conf"});
  EXPECT_EQ(
      read_file(file),
      "server {\n  listen 443 ssl;\n  listen [::]:443 ssl;\n"
      "  ssl_certificate     /etc/letsencrypt/live/a.test/fullchain.pem;\n"
      "  ssl_certificate_key /etc/letsencrypt/live/a.test/privkey.pem;\n"
      "  server_name a.test www.a.test;\n}\n");
}

TEST(FixCommand, LeavesCertificateUnsetWithoutFiles) {
  TempDir dir;
  fs::create_directories(fs::path(dir.path()) / "root");
  std::string text = "server {\n  listen 443 ssl;\n  server_name a.test;\n}\n";
  std::string file = dir.write("site.conf", text);
  ProcessResult diff = tlslint(
      dir.path(), {"--root", dir.path() + "/root", "--diff", "site.conf"});
  EXPECT_EQ(diff.out, "") << diff.err;
}

TEST(FixCommand, ApplyReloadRunsTestThenReload) {
  TempDir dir;
  std::string log = dir.path() + "/calls.log";
  std::string fake =
      dir.write("bin/nginx", "#!/bin/sh\necho \"nginx $*\" >> " + log + "\n");
  ::chmod(fake.c_str(), 0755);
  dir.write("a.conf", kPlainListen);
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", (dir.path() + "/bin:" + path).c_str(), 1);
  ProcessResult result =
      tlslint(dir.path(), {"--fix", "--apply-reload", "--reload-command",
                           "nginx -s 'reload now'", "a.conf"});
  ::setenv("PATH", path.c_str(), 1);
  EXPECT_EQ(read_file(log), "nginx -t\nnginx -s reload now\n")
      << result.out << result.err;
}

TEST(FixCommand, ApplyReloadStopsWhenTestFails) {
  TempDir dir;
  std::string log = dir.path() + "/calls.log";
  std::string fake = dir.write(
      "bin/nginx", "#!/bin/sh\necho \"nginx $*\" >> " + log + "\nexit 1\n");
  ::chmod(fake.c_str(), 0755);
  dir.write("a.conf", kPlainListen);
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", (dir.path() + "/bin:" + path).c_str(), 1);
  ProcessResult result =
      tlslint(dir.path(), {"--fix", "--apply-reload", "a.conf"});
  ::setenv("PATH", path.c_str(), 1);
  EXPECT_EQ(read_file(log), "nginx -t\n");
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.err.find("\"nginx -t\" failed"), std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace tlslint::testing

namespace tlslint::testing {
namespace {

TEST(FixCommand, PlainServerOnHttpsPortGetsNoFix) {
  // "listen 8443 ssl" without a certificate would make nginx -t fail.
  TempDir dir;
  std::string text =
      "server {\n    listen 8443;\n    server_name admin.test;\n"
      "    location / { return 200 \"plain\"; }\n}\n";
  std::string file = dir.write("s.conf", text);
  ProcessResult fixed = tlslint(dir.path(), {"--fix", "s.conf"});
  EXPECT_EQ(read_file(file), text);
  EXPECT_NE(fixed.out.find("[listen-443-without-ssl]"), std::string::npos)
      << fixed.out;
  EXPECT_NE(fixed.out.find("together with \"ssl_certificate\""),
            std::string::npos)
      << fixed.out;
  EXPECT_EQ(fixed.out.find("fixed \""), std::string::npos) << fixed.out;
}

}  // namespace
}  // namespace tlslint::testing
