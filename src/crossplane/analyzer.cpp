#include "crossplane/analyzer.h"

#include <algorithm>
#include <unordered_map>

#include "crossplane/python.h"

namespace tlslint::crossplane {
namespace {

// Argument bits, as nginx's ngx_conf_file.h defines them.
constexpr std::uint32_t kNoArgs = 0x00000001;
constexpr std::uint32_t kTake1 = 0x00000002;
constexpr std::uint32_t kTake2 = 0x00000004;
constexpr std::uint32_t kTake3 = 0x00000008;
constexpr std::uint32_t kTake4 = 0x00000010;
constexpr std::uint32_t kTake5 = 0x00000020;
constexpr std::uint32_t kTake6 = 0x00000040;
constexpr std::uint32_t kBlock = 0x00000100;
constexpr std::uint32_t kFlag = 0x00000200;
constexpr std::uint32_t kAny = 0x00000400;
constexpr std::uint32_t k1More = 0x00000800;
constexpr std::uint32_t k2More = 0x00001000;
constexpr std::uint32_t kTake12 = kTake1 | kTake2;
constexpr std::uint32_t kTake23 = kTake2 | kTake3;
constexpr std::uint32_t kTake34 = kTake3 | kTake4;
constexpr std::uint32_t kTake123 = kTake12 | kTake3;
constexpr std::uint32_t kTake1234 = kTake123 | kTake4;

// Context bits, as crossplane numbers them.
constexpr std::uint32_t kDirect = 0x00010000;
constexpr std::uint32_t kMain = 0x00040000;
constexpr std::uint32_t kEvent = 0x00080000;
constexpr std::uint32_t kMailMain = 0x00100000;
constexpr std::uint32_t kMailSrv = 0x00200000;
constexpr std::uint32_t kStreamMain = 0x00400000;
constexpr std::uint32_t kStreamSrv = 0x00800000;
constexpr std::uint32_t kStreamUps = 0x01000000;
constexpr std::uint32_t kHttpMain = 0x02000000;
constexpr std::uint32_t kHttpSrv = 0x04000000;
constexpr std::uint32_t kHttpLoc = 0x08000000;
constexpr std::uint32_t kHttpUps = 0x10000000;
constexpr std::uint32_t kHttpSif = 0x20000000;
constexpr std::uint32_t kHttpLif = 0x40000000;
constexpr std::uint32_t kHttpLmt = 0x80000000;
constexpr std::uint32_t kHttpMs = kHttpMain | kHttpSrv;
constexpr std::uint32_t kHttpMsl = kHttpMain | kHttpSrv | kHttpLoc;
constexpr std::uint32_t kMailMs = kMailMain | kMailSrv;
constexpr std::uint32_t kStreamMs = kStreamMain | kStreamSrv;
// Every analysed context except the http if and limit_except blocks.
constexpr std::uint32_t kAnyContext =
    kMain | kEvent | kMailMs | kStreamMs | kStreamUps | kHttpMsl | kHttpUps;

struct Rule {
  std::string_view name;
  std::uint32_t mask;
};

constexpr Rule kRules[] = {
#include "crossplane/directives.inc"
};

/// Index of each name's first rule and its rule count.
using RuleIndex =
    std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>>;

const RuleIndex& rule_index() {
  static const RuleIndex index = [] {
    RuleIndex built;
    std::size_t count = std::size(kRules);
    for (std::size_t i = 0; i < count; ++i) {
      auto [it, inserted] = built.try_emplace(kRules[i].name, i, 0);
      ++it->second.second;
    }
    return built;
  }();
  return index;
}

bool is_flag_value(std::string_view value) {
  if (value.size() != 2 && value.size() != 3) return false;
  std::string lower;
  for (char c : value) {
    lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return lower == "on" || lower == "off";
}

bool accepts_count(std::uint32_t mask,
                   const std::vector<std::string_view>& args) {
  std::size_t count = args.size();
  if (count <= 7 && ((mask >> count) & 1)) return true;
  if ((mask & kFlag) && count == 1 && is_flag_value(args[0])) return true;
  if (mask & kAny) return true;
  if ((mask & k1More) && count >= 1) return true;
  return (mask & k2More) && count >= 2;
}

}  // namespace

Context enter_block_context(const Context& context,
                            std::string_view directive) {
  if (!context.empty() && context[0] == "http" && directive == "location") {
    return {"http", "location"};
  }
  Context inner = context;
  inner.emplace_back(directive);
  return inner;
}

std::uint32_t context_mask(const Context& context) {
  switch (context.size()) {
    case 0:
      return kMain;
    case 1:
      if (context[0] == "events") return kEvent;
      if (context[0] == "mail") return kMailMain;
      if (context[0] == "stream") return kStreamMain;
      if (context[0] == "http") return kHttpMain;
      return 0;
    case 2: {
      const std::string& inner = context[1];
      if (context[0] == "mail") return inner == "server" ? kMailSrv : 0;
      if (context[0] == "stream") {
        if (inner == "server") return kStreamSrv;
        return inner == "upstream" ? kStreamUps : 0;
      }
      if (context[0] != "http") return 0;
      if (inner == "server") return kHttpSrv;
      if (inner == "location") return kHttpLoc;
      return inner == "upstream" ? kHttpUps : 0;
    }
    case 3:
      if (context[0] != "http") return 0;
      if (context[1] == "server" && context[2] == "if") return kHttpSif;
      if (context[1] != "location") return 0;
      if (context[2] == "if") return kHttpLif;
      return context[2] == "limit_except" ? kHttpLmt : 0;
    default:
      return 0;
  }
}

bool is_known_directive(std::string_view name) {
  return rule_index().count(name) != 0;
}

std::vector<std::uint32_t> directive_rules(std::string_view name) {
  std::vector<std::uint32_t> masks;
  auto it = rule_index().find(name);
  if (it == rule_index().end()) return masks;
  for (std::size_t i = 0; i < it->second.second; ++i) {
    masks.push_back(kRules[it->second.first + i].mask);
  }
  return masks;
}

std::size_t directive_count() { return rule_index().size(); }

Analysis analyze(std::string_view directive,
                 const std::vector<std::string_view>& args,
                 std::string_view terminator, const Context& context,
                 bool strict, Dialect dialect) {
  Analysis result;
  auto found = rule_index().find(directive);
  std::uint32_t where = context_mask(context);
  // Lines of a map, geo or types block are entries, not directives, and
  // nginx does not look them up.
  bool entries = where == 0 && dialect == Dialect::nginx;
  if (strict && found == rule_index().end() && !entries) {
    result.kind = Analysis::Kind::kRejected;
    result.reason = "unknown directive \"" + std::string(directive) + "\"";
    return result;
  }
  if (where == 0 || found == rule_index().end()) return result;

  // Keep the rules for this context, in table order.
  std::uint32_t masks[8];
  std::size_t rule_count = 0;
  for (std::size_t i = 0; i < found->second.second && rule_count < 8; ++i) {
    std::uint32_t mask = kRules[found->second.first + i].mask;
    if (mask & where) masks[rule_count++] = mask;
  }
  if (rule_count == 0) {
    result.kind = Analysis::Kind::kRejected;
    result.reason =
        "\"" + std::string(directive) + "\" directive is not allowed here";
    return result;
  }

  // The message keeps a "%s" for the name: crossplane fills it in with a
  // second round of %-formatting, which a "%" in a flag value disturbs.
  std::string pending;
  for (std::size_t i = rule_count; i-- > 0;) {
    std::uint32_t mask = masks[i];
    if ((mask & kBlock) && terminator != "{") {
      pending = "directive \"%s\" has no opening \"{\"";
      continue;
    }
    if (!(mask & kBlock) && terminator != ";") {
      pending = "directive \"%s\" is not terminated by \";\"";
      continue;
    }
    if (accepts_count(mask, args)) return Analysis{};
    if ((mask & kFlag) && args.size() == 1) {
      pending = "invalid value \"" + std::string(args[0]) +
                "\" in \"%s\" directive, it must be \"on\" or \"off\"";
    } else {
      pending = "invalid number of arguments in \"%s\" directive";
    }
  }
  result.kind = Analysis::Kind::kRejected;
  result.not_terminated =
      pending == "directive \"%s\" is not terminated by \";\"";
  if (dialect == Dialect::nginx) {
    // The name's "%s" comes after any flag value, which may hold "%s" too.
    result.reason = pending.replace(pending.rfind("%s"), 2, directive);
    return result;
  }
  PercentFormat formatted = percent_format(pending, directive);
  if (!formatted.ok) result.kind = Analysis::Kind::kFormatFailure;
  result.reason = std::move(formatted.text);
  if (result.kind == Analysis::Kind::kFormatFailure) {
    result.not_terminated = false;
  }
  return result;
}

}  // namespace tlslint::crossplane
