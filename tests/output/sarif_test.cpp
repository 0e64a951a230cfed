#include "output/sarif.h"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "certs/certificate.h"
#include "config/config.h"
#include "engine/engine.h"
#include "support/process.h"

namespace tlslint::output {
namespace {

namespace fs = std::filesystem;

using engine::Finding;
using engine::Location;
using engine::Severity;
using nlohmann::json;

const fs::path kSource = TLSLINT_SOURCE_DIR;

Finding finding_at(const std::string& rule, Severity severity,
                   const std::string& file) {
  Finding finding;
  finding.rule_id = rule;
  finding.severity = severity;
  finding.where = Location{file, 14, 5, 210};
  finding.message = "message of " + rule;
  return finding;
}

json sarif_of(const Report& report, const SarifOptions& options = {}) {
  return json::parse(write_sarif(report, engine::Registry::builtin(), options));
}

std::size_t index_of(const std::string& rule) {
  const auto& rules = engine::Registry::builtin().rules();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].id == rule) return i;
  }
  ADD_FAILURE() << "no rule " << rule;
  return 0;
}

TEST(SarifOutput, ListsEveryRule) {
  json log = sarif_of(Report{});
  const json& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "tlslint");
  EXPECT_EQ(driver["version"], TLSLINT_VERSION);
  EXPECT_FALSE(driver.contains("informationUri"));
  const auto& rules = engine::Registry::builtin().rules();
  ASSERT_EQ(driver["rules"].size(), rules.size());
  std::size_t expired = index_of("cert-expired");
  const json& rule = driver["rules"][expired];
  EXPECT_EQ(rule["id"], "cert-expired");
  EXPECT_EQ(rule["shortDescription"]["text"],
            "a served certificate is past its notAfter date");
  EXPECT_EQ(rule["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(rule["help"]["text"],
            "See docs/rules/cert-expired.md in the tlslint source tree.");
  EXPECT_FALSE(rule.contains("helpUri"));
  EXPECT_EQ(rule["properties"]["tags"], json::array({"certificates"}));
}

TEST(SarifOutput, ShowsSeverityOverrideAsDefaultLevel) {
  SarifOptions options;
  options.severity = {{"ssl-protocols-default", Severity::error},
                      {"cert-expired", Severity::info}};
  json log = sarif_of(Report{}, options);
  const json& rules = log["runs"][0]["tool"]["driver"]["rules"];
  EXPECT_EQ(rules[index_of("ssl-protocols-default")]["defaultConfiguration"]
                 ["level"],
            "error");
  EXPECT_EQ(rules[index_of("cert-expired")]["defaultConfiguration"]["level"],
            "note");
  // A rule without an override keeps its level from rules/*.toml.
  EXPECT_EQ(rules[index_of("weak-key")]["defaultConfiguration"]["level"],
            "error");
}

TEST(SarifOutput, UsesAbsoluteDocsBaseAsHelpUri) {
  SarifOptions options;
  options.docs_base = "https://example.test/rules/";
  options.information_uri = "https://example.test/";
  json log = sarif_of(Report{}, options);
  const json& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["informationUri"], "https://example.test/");
  const json& rule = driver["rules"][index_of("weak-key")];
  EXPECT_EQ(rule["helpUri"], "https://example.test/rules/weak-key.md");
  EXPECT_FALSE(rule.contains("help"));
}

TEST(SarifOutput, MapsSeveritiesToLevels) {
  Report report;
  report.findings = {
      finding_at("cert-expired", Severity::error, "a.conf"),
      finding_at("ssl-protocols-legacy", Severity::warning, "a.conf"),
      finding_at("ssl-protocols-default", Severity::info, "a.conf"),
      finding_at("cert-expiring", Severity::note, "a.conf")};
  json results = sarif_of(report)["runs"][0]["results"];
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0]["level"], "error");
  EXPECT_EQ(results[1]["level"], "warning");
  EXPECT_EQ(results[2]["level"], "note");
  EXPECT_EQ(results[3]["level"], "none");
  EXPECT_EQ(results[3]["kind"], "open");
  EXPECT_FALSE(results[0].contains("kind"));
  EXPECT_EQ(results[1]["ruleId"], "ssl-protocols-legacy");
  EXPECT_EQ(results[1]["ruleIndex"], index_of("ssl-protocols-legacy"));
  EXPECT_EQ(results[1]["message"]["text"], "message of ssl-protocols-legacy");
}

