#include "host/letsencrypt/renewal_conf.h"

#include <cctype>
#include <charconv>
#include <set>
#include <utility>

#include <fmt/core.h>

namespace tlslint::host::letsencrypt {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text[0]))) {
    text.remove_prefix(1);
  }
  while (!text.empty() &&
         std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::string lower(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return result;
}

/// Removes one pair of matching quotes, or, for an unquoted value, an
/// inline comment: configobj treats `#` after the value as a comment.
std::string unquote(std::string_view value) {
  value = trim(value);
  if (value.size() >= 2 && (value[0] == '"' || value[0] == '\'')) {
    auto close = value.find(value[0], 1);
    if (close != std::string_view::npos) {
      return std::string(value.substr(1, close - 1));
    }
  }
  auto comment = value.find(" #");
  if (comment != std::string_view::npos) value = value.substr(0, comment);
  return std::string(trim(value));
}

/// Counts the brackets of `[name]` or `[[name]]`; 0 when `line` is not a
/// section header.
std::size_t header_depth(std::string_view line, std::string& name) {
  std::size_t depth = 0;
  while (depth < line.size() && line[depth] == '[') ++depth;
  if (depth == 0) return 0;
  std::string_view rest = line.substr(depth);
  auto close = rest.find(']');
  if (close == std::string_view::npos) return 0;
  std::string_view closing = rest.substr(close);
  if (closing.substr(0, depth) != std::string(depth, ']')) return 0;
  name = std::string(trim(rest.substr(0, close)));
  return depth;
}

}  // namespace

const ConfEntry* RenewalConf::find(std::string_view section,
                                   std::string_view key) const {
  for (const ConfEntry& entry : entries) {
    if (entry.section == section && entry.key == key) return &entry;
  }
  return nullptr;
}

RenewalConf parse_renewal_conf(std::string_view text) {
  RenewalConf conf;
  std::vector<std::string> path;  // section names, outermost first
  std::set<std::pair<std::string, std::string>> seen;
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    auto end = text.find('\n');
    std::string_view raw = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view()
                                         : text.substr(end + 1);
    std::string_view line = trim(raw);
    if (line.empty() || line[0] == '#') continue;

    std::string name;
    if (std::size_t depth = header_depth(line, name)) {
      if (depth > path.size() + 1) {
        conf.errors.push_back(
            {number, fmt::format("section \"{}\" is nested too deeply", name)});
        continue;
      }
      path.resize(depth - 1);
      path.push_back(name);
      continue;
    }

    auto equals = line.find('=');
    if (equals == std::string_view::npos) {
      conf.errors.push_back(
          {number, fmt::format("\"{}\" is not \"key = value\"", line)});
      continue;
    }
    ConfEntry entry;
    for (const std::string& part : path) {
      if (!entry.section.empty()) entry.section += '/';
      entry.section += part;
    }
    entry.key = unquote(line.substr(0, equals));
    entry.value = unquote(line.substr(equals + 1));
    entry.line = number;
    if (!seen.emplace(entry.section, entry.key).second) {
      conf.errors.push_back(
          {number, fmt::format("duplicate key \"{}\"", entry.key)});
      continue;
    }
    conf.entries.push_back(std::move(entry));
  }
  return conf;
}

std::optional<bool> parse_bool(std::string_view value) {
  std::string word = lower(trim(value));
  if (word == "true" || word == "yes" || word == "on" || word == "1") {
    return true;
  }
  if (word == "false" || word == "no" || word == "off" || word == "0") {
    return false;
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_interval(std::string_view value) {
  struct Unit {
    const char* name;
    std::int64_t seconds;
  };
  // Months and years as parsedatetime counts them from the renewal date
  // vary; 30 and 365 days are close enough for a sanity check.
  static const Unit kUnits[] = {
      {"s", 1},           {"sec", 1},         {"second", 1}, {"m", 60},
      {"min", 60},        {"minute", 60},     {"h", 3600},   {"hour", 3600},
      {"d", 86400},       {"day", 86400},     {"w", 604800}, {"week", 604800},
      {"month", 2592000}, {"year", 31536000},
  };
  std::string text = lower(trim(value));
  std::string_view rest = text;
  std::int64_t total = 0;
  bool any = false;
  while (!(rest = trim(rest)).empty()) {
    std::int64_t count = 0;
    auto [after, error] =
        std::from_chars(rest.data(), rest.data() + rest.size(), count);
    if (error != std::errc() || count < 0) return std::nullopt;
    rest = trim(rest.substr(after - rest.data()));
    std::size_t letters = 0;
    while (letters < rest.size() &&
           std::isalpha(static_cast<unsigned char>(rest[letters]))) {
      ++letters;
    }
    std::string_view word = rest.substr(0, letters);
    if (word.size() > 1 && word.back() == 's') word.remove_suffix(1);
    rest = rest.substr(letters);
    if (!rest.empty() && rest[0] == ',') rest.remove_prefix(1);
    const Unit* unit = nullptr;
    for (const Unit& candidate : kUnits) {
      if (word == candidate.name) unit = &candidate;
    }
    if (!unit) return std::nullopt;
    total += count * unit->seconds;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

std::vector<std::string> split_list(std::string_view value) {
  std::vector<std::string> items;
  while (!value.empty()) {
    auto comma = value.find(',');
    std::string item = unquote(value.substr(0, comma));
    if (!item.empty()) items.push_back(item);
    if (comma == std::string_view::npos) break;
    value = value.substr(comma + 1);
  }
  return items;
}

}  // namespace tlslint::host::letsencrypt
