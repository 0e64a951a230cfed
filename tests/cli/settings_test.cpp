// .tlslint.toml as the binary reads it: discovery by walking up, --config,
// the command line winning over the file, [severity], ignore, --certs, and
// errors that name the file, line and column.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.h"

namespace tlslint::testing {
namespace {

namespace fs = std::filesystem;

/// A site whose only finding is ssl-directive-removed (error from nginx
/// 1.25.1, so --nginx-version pins it).
const std::string kSslOnSite = R"(server {
    listen 80;
    ssl on;
    ssl_reject_handshake on;
    ssl_protocols TLSv1.2 TLSv1.3;
}
)";

/// A site whose only finding is ssl-protocols-default (info).
const std::string kDefaultProtocolsSite = R"(server {
    listen 443 ssl;
    server_name a.test;
    ssl_reject_handshake on;
}
)";

/// A TLS site whose certificate and key are not on this machine.
const std::string kRepositorySite = R"(server {
    listen 443 ssl;
    server_name a.test;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_certificate     /etc/ssl/tlslint-absent/a.test/fullchain.pem;
    ssl_certificate_key /etc/ssl/tlslint-absent/a.test/privkey.pem;
}
)";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(SettingsFile, FoundByWalkingUp) {
  TempDir dir;
  std::string settings = dir.write("repo/.tlslint.toml",
                                   "disable = [\"ssl-directive-removed\"]\n");
  dir.write("repo/sites/deep/site.conf", kSslOnSite);
  ProcessResult result = run_tlslint({"--nginx-version", "1.26.0", "site.conf"},
                                     dir.path() + "/repo/sites/deep");
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  EXPECT_FALSE(contains(result.out, "[ssl-directive-removed]")) << result.out;
  EXPECT_TRUE(
      contains(result.out, "tlslint: note: using settings from " + settings))
      << result.out;
}

TEST(SettingsFile, NoConfigIgnoresFile) {
  TempDir dir;
  dir.write("repo/.tlslint.toml", "disable = [\"ssl-directive-removed\"]\n");
  dir.write("repo/site.conf", kSslOnSite);
  ProcessResult result =
      run_tlslint({"--no-config", "--nginx-version", "1.26.0", "site.conf"},
                  dir.path() + "/repo");
  EXPECT_EQ(result.exit_status, 1) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "[ssl-directive-removed]")) << result.out;
  EXPECT_FALSE(contains(result.out, "using settings from")) << result.out;
}

TEST(SettingsFile, ConfigOptionNamesFile) {
  TempDir dir;
  std::string settings =
      dir.write("elsewhere/ci.toml", "disable = [\"ssl-directive-removed\"]\n");
  std::string site = dir.write("site.conf", kSslOnSite);
  ProcessResult result = run_tlslint(
      {"--config", settings, "--nginx-version", "1.26.0", site}, dir.path());
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "using settings from " + settings))
      << result.out;
}

TEST(SettingsFile, ConfigOptionFileMustExist) {
  TempDir dir;
  std::string site = dir.write("site.conf", kSslOnSite);
  std::string missing = dir.path() + "/missing.toml";
  ProcessResult result =
      run_tlslint({"--config", "missing.toml", site}, dir.path());
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err,
            "tlslint: error: --config: \"missing.toml\" not found; give the "
            "path of an existing settings file, or drop --config to use the "
            ".tlslint.toml found by walking up from the current directory\n");
  EXPECT_EQ(result.out, "");
}

TEST(SettingsFile, CaFileFromFileNamesKey) {
  TempDir dir;
  std::string settings = dir.write(
      ".tlslint.toml", "fail-on = \"error\"\n\nca-file   = \"nope.pem\"\n");
  dir.write("site.conf", kSslOnSite);
  ProcessResult result = run_tlslint({"site.conf"}, dir.path());
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err, "tlslint: error: " + settings +
                            ":3:13: \"ca-file\": failed to read CA file \"" +
                            dir.path() +
                            "/nope.pem\": No such file or directory; fix "
                            "this key or override it with --ca-file\n");
  EXPECT_EQ(result.out, "");
}

TEST(SettingsFile, CaPathFromFileNamesKey) {
  TempDir dir;
  std::string settings = dir.write(".tlslint.toml", "ca-path = \"empty\"\n");
  dir.write("empty/README", "no certificates here\n");
  dir.write("site.conf", kSslOnSite);
  ProcessResult result = run_tlslint({"site.conf"}, dir.path());
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err, "tlslint: error: " + settings +
                            ":1:11: \"ca-path\": no hashed certificate names "
                            "in CA path \"" +
                            dir.path() +
                            "/empty\"; run \"openssl rehash\" on it; fix "
                            "this key or override it with --ca-path\n");
}

