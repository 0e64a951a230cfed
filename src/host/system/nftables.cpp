// `nft list ruleset` output: the chains hooked on output in tables of
// family ip, ip6 and inet, the chains they jump to, and named sets.
#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string>

#include "host/system/firewall.h"
#include "host/system/text.h"

namespace tlslint::host::system {
namespace {

/// Splits a rule line into words. "{ 80, 443 }" stays one token, and quoted
/// strings keep their quotes.
std::vector<std::string> tokens_of(std::string_view line) {
  std::vector<std::string> tokens;
  std::size_t at = 0;
  while (at < line.size()) {
    char c = line[at];
    if (c == ' ' || c == '\t') {
      ++at;
      continue;
    }
    std::size_t begin = at;
    if (c == '{') {
      at = line.find('}', at);
      at = at == std::string_view::npos ? line.size() : at + 1;
    } else if (c == '"') {
      at = line.find('"', at + 1);
      at = at == std::string_view::npos ? line.size() : at + 1;
    } else {
      while (at < line.size() && line[at] != ' ' && line[at] != '\t') ++at;
    }
    tokens.emplace_back(line.substr(begin, at - begin));
  }
  return tokens;
}

/// Reads a port. nft prints numbers, or service names with -S, of which
/// only these matter here.
std::optional<int> port_of(std::string_view word) {
  if (word == "https") return 443;
  if (word == "http") return 80;
  if (word == "domain") return 53;
  int port = 0;
  auto [end, error] =
      std::from_chars(word.data(), word.data() + word.size(), port);
  if (error != std::errc() || end != word.data() + word.size()) {
    return std::nullopt;
  }
  return port;
}

/// Returns the items of "{ 80, 443 }", or the single word.
std::vector<std::string> items_of(std::string_view token) {
  if (token.starts_with('{')) {
    token.remove_prefix(1);
    if (token.ends_with('}')) token.remove_suffix(1);
  }
  std::vector<std::string> items;
  for (std::string_view word : words_of(token)) {
    while (word.ends_with(',')) word.remove_suffix(1);
    if (!word.empty()) items.emplace_back(word);
  }
  return items;
}

/// Adds the ports of "443", "8000-8100", a set, or "@name" of a set in the
/// same table; false when one is not a port.
bool parse_ports(const std::string& token,
                 const std::map<std::string, std::string>& sets,
                 FirewallRule& rule) {
  std::string value = token;
  if (token.starts_with('@')) {
    auto found = sets.find(token.substr(1));
    if (found == sets.end()) return false;
    value = "{ " + found->second + " }";
  }
  for (const std::string& item : items_of(value)) {
    auto dash = item.find('-');
    std::optional<int> first = port_of(std::string_view(item).substr(0, dash));
    std::optional<int> last =
        dash == std::string::npos
            ? first
            : port_of(std::string_view(item).substr(dash + 1));
    if (!first || !last) return false;
    rule.ports.emplace_back(*first, *last);
  }
  return !rule.ports.empty();
}

FirewallRule parse_rule(std::string_view line, const std::string& table,
                        const std::map<std::string, std::string>& sets) {
  FirewallRule rule;
  rule.text = std::string(line);
  std::vector<std::string> tokens = tokens_of(line);
  std::size_t at = 0;
  auto next = [&]() -> std::string {
    return at < tokens.size() ? tokens[at++] : std::string();
  };
  while (at < tokens.size()) {
    std::string word = next();
    if (word == "tcp" || word == "udp" || word == "th") {
      if (word != "th") rule.protocol = word;
      std::string field = next();
      std::string value = next();
      if (value == "!=") {
        rule.narrowed = true;
        next();
      } else if (field != "dport" || !parse_ports(value, sets, rule)) {
        rule.narrowed = true;
      }
    } else if (word == "meta" || word == "ip" || word == "ip6") {
      std::string field = next();
      std::string value = next();
      if (field == "l4proto" || field == "protocol" || field == "nexthdr") {
        std::vector<std::string> protocols = items_of(value);
        if (protocols.size() == 1) {
          rule.protocol = protocols[0];
        } else if (value == "!=") {
          rule.narrowed = true;
          next();
        }
      } else {
        // Addresses, marks, interfaces: not evaluated.
        rule.narrowed = true;
      }
    } else if (word == "ct") {
      std::string field = next();
      std::string value = next();
      if (field != "state" || value == "!=") {
        rule.narrowed = true;
      } else if (value.find("new") == std::string::npos &&
                 value.find("untracked") == std::string::npos) {
        rule.established_only = true;
      }
    } else if (word == "counter") {
      if (at < tokens.size() && tokens[at] == "packets") at += 4;
    } else if (word == "comment") {
      next();
    } else if (word == "accept") {
      rule.verdict = Verdict::accept;
      break;
    } else if (word == "drop") {
      rule.verdict = Verdict::drop;
      break;
    } else if (word == "reject") {
      rule.verdict = Verdict::reject;
      break;
    } else if (word == "return") {
      rule.verdict = Verdict::return_;
      break;
    } else if (word == "jump" || word == "goto") {
      rule.verdict = Verdict::jump;
      rule.target = table + "/" + next();
      break;
    } else if (word == "log") {
      // A log statement does not end the walk. Its options follow it.
      while (at < tokens.size() &&
             (tokens[at] == "prefix" || tokens[at] == "level" ||
              tokens[at] == "flags" || tokens[at] == "group")) {
        at += 2;
      }
    } else {
      // oif, oifname, skuid, limit, fib, ...: conditions not evaluated.
      rule.narrowed = true;
    }
  }
  return rule;
}

enum class Block { table, chain, set, other };

/// Reads `nft list ruleset` line by line: nft prints one statement per line
/// and closes each block with "}" on a line of its own.
class RulesetReader {
 public:
  void read(std::string_view line, std::size_t number) {
    std::vector<std::string_view> words = words_of(line);
    if (in_elements_) {
      add_elements(line);
    } else if (line == "}") {
      close_block();
    } else if (line.ends_with('{') && words.size() >= 2) {
      open_block(words);
    } else if (in(Block::set) && line.starts_with("elements")) {
      sets_[set_name_].clear();
      add_elements(line.substr(std::min(line.size(), line.find('{') + 1)));
    } else if (chain_ && in(Block::chain)) {
      if (words[0] == "type") {
        read_type(words, line, number);
      } else {
        FirewallRule rule = parse_rule(line, table_, sets_);
        rule.line = number;
        chain_->rules.push_back(std::move(rule));
      }
    }
  }

