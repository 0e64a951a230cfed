#pragma once

// RAII owners for the OpenSSL objects used in src/certs/. Nothing outside
// src/certs/ includes this header, so OpenSSL types stay inside this folder.

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <vector>

#include "certs/certificate.h"

namespace tlslint::certs {

/// Deleter that calls an OpenSSL free function such as X509_free.
template <auto free_function>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* object) const {
    free_function(object);
  }
};

using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using X509StorePtr =
    std::unique_ptr<X509_STORE, OpenSslDeleter<X509_STORE_free>>;
using X509StoreCtxPtr =
    std::unique_ptr<X509_STORE_CTX, OpenSslDeleter<X509_STORE_CTX_free>>;

/// Frees a STACK_OF(X509) together with the certificates it owns.
struct X509StackDeleter {
  void operator()(STACK_OF(X509) * stack) const {
    sk_X509_pop_free(stack, X509_free);
  }
};
/// A stack that owns one reference to each of its certificates.
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackDeleter>;

/// Frees only the STACK_OF(X509) itself, for stacks that borrow their
/// certificates.
struct X509StackViewDeleter {
  void operator()(STACK_OF(X509) * stack) const { sk_X509_free(stack); }
};
using X509StackViewPtr = std::unique_ptr<STACK_OF(X509), X509StackViewDeleter>;

/// The OpenSSL objects behind CertificateFile::handles, in file order.
struct CertificateHandles {
  std::vector<X509Ptr> certificates;
};

/// Returns file.certificates[index] as an X509, or nullptr when the file
/// has no handle at that index.
X509* certificate_handle(const CertificateFile& file, std::size_t index);

/// Returns the public key held by a KeyFile, or nullptr.
EVP_PKEY* public_key_handle(const KeyFile& key);

}  // namespace tlslint::certs
