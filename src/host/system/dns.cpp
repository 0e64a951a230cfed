// sys-dns-unusable: the host's resolver configuration, and nginx servers
// that resolve names at run time without a `resolver`.
#include "host/system/dns.h"

#include <functional>
#include <set>
#include <string>

#include <fmt/core.h>

#include "host/system/checks.h"
#include "host/system/text.h"

namespace tlslint::host::system {
namespace {

constexpr std::string_view kRule = "sys-dns-unusable";
constexpr const char* kResolvConf = "/etc/resolv.conf";
/// glibc reads at most this many name servers (MAXNS in resolv.h).
constexpr std::size_t kMaxNameservers = 3;
/// systemd-resolved's stub listener.
constexpr std::string_view kResolvedStub = "127.0.0.53";

void check_resolved(HostContext& context, const Nameserver& stub) {
  Host& host = context.host();
  const CommandResult& result =
      host.command(commands::systemctl_resolved_active);
  // is-active exits 3 for an inactive unit, so the state word on stdout
  // counts whatever the exit status.
  std::string state(trim(result.output));
  if (result.status != CommandResult::Status::exited || state.empty()) {
    context.not_checked(
        kRule, fmt::format("{} uses the systemd-resolved stub {}, but {}",
                           kResolvConf, kResolvedStub,
                           describe_failure(
                               host, commands::systemctl_resolved_active)));
    return;
  }
  if (state == "active" || state == "reloading") return;
  context.report(
      kRule, engine::Location{kResolvConf, stub.line, 1, 0},
      fmt::format("\"nameserver {}\" is systemd-resolved's stub, but "
                  "systemd-resolved is \"{}\" (systemctl is-active), so every "
                  "DNS lookup fails; run \"systemctl enable --now "
                  "systemd-resolved\", or list reachable name servers in {}",
                  kResolvedStub, state, kResolvConf));
}

void check_resolv_conf(HostContext& context) {
  Host& host = context.host();
  std::optional<std::string> text = host.read(follow_links(host, kResolvConf));
  constexpr std::string_view kConsequence =
      "glibc then sends queries to 127.0.0.1, where usually no name server "
      "listens, so ACME, OCSP and upstream lookups fail";
  if (!text) {
    context.report(kRule, std::nullopt,
                   fmt::format("{} is missing: {}; create it with "
                               "\"nameserver ADDRESS\" lines",
                               kResolvConf, kConsequence));
    return;
  }
  std::vector<Nameserver> servers = parse_nameservers(*text);
  if (servers.empty()) {
    context.report(kRule, engine::Location{kResolvConf, 1, 1, 0},
                   fmt::format("{} has no \"nameserver\" line: {}; add "
                               "\"nameserver ADDRESS\" lines",
                               kResolvConf, kConsequence));
    return;
  }
  if (servers.size() > kMaxNameservers) {
    const Nameserver& first_ignored = servers[kMaxNameservers];
    engine::Finding& finding = context.report(
        kRule, engine::Location{kResolvConf, first_ignored.line, 1, 0},
        fmt::format("{} lists {} name servers, but the resolver uses only "
                    "the first {} (MAXNS), so \"{}\" and any later ones are "
                    "ignored; keep at most {} \"nameserver\" lines",
                    kResolvConf, servers.size(), kMaxNameservers,
                    first_ignored.address, kMaxNameservers));
    finding.severity = engine::Severity::warning;
  }
  for (std::size_t i = 0; i < servers.size() && i < kMaxNameservers; ++i) {
    if (servers[i].address == kResolvedStub) {
      check_resolved(context, servers[i]);
      break;
    }
  }
}

/// The directives of one block level, with `include` replaced by the
/// directives of the files it matched.
void splice(const config::Config& config,
            const std::vector<syntax::Directive>& block,
            std::vector<const syntax::Directive*>& out, int depth = 0) {
  for (const syntax::Directive& directive : block) {
    if (directive.name == "include" && depth < 16) {
      for (std::size_t file : directive.includes) {
        splice(config, config.files.at(file).directives, out, depth + 1);
      }
      continue;
    }
    out.push_back(&directive);
  }
}

bool is_ip_literal(std::string_view host) {
  if (host.starts_with('[')) return true;
  return !host.empty() &&
         host.find_first_not_of("0123456789.") == std::string_view::npos;
}

/// Returns the host part of a proxy_pass URL: "$backend" for
/// "http://$backend/x".
std::string_view url_host(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  std::string_view host = url.substr(0, url.find('/'));
  if (!host.starts_with('[')) host = host.substr(0, host.find(':'));
  return host;
}

struct ResolverWalk {
  HostContext& context;
  const engine::Model& model;
  std::set<std::string> upstreams;
  std::set<const syntax::Directive*> reported;

