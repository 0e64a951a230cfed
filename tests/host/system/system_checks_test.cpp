// Runs `tlslint system --root TREE` on small trees for the cases the
// fixtures leave out, and once on this machine.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/process.h"

namespace tlslint::testing {
namespace {

constexpr const char* kNow = "2026-12-04T12:00:00Z";

constexpr const char* kDebian12 =
    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\n"
    "ID=debian\n";

/// The output lines of `rule`, with the tree's path written as {root}.
std::vector<std::string> run_rule(const TempDir& tree, const std::string& rule,
                                  std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"system", "--root", tree.path(), "--now", kNow,
                                "--color", "never"};
  args.insert(args.end(), extra.begin(), extra.end());
  ProcessResult result = run_tlslint(args);
  EXPECT_NE(result.exit_status, 3) << result.err;
  std::vector<std::string> lines;
  std::istringstream in(result.out);
  for (std::string line; std::getline(in, line);) {
    if (!line.ends_with(" [" + rule + "]")) continue;
    for (auto at = line.find(tree.path()); at != std::string::npos;
         at = line.find(tree.path())) {
      line.replace(at, tree.path().size(), "{root}");
    }
    lines.push_back(line);
  }
  return lines;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(OpensslVersionCheck, SupportedDistroIsInfo) {
  TempDir tree;
  tree.write("etc/os-release", kDebian12);
  tree.write(".tlslint/commands/openssl-version",
             "OpenSSL 3.0.22 25 Aug 2026 (Library: OpenSSL 3.0.22 25 Aug "
             "2026)\n");
  std::vector<std::string> lines = run_rule(tree, "sys-openssl-version");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with(
      "tlslint: info: OpenSSL 3.0.22 (openssl version): upstream support for "
      "3.0 ended on 2026-09-07, but Debian GNU/Linux 12 (bookworm) ships "
      "this series with security fixes until 2028-06-30;"))
      << lines[0];
}

TEST(OpensslVersionCheck, ForeignSeriesOnDebianIsWarning) {
  TempDir tree;
  tree.write("etc/os-release", kDebian12);
  tree.write(".tlslint/commands/openssl-version",
             "OpenSSL 1.1.1w  11 Sep 2023\n");
  std::vector<std::string> lines = run_rule(tree, "sys-openssl-version");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with("tlslint: warning: OpenSSL 1.1.1w"))
      << lines[0];
  EXPECT_TRUE(contains(lines[0],
                       "Debian GNU/Linux 12 (bookworm) ships OpenSSL 3.0, so "
                       "this copy does not come from its packages"))
      << lines[0];
}

TEST(OpensslVersionCheck, SupportBeforeEndIsQuiet) {
  TempDir tree;
  tree.write("etc/os-release", kDebian12);
  tree.write(".tlslint/commands/openssl-version", "OpenSSL 3.0.11 19 Sep 2023\n");
  ProcessResult result = run_tlslint({"system", "--root", tree.path(), "--now",
                                      "2026-01-01T00:00:00Z", "--color",
                                      "never"});
  EXPECT_FALSE(contains(result.out, "[sys-openssl-version]")) << result.out;
}

TEST(OpensslVersionCheck, BuiltDiffersFromRunningIsInfo) {
  TempDir tree;
  tree.write("etc/os-release", kDebian12);
  tree.write(".tlslint/commands/nginx-V",
             "nginx version: nginx/1.16.1\n"
             "built with OpenSSL 1.1.1k 25 Mar 2021 (running with OpenSSL "
             "3.0.22 25 Aug 2026)\n");
  std::vector<std::string> lines = run_rule(tree, "sys-openssl-version");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].starts_with(
      "tlslint: info: nginx was built with OpenSSL 1.1.1k but runs with "
      "OpenSSL 3.0.22 (nginx -V)"))
      << lines[0];
  EXPECT_TRUE(lines[1].starts_with("tlslint: info: OpenSSL 3.0.22 (nginx -V)"))
      << lines[1];
}

TEST(OpensslVersionCheck, SameSeriesUpdateIsSilent) {
  // Debian 12 updates libssl3 under an unchanged nginx package.
  TempDir tree;
  tree.write("etc/os-release", kDebian12);
  tree.write(".tlslint/commands/nginx-V",
             "nginx version: nginx/1.22.1\n"
             "built with OpenSSL 3.0.2 15 Mar 2022 (running with OpenSSL "
             "3.0.22 25 Aug 2026)\n");
  std::vector<std::string> lines = run_rule(tree, "sys-openssl-version");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with("tlslint: info: OpenSSL 3.0.22 (nginx -V)"))
      << lines[0];
}