TEST(SarifOutput, WritesRelativePathAgainstSrcroot) {
  Report report;
  report.findings = {
      finding_at("weak-key", Severity::error, "sites/my shop.conf")};
  SarifOptions options;
  options.base_uri = "file:///srv/conf";
  json run = sarif_of(report, options)["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["SRCROOT"]["uri"], "file:///srv/conf/");
  const json& physical = run["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "sites/my%20shop.conf");
  EXPECT_EQ(physical["artifactLocation"]["uriBaseId"], "SRCROOT");
  EXPECT_EQ(physical["region"]["startLine"], 14);
  EXPECT_EQ(physical["region"]["startColumn"], 5);
}

TEST(SarifOutput, WritesAbsolutePathUnderBaseAsRelative) {
  Report report;
  report.findings = {
      finding_at("weak-key", Severity::error, "/srv/conf/nginx.conf"),
      finding_at("weak-key", Severity::error, "/etc/nginx/nginx.conf")};
  SarifOptions options;
  options.base_uri = "file:///srv/conf/";
  json results = sarif_of(report, options)["runs"][0]["results"];
  const json& inside =
      results[0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(inside["uri"], "nginx.conf");
  EXPECT_EQ(inside["uriBaseId"], "SRCROOT");
  const json& outside =
      results[1]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(outside["uri"], "file:///etc/nginx/nginx.conf");
  EXPECT_FALSE(outside.contains("uriBaseId"));
}

TEST(SarifOutput, OmitsSrcrootWithoutBase) {
  json run = sarif_of(Report{})["runs"][0];
  EXPECT_FALSE(run.contains("originalUriBaseIds"));
}

TEST(SarifOutput, WritesNotesAsRelatedLocations) {
  Finding finding = finding_at("cert-expired", Severity::error, "a.conf");
  finding.notes.push_back(
      {Location{"b.conf", 3, 1, 20}, "server \"a.test\" inherits this value"});
  finding.notes.push_back({std::nullopt, "renewal failed"});
  Report report;
  report.findings = {finding};
  json related = sarif_of(report)["runs"][0]["results"][0]["relatedLocations"];
  ASSERT_EQ(related.size(), 2u);
  EXPECT_EQ(related[0]["id"], 1);
  EXPECT_EQ(related[0]["message"]["text"],
            "server \"a.test\" inherits this value");
  EXPECT_EQ(related[0]["physicalLocation"]["artifactLocation"]["uri"],
            "b.conf");
  EXPECT_EQ(related[0]["physicalLocation"]["region"]["startLine"], 3);
  EXPECT_EQ(related[1]["id"], 2);
  EXPECT_EQ(related[1]["physicalLocation"]["artifactLocation"]["uri"],
            "a.conf");
  EXPECT_EQ(related[1]["physicalLocation"]["region"]["startLine"], 14);
}

TEST(SarifOutput, WritesFixAsByteReplacements) {
  Finding finding =
      finding_at("ssl-protocols-legacy", Severity::warning, "a.conf");
  finding.fix = {{"a.conf", 224, 232, ""},
                 {"b.conf", 10, 10, "ssl "},
                 {"a.conf", 300, 305, "TLSv1.2"}};
  Report report;
  report.findings = {finding};
  json fixes = sarif_of(report)["runs"][0]["results"][0]["fixes"];
  ASSERT_EQ(fixes.size(), 1u);
  const json& changes = fixes[0]["artifactChanges"];
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0]["artifactLocation"]["uri"], "a.conf");
  ASSERT_EQ(changes[0]["replacements"].size(), 2u);
  const json& first = changes[0]["replacements"][0];
  EXPECT_EQ(first["deletedRegion"]["byteOffset"], 224);
  EXPECT_EQ(first["deletedRegion"]["byteLength"], 8);
  EXPECT_EQ(first["insertedContent"]["text"], "");
  EXPECT_EQ(changes[0]["replacements"][1]["deletedRegion"]["byteOffset"], 300);
  EXPECT_EQ(changes[1]["artifactLocation"]["uri"], "b.conf");
  EXPECT_EQ(changes[1]["replacements"][0]["deletedRegion"]["byteLength"], 0);
  EXPECT_EQ(changes[1]["replacements"][0]["insertedContent"]["text"], "ssl ");
}

TEST(SarifOutput, WritesToolNotesAsNotifications) {
  Report report;
  report.tool_notes = {"nginx is not on PATH"};
  report.incomplete = true;
  json invocation = sarif_of(report)["runs"][0]["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  const json& notes = invocation["toolExecutionNotifications"];
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]["level"], "note");
  EXPECT_EQ(notes[0]["message"]["text"], "nginx is not on PATH");
}

TEST(SarifOutput, OmitsLocationsWithoutPlace) {
  Finding finding;
  finding.rule_id = "syntax";
  finding.severity = Severity::error;
  finding.message = "unexpected end of file";
  Report report;
  report.findings = {finding};
  json result = sarif_of(report)["runs"][0]["results"][0];
  EXPECT_FALSE(result.contains("locations"));
}

