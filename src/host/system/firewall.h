#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlslint::host::system {

/// The action of a firewall rule or chain policy on a packet.
enum class Verdict {
  accept,
  drop,
  reject,
  /// Continue in another chain (iptables -j CHAIN, nft jump/goto).
  jump,
  /// Leave this chain (RETURN, nft return).
  return_,
  /// A target that does not end the walk (LOG, MARK, counter, ...).
  none,
};

/// One rule, reduced to what decides new outgoing connections.
struct FirewallRule {
  /// "tcp", "udp", or empty for any protocol.
  std::string protocol;
  /// Destination port ranges (first, last); empty means any port.
  std::vector<std::pair<int, int>> ports;
  /// True when it matches only packets of existing connections
  /// (conntrack/state ESTABLISHED or RELATED), never a new connection.
  bool established_only = false;
  /// True when it has a condition tlslint does not evaluate (addresses,
  /// interfaces, owners, ...). Such a rule neither opens nor closes a port
  /// for every destination, so the walk passes over it.
  bool narrowed = false;
  Verdict verdict = Verdict::none;
  /// The chain of a jump.
  std::string target;
  /// The line as written, and its 1-based number in its source.
  std::string text;
  std::size_t line = 0;
};

/// A chain of rules. For base chains `policy` is what happens to packets
/// that no rule decides.
struct Chain {
  std::string name;
  std::optional<Verdict> policy;
  std::string policy_text;
  std::size_t policy_line = 0;
  std::vector<FirewallRule> rules;
};

/// The output path of one ruleset: the base chains outgoing packets pass
/// (one for iptables and ufw, one per nftables table with an output hook),
/// and the chains they jump to.
struct OutputRuleset {
  std::vector<Chain> base_chains;
  /// Chains reachable by jumps, by name; for nftables the name is prefixed
  /// with the table ("inet filter/tcp_out").
  std::map<std::string, Chain> chains;
};

/// Parses `iptables-save` or `ip6tables-save` output: the `*filter` table's
/// OUTPUT chain and the user chains it can reach.
OutputRuleset parse_iptables_save(std::string_view text);

/// Parses one `-A CHAIN ...` line (without the "-A CHAIN" words checked).
FirewallRule parse_iptables_rule(std::string_view line);

/// Parses `nft list ruleset` output: chains with `hook output` in tables of
/// family ip, ip6 or inet.
OutputRuleset parse_nft_ruleset(std::string_view text);

/// Parses /etc/ufw/user.rules or user6.rules: the outgoing rules, from the
/// `### tuple ###` comments (ufw's own record of each rule) or, for lines
/// without one, the `-A ufw-user-output` rules.
std::vector<FirewallRule> parse_ufw_user_rules(std::string_view text);

/// A setting of /etc/default/ufw or /etc/ufw/ufw.conf (KEY="value"), and
/// its 1-based line; nullopt when absent.
std::optional<std::pair<std::string, std::size_t>> ufw_setting(
    std::string_view text, std::string_view key);

/// A connection to probe: "tcp" 443, "udp" 53, ...
struct Probe {
  std::string protocol;
  int port = 0;
};

/// The outcome of walking a base chain for a new connection.
struct Decision {
  Verdict verdict = Verdict::accept;
  /// The rule that decided, or nullptr when the policy did.
  const FirewallRule* rule = nullptr;
};

/// Walks `chain` (and the chains it jumps to) for a new connection as the
/// kernel would, first match wins, skipping narrowed rules.
Decision decide(const OutputRuleset& ruleset, const Chain& chain,
                const Probe& probe);

}  // namespace tlslint::host::system
