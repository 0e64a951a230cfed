// Chain building with X509_STORE_CTX. No network access: OpenSSL never
// follows AIA "CA Issuers" URLs, so a missing issuer stays missing.

#include "certs/chain.h"

#include <openssl/x509v3.h>

#include <optional>
#include <vector>

#include "certs/describe.h"
#include "certs/openssl_error.h"

namespace tlslint::certs {
namespace {

bool valid_at(X509* cert, std::int64_t now) {
  time_t at = static_cast<time_t>(now);
  return X509_cmp_time(X509_get0_notBefore(cert), &at) < 0 &&
         X509_cmp_time(X509_get0_notAfter(cert), &at) > 0;
}

/// Collects the file's certificates after the leaf as untrusted
/// intermediates, those valid at `now` first. With X509_V_FLAG_NO_CHECK_TIME
/// OpenSSL takes the first matching issuer. Clients prefer a valid issuer
/// over an expired one with the same name and key, and this order does too.
X509StackViewPtr untrusted_certificates(const CertificateFile& file,
                                        std::int64_t now) {
  X509StackViewPtr stack(sk_X509_new_null());
  if (!stack) return stack;
  for (bool want_valid : {true, false}) {
    for (std::size_t i = 1; i < file.certificates.size(); ++i) {
      X509* cert = certificate_handle(file, i);
      if (cert == nullptr || valid_at(cert, now) != want_valid) continue;
      if (sk_X509_push(stack.get(), cert) <= 0) return nullptr;
    }
  }
  return stack;
}

/// Returns the first index of the file, not yet in `used`, whose
/// certificate equals `cert`.
std::optional<std::size_t> file_index_of(const CertificateFile& file,
                                         const X509* cert,
                                         const std::vector<bool>& used) {
  for (std::size_t i = 0; i < file.certificates.size(); ++i) {
    X509* candidate = certificate_handle(file, i);
    if (!used[i] && candidate != nullptr && X509_cmp(candidate, cert) == 0) {
      return i;
    }
  }
  return std::nullopt;
}

/// True for the verify errors that mean the path ends at a certificate
/// whose issuer is neither in the file nor trusted.
bool is_missing_issuer_error(int error) {
  switch (error) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      return true;
    default:
      return false;
  }
}

/// Fills path, anchor and missing_issuer from the chain OpenSSL built.
void describe_path(const CertificateFile& file, STACK_OF(X509) * chain,
                   bool complete, ChainResult& result) {
  std::vector<bool> used(file.certificates.size(), false);
  const int length = chain != nullptr ? sk_X509_num(chain) : 0;
  for (int i = 0; i < length; ++i) {
    X509* element = sk_X509_value(chain, i);
    std::optional<std::size_t> index = file_index_of(file, element, used);
    const bool is_anchor = complete && i == length - 1;
    if (is_anchor) {
      // With TRUSTED_FIRST the anchor is the trust store's object, so a copy
      // in the file is found by comparing encodings.
      result.anchor =
          index ? file.certificates[*index] : describe_certificate(element);
      result.anchor_index = index;
    }
    if (index && (!is_anchor || i == 0)) {
      used[*index] = true;
      result.path.push_back(*index);
    }
  }
  if (!complete && length > 0 && is_missing_issuer_error(result.verify_error)) {
    X509* last = sk_X509_value(chain, length - 1);
    result.missing_issuer = format_name(X509_get_issuer_name(last));
  }
}

}  // namespace

ChainResult build_chain(X509_STORE* store, const CertificateFile& file,
                        std::int64_t now) {
  ChainResult result;
  X509* leaf = certificate_handle(file, 0);
  if (store == nullptr || file.status != LoadStatus::ok || leaf == nullptr) {
    return result;
  }

  X509StackViewPtr untrusted = untrusted_certificates(file, now);
  X509StoreCtxPtr context(X509_STORE_CTX_new());
  if (!untrusted || !context ||
      X509_STORE_CTX_init(context.get(), store, leaf, untrusted.get()) != 1) {
    result.verify_error_text = drain_openssl_errors();
    return result;
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context.get());
  // Dates are judged by the expiry rules, so they must not end the chain
  // here. NOTE: no X509_VERIFY_PARAM_set_time, because the USE_CHECK_TIME
  // flag it sets wins over NO_CHECK_TIME in OpenSSL 3.0, and expired chains
  // then fail (ChainVerify.ExpiredChainIsStillComplete shows it).
  // TRUSTED_FIRST (the OpenSSL 3 default) ends the path at a trusted root
  // before an expired cross-sign in the file is tried.
  X509_VERIFY_PARAM_set_flags(
      param, X509_V_FLAG_NO_CHECK_TIME | X509_V_FLAG_TRUSTED_FIRST);
  X509_STORE_CTX_set_purpose(context.get(), X509_PURPOSE_SSL_SERVER);

  const int verified = X509_verify_cert(context.get());
  if (verified < 0) {
    result.verify_error_text = drain_openssl_errors();
    return result;
  }
  const bool complete = verified == 1;
  result.status = complete ? ChainStatus::complete : ChainStatus::incomplete;
  if (!complete) {
    result.verify_error = X509_STORE_CTX_get_error(context.get());
    result.verify_error_text =
        X509_verify_cert_error_string(result.verify_error);
  }
  X509StackPtr chain(X509_STORE_CTX_get1_chain(context.get()));
  describe_path(file, chain.get(), complete, result);
  clear_openssl_errors();
  return result;
}

bool certificate_issued(X509* subject, X509* issuer) {
  bool issued = X509_check_issued(issuer, subject) == X509_V_OK;
  if (issued) {
    EVP_PKEY* key = X509_get0_pubkey(issuer);
    issued = key != nullptr && X509_verify(subject, key) == 1;
  }
  clear_openssl_errors();
  return issued;
}

}  // namespace tlslint::certs
