// Rules about how a server listens: the `ssl` and `http2` parameters of
// `listen`, the removed `ssl` directive, and TLS sockets without a
// certificate.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "engine/context.h"
#include "engine/registry.h"
#include "fix/source_edits.h"
#include "rules/all_rules.h"

namespace tlslint::rules {

/// True when some `proxy_pass http://...` of the configuration targets this
/// listen (defined with the proxy rule, src/rules/proxy.cpp).
bool is_plain_proxy_target(const engine::Model& model,
                           const engine::Listen& listen);

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

/// Returns the listen as written, for messages: "listen 8443".
std::string listen_text(const Listen& listen) {
  if (!listen.directive || listen.directive->args.empty()) return "listen";
  return fmt::format("listen {}", listen.directive->args[0].value);
}

/// Builds edits that add ` ssl` after the address of each listen of `server`
/// on `port` that lacks it, so an IPv4 listen and its `[::]` twin both get
/// it. An empty `port` matches every port.
std::vector<engine::Edit> add_ssl_edits(const RuleContext& context,
                                        const Server& server,
                                        const std::string& port) {
  std::vector<engine::Edit> edits;
  for (const Listen& listen : server.listens) {
    if (!listen.directive || listen.directive->args.empty()) continue;
    if (listen.ssl || listen.quic) continue;
    if (!port.empty() && listen.port != port) continue;
    fix::SourceEditor editor(context.config(), *listen.directive);
    edits.push_back(editor.insert_after(listen.directive->args[0], " ssl"));
  }
  return edits;
}

void report_plain_listen(RuleContext& context, const Server& server,
                         const Listen& listen, bool has_certificate) {
  std::string reason =
      has_certificate
          ? std::string("this server has \"ssl_certificate\"")
          : fmt::format("port {} is the HTTPS port", listen.port);
  // "listen ... ssl" without a certificate makes nginx -t fail, so the
  // edit is offered only where the server has one, inherited included.
  const engine::Model& model = context.model();
  bool can_serve_tls =
      !model.effective(server, "ssl_certificate").empty() ||
      is_on(model.effective(server, "ssl_reject_handshake"));
  std::string advice =
      can_serve_tls
          ? std::string("add \"ssl\" to the listen")
          : std::string("add \"ssl\" to the listen together with "
                        "\"ssl_certificate\" and \"ssl_certificate_key\", "
                        "or move the server to a plain HTTP port");
  engine::Finding& finding = context.report(
      "listen-443-without-ssl", *listen.directive,
      fmt::format("\"{}\" has no \"ssl\" parameter, but {}: nginx speaks "
                  "plain HTTP there and TLS clients fail with \"wrong "
                  "version number\"; {}",
                  listen_text(listen), reason, advice));
  if (can_serve_tls) {
    finding.fix = add_ssl_edits(context, server, listen.port);
  }
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
    report_plain_listen(context, server, listen, has_certificate);
    reported = true;
  }
  if (!reported && has_certificate && !server.tls &&
      server.listens.front().directive) {
    report_plain_listen(context, server, server.listens.front(), true);
  }
}

/// Returns the last `listen` written in the server, or nullptr when the
/// server has only nginx's implicit one.
const syntax::Directive* last_listen(const Server& server) {
  const syntax::Directive* last = nullptr;
  for (const Listen& listen : server.listens) {
    if (listen.directive) last = listen.directive;
  }
  return last;
}

/// True when `offset` lies between the block's `{` and `}`.
bool inside(const syntax::Directive& block, std::size_t offset) {
  return offset > block.terminator.begin.offset &&
         offset < block.block_end.begin.offset;
}

/// A commented-out `# NAME PATH;` line of the server's own level.
struct TemplateLine {
  const syntax::Comment* comment = nullptr;
  std::string path;
};

std::optional<TemplateLine> find_template(const RuleContext& context,
                                          const Server& server,
                                          const std::string& name) {
  const syntax::Directive& block = *server.block;
  const config::SourceFile& file = context.config().files.at(block.file);
  for (const syntax::Comment& comment : file.comments) {
    std::size_t at = comment.span.begin.offset;
    if (!inside(block, at)) continue;
    bool nested = false;
    for (const syntax::Directive& child : block.block) {
      if (child.has_block && inside(child, at)) nested = true;
    }
    if (nested) continue;
    std::string text = comment.text;
    text.erase(0, text.find_first_not_of(" \t"));
    if (!text.starts_with(name + " ") && !text.starts_with(name + "\t")) {
      continue;
    }
    std::string path = text.substr(name.size());
    path.erase(0, path.find_first_not_of(" \t"));
    path = path.substr(0, path.find_first_of(" \t;"));
    if (path.empty()) continue;
    return TemplateLine{&comment, path};
  }
  return std::nullopt;
}

bool file_exists(const RuleContext& context, const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(context.resolve(path), error);
}