TEST(OpensslVersionCheck, UnlistedSeriesIsNotChecked) {
  TempDir tree;
  tree.write(".tlslint/commands/openssl-version", "OpenSSL 3.4.1 11 Feb 2025\n");
  std::vector<std::string> lines = run_rule(tree, "sys-openssl-version");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0],
            "tlslint: note: not checked: tlslint has no upstream "
            "end-of-support date for the OpenSSL 3.4 series (openssl "
            "version) [sys-openssl-version]");
}

TEST(CaBundleCheck, MissingBundleIsError) {
  TempDir tree;
  tree.write("etc/os-release", kDebian12);
  std::vector<std::string> lines = run_rule(tree, "sys-ca-bundle");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with(
      "tlslint: error: no system CA bundle at "
      "/etc/ssl/certs/ca-certificates.crt or the other usual paths"))
      << lines[0];
  EXPECT_TRUE(contains(lines[0], "apt-get install --only-upgrade "
                                 "ca-certificates"))
      << lines[0];
}

TEST(CaBundleCheck, LackingX2IsWarningOnRhelPath) {
  std::string x1 = read_text("/etc/ssl/certs/ISRG_Root_X1.pem");
  ASSERT_FALSE(x1.empty()) << "package ca-certificates is not installed";
  TempDir tree;
  tree.write("etc/os-release", "ID=\"rocky\"\nVERSION_ID=\"9.4\"\n");
  tree.write("etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", x1);
  std::vector<std::string> lines = run_rule(tree, "sys-ca-bundle");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with(
      "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem:1:1: warning: the "
      "CA bundle \"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem\" "
      "lacks ISRG Root X2"))
      << lines[0];
  EXPECT_TRUE(contains(lines[0], "dnf upgrade ca-certificates && "
                                 "update-ca-trust"))
      << lines[0];
}

TEST(CaBundleCheck, FollowsSymlinkInsideRoot) {
  std::string x1 = read_text("/etc/ssl/certs/ISRG_Root_X1.pem");
  std::string x2 = read_text("/etc/ssl/certs/ISRG_Root_X2.pem");
  ASSERT_FALSE(x1.empty() || x2.empty());
  TempDir tree;
  tree.write("etc/ssl/certs/bundle-real.pem", x1 + x2);
  std::filesystem::create_symlink(
      "/etc/ssl/certs/bundle-real.pem",
      tree.path() + "/etc/ssl/certs/ca-certificates.crt");
  EXPECT_TRUE(run_rule(tree, "sys-ca-bundle").empty());
}

TEST(Tls13Check, OldNginxRejectsKeyword) {
  TempDir tree;
  tree.write("etc/nginx/nginx.conf",
             "events {}\nhttp {\n    server {\n        listen 443 ssl;\n"
             "        ssl_protocols TLSv1.2 TLSv1.3;\n    }\n}\n");
  std::vector<std::string> lines = run_rule(
      tree, "tls13-unsupported", {"--nginx-version", "1.12.2"});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with(
      "{root}/etc/nginx/nginx.conf:5:9: error: \"ssl_protocols\" lists "
      "TLSv1.3, which nginx 1.12.2 does not know (nginx 1.13.0 added it)"))
      << lines[0];
}

TEST(Tls13Check, UnknownOpensslIsNotChecked) {
  TempDir tree;
  tree.write("etc/nginx/nginx.conf",
             "events {}\nhttp {\n    server {\n        listen 443 ssl;\n"
             "        ssl_protocols TLSv1.3;\n    }\n}\n");
  std::vector<std::string> lines = run_rule(tree, "tls13-unsupported");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with(
      "tlslint: note: not checked: \"ssl_protocols\" lists TLSv1.3, but the "
      "OpenSSL that nginx uses is unknown because no saved output of "
      "\"nginx -V\""))
      << lines[0];
}

TEST(Tls13Check, RunningWithOldOpensslFires) {
  TempDir tree;
  tree.write("etc/nginx/nginx.conf",
             "events {}\nhttp {\n    server {\n        listen 443 ssl;\n"
             "        ssl_protocols TLSv1.2 TLSv1.3;\n    }\n}\n");
  tree.write(".tlslint/commands/nginx-V",
             "nginx version: nginx/1.16.1\n"
             "built with OpenSSL 1.1.1c  28 May 2019 (running with OpenSSL "
             "1.1.0l  10 Sep 2019)\n");
  std::vector<std::string> lines = run_rule(tree, "tls13-unsupported");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(contains(lines[0], "nginx is running with OpenSSL 1.1.0l"))
      << lines[0];
}

