// Rules about `ssl_protocols`: TLS 1.2 must stay enabled, legacy protocols
// should not, and an unset value means a version-dependent default.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/format.h>

#include "engine/context.h"
#include "engine/registry.h"
#include "fix/source_edits.h"
#include "rules/all_rules.h"

namespace tlslint::rules {
namespace {

using engine::RuleContext;
using engine::Server;
using engine::Version;

/// nginx 1.13.0 added TLSv1.3 to `ssl_protocols`; older versions reject it.
constexpr Version kTls13Keyword{1, 13, 0};
/// certbot compares this file with the checksums of the versions it
/// shipped and stops updating it once it differs.
constexpr std::string_view kCertbotOptions = "options-ssl-nginx.conf";

const std::set<std::string> kLegacyProtocols = {"SSLv2", "SSLv3", "TLSv1",
                                                "TLSv1.1"};

/// nginx's built-in `ssl_protocols` for a version (nginx CHANGES 0.7.65,
/// 1.9.1, 1.23.4 and 1.27.3).
std::string default_protocols(const Version& nginx) {
  if (nginx >= Version{1, 27, 3}) return "TLSv1.2 TLSv1.3";
  if (nginx >= Version{1, 23, 4}) return "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3";
  if (nginx >= Version{1, 9, 1}) return "TLSv1 TLSv1.1 TLSv1.2";
  return "SSLv3 TLSv1 TLSv1.1 TLSv1.2";
}

std::vector<std::string> protocols_of(const syntax::Directive& directive) {
  std::vector<std::string> protocols;
  for (const auto& argument : directive.args) {
    protocols.push_back(argument.value);
  }
  return protocols;
}

void report_default(RuleContext& context, const Server& server) {
  const Version& nginx = context.nginx_version();
  std::string defaults = default_protocols(nginx);
  std::string consequence;
  if (defaults.find("TLSv1.3") == std::string::npos) {
    consequence = "; that enables TLS 1.0 and 1.1 and no TLS 1.3, so "
                  "clients that only speak TLS 1.3 get \"alert protocol "
                  "version\"";
  } else if (defaults.find("TLSv1.1") != std::string::npos) {
    consequence = "; that enables the deprecated TLS 1.0 and 1.1";
  }
  context.report(
      "ssl-protocols-default", *server.block,
      fmt::format("\"ssl_protocols\" is not set for {}, so nginx {} uses its "
                  "built-in default \"{}\"{}; set \"ssl_protocols TLSv1.2 "
                  "TLSv1.3;\" so that the result does not depend on the "
                  "nginx version",
                  context.model().label(server), nginx.to_string(), defaults,
                  consequence));
}

/// True when `include` reads `file`, directly or through the top-level
/// includes of the files it reads (a snippet that includes certbot's file).
bool brings_in(const config::Config& config, const syntax::Directive& include,
               std::size_t file, std::set<std::size_t>& seen) {
  for (std::size_t included : include.includes) {
    if (included == file) return true;
    if (!seen.insert(included).second) continue;
    for (const syntax::Directive& nested :
         config.files.at(included).directives) {
      if (nested.name == "include" && brings_in(config, nested, file, seen)) {
        return true;
      }
    }
  }
  return false;
}

/// The `include` directives written in a server block that bring in `file`,
/// directly or through snippets; an override goes after each of them.
std::vector<const syntax::Directive*> includes_of(const config::Config& config,
                                                  const Server& server,
                                                  std::size_t file) {
  std::vector<const syntax::Directive*> found;
  for (const syntax::Directive& directive : server.block->block) {
    if (directive.name != "include") continue;
    std::set<std::size_t> seen;
    if (brings_in(config, directive, file, seen)) found.push_back(&directive);
  }
  return found;
}

/// Fixes `ssl_protocols` in place, or, in certbot's options file, adds an
/// override after each server's include of it. nginx ORs repeated
/// `ssl_protocols` values at one level (ngx_conf_set_bitmask_slot), so an
/// override can add TLSv1.2 but cannot remove a legacy protocol.
void attach_fix(RuleContext& context, engine::Finding& finding,
                const syntax::Directive& directive,
                const std::vector<const Server*>& users, bool adds_tls12) {
  std::string protocols =
      context.nginx_version() >= kTls13Keyword ? "TLSv1.2 TLSv1.3" : "TLSv1.2";
  const std::string& path = context.config().files.at(directive.file).path;
  bool certbot = std::filesystem::path(path).filename() == kCertbotOptions;
  if (!certbot) {
    finding.fix.push_back(fix::SourceEditor(context.config(), directive)
                              .replace_arguments(directive, protocols));
    return;
  }
  if (!adds_tls12) {
    finding.notes.push_back(
        {std::nullopt,
         fmt::format("no automatic fix: certbot manages \"{}\", and an "
                     "override in the server cannot remove a protocol "
                     "because nginx merges repeated \"ssl_protocols\"",
                     path)});
    return;
  }
  for (const Server* server : users) {
    for (const syntax::Directive* include :
         includes_of(context.config(), *server, directive.file)) {
      finding.fix.push_back(
          fix::SourceEditor(context.config(), *include)
              .insert_line_after(*include,
                                 fmt::format("ssl_protocols {};", protocols)));
    }
  }
  if (finding.fix.empty()) return;
  finding.notes.push_back(
      {std::nullopt,
       fmt::format("certbot manages \"{}\" and compares its checksum, so "
                   "the fix adds \"ssl_protocols {};\" to each server that "
                   "includes it instead of editing it",
                   path, protocols)});
}

void report_protocols(RuleContext& context,
                      const syntax::Directive& directive,
                      const std::vector<const Server*>& inheritors,
                      const std::vector<const Server*>& users) {
  std::vector<std::string> protocols = protocols_of(directive);
  std::vector<std::string> legacy;
  for (const auto& protocol : protocols) {
    if (kLegacyProtocols.contains(protocol)) legacy.push_back(protocol);
  }
  bool has_tls12 =
      std::find(protocols.begin(), protocols.end(), "TLSv1.2") !=
      protocols.end();
  std::string enabled = fmt::format("{}", fmt::join(protocols, " "));
  engine::Finding* finding = nullptr;
  if (!has_tls12) {
    std::string consequence =
        legacy.size() == protocols.size()
            ? "no current client can connect, and OpenSSL 3 at its default "
              "security level cannot complete such handshakes; use "
              "\"TLSv1.2 TLSv1.3\""
            : "clients without TLS 1.3 (OpenSSL 1.0.x, Java 8 before "
              "update 261, Android before 10, many webhook senders and API "
              "clients) fail with "
              "\"alert protocol version\"; add TLSv1.2";
    finding = &context.report(
        "ssl-protocols-missing-tls12", directive,
        fmt::format("\"ssl_protocols\" enables only \"{}\" and lacks TLSv1.2: "
                    "{}",
                    enabled, consequence));
  } else if (!legacy.empty()) {
    finding = &context.report(
        "ssl-protocols-legacy", directive,
        fmt::format("\"ssl_protocols\" enables {}, which RFC 8996 deprecates "
                    "and OpenSSL 3 cannot use at its default security level; "
                    "keep TLSv1.2 and TLSv1.3",
                    fmt::join(legacy, " and ")));
  }
  if (!finding) return;
  context.add_inheritance_notes(*finding, directive, inheritors);
  attach_fix(context, *finding, directive, users, !has_tls12);
}

void check_protocols(RuleContext& context) {
  const engine::Model& model = context.model();
  // One finding per defining directive, naming the servers that inherit it.
  std::map<const syntax::Directive*, std::vector<const Server*>> inheritors;
  std::map<const syntax::Directive*, std::vector<const Server*>> users;
  std::vector<const syntax::Directive*> order;
  bool any_tls = false;
  for (const Server& server : model.servers()) {
    if (!server.tls) continue;
    any_tls = true;
    engine::Setting setting = model.effective(server, "ssl_protocols");
    if (setting.empty()) {
      report_default(context, server);
      continue;
    }
    const syntax::Directive* directive = setting.directives.back();
    if (!inheritors.contains(directive)) order.push_back(directive);
    auto& servers = inheritors[directive];
    if (setting.inherited) servers.push_back(&server);
    users[directive].push_back(&server);
  }
  // An http-level value matters even before a TLS server exists: the next
  // site added inherits it.
  if (!any_tls) {
    for (const syntax::Directive* directive : model.http().named("ssl_protocols")) {
      if (!inheritors.contains(directive)) order.push_back(directive);
      inheritors[directive];
    }
  }
  for (const syntax::Directive* directive : order) {
    report_protocols(context, *directive, inheritors[directive],
                     users[directive]);
  }
}

}  // namespace

void register_protocol_rules(engine::Registry& registry) {
  registry.add_check(check_protocols);
}

}  // namespace tlslint::rules
