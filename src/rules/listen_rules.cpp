// Rules about how a server listens: the `ssl` and `http2` parameters of
// `listen`, the removed `ssl` directive, and TLS sockets without a
// certificate.
#include <fmt/core.h>

#include "engine/context.h"
#include "engine/registry.h"
#include "rules/all_rules.h"

namespace tlslint::rules {
namespace {

using engine::Listen;
using engine::RuleContext;
using engine::Server;
using engine::Severity;
using engine::Version;

constexpr Version kSslDirectiveDeprecated{1, 15, 0};
constexpr Version kSslDirectiveRemoved{1, 25, 1};
constexpr Version kHttp2Directive{1, 25, 1};

bool is_tls_port(const Listen& listen) {
  return listen.port == "443" || listen.port == "8443";
}

bool is_on(const engine::Setting& setting) {
  if (setting.empty()) return false;
  const auto& args = setting.directives.back()->args;
  return !args.empty() && args[0].value == "on";
}

/// The listen as written, for messages: "listen 8443".
std::string listen_text(const Listen& listen) {
  if (!listen.directive || listen.directive->args.empty()) return "listen";
  return fmt::format("listen {}", listen.directive->args[0].value);
}

void report_plain_listen(RuleContext& context, const Listen& listen,
                         bool has_certificate) {
  std::string reason =
      has_certificate
          ? std::string("this server has \"ssl_certificate\"")
          : fmt::format("port {} is the HTTPS port", listen.port);
  context.report(
      "listen-443-without-ssl", *listen.directive,
      fmt::format("\"{}\" has no \"ssl\" parameter, but {}: nginx speaks "
                  "plain HTTP there and TLS clients fail with \"wrong "
                  "version number\"; add \"ssl\" to the listen",
                  listen_text(listen), reason));
}

void check_listen_without_ssl(RuleContext& context, const Server& server) {
  const engine::Model& model = context.model();
  if (is_on(model.effective(server, "ssl"))) return;
  bool has_certificate = !server.scope.named("ssl_certificate").empty();
  bool reported = false;
  for (const Listen& listen : server.listens) {
    if (!listen.directive || listen.quic || model.socket_is_tls(listen)) {
      continue;
    }
    // Port 80 stays plain even in a server that also serves TLS elsewhere.
    bool suspicious = is_tls_port(listen) ||
                      (has_certificate && !server.tls && listen.port != "80");
    if (!suspicious) continue;
    report_plain_listen(context, listen, has_certificate);
    reported = true;
  }
  if (!reported && has_certificate && !server.tls &&
      server.listens.front().directive) {
    report_plain_listen(context, server.listens.front(), true);
  }
}

void check_listen_without_certificate(RuleContext& context,
                                      const Server& server) {
  const engine::Model& model = context.model();
  if (!server.tls) return;
  if (!model.effective(server, "ssl_certificate").empty()) return;
  if (is_on(model.effective(server, "ssl_reject_handshake"))) return;
  const syntax::Directive* at = server.block;
  for (const Listen& listen : server.listens) {
    if (listen.directive && (listen.ssl || listen.quic ||
                             model.socket_is_tls(listen))) {
      at = listen.directive;
      break;
    }
  }
  context.report(
      "ssl-listen-without-certificate", *at,
      fmt::format("no \"ssl_certificate\" is defined for the TLS listen of "
                  "{}, so nginx -t fails; add \"ssl_certificate\" and "
                  "\"ssl_certificate_key\", or \"ssl_reject_handshake on\" "
                  "for a catch-all server",
                  model.label(server)));
}

void check_http2_parameter(RuleContext& context, const Server& server) {
  if (context.nginx_version() < kHttp2Directive) return;
  for (const Listen& listen : server.listens) {
    if (!listen.http2 || !listen.directive) continue;
    context.report(
        "listen-http2-deprecated", *listen.directive,
        fmt::format("the \"http2\" parameter of \"listen\" is deprecated "
                    "since nginx 1.25.1 (target: {}); use the \"http2 on;\" "
                    "directive in the server instead",
                    context.nginx_version().to_string()));
  }
}

void report_ssl_directive(RuleContext& context,
                          const syntax::Directive& directive) {
  const Version& target = context.nginx_version();
  std::string message;
  Severity severity;
  if (target >= kSslDirectiveRemoved) {
    severity = Severity::error;
    message = fmt::format(
        "the \"ssl\" directive was removed in nginx 1.25.1, so nginx {} "
        "rejects this configuration (unknown directive \"ssl\"); delete it "
        "and add \"ssl\" to the server's listen directives",
        target.to_string());
  } else {
    severity = target >= kSslDirectiveDeprecated ? Severity::warning
                                                 : Severity::info;
    message = fmt::format(
        "the \"ssl\" directive is deprecated since nginx 1.15.0 and removed "
        "in 1.25.1, where the configuration no longer loads; delete it and "
        "add \"ssl\" to the server's listen directives (target: {})",
        target.to_string());
  }
  context.report("ssl-directive-removed", directive, std::move(message))
      .severity = severity;
}

void check_listens(RuleContext& context) {
  const engine::Model& model = context.model();
  for (const syntax::Directive* directive : model.http().named("ssl")) {
    report_ssl_directive(context, *directive);
  }
  for (const Server& server : model.servers()) {
    for (const syntax::Directive* directive : server.scope.named("ssl")) {
      report_ssl_directive(context, *directive);
    }
    check_listen_without_ssl(context, server);
    check_listen_without_certificate(context, server);
    check_http2_parameter(context, server);
  }
}

}  // namespace

void register_listen_rules(engine::Registry& registry) {
  registry.add_check(check_listens);
}

}  // namespace tlslint::rules
