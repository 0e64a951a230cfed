// Loading of PEM certificate bundles (ssl_certificate files).

#include <openssl/err.h>
#include <openssl/pem.h>

#include <algorithm>
#include <string_view>

#include "certs/describe.h"
#include "certs/file_bytes.h"
#include "certs/handles.h"
#include "certs/load.h"
#include "certs/openssl_error.h"

namespace tlslint::certs {
namespace {

/// Passphrase callback that supplies none, so that OpenSSL never prompts on
/// the terminal.
int refuse_passphrase(char*, int, int, void*) { return 0; }

bool is_no_start_line(unsigned long code) {
  return ERR_GET_LIB(code) == ERR_LIB_PEM &&
         ERR_GET_REASON(code) == PEM_R_NO_START_LINE;
}

/// Line numbers of increasing offsets in one text. Each call counts only the
/// bytes since the previous one, so a bundle of thousands of certificates
/// is not rescanned from its start for each of them.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}

  /// The 1-based line of `offset`; offsets must not decrease.
  int line_at(std::size_t offset) {
    lines_ += static_cast<int>(std::count(text_.begin() + counted_,
                                          text_.begin() + offset, '\n'));
    counted_ = offset;
    return lines_;
  }

 private:
  std::string_view text_;
  std::size_t counted_ = 0;
  int lines_ = 1;
};

/// Returns the 1-based line of the last "-----BEGIN " marker that starts a
/// line before byte offset `end`, or 0 when there is none.
int begin_marker_line(std::string_view text, std::size_t end,
                      LineCounter& counter) {
  constexpr std::string_view kMarker = "-----BEGIN ";
  std::size_t limit = std::min(end, text.size());
  while (limit > 0) {
    std::size_t found = text.rfind(kMarker, limit - 1);
    if (found == std::string_view::npos) return 0;
    if (found == 0 || text[found - 1] == '\n') return counter.line_at(found);
    limit = found;
  }
  return 0;
}

}  // namespace

CertificateFile load_certificate_file(const std::filesystem::path& path) {
  CertificateFile file;
  file.path = path;
  FileBytes bytes(/*sensitive=*/false);
  file.status = read_file(path, bytes, file.error);
  if (file.status != LoadStatus::ok) return file;

  BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  if (!bio) {
    file.status = LoadStatus::io_error;
    file.error = drain_openssl_errors();
    return file;
  }
  auto handles = std::make_shared<CertificateHandles>();
  LineCounter lines(bytes.view());
  for (;;) {
    // nginx reads the first certificate with PEM_read_bio_X509_AUX and the
    // chain with PEM_read_bio_X509, and stops at the first "no start line"
    // (ngx_ssl_cache_cert_create in src/event/ngx_event_openssl_cache.c).
    X509* cert =
        handles->certificates.empty()
            ? PEM_read_bio_X509_AUX(bio.get(), nullptr, refuse_passphrase,
                                    nullptr)
            : PEM_read_bio_X509(bio.get(), nullptr, refuse_passphrase, nullptr);
    if (cert == nullptr) {
      unsigned long code = ERR_peek_last_error();
      if (is_no_start_line(code) && !handles->certificates.empty()) {
        clear_openssl_errors();
        break;
      }
      file.status =
          is_no_start_line(code) ? LoadStatus::no_pem : LoadStatus::invalid_pem;
      file.error = drain_openssl_errors();
      break;
    }
    handles->certificates.emplace_back(cert);

    // The memory BIO has consumed exactly up to the END line, so the BEGIN
    // marker of this certificate is the last one before that offset.
    std::size_t consumed =
        bytes.size() - static_cast<std::size_t>(BIO_pending(bio.get()));
    CertificateInfo info = describe_certificate(cert);
    info.pem_line = begin_marker_line(bytes.view(), consumed, lines);
    file.certificates.push_back(std::move(info));
  }
  file.handles = std::move(handles);
  return file;
}

}  // namespace tlslint::certs
