// Rules about `ssl_protocols`: TLS 1.2 must stay enabled, legacy protocols
// should not, and an unset value means a version-dependent default.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/format.h>

#include "engine/context.h"
#include "engine/registry.h"
#include "rules/all_rules.h"

namespace tlslint::rules {
namespace {

using engine::RuleContext;
using engine::Server;
using engine::Version;

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

void report_protocols(RuleContext& context,
                      const syntax::Directive& directive,
                      const std::vector<const Server*>& inheritors) {
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
  if (finding) context.add_inheritance_notes(*finding, directive, inheritors);
}

void check_protocols(RuleContext& context) {
  const engine::Model& model = context.model();
  // One finding per defining directive, naming the servers that inherit it.
  std::map<const syntax::Directive*, std::vector<const Server*>> inheritors;
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
    report_protocols(context, *directive, inheritors[directive]);
  }
}

}  // namespace

void register_protocol_rules(engine::Registry& registry) {
  registry.add_check(check_protocols);
}

}  // namespace tlslint::rules
