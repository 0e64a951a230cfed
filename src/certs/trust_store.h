#pragma once

#include <string>

#include "certs/certificate.h"
#include "certs/handles.h"

namespace tlslint::certs {

/// The trusted roots that chains are built to.
struct TrustStore {
  X509StorePtr store;
  /// Empty when the store loaded, else what failed on which path.
  std::string error;
  /// Description of the roots' locations, e.g. `CA file "/etc/ssl/ca.pem"`.
  std::string description;
};

/// Loads the CA file and CA path of `options`, or the default locations
/// when neither is given (see TrustOptions).
TrustStore load_trust_store(const TrustOptions& options);

}  // namespace tlslint::certs