TEST(Tls13Check, GarbageNginxVIsNamedAsSuch) {
  TempDir tree;
  tree.write("etc/nginx/nginx.conf",
             "events {}\nhttp {\n    server {\n        listen 443 ssl;\n"
             "        ssl_protocols TLSv1.3;\n    }\n}\n");
  tree.write(".tlslint/commands/nginx-V", "[emerg] something else\n");
  std::vector<std::string> lines = run_rule(tree, "tls13-unsupported");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(contains(lines[0], "the output of \"nginx -V\" (saved at "
                                 "{root}/.tlslint/commands/nginx-V) is not in "
                                 "the format that tlslint reads"))
      << lines[0];
}

TEST(Tls13Check, GivenOpensslVersionReplacesNginxV) {
  TempDir tree;
  tree.write("etc/nginx/nginx.conf",
             "events {}\nhttp {\n    server {\n        listen 443 ssl;\n"
             "        ssl_protocols TLSv1.3;\n    }\n}\n");
  std::vector<std::string> old = run_rule(tree, "tls13-unsupported",
                                          {"--openssl-version", "1.0.2k"});
  ASSERT_EQ(old.size(), 1u);
  EXPECT_TRUE(contains(old[0], "built and running with OpenSSL 1.0.2"))
      << old[0];
  EXPECT_TRUE(contains(old[0], "every TLS handshake fails")) << old[0];
  EXPECT_TRUE(run_rule(tree, "tls13-unsupported",
                       {"--openssl-version", "3.0.11"})
                  .empty());
}

constexpr const char* kUfwUserRules =
    "*filter\n"
    ":ufw-user-output - [0:0]\n"
    "### RULES ###\n"
    "\n"
    "### tuple ### allow udp 53 0.0.0.0/0 any 0.0.0.0/0 out\n"
    "-A ufw-user-output -p udp --dport 53 -j ACCEPT\n"
    "\n"
    "### tuple ### deny tcp 443 0.0.0.0/0 any 0.0.0.0/0 out\n"
    "-A ufw-user-output -p tcp --dport 443 -j DROP\n"
    "\n"
    "### END RULES ###\n"
    "COMMIT\n";

TEST(OutboundCheck, UfwRuleAndPolicy) {
  TempDir tree;
  tree.write("etc/ufw/ufw.conf", "# /etc/ufw/ufw.conf\nENABLED=yes\n");
  tree.write("etc/default/ufw",
             "IPV6=no\nDEFAULT_INPUT_POLICY=\"DROP\"\n"
             "DEFAULT_OUTPUT_POLICY=\"DROP\"\n");
  tree.write("etc/ufw/user.rules", kUfwUserRules);
  std::vector<std::string> lines = run_rule(tree, "sys-outbound-443-blocked");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "/etc/default/ufw:3:1: error: the IPv4 policy of ufw's output "
            "drops new connections and no earlier rule accepts tcp/53 (DNS), "
            "so DNS lookups are likely blocked or fail for long answers; add "
            "\"ufw allow out 53/tcp\" [sys-outbound-443-blocked]");
  EXPECT_EQ(lines[1],
            "/etc/ufw/user.rules:8:1: error: this rule in ufw's output drops "
            "new IPv4 connections to tcp/443 (HTTPS), so outgoing HTTPS "
            "(ACME, OCSP, federation) is likely blocked; remove it with \"ufw "
            "status numbered\" and \"ufw delete NUM\", or add \"ufw allow out "
            "443/tcp\" before it [sys-outbound-443-blocked]");
}

TEST(OutboundCheck, DisabledUfwIsQuiet) {
  TempDir tree;
  tree.write("etc/ufw/ufw.conf", "ENABLED=no\n");
  tree.write("etc/default/ufw", "DEFAULT_OUTPUT_POLICY=\"DROP\"\n");
  tree.write("etc/ufw/user.rules", kUfwUserRules);
  EXPECT_TRUE(run_rule(tree, "sys-outbound-443-blocked").empty());
}

TEST(OutboundCheck, NothingToReadIsNotChecked) {
  TempDir tree;
  std::vector<std::string> lines = run_rule(tree, "sys-outbound-443-blocked");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with("tlslint: note: not checked: no saved "
                                   "output of \"iptables-save\""))
      << lines[0];
  EXPECT_TRUE(contains(lines[0], "/etc/ufw/ufw.conf does not exist"))
      << lines[0];
}

TEST(DnsCheck, NoNameserverIsError) {
  TempDir tree;
  tree.write("etc/resolv.conf", "search example.test\noptions edns0\n");
  std::vector<std::string> lines = run_rule(tree, "sys-dns-unusable");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with(
      "/etc/resolv.conf:1:1: error: /etc/resolv.conf has no \"nameserver\" "
      "line: glibc then sends queries to 127.0.0.1"))
      << lines[0];
}

