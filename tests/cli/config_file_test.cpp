#include "cli/config_file.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "support/process.h"

namespace tlslint::cli {
namespace {

namespace fs = std::filesystem;

FileSettings parse(const std::string& text) {
  return parse_config_file(text, "/srv/conf/.tlslint.toml",
                           engine::Registry::builtin());
}

/// Returns the message of the ConfigFileError that parsing `text` throws.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ConfigFileError& error) {
    return error.what();
  }
  return "no error";
}

TEST(ConfigFile, ReadsEveryKey) {
  FileSettings settings = parse(R"(
disable = ["weak-key", "cert-expiring"]
expiry-warning = 14
nginx-version = "1.22.1"
openssl-version = "1.1.1w"
ca-file = "pki/ca.pem"
ca-path = "/etc/ssl/certs"
root = "../root"
ignore = ["sites-available/*.bak", "snippets/**"]
fail-on = "error"
certificates = "optional"

[severity]
cert-expiring = "error"
ssl-protocols-default = "warning"
)");
  EXPECT_EQ(settings.path, fs::path("/srv/conf/.tlslint.toml"));
  EXPECT_EQ(settings.disable,
            (std::vector<std::string>{"weak-key", "cert-expiring"}));
  ASSERT_EQ(settings.severity.size(), 2u);
  EXPECT_EQ(settings.severity.at("cert-expiring"), engine::Severity::error);
  EXPECT_EQ(settings.severity.at("ssl-protocols-default"),
            engine::Severity::warning);
  EXPECT_EQ(settings.expiry_warning_days, 14);
  ASSERT_TRUE(settings.nginx_version);
  EXPECT_EQ(settings.nginx_version->to_string(), "1.22.1");
  ASSERT_TRUE(settings.openssl_version);
  EXPECT_EQ(settings.openssl_version->to_string(), "1.1.1");
  EXPECT_EQ(settings.ca_file, fs::path("/srv/conf/pki/ca.pem"));
  EXPECT_EQ(settings.ca_path, fs::path("/etc/ssl/certs"));
  EXPECT_EQ(settings.root, fs::path("/srv/root"));
  EXPECT_EQ(settings.ignore,
            (std::vector<std::string>{"sites-available/*.bak", "snippets/**"}));
  EXPECT_EQ(settings.fail_on, "error");
  EXPECT_EQ(settings.certificates_optional, true);
}

TEST(ConfigFile, EmptyFileSetsNothing) {
  FileSettings settings = parse("# nothing yet\n");
  EXPECT_TRUE(settings.disable.empty());
  EXPECT_TRUE(settings.severity.empty());
  EXPECT_FALSE(settings.expiry_warning_days);
  EXPECT_FALSE(settings.nginx_version);
  EXPECT_FALSE(settings.openssl_version);
  EXPECT_FALSE(settings.ca_file);
  EXPECT_FALSE(settings.ca_path);
  EXPECT_FALSE(settings.root);
  EXPECT_TRUE(settings.ignore.empty());
  EXPECT_FALSE(settings.fail_on);
  EXPECT_FALSE(settings.certificates_optional);
}

TEST(ConfigFile, RejectsInvalidToml) {
  EXPECT_EQ(error_of("disable = [\"weak-key\"\n"),
            "/srv/conf/.tlslint.toml:1:23: invalid TOML: Error while "
            "parsing array: encountered end-of-file");
}

TEST(ConfigFile, RejectsUnknownKeyWithSuggestion) {
  EXPECT_EQ(error_of("fail-on = \"error\"\ndisabel = [\"weak-key\"]\n"),
            "/srv/conf/.tlslint.toml:2:1: unknown key \"disabel\"; did you "
            "mean \"disable\"?");
}

TEST(ConfigFile, RejectsUnknownKeyWithoutSuggestion) {
  EXPECT_EQ(error_of("colour = \"always\"\n"),
            "/srv/conf/.tlslint.toml:1:1: unknown key \"colour\"; the keys "
            "are ca-file, ca-path, certificates, disable, expiry-warning, "
            "fail-on, ignore, nginx-version, openssl-version, root, "
            "severity");
}

