#include "engine/registry.h"
#include "engine/edit_distance.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/core.h>
#include <toml++/toml.h>

#include "engine/rules_data.h"
#include "rules/all_rules.h"

namespace tlslint::engine {
namespace {

std::string stem_of(const std::string& file_name) {
  auto dot = file_name.rfind('.');
  return dot == std::string::npos ? file_name : file_name.substr(0, dot);
}

RuleInfo parse_rule(const toml::table& entry, const std::string& file_name) {
  RuleInfo info;
  info.family = stem_of(file_name);
  auto id = entry["id"].value<std::string>();
  auto severity = entry["severity"].value<std::string>();
  auto summary = entry["summary"].value<std::string>();
  if (!id || id->empty()) {
    throw std::invalid_argument(
        fmt::format("{}: a [[rule]] entry has no \"id\"", file_name));
  }
  info.id = *id;
  if (!severity || !parse_severity(*severity)) {
    throw std::invalid_argument(fmt::format(
        "{}: rule \"{}\" needs severity \"error\", \"warning\" or \"info\"",
        file_name, info.id));
  }
  info.severity = *parse_severity(*severity);
  if (!summary || summary->empty()) {
    throw std::invalid_argument(
        fmt::format("{}: rule \"{}\" has no summary", file_name, info.id));
  }
  info.summary = *summary;
  info.fixable = entry["fixable"].value_or(false);
  return info;
}

}  // namespace

Registry Registry::from_sources(
    const std::vector<std::pair<std::string, std::string>>& sources) {
  Registry registry;
  for (const auto& [file_name, text] : sources) {
    toml::table document;
    try {
      document = toml::parse(text, file_name);
    } catch (const toml::parse_error& error) {
      throw std::invalid_argument(fmt::format(
          "{}:{}: {}", file_name, error.source().begin.line,
          error.description()));
    }
    const auto* entries = document["rule"].as_array();
    if (!entries) {
      throw std::invalid_argument(
          fmt::format("{}: no [[rule]] entries", file_name));
    }
    for (const auto& node : *entries) {
      const auto* entry = node.as_table();
      if (!entry) {
        throw std::invalid_argument(
            fmt::format("{}: \"rule\" must be an array of tables", file_name));
      }
      RuleInfo info = parse_rule(*entry, file_name);
      if (registry.find(info.id)) {
        throw std::invalid_argument(fmt::format(
            "{}: rule \"{}\" is defined twice", file_name, info.id));
      }
      registry.rules_.push_back(std::move(info));
    }
  }
  std::sort(registry.rules_.begin(), registry.rules_.end(),
            [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
  return registry;
}

const Registry& Registry::builtin() {
  static const Registry registry = [] {
    std::vector<std::pair<std::string, std::string>> sources;
    for (const auto& source : rule_sources()) {
      sources.emplace_back(std::string(source.file_name),
                           std::string(source.text));
    }
    Registry built;
    try {
      built = from_sources(sources);
    } catch (const std::invalid_argument& error) {
      throw std::logic_error(error.what());
    }
    rules::register_all_rules(built);
    return built;
  }();
  return registry;
}

Finding Registry::make_finding(std::string_view id,
                               std::optional<Location> where,
                               std::string message) const {
  const RuleInfo* info = find(id);
  if (!info) {
    throw std::logic_error(
        fmt::format("rule \"{}\" is not in rules/*.toml", id));
  }
  Finding finding;
  finding.rule_id = info->id;
  finding.severity = info->severity;
  finding.where = std::move(where);
  finding.message = std::move(message);
  return finding;
}

const RuleInfo* Registry::find(std::string_view id) const {
  for (const auto& rule : rules_) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

std::vector<std::string> Registry::closest(std::string_view id) const {
  const std::size_t limit = id.size() / 3 + 2;
  std::size_t best = limit + 1;
  std::vector<std::string> matches;
  for (const auto& rule : rules_) {
    std::size_t distance = edit_distance(id, rule.id);
    // A fragment such as "expired" should suggest "cert-expired".
    if (id.size() >= 4 && rule.id.find(id) != std::string::npos) {
      distance = std::min<std::size_t>(distance, 1);
    }
    if (distance > limit) continue;
    if (distance < best) {
      best = distance;
      matches.clear();
    }
    if (distance == best) matches.push_back(rule.id);
  }
  if (matches.size() > 3) matches.resize(3);
  return matches;
}

}  // namespace tlslint::engine
