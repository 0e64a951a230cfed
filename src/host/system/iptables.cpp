// iptables-save and ip6tables-save output (iptables-save(8)): the filter
// table's OUTPUT chain and the user chains it jumps to.
#include <algorithm>
#include <charconv>
#include <set>
#include <string>

#include "host/system/firewall.h"
#include "host/system/text.h"

namespace tlslint::host::system {
namespace {

/// Splits a rule line into words; iptables-save puts double quotes around
/// arguments with blanks (`--comment "a b"`), with `\"` inside.
std::vector<std::string> tokens_of(std::string_view line) {
  std::vector<std::string> tokens;
  std::size_t at = 0;
  while (at < line.size()) {
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) ++at;
    if (at >= line.size()) break;
    std::string token;
    bool quoted = false;
    while (at < line.size() &&
           (quoted || (line[at] != ' ' && line[at] != '\t'))) {
      char c = line[at++];
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted && at < line.size()) {
        token += line[at++];
      } else {
        token += c;
      }
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::optional<int> to_port(std::string_view text) {
  int port = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(),
                                      port);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return port;
}

/// "443", "8000:8100" or a comma list of those (--dports). Returns false
/// for anything else, such as a service name.
bool parse_ports(std::string_view text, FirewallRule& rule) {
  while (!text.empty()) {
    std::string_view item = text.substr(0, text.find(','));
    text.remove_prefix(std::min(text.size(), item.size() + 1));
    auto colon = item.find(':');
    std::optional<int> first = to_port(item.substr(0, colon));
    std::optional<int> last =
        colon == std::string_view::npos ? first
                                        : to_port(item.substr(colon + 1));
    if (!first || !last) return false;
    rule.ports.emplace_back(*first, *last);
  }
  return true;
}

std::string protocol_name(const std::string& value) {
  if (value == "6") return "tcp";
  if (value == "17") return "udp";
  if (value == "all" || value == "0") return "";
  return value;
}

/// True when a conntrack/state list leaves out NEW, so that the rule never
/// matches the first packet of a connection.
bool excludes_new(const std::string& states) {
  return states.find("NEW") == std::string::npos &&
         states.find("UNTRACKED") == std::string::npos;
}

Verdict verdict_of(const std::string& target) {
  if (target == "ACCEPT") return Verdict::accept;
  if (target == "DROP") return Verdict::drop;
  if (target == "REJECT") return Verdict::reject;
  if (target == "RETURN") return Verdict::return_;
  return Verdict::jump;
}

/// Matches that change nothing about which new connections match.
const std::set<std::string> kNeutralModules = {"tcp", "udp", "multiport",
                                               "conntrack", "state",
                                               "comment"};

}  // namespace

FirewallRule parse_iptables_rule(std::string_view line) {
  FirewallRule rule;
  rule.text = std::string(trim(line));
  std::vector<std::string> tokens = tokens_of(line);
  std::size_t at = 0;
  // iptables-save -c prefixes each rule with "[packets:bytes]".
  if (at < tokens.size() && tokens[at].starts_with('[')) ++at;
  if (at < tokens.size() && (tokens[at] == "-A" || tokens[at] == "-I")) at += 2;
  bool negate = false;
  while (at < tokens.size()) {
    const std::string& option = tokens[at++];
    auto value = [&]() -> std::string {
      return at < tokens.size() ? tokens[at++] : std::string();
    };
    if (option == "!") {
      negate = true;
      continue;
    }
    bool negated = negate;
    negate = false;
    if (option == "-p" || option == "--protocol") {
      rule.protocol = protocol_name(value());
      if (negated) rule.narrowed = true;
    } else if (option == "-m" || option == "--match") {
      if (!kNeutralModules.contains(value())) rule.narrowed = true;
    } else if (option == "--dport" || option == "--destination-port" ||
               option == "--dports" || option == "--destination-ports") {
      if (negated || !parse_ports(value(), rule)) rule.narrowed = true;
    } else if (option == "--ctstate" || option == "--state") {
      std::string states = value();
      if (negated) {
        rule.narrowed = true;
      } else if (excludes_new(states)) {
        rule.established_only = true;
      }
    } else if (option == "--comment") {
      value();
    } else if (option == "--syn") {
      // New TCP connections start with SYN, so this narrows nothing here.
    } else if (option == "--tcp-flags") {
      value();
      value();
    } else if (option == "-j" || option == "--jump" || option == "-g" ||
               option == "--goto") {
      std::string target = value();
      rule.verdict = verdict_of(target);
      if (rule.verdict == Verdict::jump) rule.target = target;
      // What follows belongs to the target (--reject-with, --log-prefix).
      break;
    } else {
      // Addresses (-d, -s), interfaces (-o, -i), owners, sets, limits,
      // source ports: conditions this static check does not evaluate.
      rule.narrowed = true;
      if (at < tokens.size() && !tokens[at].starts_with('-')) ++at;
    }
  }
  return rule;
}

OutputRuleset parse_iptables_save(std::string_view text) {
  OutputRuleset ruleset;
  Chain output{"OUTPUT", Verdict::accept, "", 0, {}};
  bool in_filter = false;
  std::size_t number = 0;
  for (std::string_view raw : lines_of(text)) {
    ++number;
    std::string_view line = trim(raw);
    if (line.starts_with('*')) {
      in_filter = line == "*filter";
      continue;
    }
    if (!in_filter || line.empty() || line.starts_with('#')) continue;
    if (line == "COMMIT") {
      in_filter = false;
      continue;
    }
    std::vector<std::string_view> words = words_of(line);
    if (line.starts_with(':') && words.size() >= 2) {
      std::string name(words[0].substr(1));
      if (name == "OUTPUT") {
        output.policy = verdict_of(std::string(words[1]));
        output.policy_text = std::string(line);
        output.policy_line = number;
      } else {
        ruleset.chains[name].name = name;
      }
      continue;
    }
    if (words.size() < 2 || (words[0] != "-A" && !words[0].starts_with('['))) {
      continue;
    }
    std::size_t chain_word = words[0] == "-A" ? 1 : 2;
    if (chain_word >= words.size()) continue;
    std::string chain(words[chain_word]);
    FirewallRule rule = parse_iptables_rule(line);
    rule.line = number;
    if (chain == "OUTPUT") {
      output.rules.push_back(std::move(rule));
    } else {
      Chain& user = ruleset.chains[chain];
      user.name = chain;
      user.rules.push_back(std::move(rule));
    }
  }
  if (output.policy_line != 0 || !output.rules.empty()) {
    ruleset.base_chains.push_back(std::move(output));
  }
  return ruleset;
}

}  // namespace tlslint::host::system
