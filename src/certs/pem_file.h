#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "certs/certificate.h"

namespace tlslint::certs {

/// The result of checking a PEM file that tlslint does not otherwise decode
/// (ssl_dhparam, ssl_crl, ssl_trusted_certificate, ...).
struct PemFileStatus {
  LoadStatus status = LoadStatus::ok;
  std::string error;
};

/// Checks that `path` is a readable, non-empty regular file holding at least
/// one "-----BEGIN <label>-----" block. Never blocks on a FIFO.
PemFileStatus check_pem_file(const std::filesystem::path& path,
                             std::string_view label);

/// A short English description of a failed status ("does not exist"), for
/// messages that name the file before it.
std::string describe(LoadStatus status);

}  // namespace tlslint::certs
