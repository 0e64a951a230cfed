// sys-outbound-443-blocked: firewall rules that likely stop this host from
// opening HTTPS connections (ACME, OCSP, federation) or DNS queries.
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/format.h>

#include "host/system/checks.h"
#include "host/system/firewall.h"

namespace tlslint::host::system {
namespace {

constexpr std::string_view kRule = "sys-outbound-443-blocked";
/// Jumps nested deeper than this are not followed.
constexpr int kMaxJumpDepth = 16;

const std::vector<Probe> kProbes = {
    {"tcp", 443}, {"udp", 53}, {"tcp", 53}};

bool matches(const FirewallRule& rule, const Probe& probe) {
  if (!rule.protocol.empty() && rule.protocol != probe.protocol) return false;
  if (rule.ports.empty()) return true;
  for (const auto& [first, last] : rule.ports) {
    if (probe.port >= first && probe.port <= last) return true;
  }
  return false;
}

std::optional<Decision> walk(const OutputRuleset& ruleset, const Chain& chain,
                             const Probe& probe, int depth) {
  for (const FirewallRule& rule : chain.rules) {
    if (rule.established_only || rule.narrowed || !matches(rule, probe)) {
      continue;
    }
    switch (rule.verdict) {
      case Verdict::accept:
      case Verdict::drop:
      case Verdict::reject:
        return Decision{rule.verdict, &rule};
      case Verdict::return_:
        return std::nullopt;
      case Verdict::jump: {
        auto target = ruleset.chains.find(rule.target);
        if (target == ruleset.chains.end() || depth >= kMaxJumpDepth) break;
        if (auto decided = walk(ruleset, target->second, probe, depth + 1)) {
          return decided;
        }
        break;
      }
      case Verdict::none:
        break;
    }
  }
  return std::nullopt;
}

/// A ruleset source of findings, and how to fix a rule there.
struct Source {
  /// "iptables-save", "nft list ruleset", "/etc/ufw/user.rules".
  std::string name;
  /// True for files, whose findings get a file:line place.
  bool file = false;
  /// Command that adds an accept rule, with {proto} and {port}.
  std::string allow;
  /// Advice for removing a blocking rule; {rule} stands for the rule's
  /// text after "-A ".
  std::string remove;
  /// "IPv4", "IPv6" or "IPv4 and IPv6".
  std::string family;
  /// For ufw: the file that sets the policy, /etc/default/ufw.
  std::string policy_file;
  /// How to keep an added rule across reboots, as a clause.
  std::string persist;
};

std::string describe(const Probe& probe) {
  return fmt::format("{}/{} ({})", probe.protocol, probe.port,
                     probe.port == 443 ? "HTTPS" : "DNS");
}

/// One finding per deciding line, naming every probe it blocks.
struct Blocked {
  std::size_t line = 0;
  std::string text;
  bool by_policy = false;
  Verdict verdict = Verdict::drop;
  std::vector<Probe> probes;
};

/// "-A OUTPUT -p tcp ..." without "-A ", for "iptables -D OUTPUT ...".
std::string rule_words(const std::string& text) {
  return text.starts_with("-A ") ? text.substr(3) : text;
}

/// "a", "a and b", "a, b and c".
std::string join_and(const std::vector<std::string>& items) {
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) joined += i + 1 == items.size() ? " and " : ", ";
    joined += items[i];
  }
  return joined;
}

/// Describes what the blocked probes break.
std::string consequence(const std::vector<Probe>& probes) {
  bool https = false;
  bool dns = false;
  for (const Probe& probe : probes) (probe.port == 443 ? https : dns) = true;
  if (https && dns) {
    return "outgoing HTTPS (ACME, OCSP, federation) and DNS lookups are "
           "likely blocked";
  }
  if (https) return "outgoing HTTPS (ACME, OCSP, federation) is likely blocked";
  return "DNS lookups are likely blocked or fail for long answers";
}

