#include "certs/openssl_error.h"

#include <openssl/err.h>

namespace tlslint::certs {

std::string drain_openssl_errors() {
  std::string text;
  const char* data = nullptr;
  int flags = 0;
  // ERR_get_error_all removes each entry, so the loop ends with an empty
  // queue. A later call then cannot report a stale error.
  while (unsigned long code =
             ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += ' ';
    text += buffer;
    // The data names the value that failed, e.g. "Expecting: CERTIFICATE".
    if (data != nullptr && (flags & ERR_TXT_STRING) != 0 && *data != '\0') {
      text += ':';
      text += data;
    }
  }
  return text;
}

void clear_openssl_errors() { ERR_clear_error(); }

}  // namespace tlslint::certs
