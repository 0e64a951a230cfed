#include <map>
#include <optional>
#include <string>

#include "certs/certificate.h"
#include "certs/chain.h"
#include "certs/handles.h"
#include "certs/load.h"
#include "certs/openssl_error.h"
#include "certs/trust_store.h"

namespace tlslint::certs {

struct Store::Impl {
  TrustOptions options;
  // std::map keeps references stable, so callers may hold on to them.
  std::map<std::string, CertificateFile> certificates;
  std::map<std::string, KeyFile> keys;
  std::optional<TrustStore> trust;

  /// Loads the trust store on first use: rules that build no chain do not
  /// pay for reading the system bundle.
  TrustStore& trust_store() {
    if (!trust) trust = load_trust_store(options);
    return *trust;
  }
};

Store::Store(TrustOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}

Store::~Store() = default;

const CertificateFile& Store::certificate(const std::filesystem::path& path) {
  auto found = impl_->certificates.find(path.string());
  if (found == impl_->certificates.end()) {
    found =
        impl_->certificates.emplace(path.string(), load_certificate_file(path))
            .first;
  }
  return found->second;
}

const KeyFile& Store::key(const std::filesystem::path& path) {
  auto found = impl_->keys.find(path.string());
  if (found == impl_->keys.end()) {
    found = impl_->keys.emplace(path.string(), load_key_file(path)).first;
  }
  return found->second;
}

bool Store::key_matches(const CertificateFile& file, std::size_t index,
                        const KeyFile& key) const {
  X509* cert = certificate_handle(file, index);
  EVP_PKEY* public_key = public_key_handle(key);
  if (cert == nullptr || public_key == nullptr) return false;
  EVP_PKEY* cert_key = X509_get0_pubkey(cert);
  // EVP_PKEY_eq returns -1 or -2 for keys of different types.
  bool equal = cert_key != nullptr && EVP_PKEY_eq(cert_key, public_key) == 1;
  clear_openssl_errors();
  return equal;
}

ChainResult Store::verify_chain(const CertificateFile& file, std::int64_t now) {
  TrustStore& trust = impl_->trust_store();
  if (!trust.error.empty()) return ChainResult{};
  return build_chain(trust.store.get(), file, now);
}

bool Store::issued(const CertificateFile& file, std::size_t subject_index,
                   std::size_t issuer_index) const {
  X509* subject = certificate_handle(file, subject_index);
  X509* issuer = certificate_handle(file, issuer_index);
  return subject != nullptr && issuer != nullptr &&
         certificate_issued(subject, issuer);
}

std::size_t Store::certificates_loaded() const {
  std::size_t count = 0;
  for (const auto& [path, file] : impl_->certificates) {
    if (file.status == LoadStatus::ok) ++count;
  }
  return count;
}

const std::string& Store::trust_store_error() const {
  return impl_->trust_store().error;
}

const std::string& Store::trust_store_description() const {
  return impl_->trust_store().description;
}

}  // namespace tlslint::certs
