#include "output/json.h"

#include <nlohmann/json.hpp>

namespace tlslint::output {
namespace {

// Keys stay in the order written, as docs/json-output.md lists them.
using json = nlohmann::ordered_json;

/// File, line and column, or nulls for a finding that has no place.
void add_place(json& object, const std::optional<engine::Location>& where) {
  if (where) {
    object["file"] = where->file;
    // Line 0 marks a whole file (a symbolic link, a missing hook).
    if (where->line == 0) {
      object["line"] = nullptr;
      object["column"] = nullptr;
    } else {
      object["line"] = where->line;
      object["column"] = where->column;
    }
  } else {
    object["file"] = nullptr;
    object["line"] = nullptr;
    object["column"] = nullptr;
  }
}

json finding_json(const engine::Finding& finding, const JsonOptions& options) {
  json object;
  object["rule"] = finding.rule_id;
  object["severity"] = std::string(engine::to_string(finding.severity));
  object["message"] = finding.message;
  add_place(object, finding.where);
  json notes = json::array();
  for (const engine::RelatedNote& note : finding.notes) {
    json entry;
    entry["message"] = note.message;
    // As in the text output, a note without a place of its own belongs to
    // its finding's place.
    add_place(entry, note.where ? note.where : finding.where);
    notes.push_back(std::move(entry));
  }
  object["notes"] = std::move(notes);
  json fix = json::array();
  for (const engine::Edit& edit : finding.fix) {
    fix.push_back({{"file", edit.file},
                   {"begin", edit.begin},
                   {"end", edit.end},
                   {"replacement", edit.replacement}});
  }
  object["fix"] = std::move(fix);
  json new_files = json::array();
  for (const engine::NewFile& file : finding.new_files) {
    new_files.push_back(
        {{"path", file.path}, {"mode", file.mode}, {"text", file.text}});
  }
  object["new_files"] = std::move(new_files);
  object["docs"] = docs_url(options.docs_base, finding.rule_id);
  return object;
}

}  // namespace

std::string write_json(const Report& report, const JsonOptions& options) {
  json document;
  document["version"] = kJsonFormatVersion;
  document["tool"] = {{"name", "tlslint"}, {"version", TLSLINT_VERSION}};
  document["inputs"] = report.inputs;
  if (report.config_file.empty()) {
    document["config_file"] = nullptr;
  } else {
    document["config_file"] = report.config_file;
  }
  json findings = json::array();
  for (const engine::Finding& finding : report.findings) {
    findings.push_back(finding_json(finding, options));
  }
  document["findings"] = std::move(findings);
  document["notes"] = report.tool_notes;
  document["errors"] = report.errors;
  document["incomplete"] = report.incomplete;
  document["summary"] = {{"errors", report.summary.errors},
                         {"warnings", report.summary.warnings},
                         {"infos", report.summary.infos},
                         {"files", report.summary.files},
                         {"certificate_files", report.summary.certificates}};
  // Messages quote configuration text, which need not be UTF-8, so invalid
  // bytes become U+FFFD instead of making dump() throw.
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace tlslint::output
