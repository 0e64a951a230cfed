// Loading of PEM private keys (ssl_certificate_key files). Only the public
// half is kept; see KeyFile.

#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <string_view>

#include "certs/describe.h"
#include "certs/file_bytes.h"
#include "certs/handles.h"
#include "certs/load.h"
#include "certs/openssl_error.h"

namespace tlslint::certs {
namespace {

/// Passphrase callback that supplies none, so that OpenSSL never prompts on
/// the terminal for an encrypted key.
int refuse_passphrase(char*, int, int, void*) { return 0; }

/// Facts about the private key blocks of a file, read from its PEM markers
/// without decoding the key.
struct KeyBlocks {
  bool has_private_key = false;
  bool encrypted = false;
};

std::string_view trim_line_end(std::string_view line) {
  while (!line.empty() &&
         (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line;
}

/// Scans for "-----BEGIN ...PRIVATE KEY-----" blocks. A PKCS#8 block is
/// encrypted when labelled "ENCRYPTED PRIVATE KEY"; a traditional RSA or EC
/// block when its first header is "Proc-Type: 4,ENCRYPTED".
KeyBlocks scan_key_blocks(std::string_view text) {
  constexpr std::string_view kBegin = "-----BEGIN ";
  constexpr std::string_view kDashes = "-----";
  KeyBlocks blocks;
  bool previous_was_key_begin = false;
  while (!text.empty()) {
    std::size_t newline = text.find('\n');
    std::string_view line = trim_line_end(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size()
                                                         : newline + 1);
    if (previous_was_key_begin && line.starts_with("Proc-Type:") &&
        line.find("ENCRYPTED") != std::string_view::npos) {
      blocks.encrypted = true;
    }
    previous_was_key_begin = false;
    if (!line.starts_with(kBegin) || !line.ends_with(kDashes) ||
        line.size() < kBegin.size() + kDashes.size()) {
      continue;
    }
    std::string_view label = line.substr(
        kBegin.size(), line.size() - kBegin.size() - kDashes.size());
    if (!label.ends_with("PRIVATE KEY")) continue;
    blocks.has_private_key = true;
    previous_was_key_begin = true;
    if (label == "ENCRYPTED PRIVATE KEY") blocks.encrypted = true;
  }
  return blocks;
}

/// Copies the public half of a key through its SubjectPublicKeyInfo DER,
/// which carries no private component.
EvpPkeyPtr copy_public_half(const EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int length = i2d_PUBKEY(key, &der);
  if (length <= 0) return nullptr;
  const unsigned char* cursor = der;
  EvpPkeyPtr public_key(d2i_PUBKEY(nullptr, &cursor, length));
  OPENSSL_free(der);
  return public_key;
}

}  // namespace

KeyFile load_key_file(const std::filesystem::path& path) {
  KeyFile key;
  key.path = path;
  // The buffer contains private key bytes, so FileBytes cleanses it when
  // it is freed.
  FileBytes bytes(/*sensitive=*/true);
  key.status = read_file(path, bytes, key.error);
  if (key.status != LoadStatus::ok) return key;

  KeyBlocks blocks = scan_key_blocks(bytes.view());
  if (!blocks.has_private_key) {
    key.status = LoadStatus::no_pem;
    key.error = "no \"PRIVATE KEY\" PEM block found";
    return key;
  }

  // NOTE: OpenSSL's PEM and DER decoders keep their own temporary copies of
  // the key; whether those are cleansed is up to the OpenSSL version.
  EvpPkeyPtr private_key;
  {
    BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
    if (bio) {
      private_key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr,
                                                refuse_passphrase, nullptr));
    }
  }
  if (!private_key) {
    std::string queue = drain_openssl_errors();
    if (blocks.encrypted) {
      key.status = LoadStatus::encrypted;
      key.error = "private key is encrypted with a passphrase";
    } else {
      key.status = LoadStatus::invalid_pem;
      key.error = std::move(queue);
    }
    return key;
  }

  EvpPkeyPtr public_key = copy_public_half(private_key.get());
  // EVP_PKEY_free cleanses the private components before freeing them.
  private_key.reset();
  if (!public_key) {
    key.status = LoadStatus::invalid_pem;
    key.error = drain_openssl_errors();
    return key;
  }

  PublicKeyInfo info = describe_public_key(public_key.get());
  key.key_type = std::move(info.type);
  key.key_bits = info.bits;
  key.curve = std::move(info.curve);
  key.public_key = std::shared_ptr<EVP_PKEY>(public_key.release(),
                                             OpenSslDeleter<EVP_PKEY_free>());
  clear_openssl_errors();
  return key;
}

}  // namespace tlslint::certs