  /// Reports a proxy_pass that nginx resolves per request with no
  /// resolver in effect.
  void check_proxy_pass(const syntax::Directive& directive) {
    if (directive.args.empty()) return;
    const std::string& url = directive.args[0].value;
    if (url.find('$') == std::string::npos || url.starts_with("unix:")) {
      return;
    }
    std::string_view host = url_host(url);
    if (is_ip_literal(host) || upstreams.contains(std::string(host))) return;
    // A variable host may name an upstream{} block, which needs no
    // resolver; with upstream blocks present that is the likely intent.
    if (host.find('$') != std::string_view::npos && !upstreams.empty()) {
      return;
    }
    if (!reported.insert(&directive).second) return;
    context.report(
        kRule, location_of(model, directive),
        fmt::format("\"proxy_pass {}\" has a variable, so nginx resolves the "
                    "host per request and needs a \"resolver\", but none is "
                    "set here or above, so requests fail with \"no resolver "
                    "defined to resolve\"; add \"resolver ADDRESS;\" with a "
                    "name server from /etc/resolv.conf",
                    url));
  }

  void walk(const std::vector<const syntax::Directive*>& level,
            bool has_resolver) {
    for (const syntax::Directive* directive : level) {
      if (directive->name == "resolver") has_resolver = true;
    }
    for (const syntax::Directive* directive : level) {
      if (directive->name == "proxy_pass" && !has_resolver) {
        check_proxy_pass(*directive);
      }
      if (directive->has_block) {
        std::vector<const syntax::Directive*> inner;
        splice(model.config(), directive->block, inner);
        walk(inner, has_resolver);
      }
    }
  }
};

/// False when the server's certificate has no OCSP responder URL (Let's
/// Encrypt's since 2025): nginx then skips stapling and looks nothing up.
/// True when the certificate cannot be read, so that the finding stays.
bool needs_ocsp_lookup(HostContext& context, const engine::Model& model,
                       const engine::Server& server) {
  engine::Setting certificate = model.effective(server, "ssl_certificate");
  if (certificate.empty() || certificate.directives.back()->args.empty()) {
    return true;
  }
  const std::string& path = certificate.directives.back()->args[0].value;
  if (path.find('$') != std::string::npos) return true;
  const certs::CertificateFile& file = context.certificates().certificate(
      config::resolve_path(model.config(), path));
  if (file.status != certs::LoadStatus::ok || file.certificates.empty()) {
    return true;
  }
  return !file.certificates.front().ocsp_urls.empty();
}

void check_nginx_resolver(HostContext& context) {
  for (const engine::Model& model : context.models()) {
    bool http_resolver = !model.http().named("resolver").empty();
    ResolverWalk walker{context, model, {}, {}};
    for (const syntax::Directive* upstream : model.http().named("upstream")) {
      if (!upstream->args.empty()) {
        walker.upstreams.insert(upstream->args[0].value);
      }
    }
    for (const engine::Server& server : model.servers()) {
      bool has_resolver =
          http_resolver || !server.scope.named("resolver").empty();
      engine::Setting stapling = model.effective(server, "ssl_stapling");
      if (server.tls && !has_resolver && !stapling.empty() &&
          needs_ocsp_lookup(context, model, server) &&
          !stapling.directives.back()->args.empty() &&
          stapling.directives.back()->args[0].value == "on" &&
          model.effective(server, "ssl_stapling_responder").empty()) {
        const syntax::Directive* on = stapling.directives.back();
        if (walker.reported.insert(on).second) {
          context.report(
              kRule, location_of(model, *on),
              fmt::format("\"ssl_stapling on\" without a \"resolver\" for {}: "
                          "nginx cannot look up the OCSP responder (\"no "
                          "resolver defined to resolve\") and staples "
                          "nothing; add \"resolver ADDRESS;\" with a name "
                          "server from /etc/resolv.conf",
                          model.label(server)));
        }
      }
      walker.walk(server.scope.directives, has_resolver);
    }
  }
}

}  // namespace

std::vector<Nameserver> parse_nameservers(std::string_view text) {
  std::vector<Nameserver> servers;
  std::size_t number = 0;
  for (std::string_view line : lines_of(text)) {
    ++number;
    if (line.starts_with('#') || line.starts_with(';')) continue;
    std::vector<std::string_view> words = words_of(line);
    if (words.size() < 2 || words[0] != "nameserver") continue;
    servers.push_back({std::string(words[1]), number});
  }
  return servers;
}

void check_dns(HostContext& context) {
  check_resolv_conf(context);
  check_nginx_resolver(context);
}

}  // namespace tlslint::host::system