TEST(SettingsFile, CaFileOptionNamesOnlyOption) {
  TempDir dir;
  dir.write(".tlslint.toml", "ca-file = \"nope.pem\"\n");
  dir.write("site.conf", kSslOnSite);
  ProcessResult result =
      run_tlslint({"--ca-file", "other.pem", "site.conf"}, dir.path());
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err,
            "tlslint: error: failed to read CA file \"other.pem\": No such "
            "file or directory; check --ca-file\n");
}

TEST(SettingsFile, UnclosedBracketInIgnore) {
  TempDir dir;
  std::string settings = dir.write(".tlslint.toml",
                                   "ignore = [\"*.bak\", \"[unclosed\"]\n");
  dir.write("site.conf", kSslOnSite);
  ProcessResult result = run_tlslint({"site.conf"}, dir.path());
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err,
            "tlslint: error: " + settings +
                ":1:20: invalid glob pattern \"[unclosed\" in \"ignore\": "
                "the \"[\" at byte 1 has no closing \"]\"; write \"[[]\" to "
                "match a literal \"[\"\n");
}

TEST(SettingsFile, CommandLineWins) {
  TempDir dir;
  dir.write(".tlslint.toml",
            "fail-on = \"never\"\nnginx-version = \"1.22.1\"\n");
  dir.write("site.conf", kSslOnSite);
  // The file alone: nginx 1.22.1 only deprecates "ssl on" (a warning), and
  // fail-on "never" passes the run.
  ProcessResult from_file = run_tlslint({"site.conf"}, dir.path());
  EXPECT_EQ(from_file.exit_status, 0) << from_file.out << from_file.err;
  EXPECT_TRUE(contains(from_file.out, "warning:")) << from_file.out;

  ProcessResult overridden = run_tlslint(
      {"--fail-on", "warning", "--nginx-version", "1.26.0", "site.conf"},
      dir.path());
  EXPECT_EQ(overridden.exit_status, 1) << overridden.out << overridden.err;
  EXPECT_TRUE(contains(overridden.out, "error:")) << overridden.out;
}

TEST(SettingsFile, DisableAddsToFile) {
  TempDir dir;
  dir.write(".tlslint.toml", "disable = [\"ssl-protocols-default\"]\n");
  dir.write("site.conf",
            "server {\n    listen 80;\n    ssl on;\n"
            "    ssl_reject_handshake on;\n}\n");
  ProcessResult result =
      run_tlslint({"--nginx-version", "1.26.0", "--disable",
                   "ssl-directive-removed", "--fail-on", "info", "site.conf"},
                  dir.path());
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  EXPECT_FALSE(contains(result.out, "[ssl-protocols-default]")) << result.out;
  EXPECT_FALSE(contains(result.out, "[ssl-directive-removed]")) << result.out;
}

TEST(SettingsFile, SeverityOverrideChangesExitStatus) {
  TempDir dir;
  dir.write("site.conf", kDefaultProtocolsSite);
  ProcessResult before =
      run_tlslint({"--nginx-version", "1.26.0", "site.conf"}, dir.path());
  EXPECT_EQ(before.exit_status, 0) << before.out << before.err;
  EXPECT_TRUE(contains(before.out, "info: ")) << before.out;

  dir.write(".tlslint.toml", "[severity]\nssl-protocols-default = \"error\"\n");
  ProcessResult after =
      run_tlslint({"--nginx-version", "1.26.0", "site.conf"}, dir.path());
  EXPECT_EQ(after.exit_status, 1) << after.out << after.err;
  std::vector<FindingLine> findings = parse_findings(after.out);
  ASSERT_EQ(findings.size(), 1u) << after.out;
  EXPECT_EQ(findings[0].rule, "ssl-protocols-default");
  EXPECT_EQ(findings[0].severity, "error");
}

TEST(SettingsFile, SeverityOverrideShowsInSarif) {
  TempDir dir;
  dir.write(".tlslint.toml", "[severity]\nssl-protocols-default = \"error\"\n");
  dir.write("site.conf", kDefaultProtocolsSite);
  ProcessResult result = run_tlslint(
      {"--nginx-version", "1.26.0", "--format", "sarif", "site.conf"},
      dir.path());
  EXPECT_EQ(result.exit_status, 1) << result.err;
  nlohmann::json log = nlohmann::json::parse(result.out);
  const nlohmann::json& run = log["runs"][0];
  ASSERT_EQ(run["results"].size(), 1u);
  EXPECT_EQ(run["results"][0]["level"], "error");
  bool found = false;
  for (const nlohmann::json& rule : run["tool"]["driver"]["rules"]) {
    if (rule["id"] != "ssl-protocols-default") continue;
    found = true;
    EXPECT_EQ(rule["defaultConfiguration"]["level"], "error");
  }
  EXPECT_TRUE(found);
}