  OutputRuleset finish() {
    OutputRuleset ruleset;
    for (auto& [chain, base] : chains_) {
      if (base) {
        ruleset.base_chains.push_back(std::move(chain));
      } else {
        std::string name = chain.name;
        ruleset.chains[name] = std::move(chain);
      }
    }
    return ruleset;
  }

 private:
  bool in(Block block) const { return !open_.empty() && open_.back() == block; }

  /// Adds set elements up to the closing "}", which may come lines later.
  void add_elements(std::string_view text) {
    auto close = text.find('}');
    sets_[set_name_] += " " + std::string(text.substr(0, close));
    in_elements_ = close == std::string_view::npos;
  }

  void open_block(const std::vector<std::string_view>& words) {
    if (words[0] == "table" && words.size() >= 4) {
      table_ = std::string(words[1]) + " " + std::string(words[2]);
      // arp, bridge and netdev tables never see IP packets of this host.
      table_counts_ =
          words[1] == "ip" || words[1] == "ip6" || words[1] == "inet";
      sets_.clear();
      open_.push_back(Block::table);
    } else if (words[0] == "chain" && table_counts_) {
      chain_.emplace(
          Chain{table_ + "/" + std::string(words[1]), std::nullopt, "", 0, {}});
      base_ = false;
      open_.push_back(Block::chain);
    } else if (words[0] == "set" || words[0] == "map") {
      set_name_ = std::string(words[1]);
      open_.push_back(Block::set);
    } else {
      open_.push_back(Block::other);
    }
  }

  void close_block() {
    if (open_.empty()) return;
    if (open_.back() == Block::chain && chain_) {
      chains_.emplace_back(std::move(*chain_), base_);
      chain_.reset();
    }
    open_.pop_back();
  }

  /// Reads "type filter hook output priority filter; policy drop;". A base
  /// chain without a policy accepts.
  void read_type(const std::vector<std::string_view>& words,
                 std::string_view line, std::size_t number) {
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      if (words[i] == "hook") base_ = words[i + 1] == "output";
      if (words[i] != "policy") continue;
      std::string_view policy = words[i + 1];
      if (policy.ends_with(';')) policy.remove_suffix(1);
      chain_->policy = policy == "drop" ? Verdict::drop : Verdict::accept;
    }
    if (!base_) return;
    if (!chain_->policy) chain_->policy = Verdict::accept;
    chain_->policy_text = std::string(line);
    chain_->policy_line = number;
  }

  std::vector<Block> open_;
  std::string table_;
  bool table_counts_ = false;
  std::map<std::string, std::string> sets_;
  std::string set_name_;
  bool in_elements_ = false;
  std::optional<Chain> chain_;
  bool base_ = false;
  std::vector<std::pair<Chain, bool>> chains_;
};

}  // namespace

OutputRuleset parse_nft_ruleset(std::string_view text) {
  RulesetReader reader;
  std::size_t number = 0;
  for (std::string_view raw : lines_of(text)) {
    ++number;
    std::string_view line = trim(raw);
    if (line.empty() || line.starts_with('#')) continue;
    reader.read(line, number);
  }
  return reader.finish();
}

}  // namespace tlslint::host::system
