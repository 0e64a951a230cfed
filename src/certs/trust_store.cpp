#include "certs/trust_store.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <cctype>
#include <cstdlib>
#include <string_view>
#include <system_error>

#include "certs/file_bytes.h"
#include "certs/openssl_error.h"

namespace tlslint::certs {
namespace {

namespace fs = std::filesystem;

int refuse_passphrase(char*, int, int, void*) { return 0; }

/// Adds every certificate of a PEM file to the store. The file is read with
/// read_file rather than X509_STORE_load_file so that a FIFO cannot block.
bool add_ca_file(X509_STORE* store, const fs::path& path, std::string& error) {
  FileBytes bytes(/*sensitive=*/false);
  std::string reason;
  if (read_file(path, bytes, reason) != LoadStatus::ok) {
    error =
        fmt::format("failed to read CA file \"{}\": {}", path.string(), reason);
    return false;
  }
  BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  int added = 0;
  while (bio) {
    X509Ptr cert(
        PEM_read_bio_X509_AUX(bio.get(), nullptr, refuse_passphrase, nullptr));
    if (!cert) {
      unsigned long code = ERR_peek_last_error();
      if (ERR_GET_LIB(code) == ERR_LIB_PEM &&
          ERR_GET_REASON(code) == PEM_R_NO_START_LINE && added > 0) {
        clear_openssl_errors();
        return true;
      }
      break;
    }
    if (X509_STORE_add_cert(store, cert.get()) != 1) break;
    ++added;
  }
  error = fmt::format("failed to load CA file \"{}\": {}", path.string(),
                      added == 0 ? "no certificate found" : "invalid PEM");
  std::string queue = drain_openssl_errors();
  if (!queue.empty()) error += fmt::format(" (OpenSSL: {})", queue);
  return false;
}

/// True when the directory has a name like "9d66eef0.0", which
/// X509_LOOKUP_hash_dir looks up; `openssl rehash` creates them.
bool has_hashed_names(const fs::path& directory) {
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(directory, ignored)) {
    std::string name = entry.path().filename().string();
    std::size_t dot = name.find('.');
    if (dot != 8 || name.size() < 10) continue;
    bool hex = true;
    for (std::size_t i = 0; i < 8; ++i) {
      hex = hex && std::isxdigit(static_cast<unsigned char>(name[i]));
    }
    // "r" marks a CRL ("9d66eef0.r0"); only certificates count here.
    if (hex && std::isdigit(static_cast<unsigned char>(name[9]))) return true;
  }
  return false;
}

bool add_ca_path(X509_STORE* store, const fs::path& path, std::string& error) {
  std::error_code code;
  if (!fs::is_directory(path, code)) {
    error = fmt::format("failed to use CA path \"{}\": {}", path.string(),
                        code ? code.message() : "not a directory");
    return false;
  }
  if (X509_STORE_load_path(store, path.c_str()) != 1) {
    error = fmt::format("failed to use CA path \"{}\" (OpenSSL: {})",
                        path.string(), drain_openssl_errors());
    return false;
  }
  return true;
}

int certificate_count(X509_STORE* store) {
  int count = 0;
  STACK_OF(X509_OBJECT)* objects = X509_STORE_get0_objects(store);
  for (int i = 0; i < sk_X509_OBJECT_num(objects); ++i) {
    if (X509_OBJECT_get_type(sk_X509_OBJECT_value(objects, i)) ==
        X509_LU_X509) {
      ++count;
    }
  }
  return count;
}

void load_given(X509_STORE* store, const TrustOptions& options,
                TrustStore& trust) {
  const std::string file =
      fmt::format("CA file \"{}\"", options.ca_file.string());
  const std::string path =
      fmt::format("CA path \"{}\"", options.ca_path.string());
  trust.description = options.ca_path.empty()   ? file
                      : options.ca_file.empty() ? path
                                                : file + " and " + path;
  if (!options.ca_file.empty() &&
      !add_ca_file(store, options.ca_file, trust.error)) {
    return;
  }
  if (options.ca_path.empty()) return;
  if (!add_ca_path(store, options.ca_path, trust.error)) return;
  if (certificate_count(store) == 0 && !has_hashed_names(options.ca_path)) {
    trust.error = fmt::format(
        "no hashed certificate names in CA path \"{}\"; run \"openssl "
        "rehash\" on it",
        options.ca_path.string());
  }
}

void load_under_root(X509_STORE* store, const fs::path& root,
                     TrustStore& trust) {
  const fs::path directory = root / "etc/ssl/certs";
  const fs::path bundle = directory / "ca-certificates.crt";
  trust.description = fmt::format("CA file \"{}\" and CA path \"{}\"",
                                  bundle.string(), directory.string());
  std::error_code code;
  if (!fs::is_directory(directory, code)) {
    trust.error = fmt::format("no trust store under \"{}\": \"{}\" is missing",
                              root.string(), directory.string());
    return;
  }
  bool has_bundle = fs::exists(bundle, code);
  if (has_bundle && !add_ca_file(store, bundle, trust.error)) return;
  if (!add_ca_path(store, directory, trust.error)) return;
  if (!has_bundle && !has_hashed_names(directory)) {
    trust.error = fmt::format(
        "no trust store under \"{}\": \"{}\" has neither ca-certificates.crt "
        "nor hashed certificate names",
        root.string(), directory.string());
  }
}

/// Returns the environment override OpenSSL honours, else its built-in
/// default (X509_get_default_cert_file and friends).
std::string default_location(const char* environment_name,
                             const char* built_in) {
  const char* value = std::getenv(environment_name);
  return value != nullptr ? value : built_in;
}

void load_defaults(X509_STORE* store, TrustStore& trust) {
  const std::string file = default_location(X509_get_default_cert_file_env(),
                                            X509_get_default_cert_file());
  const std::string directory = default_location(
      X509_get_default_cert_dir_env(), X509_get_default_cert_dir());
  trust.description = fmt::format(
      "OpenSSL default CA file \"{}\" and CA path \"{}\"", file, directory);
  // TODO: OpenSSL opens the default CA file and the files in hashed
  // directories itself with BIO_new_file, so a FIFO there blocks. Only files
  // read with read_file are safe from that.
  if (X509_STORE_set_default_paths(store) != 1) {
    trust.error = fmt::format("failed to load OpenSSL default paths: {}",
                              drain_openssl_errors());
    return;
  }
  // NOTE: SSL_CERT_DIR may list several directories; only the first one is
  // looked at for hashed names here.
  std::string first_directory = directory.substr(0, directory.find(':'));
  if (certificate_count(store) == 0 && !has_hashed_names(first_directory)) {
    trust.error =
        fmt::format("no CA certificates found in {}", trust.description);
  }
}

}  // namespace

TrustStore load_trust_store(const TrustOptions& options) {
  TrustStore trust;
  trust.store.reset(X509_STORE_new());
  if (!trust.store) {
    trust.error =
        fmt::format("X509_STORE_new() failed: {}", drain_openssl_errors());
    return trust;
  }
  if (!options.ca_file.empty() || !options.ca_path.empty()) {
    load_given(trust.store.get(), options, trust);
  } else if (!options.root.empty()) {
    load_under_root(trust.store.get(), options.root, trust);
  } else {
    load_defaults(trust.store.get(), trust);
  }
  clear_openssl_errors();
  return trust;
}

}  // namespace tlslint::certs
