// The command line as users and scripts see it: exit statuses, usage errors
// with the value at fault, and tool errors on stderr.
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "support/process.h"

namespace tlslint::testing {
namespace {

const std::string kPki =
    std::string(TLSLINT_SOURCE_DIR) + "/tests/data/e2e/make-pki.sh";

const std::string kGoodSite = R"(server {
    listen 443 ssl;
    server_name a.test;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_certificate     PKI/a.test/fullchain.pem;
    ssl_certificate_key PKI/a.test/privkey.pem;
}
)";

std::string with_pki(std::string text, const std::string& pki) {
  for (auto at = text.find("PKI"); at != std::string::npos;
       at = text.find("PKI", at + pki.size())) {
    text.replace(at, 3, pki);
  }
  return text;
}

TEST(Cli, HelpExitsZero) {
  ProcessResult result = run_tlslint({"--help"});
  EXPECT_EQ(result.exit_status, 0);
  EXPECT_NE(result.out.find("--ca-file"), std::string::npos);
  EXPECT_NE(result.out.find("--nginx-version"), std::string::npos);
}

TEST(Cli, VersionExitsZero) {
  ProcessResult result = run_tlslint({"--version"});
  EXPECT_EQ(result.exit_status, 0);
  EXPECT_NE(result.out.find("tlslint "), std::string::npos);
}

