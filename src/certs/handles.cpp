#include "certs/handles.h"

namespace tlslint::certs {

X509* certificate_handle(const CertificateFile& file, std::size_t index) {
  const auto* handles =
      static_cast<const CertificateHandles*>(file.handles.get());
  if (handles == nullptr || index >= handles->certificates.size()) {
    return nullptr;
  }
  return handles->certificates[index].get();
}

EVP_PKEY* public_key_handle(const KeyFile& key) {
  return static_cast<EVP_PKEY*>(key.public_key.get());
}

}  // namespace tlslint::certs
