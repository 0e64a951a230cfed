// Certificates a certbot setup should not serve: staging certificates, and
// Let's Encrypt intermediates copied into hand-made files. Let's Encrypt
// picks one of several intermediates at random per issuance and replaces
// them over time (R3 and E1 expired on 2025-09-15), so a copied one breaks
// the chain after some renewal.
#include <system_error>

#include <fmt/core.h>

#include "host/letsencrypt/letsencrypt.h"
#include "host/nginx_files.h"
#include "host/symlinks.h"

namespace tlslint::host::letsencrypt {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kStaging = "le-staging-certificate";
constexpr std::string_view kIntermediates = "le-hardcoded-intermediates";

/// Loads a host file, following links the way the host would.
const certs::CertificateFile* load(HostContext& context,
                                   const fs::path& host_path) {
  std::optional<fs::path> resolved = resolve_links(context.host(), host_path);
  if (!resolved) return nullptr;
  const certs::CertificateFile& file =
      context.certificates().certificate(context.host().path(*resolved));
  if (file.status != certs::LoadStatus::ok) return nullptr;
  return &file;
}

void check_staging_certificate(HostContext& context, const Lineage& lineage) {
  fs::path cert = config_path("live/" + lineage.name + "/cert.pem");
  const certs::CertificateFile* file = load(context, cert);
  if (!file || file->certificates.empty()) return;
  const certs::CertificateInfo& leaf = file->certificates[0];
  if (leaf.issuer.find("(STAGING)") == std::string::npos) return;
  context.report(
      kStaging, file_location(cert),
      fmt::format("the certificate of \"{}\" was issued by \"{}\", Let's "
                  "Encrypt's staging environment, which no client trusts; "
                  "run \"certbot renew --force-renewal --cert-name {} "
                  "--server {}\"",
                  lineage.name, leaf.issuer_common_name, lineage.name,
                  kProductionServer));
}

void check_staging_server(HostContext& context, const RenewalFile& file) {
  const ConfEntry* server = file.conf.find("renewalparams", "server");
  if (!server || server->value.find(kStagingHost) == std::string::npos) {
    return;
  }
  context.report(
      kStaging, entry_location(file, server->line),
      fmt::format("\"server\" is Let's Encrypt's staging directory, so each "
                  "renewal of \"{}\" gets a certificate no client trusts; "
                  "set \"server = {}\" and run \"certbot renew "
                  "--force-renewal --cert-name {}\"",
                  file.name, kProductionServer, file.name));
}

/// Returns the value of the first O= attribute of an RFC 2253 name, or "".
std::string organization_of(const std::string& name) {
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t end = start;
    // A comma escaped as "\," belongs to the value.
    while (end < name.size() && name[end] != ',') {
      end += name[end] == '\\' ? 2 : 1;
    }
    end = std::min(end, name.size());
    std::string attribute = name.substr(start, end - start);
    if (attribute.starts_with("O=")) return attribute.substr(2);
    start = end + 1;
  }
  return "";
}

bool is_letsencrypt_ca(const certs::CertificateInfo& certificate) {
  return certificate.is_ca &&
         organization_of(certificate.subject) == "Let's Encrypt";
}

void check_file(HostContext& context, const NamedFile& named,
                std::size_t first) {
  const certs::CertificateFile* file = load(context, named.host_path);
  if (!file) return;
  for (std::size_t i = first; i < file->certificates.size(); ++i) {
    const certs::CertificateInfo& certificate = file->certificates[i];
    if (!is_letsencrypt_ca(certificate)) continue;
    bool trusted = named.directive->name == "ssl_trusted_certificate";
    std::string action =
        trusted ? "list the ISRG roots there instead"
                : "use certbot's \"/etc/letsencrypt/live/NAME/fullchain.pem\", "
                  "which certbot rewrites on every renewal";
    context.report(
        kIntermediates, argument_location_of(*named.model, *named.directive),
        fmt::format("\"{}\" file \"{}\" contains a copy of the Let's Encrypt "
                    "intermediate \"{}\"; Let's Encrypt changes "
                    "intermediates without notice, so a later renewal breaks "
                    "this chain; {}",
                    named.directive->name, named.path, certificate.common_name,
                    action));
    return;
  }
}

}  // namespace

void check_staging(HostContext& context, const CertbotState& state) {
  for (const Lineage& lineage : state.lineages) {
    check_staging_certificate(context, lineage);
  }
  for (const RenewalFile& file : state.renewals) {
    check_staging_server(context, file);
  }
}

void check_intermediates(HostContext& context, const CertbotState& state) {
  (void)state;
  for (const NamedFile& named : files_named_by(
           context.models(), {"ssl_certificate", "ssl_trusted_certificate"})) {
    // certbot writes the files under its config dir itself, also when
    // nginx reaches them through a link elsewhere.
    std::optional<fs::path> resolved =
        resolve_links(context.host(), named.host_path);
    if (lineage_of(named.host_path) || (resolved && lineage_of(*resolved))) {
      continue;
    }
    bool bundle = named.directive->name == "ssl_certificate";
    check_file(context, named, bundle ? 1 : 0);
  }
}

}  // namespace tlslint::host::letsencrypt
