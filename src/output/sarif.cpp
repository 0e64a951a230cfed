#include "output/sarif.h"

#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

namespace tlslint::output {
namespace {

using json = nlohmann::ordered_json;
using engine::Severity;

constexpr const char* kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json";
constexpr const char* kBaseId = "SRCROOT";

/// Maps a severity to a SARIF level. tlslint's info is advice, which SARIF
/// calls "note". A tlslint note is not a finding, so it gets "none".
const char* level_of(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "note";
    case Severity::note:
      return "none";
  }
  return "none";
}

std::string with_slash(std::string uri) {
  if (!uri.empty() && uri.back() != '/') uri += '/';
  return uri;
}

bool is_absolute_uri(const std::string& text) {
  return text.find("://") != std::string::npos;
}

json artifact_location(const std::string& file, const SarifOptions& options) {
  std::string encoded = encode_uri_path(file);
  if (!file.starts_with('/')) {
    return {{"uri", encoded}, {"uriBaseId", kBaseId}};
  }
  std::string base = with_slash(options.base_uri);
  const std::string scheme = "file://";
  if (base.starts_with(scheme)) {
    std::string base_path = base.substr(scheme.size());
    if (encoded.starts_with(base_path) && encoded.size() > base_path.size()) {
      return {{"uri", encoded.substr(base_path.size())},
              {"uriBaseId", kBaseId}};
    }
  }
  return {{"uri", scheme + encoded}};
}

json physical_location(const engine::Location& where,
                       const SarifOptions& options) {
  json physical;
  physical["artifactLocation"] = artifact_location(where.file, options);
  if (where.line > 0) {
    json region;
    region["startLine"] = where.line;
    if (where.column > 0) region["startColumn"] = where.column;
    physical["region"] = std::move(region);
  }
  return physical;
}

json fixes_json(const std::vector<engine::Edit>& edits,
                const SarifOptions& options) {
  // SARIF groups replacements by file; files keep the order of their first
  // edit.
  json changes = json::array();
  std::map<std::string, std::size_t> index_of;
  for (const engine::Edit& edit : edits) {
    auto [at, added] = index_of.emplace(edit.file, changes.size());
    if (added) {
      changes.push_back(
          {{"artifactLocation", artifact_location(edit.file, options)},
           {"replacements", json::array()}});
    }
    // tlslint edits count bytes, and SARIF regions count characters in
    // charOffset/charLength but bytes in byteOffset/byteLength.
    json replacement;
    replacement["deletedRegion"] = {{"byteOffset", edit.begin},
                                    {"byteLength", edit.end - edit.begin}};
    replacement["insertedContent"] = {{"text", edit.replacement}};
    changes[at->second]["replacements"].push_back(std::move(replacement));
  }
  return json::array({{{"artifactChanges", std::move(changes)}}});
}

json result_json(const engine::Finding& finding,
                 const engine::Registry& registry,
                 const SarifOptions& options) {
  json result;
  result["ruleId"] = finding.rule_id;
  const auto& rules = registry.rules();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].id == finding.rule_id) result["ruleIndex"] = i;
  }
  if (finding.severity == Severity::note) {
    // A tlslint note marks a check that could not decide ("not checked,
    // ..."). SARIF calls that kind "open", and its level must be "none".
    result["kind"] = "open";
  }
  result["level"] = level_of(finding.severity);
  result["message"] = {{"text", finding.message}};
  if (finding.where) {
    result["locations"] = json::array(
        {{{"physicalLocation", physical_location(*finding.where, options)}}});
  }
  json related = json::array();
  for (const engine::RelatedNote& note : finding.notes) {
    // As in the text output, a note without a place of its own belongs to
    // its finding's place.
    const auto& where = note.where ? note.where : finding.where;
    json location;
    location["id"] = related.size() + 1;
    if (where) {
      location["physicalLocation"] = physical_location(*where, options);
    }
    location["message"] = {{"text", note.message}};
    related.push_back(std::move(location));
  }
  if (!related.empty()) result["relatedLocations"] = std::move(related);
  if (!finding.fix.empty()) result["fixes"] = fixes_json(finding.fix, options);
  return result;
}

json rule_json(const engine::RuleInfo& rule, const SarifOptions& options) {
  json entry;
  entry["id"] = rule.id;
  entry["shortDescription"] = {{"text", rule.summary}};
  auto level = options.severity.find(rule.id);
  Severity effective =
      level == options.severity.end() ? rule.severity : level->second;
  entry["defaultConfiguration"] = {{"level", level_of(effective)}};
  std::string url = docs_url(options.docs_base, rule.id);
  if (is_absolute_uri(url)) {
    entry["helpUri"] = url;
  } else {
    entry["help"] = {{"text", "See " + url + " in the tlslint source tree."}};
  }
  entry["properties"] = {{"tags", json::array({rule.family})}};
  return entry;
}

json driver_json(const engine::Registry& registry,
                 const SarifOptions& options) {
  json driver;
  driver["name"] = "tlslint";
  driver["version"] = TLSLINT_VERSION;
  driver["semanticVersion"] = TLSLINT_VERSION;
  if (!options.information_uri.empty()) {
    driver["informationUri"] = options.information_uri;
  }
  json rules = json::array();
  for (const engine::RuleInfo& rule : registry.rules()) {
    rules.push_back(rule_json(rule, options));
  }
  driver["rules"] = std::move(rules);
  return driver;
}

json invocation_json(const Report& report) {
  json invocation;
  invocation["executionSuccessful"] = !report.incomplete;
  json notifications = json::array();
  for (const std::string& error : report.errors) {
    notifications.push_back(
        {{"level", "error"}, {"message", {{"text", error}}}});
  }
  for (const std::string& note : report.tool_notes) {
    notifications.push_back({{"level", "note"}, {"message", {{"text", note}}}});
  }
  if (!notifications.empty()) {
    invocation["toolExecutionNotifications"] = std::move(notifications);
  }
  return invocation;
}

}  // namespace

std::string encode_uri_path(const std::string& path) {
  std::string encoded;
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                 c == '~' || c == '/';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      char escape[4];
      std::snprintf(escape, sizeof escape, "%%%02X", c);
      encoded += escape;
    }
  }
  return encoded;
}

std::string write_sarif(const Report& report, const engine::Registry& registry,
                        const SarifOptions& options) {
  json run;
  run["tool"] = {{"driver", driver_json(registry, options)}};
  run["invocations"] = json::array({invocation_json(report)});
  if (!options.base_uri.empty()) {
    run["originalUriBaseIds"] = {
        {kBaseId, {{"uri", with_slash(options.base_uri)}}}};
  }
  // NOTE: tlslint columns count bytes, so they equal code points only where
  // the line is ASCII up to the column.
  run["columnKind"] = "unicodeCodePoints";
  json results = json::array();
  for (const engine::Finding& finding : report.findings) {
    results.push_back(result_json(finding, registry, options));
  }
  run["results"] = std::move(results);

  json log;
  log["$schema"] = kSchemaUri;
  log["version"] = "2.1.0";
  log["runs"] = json::array({std::move(run)});
  // Messages quote configuration text, which need not be UTF-8, so invalid
  // bytes become U+FFFD instead of making dump() throw.
  return log.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace tlslint::output
