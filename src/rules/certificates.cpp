// Certificate and key files named by ssl_certificate and ssl_certificate_key:
// which pairs nginx serves, whether their files load, and then the chain,
// validity and name checks of chain.cpp, validity.cpp and names.cpp.
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "certs/pem_file.h"
#include "engine/context.h"
#include "engine/registry.h"
#include "fix/source_edits.h"
#include "rules/all_rules.h"
#include "rules/certificate_checks.h"

namespace tlslint::rules {

/// The edit that points a certbot `cert.pem` or `chain.pem` path at
/// `fullchain.pem` in the same directory, when that file exists.
std::vector<engine::Edit> fullchain_edits(const engine::RuleContext& context,
                                          const syntax::Directive& directive);

namespace {

using certs::LoadStatus;
using engine::RuleContext;
using engine::Server;
using engine::Severity;
using syntax::Directive;

/// Files nginx loads at start-up besides the certificate pairs, with the PEM
/// label each must contain.
struct OtherFile {
  const char* directive;
  const char* label;
};
constexpr OtherFile kOtherFiles[] = {
    {"ssl_trusted_certificate", "CERTIFICATE"},
    {"ssl_client_certificate", "CERTIFICATE"},
    {"ssl_crl", "X509 CRL"},
    {"ssl_dhparam", "DH PARAMETERS"},
};

/// True when nginx resolves the path per handshake (variables, since 1.15.9)
/// or reads it inline (`data:`, since 1.15.10), so no file can be checked.
bool is_dynamic(const std::string& path) {
  return path.find('$') != std::string::npos || path.starts_with("data:");
}

/// Pairs in first-use order, each once however many servers share it.
std::vector<CertificatePair> collect_pairs(RuleContext& context) {
  const engine::Model& model = context.model();
  std::vector<CertificatePair> pairs;
  std::map<std::pair<const Directive*, const Directive*>, std::size_t> index;
  for (const Server& server : model.servers()) {
    bool own = !server.scope.named("ssl_certificate").empty();
    if (!server.tls && !own) continue;
    engine::Setting certificates = model.effective(server, "ssl_certificate");
    engine::Setting keys = model.effective(server, "ssl_certificate_key");
    for (std::size_t i = 0; i < certificates.directives.size(); ++i) {
      const Directive* key =
          i < keys.directives.size() ? keys.directives[i] : nullptr;
      auto id = std::make_pair(certificates.directives[i], key);
      auto found = index.find(id);
      if (found == index.end()) {
        found = index.emplace(id, pairs.size()).first;
        pairs.push_back({id.first, key, certificates.inherited, {}});
      }
      pairs[found->second].servers.push_back(&server);
    }
  }
  return pairs;
}

std::string path_of(const Directive& directive) {
  return directive.args.empty() ? std::string() : directive.args[0].value;
}

/// Reports a file nginx cannot load, with `advice` appended. A file the
/// current user may not read is a skipped check, not a fault: nginx's master
/// process runs as root. Returns the finding, or nullptr for a note.
engine::Finding* report_unusable(RuleContext& context,
                                 const Directive& directive, LoadStatus status,
                                 const std::string& error,
                                 const std::string& advice = "") {
  std::string path = path_of(directive);
  if (status == LoadStatus::permission_denied) {
    engine::Finding& note = context.report(
        "cert-file-unreadable", directive,
        fmt::format("not checked: \"{}\" is not readable by this user; run "
                    "tlslint as root or as the file's owner to check it",
                    path));
    note.severity = Severity::note;
    return nullptr;
  }
  // A configuration repository contains the configuration, not the keys,
  // so with --certs=optional a missing file skips the checks. A root names
  // where the files are, so under a root a missing file stays an error.
  if (status == LoadStatus::not_found &&
      context.options().certificates_optional &&
      context.config().root.empty()) {
    engine::Finding& note = context.report(
        "cert-file-unreadable", directive,
        fmt::format("not checked: \"{}\" does not exist here; the "
                    "certificate checks need it, so set \"root\" in "
                    ".tlslint.toml or pass --root DIR to read absolute "
                    "paths under DIR",
                    path));
    note.severity = Severity::note;
    note.absent_file_allowed = true;
    return nullptr;
  }
  std::string resolved = context.resolve(path).string();
  std::string where =
      resolved == path ? std::string() : fmt::format(" (at \"{}\")", resolved);
  // The status already names a missing or empty file; the OpenSSL or
  // system text only adds to decoding and I/O errors.
  bool detailed = status == LoadStatus::invalid_pem ||
                  status == LoadStatus::io_error;
  std::string detail =
      detailed && !error.empty() ? fmt::format(": {}", error) : std::string();
  std::string then = advice.empty() ? std::string() : "; " + advice;
  return &context.report(
      "cert-file-unreadable", directive,
      fmt::format("\"{}\" file \"{}\"{} {}{}; nginx -t fails and nginx "
                  "will not start or reload{}",
                  directive.name, path, where, certs::describe(status), detail,
                  then));
}

/// Reports a missing trust file, typically a root that a CA bundle update
/// removed. The message names the root that anchors the served chain, and
/// when one file under /etc/ssl/certs contains it, the fix repoints the
/// directive there.
void report_missing_trust_file(RuleContext& context,
                               const Directive& directive) {
  AnchorFile anchor = find_anchor_file(context, directive);
  engine::Finding* finding = report_unusable(
      context, directive, LoadStatus::not_found, "", anchor.advice);
  if (!finding || anchor.path.empty()) return;
  finding->fix.push_back(fix::SourceEditor(context.config(), directive)
                             .replace_argument(directive.args[0], anchor.path));
}

void report_partial_path(RuleContext& context, const Directive& directive,
                         const std::string& fullchain) {
  std::string path = path_of(directive);
  std::string consequence =
      path.ends_with("/chain.pem")
          ? "holds only the intermediates, so nginx -t fails with \"key "
            "values mismatch\""
          : "holds only the leaf, so clients that verify fail with \"unable "
            "to get local issuer certificate\"";
  engine::Finding& finding = context.report(
      "cert-path-not-fullchain", directive,
      fmt::format("\"ssl_certificate\" names certbot's \"{}\", which {}; "
                  "use \"{}\"",
                  path, consequence, fullchain));
  finding.fix = fullchain_edits(context, directive);
}

/// Loads the key of a pair; returns it only when its public key is usable.
const certs::KeyFile* load_key(RuleContext& context,
                               const CertificatePair& pair) {
  if (!pair.key || pair.key->args.empty()) return nullptr;
  std::string path = path_of(*pair.key);
  if (is_dynamic(path)) return nullptr;
  const certs::KeyFile& key =
      context.certificates().key(context.resolve(path));
  if (key.status == LoadStatus::ok) return &key;
  if (key.status == LoadStatus::encrypted) {
    engine::Finding& note = context.report(
        "cert-key-mismatch", *pair.key,
        fmt::format("not checked: \"{}\" is protected by a passphrase, so "
                    "its public key cannot be compared; nginx needs "
                    "\"ssl_password_file\" for it",
                    path));
    note.severity = Severity::note;
    return nullptr;
  }
  report_unusable(context, *pair.key, key.status, key.error);
  return nullptr;
}

void check_pair_files(RuleContext& context, const CertificatePair& pair);

/// Checks one pair, then names the servers that inherit an http-level
/// certificate under each finding reported at it.
void check_pair(RuleContext& context, const CertificatePair& pair) {
  std::size_t first = context.findings().size();
  check_pair_files(context, pair);
  if (!pair.inherited) return;
  for (std::size_t i = first; i < context.findings().size(); ++i) {
    engine::Finding& finding = context.findings()[i];
    if (finding.severity == Severity::note || !finding.where) continue;
    if (finding.where->offset != pair.certificate->name_span.begin.offset ||
        finding.where->file !=
            context.config().files[pair.certificate->file].path) {
      continue;
    }
    context.add_inheritance_notes(finding, *pair.certificate, pair.servers);
  }
}

void check_pair_files(RuleContext& context, const CertificatePair& pair) {
  const Directive& directive = *pair.certificate;
  std::string path = path_of(directive);
  if (path.empty()) return;
  if (is_dynamic(path)) {
    context.report(
        "ssl-certificate-uncheckable", directive,
        fmt::format("\"{}\" is resolved per handshake, so its file cannot be "
                    "checked before nginx loads it; certificate rules were "
                    "skipped for it",
                    path));
    return;
  }
  if (!pair.key) {
    context.report("cert-key-mismatch", directive,
                   fmt::format("no \"ssl_certificate_key\" is defined for "
                               "certificate \"{}\", so nginx -t fails; add "
                               "the matching key",
                               path));
  }

  std::string fullchain;
  bool partial = is_certbot_partial_path(path, fullchain);
  const certs::CertificateFile& file =
      context.certificates().certificate(context.resolve(path));
  if (file.status != LoadStatus::ok || file.certificates.empty()) {
    report_unusable(context, directive, file.status, file.error);
    if (partial) report_partial_path(context, directive, fullchain);
    load_key(context, pair);
    return;
  }

  LoadedPair loaded;
  loaded.pair = &pair;
  loaded.file = &file;
  loaded.key = load_key(context, pair);
  loaded.path = path;
  std::size_t findings_before = context.findings().size();
  std::vector<std::size_t> intermediates = check_chain(context, loaded);
  bool chain_reported = false;
  for (std::size_t i = findings_before; i < context.findings().size(); ++i) {
    const engine::Finding& finding = context.findings()[i];
    if (finding.rule_id == "chain-incomplete" &&
        finding.severity != Severity::note) {
      chain_reported = true;
    }
  }
  if (partial && !chain_reported) {
    report_partial_path(context, directive, fullchain);
  }
  check_validity(context, loaded, intermediates);
  check_names(context, loaded);
}

/// Checks that the other files nginx loads at start-up exist and hold PEM
/// data of the right kind.
void check_other_files(RuleContext& context) {
  const engine::Model& model = context.model();
  std::vector<const engine::Scope*> scopes{&model.http()};
  for (const Server& server : model.servers()) scopes.push_back(&server.scope);
  for (const engine::Scope* scope : scopes) {
    for (const OtherFile& other : kOtherFiles) {
      for (const Directive* directive : scope->named(other.directive)) {
        std::string path = path_of(*directive);
        if (path.empty() || is_dynamic(path)) continue;
        certs::PemFileStatus status =
            certs::check_pem_file(context.resolve(path), other.label);
        if (status.status == LoadStatus::not_found &&
            directive->name == "ssl_trusted_certificate") {
          report_missing_trust_file(context, *directive);
        } else if (status.status != LoadStatus::ok) {
          report_unusable(context, *directive, status.status, status.error);
        }
      }
    }
  }
}

void check_certificates(RuleContext& context) {
  for (const CertificatePair& pair : collect_pairs(context)) {
    check_pair(context, pair);
  }
  check_other_files(context);
}

}  // namespace

std::vector<engine::Edit> fullchain_edits(const RuleContext& context,
                                          const Directive& directive) {
  std::string fullchain;
  if (directive.args.empty() ||
      !is_certbot_partial_path(directive.args[0].value, fullchain)) {
    return {};
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(context.resolve(fullchain), error)) {
    return {};
  }
  const syntax::Argument& argument = directive.args[0];
  // The path ends in "/cert.pem" or "/chain.pem" in the raw text too, so
  // only that name is replaced and any quoting stays.
  std::size_t slash = fullchain.rfind('/');
  std::string old_name = argument.value.substr(argument.value.rfind('/'));
  std::size_t raw_end = argument.span.end.offset - (argument.quoted ? 1 : 0);
  const config::SourceFile& file = context.config().files.at(directive.file);
  if (file.text.compare(raw_end - old_name.size(), old_name.size(),
                        old_name) != 0) {
    return {};
  }
  return {engine::Edit{file.path, raw_end - old_name.size(), raw_end,
                       fullchain.substr(slash)}};
}

bool is_certbot_partial_path(const std::string& path, std::string& fullchain) {
  for (const char* name : {"/cert.pem", "/chain.pem"}) {
    if (!path.ends_with(name)) continue;
    std::string directory = path.substr(0, path.size() - std::strlen(name));
    auto slash = directory.rfind('/');
    std::string parent =
        slash == std::string::npos ? std::string() : directory.substr(0, slash);
    if (parent.ends_with("/live") || parent == "live") {
      fullchain = directory + "/fullchain.pem";
      return true;
    }
  }
  return false;
}

void register_certificate_rules(engine::Registry& registry) {
  registry.add_check(check_certificates);
}

}  // namespace tlslint::rules
