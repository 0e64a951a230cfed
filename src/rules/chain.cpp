// Checks of the chain an ssl_certificate file serves. nginx sends the file as
// it is, so it must hold the leaf first, then the intermediates in issuing
// order, enough of them to reach a trusted root and nothing else.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "engine/context.h"
#include "rules/certificate_checks.h"

namespace tlslint::rules {

/// Defined with the certificate checks (src/rules/certificates.cpp).
// TODO: move this declaration and is_plain_proxy_target()'s to a header of
// src/rules once the fixer's ownership of the rule headers is settled.
std::vector<engine::Edit> fullchain_edits(const engine::RuleContext& context,
                                          const syntax::Directive& directive);

namespace {

using certs::CertificateInfo;
using engine::RuleContext;
using engine::Severity;

/// X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: the file ends in an untrusted root.
constexpr int kVerifyErrorSelfSignedInChain = 19;

/// How far past a misplaced certificate its issuer is looked for.
constexpr std::size_t kMaxIssuerSearch = 16;
/// Extra certificates reported one by one; the rest share one finding.
constexpr std::size_t kMaxExtrasReported = 3;

std::string ordinal(std::size_t index) {
  return fmt::format("#{}", index + 1);
}

/// Finds the certificate that the key belongs to. Returns false after
/// reporting cert-key-mismatch when none does.
bool find_leaf(RuleContext& context, LoadedPair& pair) {
  const auto& certificates = pair.file->certificates;
  const syntax::Directive& at = *pair.pair->certificate;
  if (!pair.key) {
    // Without a key, the first non-CA certificate serves as the leaf.
    for (std::size_t i = 0; i < certificates.size(); ++i) {
      if (!certificates[i].is_ca) {
        pair.leaf = i;
        return true;
      }
    }
    pair.leaf = 0;
    return true;
  }
  for (std::size_t i = 0; i < certificates.size(); ++i) {
    if (context.certificates().key_matches(*pair.file, i, *pair.key)) {
      pair.leaf = i;
      return true;
    }
  }
  std::string key_path = pair.pair->key->args[0].value;
  bool only_ca = std::all_of(certificates.begin(), certificates.end(),
                             [](const CertificateInfo& c) { return c.is_ca; });
  const CertificateInfo& first = certificates.front();
  if (only_ca) {
    context.report(
        "cert-key-mismatch", at,
        fmt::format("\"{}\" holds only CA certificates (first: {}), none of "
                    "which matches \"{}\": the leaf certificate is missing "
                    "from the file, so nginx -t fails with \"key values "
                    "mismatch\"; put the leaf first, then its intermediates",
                    pair.path, quoted_name(first), key_path));
  } else if (first.key_type != pair.key->key_type) {
    context.report(
        "cert-key-mismatch", at,
        fmt::format("the certificate in \"{}\" has key type {}, but \"{}\" "
                    "has key type {}: nginx -t accepts the pair, yet every "
                    "handshake that selects this certificate fails; pair each "
                    "certificate with its own key",
                    pair.path, first.key_type, key_path, pair.key->key_type));
  } else {
    context.report(
        "cert-key-mismatch", at,
        fmt::format("\"{}\" does not match the public key of {} in \"{}\", so "
                    "nginx -t fails with \"key values mismatch\" and nginx "
                    "will not start or reload; use the key the certificate "
                    "was issued for",
                    key_path, quoted_name(first), pair.path));
  }
  return false;
}

void report_leaf_not_first(RuleContext& context, const LoadedPair& pair) {
  const auto& certificates = pair.file->certificates;
  context.report(
      "chain-wrong-order", *pair.pair->certificate,
      fmt::format("the first certificate in \"{}\" is {}, not the leaf {} "
                  "(certificate {}): nginx serves the first certificate as "
                  "its own, so nginx -t fails with \"key values mismatch\"; "
                  "put the leaf first, then its intermediates",
                  pair.path, quoted_name(certificates.front()),
                  quoted_name(certificates[pair.leaf]), ordinal(pair.leaf)));
}

/// Reports the first intermediate that does not issue the one before it
/// while a later certificate of the file does. Returns true if one was found.
bool check_issuing_order(RuleContext& context, const LoadedPair& pair) {
  const auto& certificates = pair.file->certificates;
  for (std::size_t i = 1; i < certificates.size(); ++i) {
    if (context.certificates().issued(*pair.file, i - 1, i)) continue;
    // Served chains hold a handful of certificates. Looking further ahead
    // would make a bundle of thousands (a CA store named by mistake) take
    // quadratic time in signature checks.
    std::size_t end = std::min(certificates.size(), i + 1 + kMaxIssuerSearch);
    for (std::size_t j = i + 1; j < end; ++j) {
      if (!context.certificates().issued(*pair.file, i - 1, j)) continue;
      context.report(
          "chain-wrong-order", *pair.pair->certificate,
          fmt::format("certificate {} in \"{}\" ({}) is issued by certificate "
                      "{} ({}), but certificate {} ({}) comes between them; "
                      "list each certificate right before its issuer",
                      ordinal(i - 1), pair.path,
                      quoted_name(certificates[i - 1]), ordinal(j),
                      quoted_name(certificates[j]), ordinal(i),
                      quoted_name(certificates[i])));
      return true;
    }
    // No issuer nearby: the rest of the file is not a chain in the wrong
    // order but extra certificates, which report_extras names.
    return false;
  }
  return false;
}

void report_incomplete(RuleContext& context, const LoadedPair& pair,
                       const certs::ChainResult& chain) {
  const auto& certificates = pair.file->certificates;
  const CertificateInfo& leaf = certificates[pair.leaf];
  std::string issuer = chain.missing_issuer.empty()
                           ? leaf.issuer
                           : chain.missing_issuer;
  std::string advice =
      "serve the full chain: the leaf, then its intermediates, in one file "
      "(for a private CA, its root must be in the clients' trust stores)";
  // The file already carries intermediates (or the root itself), so what is
  // missing is trust in the root, not a certificate to serve.
  bool chain_served = chain.path.size() > 1 ||
                      chain.verify_error ==
                          kVerifyErrorSelfSignedInChain;
  if (chain_served) {
    advice = fmt::format(
        "the file already serves the chain, so the trust store lacks \"{}\": "
        "for a public root, update the CA bundle (ca-certificates); for a "
        "private CA, clients must trust it, and tlslint needs it in "
        "--ca-file",
        issuer);
  }
  std::string fullchain;
  if (is_certbot_partial_path(pair.path, fullchain)) {
    advice = fmt::format("use certbot's \"{}\"", fullchain);
  }
  std::string count =
      certificates.size() == 1
          ? std::string("only the leaf")
          : fmt::format("{} certificates", certificates.size());
  std::string stop =
      chain.verify_error == kVerifyErrorSelfSignedInChain
          ? fmt::format("ends at the self-signed root \"{}\", which is not "
                        "in the trust store",
                        issuer)
          : fmt::format("stops at issuer \"{}\", which is neither in the "
                        "file nor a trusted root",
                        issuer);
  engine::Finding& finding = context.report(
      "chain-incomplete", *pair.pair->certificate,
      fmt::format("\"{}\" holds {} ({}), and its chain {}: clients that "
                  "verify fail with X509 error {} ({}); {}",
                  pair.path, count, quoted_name(leaf), stop,
                  chain.verify_error, chain.verify_error_text, advice));
  finding.notes.push_back(
      {std::nullopt, fmt::format("trust store: {}",
                                 context.certificates()
                                     .trust_store_description())});
  finding.fix = fullchain_edits(context, *pair.pair->certificate);
}

void report_extras(RuleContext& context, const LoadedPair& pair,
                   const certs::ChainResult& chain) {
  const auto& certificates = pair.file->certificates;
  std::size_t reported = 0;
  std::size_t unreported = 0;
  for (std::size_t i = 0; i < certificates.size(); ++i) {
    if (i == pair.leaf) continue;
    if (std::find(chain.path.begin(), chain.path.end(), i) != chain.path.end()) {
      continue;
    }
    if (reported == kMaxExtrasReported) {
      ++unreported;
      continue;
    }
    ++reported;
    const CertificateInfo& extra = certificates[i];
    if (extra.not_after < context.now()) {
      context.report(
          "chain-extra-or-expired-certs", *pair.pair->certificate,
          fmt::format("certificate {} in \"{}\" ({}, issued by \"{}\") "
                      "expired on {} and is not needed for the chain; clients "
                      "that build paths from the served certificates (OpenSSL "
                      "before 1.1.0) can fail on it; remove it from the file",
                      ordinal(i), pair.path, quoted_name(extra), extra.issuer,
                      format_date(extra.not_after)));
    } else if (extra.self_signed) {
      context
          .report("chain-extra-or-expired-certs", *pair.pair->certificate,
                  fmt::format("certificate {} in \"{}\" is the self-signed "
                              "root {}: clients must already trust their own "
                              "copy, so sending it only adds bytes to every "
                              "handshake; it can be dropped from the file",
                              ordinal(i), pair.path, quoted_name(extra)))
          .severity = Severity::info;
    } else {
      context.report(
          "chain-extra-or-expired-certs", *pair.pair->certificate,
          fmt::format("certificate {} in \"{}\" ({}) is not part of the chain "
                      "from the leaf to a trusted root; remove it from the "
                      "file",
                      ordinal(i), pair.path, quoted_name(extra)));
    }
  }
  if (unreported > 0) {
    context.report(
        "chain-extra-or-expired-certs", *pair.pair->certificate,
        fmt::format("{} more certificates in \"{}\" are not part of the chain "
                    "from the leaf to a trusted root; a served file should "
                    "hold the leaf and its intermediates only",
                    unreported, pair.path));
  }
}

}  // namespace

std::vector<std::size_t> check_chain(RuleContext& context, LoadedPair& pair) {
  if (!find_leaf(context, pair)) return {};
  if (pair.leaf != 0) {
    report_leaf_not_first(context, pair);
    return {};
  }
  if (check_issuing_order(context, pair)) return {};
  certs::ChainResult chain =
      context.certificates().verify_chain(*pair.file, context.now());
  if (chain.status == certs::ChainStatus::unknown) {
    engine::Finding& note = context.report(
        "chain-incomplete", *pair.pair->certificate,
        fmt::format("not checked: the trust store could not be loaded ({}); "
                    "pass --ca-file or --ca-path",
                    context.certificates().trust_store_error()));
    note.severity = Severity::note;
    return {};
  }
  if (chain.status == certs::ChainStatus::incomplete) {
    report_incomplete(context, pair, chain);
    return {};
  }
  report_extras(context, pair, chain);
  std::vector<std::size_t> intermediates;
  for (std::size_t index : chain.path) {
    if (index != pair.leaf) intermediates.push_back(index);
  }
  return intermediates;
}

}  // namespace tlslint::rules