TEST(EncodeUriPath, EscapesReservedBytes) {
  EXPECT_EQ(encode_uri_path("/etc/nginx/a-b_c.d~e"), "/etc/nginx/a-b_c.d~e");
  EXPECT_EQ(encode_uri_path("my site#1?.conf"), "my%20site%231%3F.conf");
  EXPECT_EQ(encode_uri_path("100%"), "100%25");
  EXPECT_EQ(encode_uri_path("caf\xC3\xA9"), "caf%C3%A9");
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> words_of(const fs::path& args_file) {
  std::vector<std::string> words;
  std::istringstream in(read_file(args_file));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream parts(line);
    for (std::string word; parts >> word;) words.push_back(word);
  }
  return words;
}

/// Lints one case of tests/data/cases in `folder` as the CLI would, with its
/// args file's --ca-file, --root and inputs.
std::vector<Finding> lint_case(const fs::path& folder, std::size_t& files) {
  std::vector<std::string> words = words_of(folder / "args");
  std::vector<std::string> inputs;
  certs::TrustOptions trust;
  config::LoadOptions load;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "--ca-file" && i + 1 < words.size()) {
      trust.ca_file = folder / words[++i];
    } else if (words[i] == "--root" && i + 1 < words.size()) {
      load.root = folder / words[++i];
      trust.root = load.root;
    } else {
      inputs.push_back((folder / words[i]).string());
    }
  }
  certs::Store store(trust);
  engine::Options options;
  options.now = std::time(nullptr) + 60;
  options.nginx_version = {1, 22, 1};
  options.nginx_version_assumed = false;
  std::vector<Finding> findings;
  for (const config::Config& config : config::load_inputs(inputs, load)) {
    files += config.files.size();
    std::vector<Finding> found =
        engine::run_checks(config, store, options, engine::Registry::builtin());
    findings.insert(findings.end(), found.begin(), found.end());
  }
  return findings;
}

TEST(SarifOutput, CasesValidateAgainstSchema) {
  testing::TempDir work;
  const fs::path cases = kSource / "tests/data/cases";
  Report report;
  for (const auto& entry : fs::directory_iterator(cases)) {
    if (!entry.is_directory()) continue;
    fs::path folder = fs::path(work.path()) / entry.path().filename();
    fs::copy(entry.path(), folder, fs::copy_options::recursive);
    testing::ProcessResult made =
        testing::run_process({"bash", "make-certs.sh"}, folder.string());
    ASSERT_EQ(made.exit_status, 0) << made.out << made.err;
    report.inputs.push_back(folder.string());
    std::vector<Finding> found = lint_case(folder, report.summary.files);
    report.findings.insert(report.findings.end(), found.begin(), found.end());
  }
  // The cases need not have a finding with a fix, so one is added to cover
  // "fixes".
  Finding fixed = finding_at("ssl-protocols-legacy", Severity::warning,
                             work.path() + "/x.conf");
  fixed.fix = {{work.path() + "/x.conf", 3, 9, "TLSv1.2"}};
  fixed.notes.push_back({std::nullopt, "no place of its own"});
  report.findings.push_back(fixed);
  report.tool_notes = {"nginx is not on PATH"};
  ASSERT_GT(report.findings.size(), 10u);

  SarifOptions options;
  options.base_uri = "file://" + encode_uri_path(work.path());
  std::string sarif = write_sarif(report, engine::Registry::builtin(), options);
  std::string out = work.write("out.sarif", sarif);
  // Debian 12's python3-jsonschema is installed for /usr/bin/python3, which
  // a python3 earlier on PATH (pyenv, a virtualenv) may lack.
  testing::ProcessResult checked = testing::run_process(
      {"/usr/bin/python3", "-c",
       "import json,jsonschema,sys; "
       "jsonschema.validate(json.load(open(sys.argv[1])), "
       "json.load(open(sys.argv[2])))",
       out, (kSource / "tests/data/sarif-schema-2.1.0.json").string()});
  EXPECT_EQ(checked.exit_status, 0) << checked.err;
  EXPECT_EQ(checked.err, "");
}

TEST(SarifOutput, SchemaRejectsBrokenLog) {
  // Shows that the validation above can fail: a result without "message".
  testing::TempDir work;
  json log = json::parse(write_sarif(Report{}, engine::Registry::builtin()));
  log["runs"][0]["results"] = json::array({{{"ruleId", "weak-key"}}});
  std::string out = work.write("broken.sarif", log.dump());
  testing::ProcessResult checked = testing::run_process(
      {"/usr/bin/python3", "-c",
       "import json,jsonschema,sys; "
       "jsonschema.validate(json.load(open(sys.argv[1])), "
       "json.load(open(sys.argv[2])))",
       out, (kSource / "tests/data/sarif-schema-2.1.0.json").string()});
  EXPECT_NE(checked.exit_status, 0);
  EXPECT_NE(checked.err.find("'message' is a required property"),
            std::string::npos)
      << checked.err;
}

}  // namespace
}  // namespace tlslint::output
