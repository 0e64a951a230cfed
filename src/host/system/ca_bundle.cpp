// sys-ca-bundle and sys-openssl-102-chain-building: the system CA bundle
// that outbound TLS (OCSP, ACME clients, proxy_ssl_verify, federation)
// verifies servers with.
#include <algorithm>
#include <array>
#include <string>

#include <fmt/core.h>

#include "certs/load.h"
#include "certs/pem_file.h"
#include "host/system/checks.h"
#include "rules/certificate_checks.h"

namespace tlslint::host::system {
namespace {

constexpr std::string_view kBundleRule = "sys-ca-bundle";
constexpr std::string_view kChainRule = "sys-openssl-102-chain-building";

/// Bundle paths of the distributions, in the order Go's crypto/x509
/// (root_linux.go) tries them.
constexpr std::array<const char*, 6> kBundlePaths = {
    "/etc/ssl/certs/ca-certificates.crt",  // Debian, Ubuntu, Gentoo
    "/etc/pki/tls/certs/ca-bundle.crt",    // Fedora, RHEL 6
    "/etc/ssl/ca-bundle.pem",              // openSUSE
    "/etc/pki/tls/cacert.pem",             // OpenELEC
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // CentOS, RHEL 7
    "/etc/ssl/cert.pem",                                  // Alpine
};

/// SHA-256 fingerprints of Let's Encrypt's roots, without colons.
constexpr std::string_view kIsrgRootX1 =
    "96BCEC06264976F37460779ACF28C5A7CFE8A3C0AAE11A8FFCEE05C0BDDF08C6";
constexpr std::string_view kIsrgRootX2 =
    "69729B8E15A86EFC177A57AFB7171DFC64ADD28C2FCA8CF1507E34453CCB1470";
/// The root that Let's Encrypt's old cross-signed chain ended at; it
/// expired on 2021-09-30.
constexpr std::string_view kDstRootX3 = "DST Root CA X3";

enum class Family { debian, redhat, alpine, other };

Family family_of(const std::optional<OsRelease>& release) {
  if (!release) return Family::other;
  const std::string& id = release->id;
  if (id == "debian" || id == "ubuntu") return Family::debian;
  if (id == "rhel" || id == "centos" || id == "fedora" || id == "rocky" ||
      id == "almalinux" || id == "ol" || id == "amzn") {
    return Family::redhat;
  }
  if (id == "alpine") return Family::alpine;
  return Family::other;
}

/// Returns the advice that installs or refreshes the distribution's bundle.
std::string update_advice(Family family) {
  switch (family) {
    case Family::debian:
      return "run \"apt-get update && apt-get install --only-upgrade "
             "ca-certificates && update-ca-certificates\"";
    case Family::redhat:
      return "run \"dnf upgrade ca-certificates && update-ca-trust\" "
             "(\"yum\" on RHEL 7)";
    case Family::alpine:
      return "run \"apk add --upgrade ca-certificates && "
             "update-ca-certificates\"";
    case Family::other:
      break;
  }
  return "install or update the \"ca-certificates\" package (Debian: "
         "\"apt-get install --only-upgrade ca-certificates && "
         "update-ca-certificates\", RHEL: \"dnf upgrade ca-certificates && "
         "update-ca-trust\")";
}

std::string without_colons(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ':'), text.end());
  return text;
}

bool contains_fingerprint(const certs::CertificateFile& bundle,
                          std::string_view fingerprint) {
  return std::any_of(bundle.certificates.begin(), bundle.certificates.end(),
                     [&](const certs::CertificateInfo& certificate) {
                       return without_colons(certificate.sha256_fingerprint) ==
                              fingerprint;
                     });
}

const certs::CertificateInfo* find_dst_root(
    const certs::CertificateFile& bundle) {
  for (const certs::CertificateInfo& certificate : bundle.certificates) {
    if (certificate.common_name == kDstRootX3 && certificate.self_signed) {
      return &certificate;
    }
  }
  return nullptr;
}

