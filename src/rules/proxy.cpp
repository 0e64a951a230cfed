// proxy_pass towards a listener of the same configuration: plain HTTP sent to
// a TLS socket gets nginx's "400 The plain HTTP request was sent to HTTPS
// port" (for example when `ssl on;` was copied into a backend server).
#include <optional>
#include <string>

#include <fmt/core.h>

#include "engine/context.h"
#include "engine/registry.h"
#include "rules/all_rules.h"

namespace tlslint::rules {
namespace {

using engine::Listen;
using engine::RuleContext;
using engine::Server;

struct Target {
  std::string host;
  std::string port;
};

/// Decodes `http://HOST[:PORT][/...]`; nullopt for https, UNIX sockets,
/// variables and upstream names (no port and no dot or colon).
std::optional<Target> parse_http_target(const std::string& url) {
  const std::string scheme = "http://";
  if (!url.starts_with(scheme) || url.find('$') != std::string::npos) {
    return std::nullopt;
  }
  std::string authority = url.substr(scheme.size());
  authority = authority.substr(0, authority.find('/'));
  if (authority.empty() || authority.starts_with("unix:")) return std::nullopt;
  Target target{authority, "80"};
  if (authority.starts_with("[")) {
    auto close = authority.find(']');
    if (close == std::string::npos) return std::nullopt;
    target.host = authority.substr(0, close + 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      target.port = authority.substr(close + 2);
    }
  } else if (auto colon = authority.rfind(':'); colon != std::string::npos) {
    target.host = authority.substr(0, colon);
    target.port = authority.substr(colon + 1);
  }
  if (target.host == "localhost") target.host = "127.0.0.1";
  return target;
}

bool listens_on(const Listen& listen, const Target& target) {
  if (listen.port != target.port) return false;
  return listen.address == target.host || listen.address == "*" ||
         (listen.address == "[::]" && target.host.starts_with("["));
}

bool is_upstream_name(const engine::Model& model, const std::string& host) {
  for (const syntax::Directive* upstream : model.http().named("upstream")) {
    if (!upstream->args.empty() && upstream->args[0].value == host) return true;
  }
  return false;
}

}  // namespace

bool is_plain_proxy_target(const engine::Model& model, const Listen& listen) {
  if (!listen.directive) return false;
  bool found = false;
  for (const Server& server : model.servers()) {
    engine::visit_nested(model.config(), *server.block,
                 [&](const syntax::Directive& directive) {
                   if (directive.name != "proxy_pass" || directive.args.empty())
                     return;
                   auto target = parse_http_target(directive.args[0].value);
                   if (target && !is_upstream_name(model, target->host) &&
                       listens_on(listen, *target)) {
                     found = true;
                   }
                 });
  }
  return found;
}

namespace {

void check_proxy_pass(RuleContext& context, const syntax::Directive& proxy) {
  if (proxy.args.empty()) return;
  std::optional<Target> target = parse_http_target(proxy.args[0].value);
  if (!target || is_upstream_name(context.model(), target->host)) return;
  for (const Server& server : context.model().servers()) {
    if (!server.tls) continue;
    for (const Listen& listen : server.listens) {
      if (!listen.directive || !listens_on(listen, *target)) continue;
      engine::Finding& finding = context.report(
          "proxy-http-to-tls-listener", proxy,
          fmt::format("\"proxy_pass {}\" sends plain HTTP to \"listen {}\" of "
                      "{}, which speaks TLS, so requests get \"400 The plain "
                      "HTTP request was sent to HTTPS port\"; use https:// or "
                      "make that listener plain",
                      proxy.args[0].value, listen.socket(),
                      context.model().label(server)));
      finding.notes.push_back(
          {context.location(*listen.directive), "the TLS listener"});
      return;
    }
  }
}

void check_proxies(RuleContext& context) {
  for (const Server& server : context.model().servers()) {
    engine::visit_nested(context.config(), *server.block,
                         [&](const syntax::Directive& directive) {
                           if (directive.name == "proxy_pass") {
                             check_proxy_pass(context, directive);
                           }
                         });
  }
}

}  // namespace

void register_proxy_rules(engine::Registry& registry) {
  registry.add_check(check_proxies);
}

}  // namespace tlslint::rules
