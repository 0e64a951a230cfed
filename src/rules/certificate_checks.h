#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "certs/certificate.h"
#include "engine/context.h"
#include "engine/model.h"
#include "syntax/ast.h"

namespace tlslint::rules {

/// An `ssl_certificate` and the `ssl_certificate_key` nginx pairs with it
/// (the n-th certificate goes with the n-th key), and the TLS servers that
/// serve it.
struct CertificatePair {
  const syntax::Directive* certificate = nullptr;
  const syntax::Directive* key = nullptr;
  bool inherited = false;
  std::vector<const engine::Server*> servers;
};

/// A pair whose certificate file loaded.
struct LoadedPair {
  const CertificatePair* pair = nullptr;
  const certs::CertificateFile* file = nullptr;
  /// Null when there is no key directive or the key could not be read.
  const certs::KeyFile* key = nullptr;
  /// The path as written in the configuration.
  std::string path;
  /// Index of the certificate nginx should serve: the one matching the key,
  /// else the first non-CA certificate, else 0.
  std::size_t leaf = 0;
};

/// Order, key match and chain completeness (cert-key-mismatch,
/// chain-wrong-order, chain-incomplete, chain-extra-or-expired-certs and
/// expired intermediates). Sets pair.leaf. Returns the indexes of the
/// intermediates on the verified path, leaf excluded.
std::vector<std::size_t> check_chain(engine::RuleContext& context,
                                     LoadedPair& pair);

/// Dates, key strength and signature digests of the leaf and the given
/// intermediates.
void check_validity(engine::RuleContext& context, const LoadedPair& pair,
                    const std::vector<std::size_t>& intermediates);

/// server_name against the leaf's subjectAltName (san-mismatch).
void check_names(engine::RuleContext& context, const LoadedPair& pair);

/// Replacement for a missing `ssl_trusted_certificate`.
struct AnchorFile {
  /// The rest of the message: which root anchors the served chain and
  /// where it is, or what to do when that is not one file.
  std::string advice;
  /// The path to write, as nginx reads it (without --root); empty when no
  /// single file under /etc/ssl/certs contains that root.
  std::string path;
};

/// Finds the single-certificate file under /etc/ssl/certs (with --root
/// applied) holding the root that anchors the chains of the servers using
/// `trusted`.
AnchorFile find_anchor_file(engine::RuleContext& context,
                            const syntax::Directive& trusted);

/// "2024-09-30" for a Unix time.
std::string format_date(std::int64_t unix_time);

/// "2024-09-30 14:01 UTC", for dates where the hour matters (clock skew).
std::string format_time(std::int64_t unix_time);

/// The subject's CN in quotes, or the whole subject when it has no CN.
std::string quoted_name(const certs::CertificateInfo& certificate);

/// True for certbot's leaf-only files, `live/NAME/cert.pem` and
/// `live/NAME/chain.pem`; sets `fullchain` to the sibling fullchain.pem.
bool is_certbot_partial_path(const std::string& path, std::string& fullchain);

}  // namespace tlslint::rules
