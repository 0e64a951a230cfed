// tls13-unsupported: TLSv1.3 in ssl_protocols on an nginx or OpenSSL that
// cannot provide it.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "host/system/checks.h"

namespace tlslint::host::system {
namespace {

using engine::Version;

constexpr std::string_view kRule = "tls13-unsupported";
/// nginx 1.13.0 added the TLSv1.3 parameter of ssl_protocols.
constexpr Version kNginxTls13{1, 13, 0};
/// OpenSSL 1.1.1 is the first release with TLS 1.3.
constexpr Version kOpenSslTls13{1, 1, 1};

struct Tls13Directive {
  const engine::Model* model = nullptr;
  const syntax::Directive* directive = nullptr;
  /// True when TLSv1.3 is the only protocol it enables.
  bool only_tls13 = false;
};

/// Finds each effective `ssl_protocols` of a TLS server that lists TLSv1.3,
/// once.
std::vector<Tls13Directive> find_tls13(const HostContext& context) {
  std::vector<Tls13Directive> found;
  std::set<const syntax::Directive*> seen;
  for (const engine::Model& model : context.models()) {
    for (const engine::Server& server : model.servers()) {
      if (!server.tls) continue;
      engine::Setting setting = model.effective(server, "ssl_protocols");
      if (setting.empty()) continue;
      const syntax::Directive* directive = setting.directives.back();
      if (!seen.insert(directive).second) continue;
      bool tls13 = false;
      bool other = false;
      for (const syntax::Argument& argument : directive->args) {
        (argument.value == "TLSv1.3" ? tls13 : other) = true;
      }
      if (tls13) found.push_back({&model, directive, !other});
    }
  }
  return found;
}

/// The library whose lack of TLS 1.3 disables the keyword: nginx tests
/// SSL_OP_NO_TLSv1_3 at build time (ngx_event_openssl.c), and the library
/// it runs with must implement the protocol as well.
const Library* library_without_tls13(const NginxBuild& build) {
  for (const std::optional<Library>* library : {&build.built, &build.running}) {
    if (*library && (*library)->is_openssl() &&
        (*library)->version < kOpenSslTls13) {
      return &**library;
    }
  }
  return nullptr;
}

}  // namespace

void check_tls13(HostContext& context) {
  std::vector<Tls13Directive> found = find_tls13(context);
  if (found.empty()) return;
  std::optional<NginxBuild> build = nginx_build(context.host());
  std::optional<Version> nginx;
  if (!context.options().nginx_version_assumed) {
    nginx = context.options().nginx_version;
  } else if (build && build->nginx) {
    nginx = build->nginx;
  }
  if (nginx && *nginx < kNginxTls13) {
    for (const Tls13Directive& item : found) {
      context.report(
          kRule, location_of(*item.model, *item.directive),
          fmt::format("\"ssl_protocols\" lists TLSv1.3, which nginx {} does "
                      "not know (nginx 1.13.0 added it), so nginx -t fails "
                      "with \"invalid value \"TLSv1.3\"\"; remove TLSv1.3 or "
                      "upgrade nginx to 1.13.0 or later",
                      nginx->to_string()));
    }
    return;
  }
  if (!build && context.options().openssl_version) {
    // --openssl-version (or openssl-version in .tlslint.toml) replaces
    // nginx -V, e.g. for a configuration repository.
    const Version& given = *context.options().openssl_version;
    build = NginxBuild{};
    build->built = Library{"OpenSSL", given, given.to_string()};
  }
  if (!build) {
    context.not_checked(
        kRule, fmt::format("\"ssl_protocols\" lists TLSv1.3, but the OpenSSL "
                           "that nginx uses is unknown because {}",
                           describe_failure(context.host(),
                                            commands::nginx_version)));
    return;
  }
  const Library* old = library_without_tls13(*build);
  if (!old) return;
  std::string role = old == &*build->built && !build->running
                         ? "built and running"
                         : (old == &*build->built ? "built" : "running");
  for (const Tls13Directive& item : found) {
    std::string consequence =
        item.only_tls13
            ? "this \"ssl_protocols\" enables no protocol the binary can "
              "use, so every TLS handshake fails; add TLSv1.2"
            : "TLSv1.3 is silently ignored and clients get TLS 1.2 at most; "
              "install an nginx built with OpenSSL 1.1.1 or later";
    context.report(kRule, location_of(*item.model, *item.directive),
                   fmt::format("\"ssl_protocols\" lists TLSv1.3, but nginx is "
                               "{} with {} (nginx -V), which has no TLS 1.3: "
                               "{}",
                               role, old->label(), consequence));
  }
}

}  // namespace tlslint::host::system