/// Uncomments Mastodon-style `# ssl_certificate` template lines, or adds
/// certbot's paths for the first server_name when those files exist.
std::vector<engine::Edit> certificate_edits(const RuleContext& context,
                                            const Server& server) {
  auto certificate = find_template(context, server, "ssl_certificate");
  auto key = find_template(context, server, "ssl_certificate_key");
  if (certificate && key) {
    if (!file_exists(context, certificate->path) ||
        !file_exists(context, key->path)) {
      return {};
    }
    std::vector<engine::Edit> edits;
    const config::SourceFile& file =
        context.config().files.at(server.block->file);
    for (const TemplateLine* line : {&*certificate, &*key}) {
      std::size_t begin = line->comment->span.begin.offset;
      std::size_t end = begin + 1;
      while (end < file.text.size() &&
             (file.text[end] == ' ' || file.text[end] == '\t')) {
        ++end;
      }
      edits.push_back({file.path, begin, end, ""});
    }
    return edits;
  }
  const syntax::Directive* after = last_listen(server);
  if (!after || server.names.empty()) return {};
  std::string live =
      fmt::format("/etc/letsencrypt/live/{}", server.names.front().first);
  if (!file_exists(context, live + "/fullchain.pem") ||
      !file_exists(context, live + "/privkey.pem")) {
    return {};
  }
  fix::SourceEditor editor(context.config(), *after);
  std::string lines = fmt::format(
      "ssl_certificate     {}/fullchain.pem;{}{}ssl_certificate_key {}/"
      "privkey.pem;",
      live, editor.line_break(), editor.indentation(*after), live);
  return {editor.insert_line_after(*after, lines)};
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
  engine::Finding& finding = context.report(
      "ssl-listen-without-certificate", *at,
      fmt::format("no \"ssl_certificate\" is defined for the TLS listen of "
                  "{}, so nginx -t fails; add \"ssl_certificate\" and "
                  "\"ssl_certificate_key\", or \"ssl_reject_handshake on\" "
                  "for a catch-all server",
                  model.label(server)));
  finding.fix = certificate_edits(context, server);
}

void check_http2_parameter(RuleContext& context, const Server& server) {
  if (context.nginx_version() < kHttp2Directive) return;
  // One `http2 on;` after the last listen, shared by every finding of the
  // server (equal edits are applied once), unless the server has `http2`.
  std::optional<engine::Edit> http2_on;
  const syntax::Directive* after = last_listen(server);
  if (after && server.scope.named("http2").empty()) {
    http2_on = fix::SourceEditor(context.config(), *after)
                   .insert_line_after(*after, "http2 on;");
  }
  for (const Listen& listen : server.listens) {
    if (!listen.http2 || !listen.directive) continue;
    engine::Finding& finding = context.report(
        "listen-http2-deprecated", *listen.directive,
        fmt::format("the \"http2\" parameter of \"listen\" is deprecated "
                    "since nginx 1.25.1 (target: {}); use the \"http2 on;\" "
                    "directive in the server instead",
                    context.nginx_version().to_string()));
    const auto& args = listen.directive->args;
    fix::SourceEditor editor(context.config(), *listen.directive);
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (args[i].value == "http2") {
        finding.fix.push_back(editor.remove_argument(*listen.directive, i));
      }
    }
    if (http2_on) finding.fix.push_back(*http2_on);
  }
}

/// Deletes `ssl on;` and moves TLS to the listens of the servers it covers.
/// A server that another server proxies to with plain http:// was meant to
/// be plain: there the fix drops its certificate lines instead, so that
/// neither proxy-http-to-tls-listener nor listen-443-without-ssl fires.
std::vector<engine::Edit> ssl_directive_edits(
    const RuleContext& context, const syntax::Directive& directive,
    const std::vector<const Server*>& servers) {
  std::vector<engine::Edit> edits{
      fix::SourceEditor(context.config(), directive)
          .remove_directive(directive)};
  bool on = !directive.args.empty() && directive.args[0].value == "on";
  if (!on) return edits;
  for (const Server* server : servers) {
    bool proxied = false;
    for (const Listen& listen : server->listens) {
      if (is_plain_proxy_target(context.model(), listen)) proxied = true;
    }
    if (!proxied) {
      for (engine::Edit& edit : add_ssl_edits(context, *server, "")) {
        edits.push_back(std::move(edit));
      }
      continue;
    }
    for (const char* name : {"ssl_certificate", "ssl_certificate_key"}) {
      for (const syntax::Directive* line : server->scope.named(name)) {
        if (line->file != server->block->file) continue;
        edits.push_back(fix::SourceEditor(context.config(), *line)
                            .remove_directive(*line));
      }
    }
  }
  return edits;
}

void report_ssl_directive(RuleContext& context,
                          const syntax::Directive& directive,
                          const std::vector<const Server*>& servers) {
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
  engine::Finding& finding =
      context.report("ssl-directive-removed", directive, std::move(message));
  finding.severity = severity;
  finding.fix = ssl_directive_edits(context, directive, servers);
}

void check_listens(RuleContext& context) {
  const engine::Model& model = context.model();
  // An http-level `ssl` covers every server without one of its own.
  std::vector<const Server*> inheritors;
  for (const Server& server : model.servers()) {
    if (server.scope.named("ssl").empty()) inheritors.push_back(&server);
  }
  for (const syntax::Directive* directive : model.http().named("ssl")) {
    report_ssl_directive(context, *directive, inheritors);
  }
  for (const Server& server : model.servers()) {
    for (const syntax::Directive* directive : server.scope.named("ssl")) {
      report_ssl_directive(context, *directive, {&server});
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