TEST(SettingsFile, SeverityOverrideKeepsNotes) {
  TempDir dir;
  dir.write(".tlslint.toml",
            "certificates = \"optional\"\n[severity]\n"
            "cert-file-unreadable = \"warning\"\n");
  dir.write("site.conf", kRepositorySite);
  ProcessResult result =
      run_tlslint({"--nginx-version", "1.26.0", "site.conf"}, dir.path());
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  std::vector<FindingLine> findings = parse_findings(result.out);
  ASSERT_EQ(findings.size(), 2u) << result.out;
  EXPECT_EQ(findings[0].severity, "note");
  EXPECT_EQ(findings[1].severity, "note");
}

TEST(SettingsFile, OpenSslVersionIsValidated) {
  TempDir dir;
  dir.write("site.conf", kSslOnSite);
  ProcessResult invalid = run_tlslint(
      {"--no-config", "--openssl-version", "three", "site.conf"}, dir.path());
  EXPECT_EQ(invalid.exit_status, 3);
  EXPECT_EQ(invalid.err,
            "tlslint: error: --openssl-version: invalid version \"three\"; "
            "use e.g. 3.0.11\n");
  ProcessResult letter = run_tlslint(
      {"--no-config", "--openssl-version", "1.1.1w", "--nginx-version",
       "1.26.0", "site.conf"},
      dir.path());
  EXPECT_EQ(letter.exit_status, 1) << letter.err;
  EXPECT_EQ(letter.err, "");
}

TEST(SettingsFile, JsonNamesConfigFile) {
  TempDir dir;
  std::string settings = dir.write(".tlslint.toml", "fail-on = \"error\"\n");
  dir.write("site.conf", kDefaultProtocolsSite);
  ProcessResult result = run_tlslint(
      {"--nginx-version", "1.26.0", "--format", "json", "site.conf"},
      dir.path());
  nlohmann::json document = nlohmann::json::parse(result.out);
  EXPECT_EQ(document["config_file"], settings);

  ProcessResult without =
      run_tlslint({"--no-config", "--nginx-version", "1.26.0", "--format",
                   "json", "site.conf"},
                  dir.path());
  EXPECT_TRUE(nlohmann::json::parse(without.out)["config_file"].is_null());
}

TEST(SettingsFile, IgnoreSkipsInputs) {
  TempDir dir;
  dir.write(".tlslint.toml", "ignore = [\"legacy/*.conf\", \"drafts/**\"]\n");
  dir.write("legacy/old.conf", kSslOnSite);
  dir.write("drafts/a/b/new.conf", kSslOnSite);
  dir.write("sites/ok.conf", kSslOnSite);
  ProcessResult result = run_tlslint(
      {"--nginx-version", "1.26.0", "--disable", "ssl-protocols-default",
       "legacy/old.conf", "drafts/a/b/new.conf", "sites/ok.conf"},
      dir.path());
  EXPECT_EQ(result.exit_status, 1) << result.out << result.err;
  std::vector<FindingLine> findings = parse_findings(result.out);
  ASSERT_EQ(findings.size(), 1u) << result.out;
  EXPECT_EQ(findings[0].file, "sites/ok.conf");
  EXPECT_TRUE(contains(result.out, "in 1 file;")) << result.out;
  EXPECT_TRUE(contains(result.out, "tlslint: note: 2 of 3 inputs match "
                                   "\"ignore\" in " +
                                       dir.path() +
                                       "/.tlslint.toml and were not checked\n"))
      << result.out;
}

TEST(SettingsFile, IgnoreIsRelativeToFile) {
  TempDir dir;
  dir.write("repo/.tlslint.toml", "ignore = [\"legacy\"]\n");
  dir.write("repo/legacy/old.conf", kSslOnSite);
  // Run from a subdirectory: the pattern still names repo/legacy.
  dir.write("repo/sites/keep", "");
  ProcessResult result =
      run_tlslint({"--nginx-version", "1.26.0", "../legacy/old.conf"},
                  dir.path() + "/repo/sites");
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "in 0 files;")) << result.out;
}

TEST(SettingsFile, IgnoredFileStillLoadsByInclude) {
  TempDir dir;
  dir.write(".tlslint.toml", "ignore = [\"snippets/*\"]\n");
  dir.write("snippets/ssl-on.conf", "ssl on;\n");
  dir.write("site.conf",
            "server {\n    listen 80;\n    include snippets/ssl-on.conf;\n"
            "    ssl_reject_handshake on;\n}\n");
  ProcessResult result = run_tlslint({"--nginx-version", "1.26.0", "--disable",
                                      "ssl-protocols-default", "site.conf"},
                                     dir.path());
  EXPECT_EQ(result.exit_status, 1) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "[ssl-directive-removed]")) << result.out;
}

