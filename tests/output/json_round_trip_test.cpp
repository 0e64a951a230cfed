// The JSON document of a real run: every field read back with nlohmann,
// compared with the text output of the same run, written again from the
// parsed values byte for byte, and its fix edits applied by hand give what
// --fix writes.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "output/json.h"
#include "support/process.h"

namespace tlslint::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// Findings with related notes, a fix of each kind, and --certs=optional
/// notes, so that every field of a finding has a value.
const std::string kConfig = R"(events {}
http {
    # every server below inherits this
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;

    server {
        listen 443 ssl http2;
        server_name a.test;
        ssl_certificate     /etc/ssl/tlslint-absent/a.test/fullchain.pem;
        ssl_certificate_key /etc/ssl/tlslint-absent/a.test/privkey.pem;
    }

    server {
        listen 8443 ssl;
        server_name b.test;
        ssl on;
        ssl_reject_handshake on;
    }
}
)";

const std::vector<std::string> kArgs = {"--nginx-version", "1.26.0",
                                        "--certs=optional", "nginx.conf"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::optional<engine::Location> place_of(const json& object) {
  if (object.at("file").is_null()) return std::nullopt;
  return engine::Location{object.at("file").get<std::string>(),
                          object.at("line").get<std::size_t>(),
                          object.at("column").get<std::size_t>(), 0};
}

engine::Finding finding_of(const json& object) {
  engine::Finding finding;
  finding.rule_id = object.at("rule").get<std::string>();
  std::string severity = object.at("severity").get<std::string>();
  // parse_severity reads the levels a user may set, which exclude "note".
  finding.severity = severity == "note" ? engine::Severity::note
                                        : *engine::parse_severity(severity);
  finding.message = object.at("message").get<std::string>();
  finding.where = place_of(object);
  for (const json& note : object.at("notes")) {
    finding.notes.push_back(
        {place_of(note), note.at("message").get<std::string>()});
  }
  for (const json& edit : object.at("fix")) {
    finding.fix.push_back({edit.at("file").get<std::string>(),
                           edit.at("begin").get<std::size_t>(),
                           edit.at("end").get<std::size_t>(),
                           edit.at("replacement").get<std::string>()});
  }
  return finding;
}

/// Reads the report back from the document. Every field is read with at(),
/// so a missing field throws.
output::Report report_of(const json& document) {
  output::Report report;
  report.inputs = document.at("inputs").get<std::vector<std::string>>();
  if (!document.at("config_file").is_null()) {
    report.config_file = document.at("config_file").get<std::string>();
  }
  for (const json& finding : document.at("findings")) {
    report.findings.push_back(finding_of(finding));
  }
  report.tool_notes = document.at("notes").get<std::vector<std::string>>();
  report.incomplete = document.at("incomplete").get<bool>();
  const json& summary = document.at("summary");
  report.summary.errors = summary.at("errors").get<std::size_t>();
  report.summary.warnings = summary.at("warnings").get<std::size_t>();
  report.summary.infos = summary.at("infos").get<std::size_t>();
  report.summary.files = summary.at("files").get<std::size_t>();
  report.summary.certificates =
      summary.at("certificate_files").get<std::size_t>();
  return report;
}

class JsonRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write(".tlslint.toml", "fail-on = \"error\"\n");
    dir_.write("nginx.conf", kConfig);
    std::vector<std::string> args = {"--format", "json"};
    args.insert(args.end(), kArgs.begin(), kArgs.end());
    json_run_ = run_tlslint(args, dir_.path());
    text_run_ = run_tlslint(kArgs, dir_.path());
    document_ = json::parse(json_run_.out);
  }

  TempDir dir_;
  ProcessResult json_run_;
  ProcessResult text_run_;
  json document_;
};