void report(HostContext& context, const Source& source,
            const std::string& chain_label, const Blocked& blocked) {
  std::vector<std::string> what;
  std::vector<std::string> fixes;
  for (const Probe& probe : blocked.probes) {
    what.push_back(describe(probe));
    fixes.push_back(fmt::format(
        "\"{}\"", fmt::format(fmt::runtime(source.allow),
                              fmt::arg("proto", probe.protocol),
                              fmt::arg("port", probe.port))));
  }
  std::string verdict = blocked.verdict == Verdict::reject ? "rejects" : "drops";
  std::string place = source.file
                          ? std::string()
                          : fmt::format("\"{}\" line {} \"{}\": ", source.name,
                                        blocked.line, blocked.text);
  std::string fault =
      blocked.by_policy
          ? fmt::format("the {} policy of {} {} new connections and no "
                        "earlier rule accepts {}",
                        source.family, chain_label, verdict, join_and(what))
          : fmt::format("this rule in {} {} new {} connections to {}",
                        chain_label, verdict, source.family, join_and(what));
  std::string action =
      blocked.by_policy
          ? fmt::format("add {}{}", join_and(fixes), source.persist)
          : fmt::format("{}, or add {} before it{}",
                        fmt::format(fmt::runtime(source.remove),
                                    fmt::arg("rule", rule_words(blocked.text))),
                        join_and(fixes), source.persist);
  std::optional<engine::Location> where;
  if (source.file) {
    bool in_defaults = blocked.by_policy && !source.policy_file.empty();
    where = engine::Location{in_defaults ? source.policy_file : source.name,
                             blocked.line, 1, 0};
  }
  context.report(kRule, where,
                 fmt::format("{}{}, so {}; {}", place, fault,
                             consequence(blocked.probes), action));
}

void check_ruleset(HostContext& context, const Source& source,
                   const OutputRuleset& ruleset,
                   const std::function<std::string(const Chain&)>& label) {
  for (const Chain& chain : ruleset.base_chains) {
    std::map<std::size_t, Blocked> blocked;
    for (const Probe& probe : kProbes) {
      std::optional<Decision> decided = walk(ruleset, chain, probe, 0);
      Decision decision =
          decided ? *decided
                  : Decision{chain.policy.value_or(Verdict::accept), nullptr};
      if (decision.verdict == Verdict::accept) continue;
      std::size_t line =
          decision.rule ? decision.rule->line : chain.policy_line;
      Blocked& entry = blocked[line];
      entry.line = line;
      entry.text = decision.rule ? decision.rule->text : chain.policy_text;
      entry.by_policy = decision.rule == nullptr;
      entry.verdict = decision.verdict;
      entry.probes.push_back(probe);
    }
    for (const auto& [line, entry] : blocked) {
      report(context, source, label(chain), entry);
    }
  }
}

/// True when the iptables-save output comes from iptables-nft, whose
/// tables `nft list ruleset` shows again.
bool is_iptables_nft(const std::string& text) {
  return text.find("(nf_tables)") != std::string::npos;
}

struct Coverage {
  bool checked = false;
  bool denied = false;
  std::vector<std::string> missing;
};

void check_iptables(HostContext& context, Coverage& coverage,
                    bool& nft_backend, bool& has_ufw_chains) {
  struct Variant {
    const HostCommand* command;
    const char* tool;
    const char* family;
  };
  for (const Variant& variant :
       {Variant{&commands::iptables_save, "iptables", "IPv4"},
        Variant{&commands::ip6tables_save, "ip6tables", "IPv6"}}) {
    Host& host = context.host();
    std::optional<std::string> text = command_text(host, *variant.command);
    if (!text) {
      coverage.missing.push_back(describe_failure(host, *variant.command));
      const CommandResult& result = host.command(*variant.command);
      coverage.denied |= result.status == CommandResult::Status::exited;
      continue;
    }
    coverage.checked = true;
    nft_backend |= is_iptables_nft(*text);
    has_ufw_chains |= text->find("ufw-user-output") != std::string::npos;
    Source source{variant.command->argv[0], false,
                  std::string(variant.tool) +
                      " -I OUTPUT -p {proto} --dport {port} -j ACCEPT",
                  std::string("delete it with \"") + variant.tool +
                      " -D {rule}\"",
                  variant.family, "",
                  " and save the ruleset (\"netfilter-persistent save\")"};
    check_ruleset(context, source, parse_iptables_save(*text),
                  [](const Chain&) { return std::string("OUTPUT"); });
  }
}