TEST(SettingsFile, InvalidFileIsUsageError) {
  TempDir dir;
  std::string settings =
      dir.write(".tlslint.toml", "# comment\n\nfail-on = 3\n");
  dir.write("site.conf", kSslOnSite);
  ProcessResult result = run_tlslint({"site.conf"}, dir.path());
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err, "tlslint: error: " + settings +
                            ":3:11: \"fail-on\" must be a string\n");
  EXPECT_EQ(result.out, "");
}

TEST(SettingsFile, RootFromFileIsRelativeToFile) {
  TempDir dir;
  dir.write("repo/.tlslint.toml", "root = \"no-such-dir\"\n");
  dir.write("repo/sites/site.conf", kSslOnSite);
  ProcessResult result = run_tlslint({"site.conf"}, dir.path() + "/repo/sites");
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_EQ(result.err, "tlslint: error: " + dir.path() +
                            "/repo/.tlslint.toml:1:8: \"root\": \"" +
                            dir.path() +
                            "/repo/no-such-dir\" is not a directory\n");
}

TEST(CertsOption, RequireReportsMissingFiles) {
  TempDir dir;
  dir.write("site.conf", kRepositorySite);
  ProcessResult result =
      run_tlslint({"--nginx-version", "1.26.0", "site.conf"}, dir.path());
  EXPECT_EQ(result.exit_status, 2) << result.out << result.err;
  std::vector<FindingLine> findings = parse_findings(result.out);
  ASSERT_EQ(findings.size(), 2u) << result.out;
  EXPECT_EQ(findings[0].severity, "error");
  EXPECT_EQ(findings[1].severity, "error");
}

TEST(CertsOption, OptionalTurnsMissingFilesIntoNotes) {
  TempDir dir;
  dir.write("site.conf", kRepositorySite);
  ProcessResult result = run_tlslint(
      {"--nginx-version", "1.26.0", "--certs=optional", "site.conf"},
      dir.path());
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  std::vector<FindingLine> findings = parse_findings(result.out);
  ASSERT_EQ(findings.size(), 2u) << result.out;
  EXPECT_EQ(findings[0].severity, "note");
  EXPECT_EQ(findings[0].rule, "cert-file-unreadable");
  EXPECT_EQ(findings[0].message,
            "not checked: \"/etc/ssl/tlslint-absent/a.test/fullchain.pem\" "
            "does not exist here; the certificate checks need it, so set "
            "\"root\" in .tlslint.toml or pass --root DIR to read absolute "
            "paths under DIR");
  EXPECT_EQ(findings[1].severity, "note");
  EXPECT_TRUE(contains(result.out, "0 errors, 0 warnings")) << result.out;
}

TEST(CertsOption, OptionalFromFile) {
  TempDir dir;
  dir.write(".tlslint.toml", "certificates = \"optional\"\n");
  dir.write("site.conf", kRepositorySite);
  ProcessResult result =
      run_tlslint({"--nginx-version", "1.26.0", "site.conf"}, dir.path());
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  ProcessResult required = run_tlslint(
      {"--nginx-version", "1.26.0", "--certs", "require", "site.conf"},
      dir.path());
  EXPECT_EQ(required.exit_status, 2) << required.out << required.err;
}

TEST(CertsOption, RootKeepsMissingFilesErrors) {
  TempDir dir;
  dir.write("root/etc/ssl/keep", "");
  dir.write("site.conf", kRepositorySite);
  ProcessResult result =
      run_tlslint({"--nginx-version", "1.26.0", "--certs=optional", "--root",
                   dir.path() + "/root", "site.conf"},
                  dir.path());
  EXPECT_EQ(result.exit_status, 2) << result.out << result.err;
  std::vector<FindingLine> findings = parse_findings(result.out);
  ASSERT_EQ(findings.size(), 2u) << result.out;
  EXPECT_EQ(findings[0].severity, "error");
}

TEST(CertsOption, OptionalKeepsUnreadableFilesErrors) {
  TempDir dir;
  // A file that exists but is not PEM is a fault in any mode.
  dir.write("certs/fullchain.pem", "not a certificate\n");
  dir.write("certs/privkey.pem", "not a key\n");
  dir.write("site.conf", R"(server {
    listen 443 ssl;
    server_name a.test;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_certificate     certs/fullchain.pem;
    ssl_certificate_key certs/privkey.pem;
}
)");
  ProcessResult result = run_tlslint(
      {"--nginx-version", "1.26.0", "--certs=optional", "site.conf"},
      dir.path());
  EXPECT_EQ(result.exit_status, 2) << result.out << result.err;
  std::vector<FindingLine> findings = parse_findings(result.out);
  ASSERT_FALSE(findings.empty()) << result.out;
  EXPECT_EQ(findings[0].severity, "error");
}

}  // namespace
}  // namespace tlslint::testing
