#include "output/json.h"

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.h"

namespace tlslint::output {
namespace {

using engine::Finding;
using engine::Location;
using engine::Severity;
using nlohmann::json;

Finding legacy_finding() {
  Finding finding;
  finding.rule_id = "ssl-protocols-legacy";
  finding.severity = Severity::warning;
  finding.where = Location{"sites/shop.conf", 14, 5, 210};
  finding.message = "\"ssl_protocols\" enables TLSv1.1";
  finding.notes.push_back({Location{"nginx.conf", 22, 3, 400},
                           "server \"a.test\" inherits this value"});
  finding.notes.push_back({std::nullopt, "a note at the finding's place"});
  finding.fix.push_back({"sites/shop.conf", 224, 232, ""});
  return finding;
}

Report sample_report() {
  Report report;
  report.inputs = {"sites/shop.conf"};
  report.findings = {legacy_finding()};
  report.summary = {0, 1, 0, 2, 1};
  report.tool_notes = {"nginx is not on PATH"};
  return report;
}

TEST(JsonOutput, WritesWholeDocument) {
  std::string expected = R"({
  "version": 1,
  "tool": {
    "name": "tlslint",
    "version": ")" TLSLINT_VERSION R"("
  },
  "inputs": [
    "sites/shop.conf"
  ],
  "config_file": null,
  "findings": [
    {
      "rule": "ssl-protocols-legacy",
      "severity": "warning",
      "message": "\"ssl_protocols\" enables TLSv1.1",
      "file": "sites/shop.conf",
      "line": 14,
      "column": 5,
      "notes": [
        {
          "message": "server \"a.test\" inherits this value",
          "file": "nginx.conf",
          "line": 22,
          "column": 3
        },
        {
          "message": "a note at the finding's place",
          "file": "sites/shop.conf",
          "line": 14,
          "column": 5
        }
      ],
      "fix": [
        {
          "file": "sites/shop.conf",
          "begin": 224,
          "end": 232,
          "replacement": ""
        }
      ],
      "new_files": [],
      "docs": "docs/rules/ssl-protocols-legacy.md"
    }
  ],
  "notes": [
    "nginx is not on PATH"
  ],
  "errors": [],
  "incomplete": false,
  "summary": {
    "errors": 0,
    "warnings": 1,
    "infos": 0,
    "files": 2,
    "certificate_files": 1
  }
}
)";
  EXPECT_EQ(write_json(sample_report()), expected);
}

TEST(JsonOutput, UsesDocsBase) {
  JsonOptions options;
  options.docs_base = "https://example.test/rules";
  json document = json::parse(write_json(sample_report(), options));
  EXPECT_EQ(document["findings"][0]["docs"],
            "https://example.test/rules/ssl-protocols-legacy.md");
}

TEST(JsonOutput, WritesNullPlaceWithoutLocation) {
  Report report;
  Finding finding;
  finding.rule_id = "syntax";
  finding.severity = Severity::error;
  finding.message = "unexpected end of file";
  report.findings.push_back(finding);
  json document = json::parse(write_json(report));
  const json& written = document["findings"][0];
  EXPECT_TRUE(written["file"].is_null());
  EXPECT_TRUE(written["line"].is_null());
  EXPECT_TRUE(written["column"].is_null());
  EXPECT_EQ(written["fix"], json::array());
  EXPECT_EQ(written["notes"], json::array());
}

TEST(JsonOutput, WritesNoteSeverity) {
  Report report;
  Finding finding;
  finding.rule_id = "cert-expired";
  finding.severity = Severity::note;
  finding.message = "not checked";
  report.findings.push_back(finding);
  json document = json::parse(write_json(report));
  EXPECT_EQ(document["findings"][0]["severity"], "note");
}

TEST(JsonOutput, ReplacesInvalidUtf8) {
  Report report;
  Finding finding;
  finding.rule_id = "syntax";
  finding.message = "unknown directive \"\xff\"";
  report.findings.push_back(finding);
  json document = json::parse(write_json(report));
  EXPECT_EQ(document["findings"][0]["message"],
            "unknown directive \"\xEF\xBF\xBD\"");
}

TEST(JsonOutput, MarksIncompleteRun) {
  Report report;
  report.incomplete = true;
  json document = json::parse(write_json(report));
  EXPECT_EQ(document["incomplete"], true);
  EXPECT_EQ(document["findings"], json::array());
}

TEST(DocsUrl, AddsMissingSlash) {
  EXPECT_EQ(docs_url("docs/rules/", "weak-key"), "docs/rules/weak-key.md");
  EXPECT_EQ(docs_url("docs/rules", "weak-key"), "docs/rules/weak-key.md");
  EXPECT_EQ(docs_url("", "weak-key"), "weak-key.md");
}

}  // namespace
}  // namespace tlslint::output

namespace tlslint::output {
namespace {

TEST(JsonOutput, ListsUnreadableInputs) {
  testing::TempDir dir;
  dir.write("site.conf", "server { listen 80; }\n");
  testing::ProcessResult result = testing::run_tlslint(
      {"--no-config", "--format", "json", "site.conf", "missing.conf"},
      dir.path());
  EXPECT_EQ(result.exit_status, 2);
  nlohmann::json document = nlohmann::json::parse(result.out);
  ASSERT_EQ(document["errors"].size(), 1u) << result.out;
  EXPECT_NE(document["errors"][0].get<std::string>().find("missing.conf"),
            std::string::npos);
  EXPECT_EQ(document["incomplete"], true);
  EXPECT_EQ(document["summary"]["files"], 1);
}

}  // namespace
}  // namespace tlslint::output
