#pragma once

// Copies facts out of OpenSSL objects into the plain structs of
// certificate.h.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>

#include "certs/certificate.h"

namespace tlslint::certs {

/// Type, size and curve of a public key.
struct PublicKeyInfo {
  std::string type;
  int bits = 0;
  std::string curve;
};

PublicKeyInfo describe_public_key(const EVP_PKEY* key);

/// Formats a distinguished name on one line in RFC 2253 order.
std::string format_name(const X509_NAME* name);

/// Fills every CertificateInfo field except pem_line, which the file reader
/// sets.
CertificateInfo describe_certificate(X509* cert);

}  // namespace tlslint::certs
