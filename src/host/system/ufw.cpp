// ufw's files: /etc/default/ufw and /etc/ufw/ufw.conf (KEY="value") and
// /etc/ufw/user.rules and user6.rules, which ufw writes as iptables-restore
// input with a "### tuple ###" comment before each rule.
#include <string>

#include "host/system/firewall.h"
#include "host/system/text.h"

namespace tlslint::host::system {
namespace {

constexpr std::string_view kTuple = "### tuple ###";
constexpr std::string_view kUserOutput = "ufw-user-output";

bool is_any_address(std::string_view address) {
  return address == "0.0.0.0/0" || address == "::/0" || address == "any";
}

/// "### tuple ### ACTION PROTO DPORT DST SPORT SRC [DAPP SAPP] DIRECTION",
/// e.g. "deny tcp 443 0.0.0.0/0 any 0.0.0.0/0 out". The action may carry
/// a logging suffix ("allow_log"), and the direction an interface
/// ("out_eth0"). Returns nullopt for incoming and routed rules.
std::optional<FirewallRule> parse_tuple(std::string_view line) {
  std::vector<std::string_view> words = words_of(line.substr(kTuple.size()));
  if (words.size() < 7) return std::nullopt;
  std::string_view direction = words.back();
  if (direction != "out" && !direction.starts_with("out_")) {
    return std::nullopt;
  }
  FirewallRule rule;
  rule.text = std::string(trim(line));
  std::string_view action = words[0].substr(0, words[0].find('_'));
  if (action == "allow" || action == "limit") {
    rule.verdict = Verdict::accept;
  } else if (action == "deny") {
    rule.verdict = Verdict::drop;
  } else if (action == "reject") {
    rule.verdict = Verdict::reject;
  } else {
    return std::nullopt;
  }
  if (words[1] != "any") rule.protocol = std::string(words[1]);
  if (words[2] != "any") {
    // The same port syntax as iptables' --dports: "443", "80,443",
    // "8000:8100".
    FirewallRule ports = parse_iptables_rule(
        "-A x -p tcp -m multiport --dports " + std::string(words[2]));
    rule.ports = ports.ports;
    rule.narrowed = ports.narrowed;
  }
  if (!is_any_address(words[3]) || words[4] != "any" ||
      !is_any_address(words[5]) || direction != "out" ||
      action == "limit") {
    rule.narrowed = true;
  }
  return rule;
}

}  // namespace

std::vector<FirewallRule> parse_ufw_user_rules(std::string_view text) {
  std::vector<FirewallRule> rules;
  bool after_tuple = false;
  std::size_t number = 0;
  for (std::string_view raw : lines_of(text)) {
    ++number;
    std::string_view line = trim(raw);
    if (line.empty()) {
      after_tuple = false;
      continue;
    }
    if (line.starts_with(kTuple)) {
      after_tuple = true;
      if (std::optional<FirewallRule> rule = parse_tuple(line)) {
        rule->line = number;
        rules.push_back(std::move(*rule));
      }
      continue;
    }
    // The -A lines right after a tuple are its translation.
    if (after_tuple || !line.starts_with("-A ")) continue;
    std::vector<std::string_view> words = words_of(line);
    if (words.size() < 2 || words[1] != kUserOutput) continue;
    FirewallRule rule = parse_iptables_rule(line);
    rule.line = number;
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::optional<std::pair<std::string, std::size_t>> ufw_setting(
    std::string_view text, std::string_view key) {
  std::optional<std::pair<std::string, std::size_t>> found;
  std::size_t number = 0;
  for (std::string_view raw : lines_of(text)) {
    ++number;
    std::string_view line = trim(raw);
    if (line.starts_with('#')) continue;
    auto equals = line.find('=');
    if (equals == std::string_view::npos || trim(line.substr(0, equals)) != key) {
      continue;
    }
    std::string_view value = trim(line.substr(equals + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    // The file is sourced by a shell, so the last assignment wins.
    found = std::make_pair(std::string(value), number);
  }
  return found;
}

}  // namespace tlslint::host::system