TEST(Cli, UnknownFlagIsUsageError) {
  ProcessResult result = run_tlslint({"--no-such-flag"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_NE(result.err.find("--no-such-flag"), std::string::npos);
}

TEST(Cli, UnknownRuleSuggestsClosest) {
  TempDir dir;
  std::string site = dir.write("site.conf", "server { listen 80; }\n");
  ProcessResult result = run_tlslint({"--disable", "cert-expird", site});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err,
            "tlslint: error: --disable: unknown rule \"cert-expird\"; did you "
            "mean \"cert-expired\"?\n");
}

TEST(Cli, DisableKeepsFollowingPaths) {
  TempDir dir;
  std::string site = dir.write("site.conf", "ssl on;\n");
  ProcessResult result = run_tlslint(
      {"--nginx-version", "1.22.1", "--disable", "ssl-directive-removed",
       site});
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  EXPECT_EQ(result.out.find("[ssl-directive-removed]"), std::string::npos);
}

TEST(Cli, InvalidNowIsUsageError) {
  ProcessResult result = run_tlslint({"--now", "tomorrow", "x.conf"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err,
            "tlslint: error: --now: invalid time \"tomorrow\"; use RFC 3339, "
            "e.g. 2026-12-04T10:00:00Z\n");
}

TEST(Cli, InvalidNginxVersionIsUsageError) {
  ProcessResult result = run_tlslint({"--nginx-version", "new", "x.conf"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err,
            "tlslint: error: --nginx-version: invalid version \"new\"; use "
            "e.g. 1.22.1\n");
}

TEST(Cli, InvalidFailOnIsUsageError) {
  ProcessResult result = run_tlslint({"--fail-on", "fatal", "x.conf"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_NE(result.err.find("fatal"), std::string::npos) << result.err;
}

TEST(Cli, RootMustBeDirectory) {
  ProcessResult result = run_tlslint({"--root", "/nonexistent", "x.conf"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err,
            "tlslint: error: --root: \"/nonexistent\" is not a directory\n");
}

TEST(Cli, MissingInputExitsTwo) {
  TempDir dir;
  ProcessResult result = run_tlslint(
      {"--nginx-version", "1.22.1", dir.path() + "/missing.conf"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.err.find("missing.conf"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("No such file or directory"), std::string::npos)
      << result.err;
}

TEST(Cli, DirectoryInputExitsTwo) {
  TempDir dir;
  ProcessResult result =
      run_tlslint({"--nginx-version", "1.22.1", dir.path()});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.err.find("tlslint: error: "), std::string::npos)
      << result.err;
}

TEST(Cli, SyntaxErrorExitsTwo) {
  TempDir dir;
  std::string site = dir.write("site.conf", "server {\n  listen 443 ssl\n");
  ProcessResult result = run_tlslint({"--nginx-version", "1.22.1", site});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_NE(result.out.find("[syntax]"), std::string::npos) << result.out;
}

TEST(Cli, CleanConfigExitsZero) {
  TempDir dir;
  std::string pki = test_pki(dir);
  std::string site = dir.write("site.conf", with_pki(kGoodSite, pki));
  ProcessResult result =
      run_tlslint({"--ca-file", pki + "/root/root.pem", "--nginx-version",
                   "1.22.1", "--now", test_pki_now(pki), site});
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  EXPECT_EQ(result.out,
            "0 errors, 0 warnings, 0 infos in 1 file; 1 certificate file "
            "checked\n");
}

TEST(Cli, FailOnThresholdSetsStatus) {
  TempDir dir;
  std::string site = dir.write("site.conf", "ssl on;\n");
  // A repeated option keeps its last value, so `extra` overrides the base.
  auto with = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args{"--nginx-version", "1.22.1", site};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_tlslint(args).exit_status;
  };
  EXPECT_EQ(with({}), 1);
  EXPECT_EQ(with({"--fail-on", "error"}), 0);
  EXPECT_EQ(with({"--fail-on", "never"}), 0);
  EXPECT_EQ(with({"--nginx-version", "1.26.0", "--fail-on", "error"}), 1);
}

TEST(Cli, NoColorWithoutTerminal) {
  TempDir dir;
  std::string site = dir.write("site.conf", "ssl on;\n");
  ProcessResult plain = run_tlslint({"--nginx-version", "1.22.1", site});
  EXPECT_EQ(plain.out.find('\033'), std::string::npos);
  ProcessResult forced =
      run_tlslint({"--nginx-version", "1.22.1", "--color", "always", site});
  EXPECT_NE(forced.out.find('\033'), std::string::npos);
}

TEST(Cli, ListRulesNamesEveryFamily) {
  ProcessResult result = run_tlslint({"--list-rules"});
  EXPECT_EQ(result.exit_status, 0);
  for (const char* id : {"chain-incomplete", "cert-expired", "syntax",
                         "listen-443-without-ssl", "ssl-protocols-legacy"}) {
    EXPECT_NE(result.out.find(id), std::string::npos) << id;
  }
}

TEST(Cli, ParseCommandPrintsCrossplaneJson) {
  TempDir dir;
  std::string conf = dir.write("nginx.conf", "events {}\n");
  ProcessResult result = run_tlslint({"parse", conf});
  EXPECT_EQ(result.exit_status, 0) << result.err;
  EXPECT_EQ(result.out,
            "{\"status\":\"ok\",\"errors\":[],\"config\":[{\"file\":\"" + conf +
                "\",\"status\":\"ok\",\"errors\":[],\"parsed\":[{\"directive\":"
                "\"events\",\"line\":1,\"args\":[],\"block\":[]}]}]}\n");
}

TEST(Cli, MissingCaFileIsUsageError) {
  TempDir dir;
  std::string site = dir.write("site.conf", "server { listen 80; }\n");
  ProcessResult result = run_tlslint(
      {"--ca-file", dir.path() + "/missing.pem", "--nginx-version", "1.22.1",
       site});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err, "tlslint: error: failed to read CA file \"" +
                            dir.path() +
                            "/missing.pem\": No such file or directory; "
                            "check --ca-file\n");
}

TEST(Cli, ListRulesRejectsSarif) {
  ProcessResult result = run_tlslint({"--list-rules", "--format", "sarif"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "tlslint: error: --list-rules: --format sarif is not supported; "
            "use text, json or markdown\n");
}

TEST(Cli, SarifBaseMustBeAbsoluteUri) {
  TempDir dir;
  std::string site = dir.write("site.conf", "server { listen 80; }\n");
  for (const char* base : {"not a uri", "srv/repo/", ":x", "1http://a/",
                           "file:///a b/"}) {
    ProcessResult result = run_tlslint(
        {"--no-config", "--format", "sarif", "--sarif-base", base, site});
    EXPECT_EQ(result.exit_status, 3) << base;
    EXPECT_EQ(result.out, "") << base;
    EXPECT_EQ(result.err, std::string("tlslint: error: --sarif-base: \"") +
                              base +
                              "\" is not an absolute URI; give a scheme and "
                              "a path without spaces, e.g. file:///srv/repo/ "
                              "or https://example.org/repo/\n");
  }
}

TEST(Cli, SarifBaseGetsTrailingSlash) {
  TempDir dir;
  std::string site = dir.write("site.conf", "server { listen 80; }\n");
  ProcessResult result =
      run_tlslint({"--no-config", "--nginx-version", "1.22.1", "--format",
                   "sarif", "--sarif-base", "https://example.org/repo", site});
  EXPECT_EQ(result.exit_status, 0) << result.err;
  EXPECT_NE(result.out.find("\"uri\": \"https://example.org/repo/\""),
            std::string::npos)
      << result.out;
}

TEST(Cli, UpperCaseRuleSuggestsLowerCase) {
  ProcessResult result = run_tlslint({"--disable", "CERT-EXPIRED", "x.conf"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err,
            "tlslint: error: --disable: unknown rule \"CERT-EXPIRED\"; did "
            "you mean \"cert-expired\"?\n");
}

TEST(Cli, SyntaxCannotBeDisabled) {
  ProcessResult result = run_tlslint({"--disable", "syntax", "x.conf"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_NE(result.err.find("\"syntax\" cannot be disabled"),
            std::string::npos)
      << result.err;
}

TEST(Cli, ParserErrorsHaveToolPrefix) {
  ProcessResult result = run_tlslint({"--expiry-warning", "-1", "x.conf"});
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err,
            "tlslint: error: --expiry-warning: Value -1 not in range 0 to "
            "36500; run \"tlslint --help\" for the options\n");
}

TEST(Cli, JsonFormatCarriesFindings) {
  TempDir dir;
  std::string site = dir.write("site.conf", "ssl on;\n");
  ProcessResult result =
      run_tlslint({"--nginx-version", "1.22.1", "--format", "json", site});
  EXPECT_EQ(result.exit_status, 1) << result.err;
  EXPECT_NE(result.out.find("\"version\": 1"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("\"rule\": \"ssl-directive-removed\""),
            std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find("0 errors"), std::string::npos);
}

TEST(Cli, SarifFormatValidatesAgainstSchema) {
  TempDir dir;
  std::string site = dir.write("site.conf", "ssl on;\n");
  ProcessResult result =
      run_tlslint({"--nginx-version", "1.22.1", "--format", "sarif", site});
  EXPECT_EQ(result.exit_status, 1) << result.err;
  std::string sarif = dir.write("out.sarif", result.out);
  ProcessResult check = run_process(
      {"/usr/bin/python3", "-c",
       "import json,jsonschema,sys; jsonschema.validate("
       "json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))",
       sarif,
       std::string(TLSLINT_SOURCE_DIR) + "/tests/data/sarif-schema-2.1.0.json"});
  EXPECT_EQ(check.exit_status, 0) << check.err;
}

TEST(Cli, ParseRejectsDeviceWithoutReading) {
  ProcessResult result = run_tlslint({"parse", "/dev/zero"});
  EXPECT_EQ(result.exit_status, 0);
  EXPECT_NE(result.out.find("\"error\":\"[Errno 22] Invalid argument: "
                            "'/dev/zero'\""),
            std::string::npos)
      << result.out;
}

TEST(Cli, LexRejectsFifoWithoutBlocking) {
  TempDir dir;
  std::string fifo = dir.path() + "/fifo.conf";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  ProcessResult result = run_tlslint({"lex", fifo});
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_EQ(result.err, "[Errno 22] Invalid argument: '" + fifo + "'\n");
}

TEST(Cli, InheritedCertificateNamesServers) {
  TempDir dir;
  std::string pki = test_pki(dir);
  std::string site = dir.write("site.conf", with_pki(R"(ssl_certificate PKI/a.test/cert.pem;
ssl_certificate_key PKI/a.test/privkey.pem;
ssl_protocols TLSv1.2 TLSv1.3;
server { listen 443 ssl; server_name a.test; }
server { listen 8443 ssl; server_name a.test; }
)", pki));
  ProcessResult result =
      run_tlslint({"--ca-file", pki + "/root/root.pem", "--nginx-version",
                   "1.22.1", "--now", test_pki_now(pki), site});
  std::vector<FindingLine> findings = parse_findings(result.out);
  ASSERT_EQ(findings.size(), 4u) << result.out;
  EXPECT_EQ(findings[0].rule, "chain-incomplete");
  EXPECT_EQ(findings[0].line, 1);
  EXPECT_EQ(findings[1].message, "trust store: CA file \"" + pki +
                                     "/root/root.pem\"");
  EXPECT_EQ(findings[2].line, 4);
  EXPECT_EQ(findings[2].message, "server \"a.test\" inherits this value");
  EXPECT_EQ(findings[3].line, 5);
  EXPECT_EQ(findings[3].message, "server \"a.test\" inherits this value");
}

TEST(Cli, UnreadableKeyIsNoteNotError) {
  TempDir dir;
  ProcessResult made = run_process({"bash", kPki, dir.path() + "/pki"});
  ASSERT_EQ(made.exit_status, 0) << made.err;
  std::string pki = dir.path() + "/pki";
  std::string site = dir.write("site.conf", with_pki(kGoodSite, pki));
  // Every directory on the way must be open to the unprivileged user. Only
  // the key is closed: mode 0600 owned by root, or mode 0000 for a non-root
  // test run.
  for (const std::string& folder : {dir.path(), pki, pki + "/a.test",
                                    pki + "/root"}) {
    ASSERT_EQ(::chmod(folder.c_str(), 0755), 0) << folder;
  }
  for (const char* name : {"/a.test/fullchain.pem", "/root/root.pem"}) {
    ASSERT_EQ(::chmod((pki + name).c_str(), 0644), 0) << name;
  }
  ::chmod(site.c_str(), 0644);
  std::vector<std::string> argv{TLSLINT_BINARY, "--ca-file",
                                pki + "/root/root.pem", "--nginx-version",
                                "1.22.1", site};
  if (::geteuid() == 0) {
    ASSERT_EQ(::chmod((pki + "/a.test/privkey.pem").c_str(), 0600), 0);
    argv.insert(argv.begin(), {"setpriv", "--reuid=65534", "--regid=65534",
                               "--clear-groups"});
  } else {
    ASSERT_EQ(::chmod((pki + "/a.test/privkey.pem").c_str(), 0), 0);
  }
  ProcessResult result = run_process(argv);
  // The key was not checked, so the run is incomplete (exit 2), but the
  // unreadable key is no fault of the configuration: a note, no error.
  EXPECT_EQ(result.exit_status, 2) << result.out << result.err;
  EXPECT_NE(result.out.find("note: not checked: \"" + pki +
                            "/a.test/privkey.pem\" is not readable by this "
                            "user"),
            std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find("error:"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace tlslint::testing

namespace tlslint::testing {
namespace {

TEST(TextOutput, EscapesControlCharacters) {
  TempDir dir;
  dir.write("site.conf",
            "server {\n  listen 443 ssl;\n"
            "  ssl_certificate \"/nope/\x1b]0;title\x07\x1b[2J.pem\";\n}\n");
  ProcessResult result =
      run_tlslint({"--no-config", "--color", "never", "site.conf"}, dir.path());
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find('\x07'), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("/nope/\\x1b]0;title\\x07\\x1b[2J.pem"),
            std::string::npos)
      << result.out;
}

TEST(LintInputs, FileReachedTwiceReportsOnce) {
  // pre-commit passes nginx.conf and the site it includes.
  TempDir dir;
  dir.write("nginx.conf", "events {}\nhttp { include conf.d/*.conf; }\n");
  dir.write("conf.d/a.conf",
            "server { listen 443 ssl; ssl_reject_handshake on; "
            "ssl_protocols TLSv1.3; }\n");
  ProcessResult result = run_tlslint(
      {"--no-config", "--color", "never", "--nginx-version", "1.22.1",
       "nginx.conf", "conf.d/a.conf"},
      dir.path());
  std::size_t first = result.out.find("[ssl-protocols-missing-tls12]");
  ASSERT_NE(first, std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("[ssl-protocols-missing-tls12]", first + 1),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("1 error, 0 warnings, 0 infos in 2 files"),
            std::string::npos)
      << result.out;
}

}  // namespace
}  // namespace tlslint::testing