TEST(ConfigFile, RejectsUnknownRuleInDisable) {
  EXPECT_EQ(error_of("disable = [\"weak-key\", \"cert-expird\"]\n"),
            "/srv/conf/.tlslint.toml:1:24: unknown rule \"cert-expird\"; did "
            "you mean \"cert-expired\"?");
  EXPECT_EQ(error_of("disable = [\"zzzzzzzzzzzzzzzzzzzz\"]\n"),
            "/srv/conf/.tlslint.toml:1:12: unknown rule "
            "\"zzzzzzzzzzzzzzzzzzzz\"; run \"tlslint --list-rules\" for the "
            "ids");
}

TEST(ConfigFile, RejectsDisableOfWrongType) {
  EXPECT_EQ(error_of("disable = \"weak-key\"\n"),
            "/srv/conf/.tlslint.toml:1:11: \"disable\" must be an array of "
            "rule ids");
  EXPECT_EQ(error_of("disable = [\"weak-key\", 3]\n"),
            "/srv/conf/.tlslint.toml:1:24: \"disable\" must be an array of "
            "rule ids");
}

TEST(ConfigFile, RejectsUnknownRuleInSeverity) {
  EXPECT_EQ(error_of("[severity]\ncert-expird = \"error\"\n"),
            "/srv/conf/.tlslint.toml:2:1: unknown rule \"cert-expird\"; did "
            "you mean \"cert-expired\"?");
}

TEST(ConfigFile, RejectsInvalidSeverity) {
  EXPECT_EQ(error_of("[severity]\ncert-expired = \"fatal\"\n"),
            "/srv/conf/.tlslint.toml:2:16: invalid severity \"fatal\" for "
            "\"cert-expired\"; use \"error\", \"warning\" or \"info\"");
  EXPECT_EQ(error_of("[severity]\ncert-expired = 2\n"),
            "/srv/conf/.tlslint.toml:2:16: the severity of \"cert-expired\" "
            "must be a string: \"error\", \"warning\" or \"info\"");
  EXPECT_EQ(error_of("severity = \"error\"\n"),
            "/srv/conf/.tlslint.toml:1:12: \"severity\" must be a table of "
            "rule ids and severities, e.g. [severity] followed by "
            "cert-expiring = \"error\"");
}

TEST(ConfigFile, RejectsInvalidExpiryWarning) {
  EXPECT_EQ(error_of("expiry-warning = \"14\"\n"),
            "/srv/conf/.tlslint.toml:1:18: \"expiry-warning\" must be a "
            "whole number of days");
  EXPECT_EQ(error_of("expiry-warning = -3\n"),
            "/srv/conf/.tlslint.toml:1:18: \"expiry-warning\" must be "
            "between 0 and 36500 days, not -3");
  EXPECT_EQ(error_of("expiry-warning = 36501\n"),
            "/srv/conf/.tlslint.toml:1:18: \"expiry-warning\" must be "
            "between 0 and 36500 days, not 36501");
}

TEST(ConfigFile, RejectsInvalidVersions) {
  EXPECT_EQ(error_of("nginx-version = \"1.x\"\n"),
            "/srv/conf/.tlslint.toml:1:17: invalid version \"1.x\" for "
            "\"nginx-version\"; use e.g. \"1.22.1\"");
  EXPECT_EQ(error_of("openssl-version = \"three\"\n"),
            "/srv/conf/.tlslint.toml:1:19: invalid version \"three\" for "
            "\"openssl-version\"; use e.g. \"3.0.11\"");
  EXPECT_EQ(error_of("nginx-version = 1.22\n"),
            "/srv/conf/.tlslint.toml:1:17: \"nginx-version\" must be a "
            "string");
}

TEST(ConfigFile, RejectsInvalidPaths) {
  EXPECT_EQ(error_of("ca-file = \"\"\n"),
            "/srv/conf/.tlslint.toml:1:11: \"ca-file\" must not be empty");
  EXPECT_EQ(error_of("ca-path = 1\n"),
            "/srv/conf/.tlslint.toml:1:11: \"ca-path\" must be a string");
  EXPECT_EQ(error_of("root = [\"/\"]\n"),
            "/srv/conf/.tlslint.toml:1:8: \"root\" must be a string");
}

TEST(ConfigFile, RejectsInvalidIgnore) {
  EXPECT_EQ(error_of("ignore = \"*.bak\"\n"),
            "/srv/conf/.tlslint.toml:1:10: \"ignore\" must be an array of "
            "glob patterns");
  EXPECT_EQ(error_of("ignore = [\"\"]\n"),
            "/srv/conf/.tlslint.toml:1:11: \"ignore\" must be an array of "
            "glob patterns");
}

