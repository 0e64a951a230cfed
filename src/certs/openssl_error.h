#pragma once

#include <string>

namespace tlslint::certs {

/// Empties this thread's OpenSSL error queue and returns its entries as one
/// line, oldest first, e.g. "error:0480006C:PEM routines::no start line".
/// Returns an empty string when the queue was empty.
std::string drain_openssl_errors();

/// Empties this thread's OpenSSL error queue without reading it.
void clear_openssl_errors();

}  // namespace tlslint::certs