/// Returns the advice that drops DST Root CA X3 from the trust store.
std::string removal_advice(Family family) {
  switch (family) {
    case Family::debian:
      return "add the line \"!mozilla/DST_Root_CA_X3.crt\" to "
             "/etc/ca-certificates.conf and run \"update-ca-certificates "
             "--fresh\"";
    case Family::redhat:
      return "save it as a PEM file in /etc/pki/ca-trust/source/blacklist/ "
             "and run \"update-ca-trust extract\"";
    default:
      break;
  }
  return "remove its PEM block from the bundle, or update the "
         "\"ca-certificates\" package (current ones no longer carry it)";
}

/// Finds an OpenSSL 1.0.2 in `openssl version` or `nginx -V`.
std::optional<Library> openssl_102(HostContext& context) {
  constexpr engine::Version k102{1, 0, 2};
  if (auto text = command_text(context.host(), commands::openssl_version)) {
    auto library = parse_openssl_version(*text);
    if (library && library->is_openssl() && library->version == k102) {
      return library;
    }
  }
  if (auto build = nginx_build(context.host())) {
    const Library* library = build->in_use();
    if (library && library->is_openssl() && library->version == k102) {
      return *library;
    }
  }
  return std::nullopt;
}

void check_chain_building(HostContext& context, const std::string& path,
                          const certs::CertificateFile& bundle,
                          Family family) {
  const certs::CertificateInfo* dst = find_dst_root(bundle);
  if (!dst) return;
  std::optional<Library> old = openssl_102(context);
  if (!old) return;
  context.report(
      kChainRule,
      engine::Location{path, static_cast<std::size_t>(std::max(dst->pem_line, 1)),
                       1, 0},
      fmt::format("the host has {} and the bundle \"{}\" still contains "
                  "\"DST Root CA X3\" (expired {}): OpenSSL 1.0.2 follows "
                  "the chain a server sends up to this root and then fails "
                  "with \"certificate has expired\", even though ISRG Root "
                  "X1 is trusted; {}",
                  old->label(), path, rules::format_date(dst->not_after),
                  removal_advice(family)));
}

}  // namespace

void check_ca_bundle(HostContext& context) {
  Host& host = context.host();
  Family family = family_of(os_release(host));
  std::string found;
  for (const char* path : kBundlePaths) {
    if (host.read(follow_links(host, path))) {
      found = path;
      break;
    }
  }
  if (found.empty()) {
    context.report(
        kBundleRule, std::nullopt,
        fmt::format("no system CA bundle at {} or the other usual paths, so "
                    "outbound TLS from this host (ACME, OCSP, upstreams with "
                    "\"proxy_ssl_verify\") cannot verify any server; {}",
                    kBundlePaths[0], update_advice(family)));
    return;
  }
  certs::CertificateFile bundle =
      certs::load_certificate_file(host.path(follow_links(host, found)));
  engine::Location where{found, 1, 1, 0};
  if (bundle.certificates.empty()) {
    context.report(kBundleRule, where,
                   fmt::format("the CA bundle \"{}\" holds no certificate "
                               "OpenSSL can read ({}); {}",
                               found, certs::describe(bundle.status),
                               update_advice(family)));
    return;
  }
  if (!contains_fingerprint(bundle, kIsrgRootX1)) {
    context.report(
        kBundleRule, where,
        fmt::format("the CA bundle \"{}\" lacks ISRG Root X1, so this host "
                    "cannot verify servers with Let's Encrypt certificates "
                    "(\"unable to get local issuer certificate\"); {}",
                    found, update_advice(family)));
  } else if (!contains_fingerprint(bundle, kIsrgRootX2)) {
    engine::Finding& finding = context.report(
        kBundleRule, where,
        fmt::format("the CA bundle \"{}\" lacks ISRG Root X2, so this host "
                    "cannot verify Let's Encrypt ECDSA chains that end at "
                    "it; {}",
                    found, update_advice(family)));
    finding.severity = engine::Severity::warning;
  }
  check_chain_building(context, found, bundle, family);
}

}  // namespace tlslint::host::system
