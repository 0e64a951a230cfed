#pragma once

#include <cstdint>

#include "certs/certificate.h"
#include "certs/handles.h"

namespace tlslint::certs {

/// Verifies file.certificates[0] for TLS server use against `store`, with
/// the rest of the file as untrusted intermediates. See Store::verify_chain.
ChainResult build_chain(X509_STORE* store, const CertificateFile& file,
                        std::int64_t now);

/// True when `issuer` names, and its key signed, `subject`.
bool certificate_issued(X509* subject, X509* issuer);

}  // namespace tlslint::certs
