// server_name against the names the leaf certificate covers. nginx picks the
// server by server_name, but clients check the host they asked for against
// the certificate's subjectAltName, where a wildcard covers exactly one label
// (RFC 6125 section 6.4.3). nginx's own wildcards cover any depth.
#include <string>
#include <vector>

#include <arpa/inet.h>

#include <fmt/core.h>
#include <fmt/format.h>

#include "engine/context.h"
#include "rules/certificate_checks.h"

namespace tlslint::rules {
namespace {

using certs::CertificateInfo;
using engine::RuleContext;
using engine::Severity;

bool is_ip_address(const std::string& name) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, name.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, name.c_str(), buffer) == 1;
}

bool covers(const CertificateInfo& leaf, std::string host) {
  // server_name writes IPv6 addresses in brackets, as URLs do.
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (is_ip_address(host)) {
    for (const auto& address : leaf.ip_addresses) {
      if (address == host) return true;
    }
    return false;
  }
  for (const auto& pattern : leaf.dns_names) {
    if (certs::dns_name_matches(pattern, host)) return true;
  }
  return false;
}

bool has_san(const CertificateInfo& leaf, const std::string& entry) {
  for (const auto& name : leaf.dns_names) {
    if (name == entry) return true;
  }
  return false;
}

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

/// The host names a server_name value stands for, in the form the SAN list
/// must contain them; empty when the value cannot be checked statically.
std::vector<std::string> required_entries(const std::string& server_name) {
  std::string name = lower(server_name);
  while (name.ends_with(".")) name.pop_back();
  // ".example.org" is nginx's short form of "example.org *.example.org".
  if (name.starts_with(".")) return {name.substr(1), "*" + name};
  return {name};
}

void note_skipped(RuleContext& context, const syntax::Directive& at,
                  const std::string& name, const char* why) {
  context
      .report("san-mismatch", at,
              fmt::format("not checked: server name \"{}\" is {}, so the "
                          "names it matches cannot be compared with the "
                          "certificate",
                          name, why))
      .severity = Severity::note;
}

void check_server(RuleContext& context, const LoadedPair& pair,
                  const engine::Server& server) {
  const CertificateInfo& leaf = pair.file->certificates[pair.leaf];
  std::vector<std::string> uncovered;
  const syntax::Directive* first_at = nullptr;
  for (const auto& [name, directive] : server.names) {
    if (name.starts_with("~")) {
      note_skipped(context, *directive, name, "a regular expression");
      continue;
    }
    if (name.empty() || name == "_" || name.find('$') != std::string::npos) {
      continue;
    }
    if (name.ends_with("*")) {
      note_skipped(context, *directive, name, "a trailing wildcard");
      continue;
    }
    bool ok = true;
    for (const std::string& entry : required_entries(name)) {
      // A wildcard server_name needs the same wildcard in the certificate.
      bool found = entry.starts_with("*.") ? has_san(leaf, entry)
                                           : covers(leaf, entry);
      if (!found) ok = false;
    }
    if (ok) continue;
    uncovered.push_back(name);
    if (!first_at) first_at = directive;
  }
  if (uncovered.empty()) return;
  std::string covered =
      leaf.dns_names.empty()
          ? std::string("it has no DNS subjectAltName")
          : fmt::format("it covers {}", fmt::join(leaf.dns_names, ", "));
  std::vector<std::string> quoted;
  for (const auto& name : uncovered) quoted.push_back("\"" + name + "\"");
  context.report(
      "san-mismatch", *first_at,
      fmt::format("certificate {} in \"{}\" does not cover server name{} {} "
                  "({}): clients that check the host name fail with X509 "
                  "error 62 (hostname mismatch); reissue the certificate "
                  "with these names or remove them from \"server_name\"",
                  quoted_name(leaf), pair.path,
                  uncovered.size() == 1 ? "" : "s", fmt::join(quoted, ", "),
                  covered));
}

}  // namespace

void check_names(RuleContext& context, const LoadedPair& pair) {
  if (pair.file->certificates[pair.leaf].is_ca) return;
  for (const engine::Server* server : pair.pair->servers) {
    if (!server->tls) continue;
    check_server(context, pair, *server);
  }
}

}  // namespace tlslint::rules