TEST_F(JsonRoundTrip, HeaderFields) {
  EXPECT_EQ(json_run_.exit_status, 1) << json_run_.err;
  EXPECT_EQ(document_.at("version"), 1);
  EXPECT_EQ(document_.at("tool").at("name"), "tlslint");
  EXPECT_EQ(document_.at("tool").at("version"), TLSLINT_VERSION);
  EXPECT_EQ(document_.at("inputs"), json::array({"nginx.conf"}));
  EXPECT_EQ(document_.at("config_file"), dir_.path() + "/.tlslint.toml");
  EXPECT_EQ(document_.at("notes"), json::array());
  EXPECT_EQ(document_.at("incomplete"), false);
  const json& summary = document_.at("summary");
  EXPECT_EQ(summary.at("errors"), 1);
  EXPECT_EQ(summary.at("warnings"), 1);
  EXPECT_EQ(summary.at("infos"), 1);
  EXPECT_EQ(summary.at("files"), 1);
  EXPECT_EQ(summary.at("certificate_files"), 0);
}

TEST_F(JsonRoundTrip, FindingsMatchTextOutput) {
  // Related notes are lines without a rule id; they are checked below.
  std::vector<FindingLine> lines;
  for (const FindingLine& line : parse_findings(text_run_.out)) {
    if (!line.rule.empty()) lines.push_back(line);
  }
  const json& findings = document_.at("findings");
  ASSERT_EQ(findings.size(), lines.size()) << text_run_.out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const json& finding = findings[i];
    EXPECT_EQ(finding.at("rule"), lines[i].rule);
    EXPECT_EQ(finding.at("severity"), lines[i].severity);
    EXPECT_EQ(finding.at("message"), lines[i].message);
    EXPECT_EQ(finding.at("file"), lines[i].file);
    EXPECT_EQ(finding.at("line"), lines[i].line);
    EXPECT_EQ(finding.at("column"), lines[i].column);
    EXPECT_EQ(finding.at("docs"), "docs/rules/" + lines[i].rule + ".md");
    for (const json& note : finding.at("notes")) {
      std::string text = note.at("file").get<std::string>() + ":" +
                         std::to_string(note.at("line").get<int>()) + ":" +
                         std::to_string(note.at("column").get<int>()) +
                         ": note: " + note.at("message").get<std::string>();
      EXPECT_NE(text_run_.out.find(text + "\n"), std::string::npos) << text;
    }
  }
  // The run has every kind of value: related notes, fixes and a note.
  const json& legacy = findings.at(0);
  EXPECT_EQ(legacy.at("rule"), "ssl-protocols-legacy");
  EXPECT_EQ(legacy.at("notes").size(), 2u);
  EXPECT_EQ(legacy.at("fix").size(), 1u);
  EXPECT_EQ(findings.at(2).at("severity"), "note");
}

TEST_F(JsonRoundTrip, WritesSameDocumentFromParsedValues) {
  EXPECT_EQ(output::write_json(report_of(document_)), json_run_.out);
}

TEST_F(JsonRoundTrip, FixEditsGiveFixResult) {
  // Each finding's edits apply together; edits of different findings here
  // do not overlap, so they apply from the end of the file backwards.
  std::map<std::string, std::vector<engine::Edit>> edits;
  for (const engine::Finding& finding : report_of(document_).findings) {
    for (const engine::Edit& edit : finding.fix) {
      edits[edit.file].push_back(edit);
    }
  }
  ASSERT_EQ(edits.size(), 1u);
  std::vector<engine::Edit>& in_file = edits.at("nginx.conf");
  ASSERT_GE(in_file.size(), 3u);
  std::sort(in_file.begin(), in_file.end(),
            [](const engine::Edit& a, const engine::Edit& b) {
              return a.begin > b.begin;
            });
  std::string expected = kConfig;
  for (const engine::Edit& edit : in_file) {
    expected.replace(edit.begin, edit.end - edit.begin, edit.replacement);
  }
  std::vector<std::string> args = {"--fix"};
  args.insert(args.end(), kArgs.begin(), kArgs.end());
  ProcessResult fixed = run_tlslint(args, dir_.path());
  EXPECT_NE(fixed.exit_status, 2) << fixed.out << fixed.err;
  EXPECT_EQ(read_file(fs::path(dir_.path()) / "nginx.conf"), expected);
}

}  // namespace
}  // namespace tlslint::testing
