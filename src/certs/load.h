#pragma once

#include <filesystem>

#include "certs/certificate.h"

namespace tlslint::certs {

/// Reads every certificate of a PEM file the way nginx's ssl_certificate
/// does, without caching.
CertificateFile load_certificate_file(const std::filesystem::path& path);

/// Reads a PEM private key and keeps only its public half, without caching.
KeyFile load_key_file(const std::filesystem::path& path);

}  // namespace tlslint::certs