TEST(DnsCheck, StubWithoutSavedStateIsNotChecked) {
  TempDir tree;
  tree.write("etc/resolv.conf", "nameserver 127.0.0.53\n");
  std::vector<std::string> lines = run_rule(tree, "sys-dns-unusable");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with(
      "tlslint: note: not checked: /etc/resolv.conf uses the "
      "systemd-resolved stub 127.0.0.53, but no saved output of "
      "\"systemctl is-active systemd-resolved\""))
      << lines[0];
}

TEST(DnsCheck, ResolverInLocationCoversProxyPass) {
  TempDir tree;
  tree.write("etc/resolv.conf", "nameserver 192.0.2.53\n");
  tree.write("etc/nginx/nginx.conf",
             "events {}\nhttp {\n    server {\n        listen 80;\n"
             "        location /a/ {\n            resolver 192.0.2.53;\n"
             "            proxy_pass http://$arg_host;\n        }\n"
             "        location /b/ {\n"
             "            proxy_pass https://api.example.test$request_uri;\n"
             "        }\n    }\n}\n");
  std::vector<std::string> lines = run_rule(tree, "sys-dns-unusable");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with(
      "{root}/etc/nginx/nginx.conf:10:13: error: \"proxy_pass "
      "https://api.example.test$request_uri\" has a variable"))
      << lines[0];
}

/// Makes a self-signed certificate for a.test in `tree`, with an OCSP
/// responder URL when `ocsp` is set, and returns its host path.
std::string make_certificate(const TempDir& tree, bool ocsp) {
  std::filesystem::create_directories(tree.path() + "/etc/ssl");
  std::vector<std::string> args{
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
      "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=a.test", "-days",
      "3650", "-keyout", tree.path() + "/etc/ssl/a.key", "-out",
      tree.path() + "/etc/ssl/a.pem"};
  if (ocsp) {
    args.insert(args.end(), {"-addext",
                             "authorityInfoAccess=OCSP;URI:http://ocsp.test"});
  }
  ProcessResult made = run_process(args);
  EXPECT_EQ(made.exit_status, 0) << made.err;
  return "/etc/ssl/a.pem";
}

std::string stapling_config(const std::string& certificate) {
  return "events {}\nhttp {\n    server {\n        listen 443 ssl;\n"
         "        ssl_certificate " + certificate + ";\n"
         "        ssl_certificate_key /etc/ssl/a.key;\n"
         "        ssl_stapling on;\n    }\n}\n";
}

TEST(DnsCheck, StaplingWithOcspUrlNeedsResolver) {
  TempDir tree;
  tree.write("etc/resolv.conf", "nameserver 192.0.2.53\n");
  tree.write("etc/nginx/nginx.conf",
             stapling_config(make_certificate(tree, true)));
  std::vector<std::string> lines = run_rule(tree, "sys-dns-unusable");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(contains(lines[0], "\"ssl_stapling on\" without a \"resolver\""))
      << lines[0];
}

TEST(DnsCheck, StaplingWithoutOcspUrlNeedsNoResolver) {
  // nginx skips stapling for such a certificate and looks nothing up.
  TempDir tree;
  tree.write("etc/resolv.conf", "nameserver 192.0.2.53\n");
  tree.write("etc/nginx/nginx.conf",
             stapling_config(make_certificate(tree, false)));
  EXPECT_TRUE(run_rule(tree, "sys-dns-unusable").empty());
}

TEST(ClockCheck, UnsyncedServiceIsWarning) {
  TempDir tree;
  tree.write(".tlslint/commands/timedatectl-show",
             "NTP=yes\nNTPSynchronized=no\n");
  std::vector<std::string> lines = run_rule(tree, "sys-clock");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].starts_with(
      "tlslint: warning: the clock is not synchronised yet"))
      << lines[0];
}

TEST(ClockCheck, MissingFieldIsNotChecked) {
  TempDir tree;
  tree.write(".tlslint/commands/timedatectl-show", "Timezone=Etc/UTC\n");
  std::vector<std::string> lines = run_rule(tree, "sys-clock");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0],
            "tlslint: note: not checked: \"timedatectl show\" printed no "
            "NTPSynchronized field [sys-clock]");
}

TEST(SystemCommand, LiveRunReportsOnlyFindingsAndNotes) {
  ProcessResult result = run_tlslint({"system", "--color", "never"});
  EXPECT_TRUE(result.exit_status == 0 || result.exit_status == 1)
      << result.exit_status << result.err;
  EXPECT_EQ(result.err, "");
  std::istringstream in(result.out);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_FALSE(lines.empty());
  lines.pop_back();  // the summary
  for (const std::string& line : lines) {
    EXPECT_TRUE(line.ends_with("]") || contains(line, ": note: ")) << line;
  }
}

}  // namespace
}  // namespace tlslint::testing