void check_nft(HostContext& context, Coverage& coverage, bool nft_backend) {
  Host& host = context.host();
  std::optional<std::string> text = command_text(host, commands::nft_ruleset);
  if (!text) {
    coverage.missing.push_back(describe_failure(host, commands::nft_ruleset));
    const CommandResult& result = host.command(commands::nft_ruleset);
    coverage.denied |= result.status == CommandResult::Status::exited;
    return;
  }
  coverage.checked = true;
  OutputRuleset ruleset = parse_nft_ruleset(*text);
  if (nft_backend) {
    // iptables-nft keeps its rules in tables "ip filter" and "ip6 filter",
    // which iptables-save has already shown.
    std::erase_if(ruleset.base_chains, [](const Chain& chain) {
      return chain.name.starts_with("ip filter/") ||
             chain.name.starts_with("ip6 filter/");
    });
  }
  for (const Chain& chain : ruleset.base_chains) {
    std::string table = chain.name.substr(0, chain.name.find('/'));
    std::string name = chain.name.substr(chain.name.find('/') + 1);
    Source source{"nft list ruleset", false,
                  fmt::format("nft insert rule {} {} {{proto}} dport {{port}} "
                              "accept",
                              table, name),
                  "delete it with \"nft -a list chain " + table + " " + name +
                      "\" and \"nft delete rule " + table + " " + name +
                      " handle N\"",
                  table.starts_with("ip6 ")  ? "IPv6"
                  : table.starts_with("ip ") ? "IPv4"
                                             : "IPv4 and IPv6",
                  "", " and add it to /etc/nftables.conf"};
    OutputRuleset single{{chain}, ruleset.chains};
    check_ruleset(context, source, single, [&](const Chain&) {
      return fmt::format("chain \"{}\" of table \"{}\"", name, table);
    });
  }
}

void check_ufw(HostContext& context, Coverage& coverage, bool has_ufw_chains) {
  Host& host = context.host();
  std::optional<std::string> conf = host.read("/etc/ufw/ufw.conf");
  if (!conf) {
    coverage.missing.push_back("/etc/ufw/ufw.conf does not exist");
    return;
  }
  coverage.checked = true;
  auto enabled = ufw_setting(*conf, "ENABLED");
  // The loaded ruleset, when readable, already contains ufw's rules.
  if (!enabled || enabled->first != "yes" || has_ufw_chains) return;
  constexpr const char* kDefaults = "/etc/default/ufw";
  std::optional<std::string> defaults = host.read(kDefaults);
  std::optional<std::pair<std::string, std::size_t>> policy;
  if (defaults) policy = ufw_setting(*defaults, "DEFAULT_OUTPUT_POLICY");
  auto ipv6 = defaults ? ufw_setting(*defaults, "IPV6") : std::nullopt;
  for (const char* file : {"/etc/ufw/user.rules", "/etc/ufw/user6.rules"}) {
    bool v6 = std::string_view(file).ends_with("6.rules");
    if (v6 && ipv6 && ipv6->first != "yes") continue;
    Chain chain{"ufw", Verdict::accept, "", 0, {}};
    std::optional<std::string> text = host.read(file);
    std::error_code error;
    if (!text && std::filesystem::exists(host.path(file), error)) {
      // ufw keeps its rules readable by root only; judging the policy
      // without them would report ports that a rule opens.
      context.not_checked(kRule, fmt::format("{} is not readable by this "
                                             "user; run tlslint as root",
                                             file));
      continue;
    }
    if (text) chain.rules = parse_ufw_user_rules(*text);
    if (policy && (policy->first == "DROP" || policy->first == "REJECT")) {
      chain.policy = policy->first == "DROP" ? Verdict::drop : Verdict::reject;
      chain.policy_line = policy->second;
      chain.policy_text = "DEFAULT_OUTPUT_POLICY=\"" + policy->first + "\"";
    }
    OutputRuleset ruleset;
    ruleset.base_chains.push_back(std::move(chain));
    Source source{file, true, "ufw allow out {port}/{proto}",
                  "remove it with \"ufw status numbered\" and \"ufw delete "
                  "NUM\"",
                  v6 ? "IPv6" : "IPv4", kDefaults, ""};
    check_ruleset(context, source, ruleset,
                  [](const Chain&) { return std::string("ufw's output"); });
  }
}

}  // namespace

Decision decide(const OutputRuleset& ruleset, const Chain& chain,
                const Probe& probe) {
  if (auto decided = walk(ruleset, chain, probe, 0)) return *decided;
  return Decision{chain.policy.value_or(Verdict::accept), nullptr};
}

void check_outbound(HostContext& context) {
  Coverage coverage;
  bool nft_backend = false;
  bool has_ufw_chains = false;
  check_iptables(context, coverage, nft_backend, has_ufw_chains);
  check_nft(context, coverage, nft_backend);
  check_ufw(context, coverage, has_ufw_chains);
  if (coverage.checked) return;
  std::string why = fmt::format("{}", fmt::join(coverage.missing, "; "));
  if (coverage.denied && context.host().live()) {
    why += "; run tlslint as root to read the firewall";
  }
  context.not_checked(kRule, why);
}

}  // namespace tlslint::host::system