TEST(ConfigFile, RejectsUnclosedBracketInIgnore) {
  EXPECT_EQ(error_of("ignore = [\n  \"ok/*.conf\",\n  \"a[b\",\n]\n"),
            "/srv/conf/.tlslint.toml:3:3: invalid glob pattern \"a[b\" in "
            "\"ignore\": the \"[\" at byte 2 has no closing \"]\"; write "
            "\"[[]\" to match a literal \"[\"");
  EXPECT_EQ(parse("ignore = [\"[[]old].conf\"]\n").ignore,
            std::vector<std::string>{"[[]old].conf"});
}

TEST(ConfigFile, RecordsKeyPositions) {
  FileSettings settings = parse("\nca-file =  \"ca.pem\"\n");
  ASSERT_EQ(settings.positions.count("ca-file"), 1u);
  EXPECT_EQ(settings.positions["ca-file"].line, 2u);
  EXPECT_EQ(settings.positions["ca-file"].column, 12u);
}

TEST(ConfigFile, RejectsInvalidFailOn) {
  EXPECT_EQ(error_of("fail-on = \"sometimes\"\n"),
            "/srv/conf/.tlslint.toml:1:11: invalid \"fail-on\" value "
            "\"sometimes\"; use \"error\", \"warning\", \"info\" or \"never\"");
  EXPECT_EQ(parse("fail-on = \"never\"\n").fail_on, "never");
}

TEST(ConfigFile, ReadsCertificatesMode) {
  EXPECT_EQ(parse("certificates = \"require\"\n").certificates_optional,
            false);
  EXPECT_EQ(error_of("certificates = \"maybe\"\n"),
            "/srv/conf/.tlslint.toml:1:16: invalid \"certificates\" value "
            "\"maybe\"; use \"require\" or \"optional\"");
}

TEST(ConfigFile, ErrorCarriesPosition) {
  try {
    parse("\n\n  fail-on = 3\n");
    FAIL() << "no error";
  } catch (const ConfigFileError& error) {
    EXPECT_EQ(error.file(), "/srv/conf/.tlslint.toml");
    EXPECT_EQ(error.line(), 3u);
    EXPECT_EQ(error.column(), 13u);
  }
}

TEST(ConfigFile, LoadReportsMissingFile) {
  testing::TempDir dir;
  std::string path = dir.path() + "/.tlslint.toml";
  try {
    load_config_file(path, engine::Registry::builtin());
    FAIL() << "no error";
  } catch (const ConfigFileError& error) {
    EXPECT_EQ(std::string(error.what()),
              path + ": failed to read settings file: No such file or "
                     "directory");
    EXPECT_EQ(error.line(), 0u);
  }
}

TEST(ConfigFile, LoadReadsFile) {
  testing::TempDir dir;
  std::string path = dir.write(".tlslint.toml", "ca-file = \"ca.pem\"\n");
  FileSettings settings = load_config_file(path, engine::Registry::builtin());
  EXPECT_EQ(settings.ca_file, fs::path(dir.path()) / "ca.pem");
}

TEST(FindConfigFile, WalksUpToParent) {
  testing::TempDir dir;
  std::string path = dir.write("repo/.tlslint.toml", "");
  dir.write("repo/sites/deep/site.conf", "");
  EXPECT_EQ(find_config_file(dir.path() + "/repo/sites/deep"), fs::path(path));
  EXPECT_EQ(find_config_file(dir.path() + "/repo"), fs::path(path));
}

TEST(FindConfigFile, PrefersNearestFile) {
  testing::TempDir dir;
  dir.write("repo/.tlslint.toml", "");
  std::string nearer = dir.write("repo/sites/.tlslint.toml", "");
  EXPECT_EQ(find_config_file(dir.path() + "/repo/sites"), fs::path(nearer));
}

TEST(FindConfigFile, IgnoresDirectoryOfThatName) {
  testing::TempDir dir;
  fs::create_directories(fs::path(dir.path()) / "repo/.tlslint.toml");
  std::string outer = dir.write(".tlslint.toml", "");
  EXPECT_EQ(find_config_file(dir.path() + "/repo"), fs::path(outer));
}

}  // namespace
}  // namespace tlslint::cli
