#include "support/test_pki.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace tlslint::test {
namespace {

/// Throws with `failure` and the OpenSSL error queue, which it empties.
[[noreturn]] void fail(const std::string& failure) {
  std::string message = "test PKI: " + failure;
  while (unsigned long code = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    message += " ";
    message += text;
  }
  throw std::runtime_error(message);
}

EVP_PKEY* as_key(const std::shared_ptr<void>& key) {
  return static_cast<EVP_PKEY*>(key.get());
}

X509* as_cert(void* cert) { return static_cast<X509*>(cert); }

std::shared_ptr<void> own_key(EVP_PKEY* key, const char* description) {
  if (key == nullptr) fail(std::string("failed to generate ") + description);
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

/// Returns the contents of a memory BIO as a string and frees the BIO.
std::string take_bio_text(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<std::size_t>(length));
  BIO_free(bio);
  return text;
}

const EVP_MD* digest_of(Digest digest) {
  switch (digest) {
    case Digest::sha1:
      return EVP_sha1();
    case Digest::sha256:
      return EVP_sha256();
    case Digest::sha384:
      return EVP_sha384();
    case Digest::sha512:
      return EVP_sha512();
  }
  return EVP_sha256();
}

bool signs_without_digest(EVP_PKEY* key) {
  int id = EVP_PKEY_get_base_id(key);
  return id == EVP_PKEY_ED25519 || id == EVP_PKEY_ED448;
}

void set_random_serial(X509* cert) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) fail("RAND_bytes failed");
  bytes[0] &= 0x7f;  // keep the serial positive
  BIGNUM* number = BN_bin2bn(bytes, sizeof bytes, nullptr);
  if (number == nullptr ||
      BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert)) == nullptr) {
    BN_free(number);
    fail("failed to set the serial number");
  }
  BN_free(number);
}

void set_subject(X509* cert, const CertificateSpec& spec) {
  X509_NAME* name = X509_get_subject_name(cert);
  auto add = [&](const char* field, const std::string& value) {
    if (X509_NAME_add_entry_by_txt(
            name, field, MBSTRING_UTF8,
            reinterpret_cast<const unsigned char*>(value.data()),
            static_cast<int>(value.size()), -1, 0) != 1) {
      fail(std::string("failed to set ") + field + "=" + value);
    }
  };
  if (!spec.organization.empty()) add("O", spec.organization);
  if (!spec.common_name.empty()) add("CN", spec.common_name);
}

void add_extension(X509* cert, X509V3_CTX* context, int nid,
                   const std::string& value) {
  X509_EXTENSION* extension =
      X509V3_EXT_conf_nid(nullptr, context, nid, value.c_str());
  if (extension == nullptr || X509_add_ext(cert, extension, -1) != 1) {
    X509_EXTENSION_free(extension);
    fail(std::string("failed to add ") + OBJ_nid2sn(nid) + " " + value);
  }
  X509_EXTENSION_free(extension);
}

void add_subject_alt_names(X509* cert, const CertificateSpec& spec) {
  if (spec.dns_names.empty() && spec.ip_addresses.empty()) return;
  GENERAL_NAMES* names = sk_GENERAL_NAME_new_null();
  for (const std::string& dns : spec.dns_names) {
    ASN1_IA5STRING* text = ASN1_IA5STRING_new();
    GENERAL_NAME* name = GENERAL_NAME_new();
    ASN1_STRING_set(text, dns.data(), static_cast<int>(dns.size()));
    GENERAL_NAME_set0_value(name, GEN_DNS, text);
    sk_GENERAL_NAME_push(names, name);
  }
  for (const std::string& ip : spec.ip_addresses) {
    ASN1_OCTET_STRING* address = a2i_IPADDRESS(ip.c_str());
    if (address == nullptr) {
      GENERAL_NAMES_free(names);
      fail("invalid IP address " + ip);
    }
    GENERAL_NAME* name = GENERAL_NAME_new();
    GENERAL_NAME_set0_value(name, GEN_IPADD, address);
    sk_GENERAL_NAME_push(names, name);
  }
  int added = X509_add1_ext_i2d(cert, NID_subject_alt_name, names, 0,
                                X509V3_ADD_DEFAULT);
  GENERAL_NAMES_free(names);
  if (added != 1) fail("failed to add subjectAltName");
}

void add_extensions(X509* cert, X509* issuer, EVP_PKEY* subject_key,
                    const CertificateSpec& spec) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);

  std::string constraints =
      spec.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE";
  if (spec.is_ca && spec.path_length >= 0) {
    constraints += ",pathlen:" + std::to_string(spec.path_length);
  }
  add_extension(cert, &context, NID_basic_constraints, constraints);
  std::string usage =
      spec.is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature";
  if (!spec.is_ca && EVP_PKEY_get_base_id(subject_key) == EVP_PKEY_RSA) {
    usage += ",keyEncipherment";
  }
  add_extension(cert, &context, NID_key_usage, usage);
  if (!spec.is_ca && !spec.extended_key_usage.empty()) {
    add_extension(cert, &context, NID_ext_key_usage, spec.extended_key_usage);
  }
  add_extension(cert, &context, NID_subject_key_identifier, "hash");
  if (issuer != cert) {
    add_extension(cert, &context, NID_authority_key_identifier, "keyid:always");
  }
  add_subject_alt_names(cert, spec);
}

/// Builds and signs a certificate; `issuer` is nullptr for a self-signed
/// one.
std::shared_ptr<void> make_certificate(const CertificateSpec& spec,
                                       EVP_PKEY* subject_key, X509* issuer,
                                       EVP_PKEY* issuer_key) {
  std::shared_ptr<X509> owned(X509_new(), X509_free);
  X509* cert = owned.get();
  if (cert == nullptr || X509_set_version(cert, X509_VERSION_3) != 1) {
    fail("X509_new failed");
  }
  set_random_serial(cert);
  set_subject(cert, spec);
  X509_NAME* issuer_name = issuer != nullptr ? X509_get_subject_name(issuer)
                                             : X509_get_subject_name(cert);
  if (X509_set_issuer_name(cert, issuer_name) != 1 ||
      ASN1_TIME_set(X509_getm_notBefore(cert),
                    static_cast<time_t>(spec.not_before)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert),
                    static_cast<time_t>(spec.not_after)) == nullptr ||
      X509_set_pubkey(cert, subject_key) != 1) {
    fail("failed to set the issuer, validity or key of " + spec.common_name);
  }
  add_extensions(cert, issuer != nullptr ? issuer : cert, subject_key, spec);
  const EVP_MD* digest =
      signs_without_digest(issuer_key) ? nullptr : digest_of(spec.digest);
  if (X509_sign(cert, issuer_key, digest) <= 0) {
    fail("failed to sign " + spec.common_name);
  }
  return owned;
}

}  // namespace

TestKey TestKey::rsa(int bits) {
  return TestKey(
      own_key(EVP_RSA_gen(static_cast<unsigned int>(bits)), "an RSA key"));
}

TestKey TestKey::ec(Curve curve) {
  const char* name = curve == Curve::p256   ? "P-256"
                     : curve == Curve::p384 ? "P-384"
                                            : "P-521";
  return TestKey(own_key(EVP_EC_gen(name), name));
}

TestKey TestKey::ed25519() {
  return TestKey(own_key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"),
                         "an Ed25519 key"));
}

TestKey TestKey::reusable_rsa(int bits, int slot) {
  static std::mutex mutex;
  static std::map<std::pair<int, int>, TestKey> keys;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = keys.find({bits, slot});
  if (found == keys.end()) {
    found = keys.emplace(std::make_pair(bits, slot), rsa(bits)).first;
  }
  return found->second;
}

std::string TestKey::private_pem(std::string_view passphrase,
                                 KeyEncoding encoding) const {
  BIO* bio = BIO_new(BIO_s_mem());
  const EVP_CIPHER* cipher = passphrase.empty() ? nullptr : EVP_aes_256_cbc();
  auto* pass =
      reinterpret_cast<unsigned char*>(const_cast<char*>(passphrase.data()));
  int length = static_cast<int>(passphrase.size());
  int written =
      encoding == KeyEncoding::pkcs8
          ? PEM_write_bio_PKCS8PrivateKey(bio, as_key(key_), cipher,
                                          reinterpret_cast<char*>(pass), length,
                                          nullptr, nullptr)
          : PEM_write_bio_PrivateKey_traditional(
                bio, as_key(key_), cipher, pass, length, nullptr, nullptr);
  if (written != 1) {
    BIO_free(bio);
    fail("failed to write a private key");
  }
  return take_bio_text(bio);
}

std::string TestKey::public_pem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  if (PEM_write_bio_PUBKEY(bio, as_key(key_)) != 1) {
    BIO_free(bio);
    fail("failed to write a public key");
  }
  return take_bio_text(bio);
}

CertificateSpec ca_spec(std::string common_name, std::int64_t now) {
  CertificateSpec spec;
  spec.common_name = std::move(common_name);
  spec.not_before = now - 365 * kDay;
  spec.not_after = now + 3650 * kDay;
  spec.is_ca = true;
  return spec;
}

CertificateSpec leaf_spec(std::string host, std::int64_t now) {
  CertificateSpec spec;
  spec.common_name = host;
  spec.dns_names = {std::move(host)};
  spec.not_before = now - kDay;
  spec.not_after = now + 89 * kDay;
  return spec;
}

TestCertificate TestCertificate::self_signed(const CertificateSpec& spec,
                                             const TestKey& key) {
  return TestCertificate(
      make_certificate(spec, as_key(key.key_), nullptr, as_key(key.key_)));
}

TestCertificate TestCertificate::issued(const CertificateSpec& spec,
                                        const TestKey& subject_key,
                                        const TestCertificate& issuer,
                                        const TestKey& issuer_key) {
  return TestCertificate(make_certificate(spec, as_key(subject_key.key_),
                                          as_cert(issuer.cert_.get()),
                                          as_key(issuer_key.key_)));
}

std::string TestCertificate::pem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  if (PEM_write_bio_X509(bio, as_cert(cert_.get())) != 1) {
    BIO_free(bio);
    fail("failed to write a certificate");
  }
  return take_bio_text(bio);
}

std::string TestCertificate::der() const {
  unsigned char* bytes = nullptr;
  int length = i2d_X509(as_cert(cert_.get()), &bytes);
  if (length <= 0) fail("failed to encode a certificate");
  std::string der(reinterpret_cast<char*>(bytes),
                  static_cast<std::size_t>(length));
  OPENSSL_free(bytes);
  return der;
}

std::string TestCertificate::subject_hash() const {
  char text[16];
  std::snprintf(text, sizeof text, "%08lx",
                X509_subject_name_hash(as_cert(cert_.get())));
  return text;
}

std::string pem_bundle(CertificateList certificates) {
  std::string bundle;
  for (const TestCertificate& cert : certificates) bundle += cert.pem();
  return bundle;
}

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "tlslint-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(),
                            "mkdtemp " + pattern);
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(std::string_view name,
                                     std::string_view contents) const {
  std::filesystem::path file = path_ / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  out.close();
  if (!out) throw std::runtime_error("failed to write " + file.string());
  return file;
}

std::filesystem::path TempDir::write_bundle(
    std::string_view name, CertificateList certificates) const {
  return write(name, pem_bundle(certificates));
}

std::filesystem::path TempDir::write_key(std::string_view stem,
                                         const TestKey& key,
                                         std::string_view passphrase,
                                         KeyEncoding encoding) const {
  std::string name = "test-only-" + std::string(stem) + ".key";
  std::filesystem::path file =
      write(name, key.private_pem(passphrase, encoding));
  ::chmod(file.c_str(), 0600);
  return file;
}

SimplePki::SimplePki(std::int64_t now, std::string host)
    : root_key(TestKey::reusable_rsa(2048, 0)),
      root(TestCertificate::self_signed(ca_spec("Test Root", now), root_key)),
      intermediate_key(TestKey::reusable_rsa(2048, 1)),
      intermediate(TestCertificate::issued(
          [&] {
            CertificateSpec spec = ca_spec("Test Intermediate", now);
            spec.path_length = 0;
            return spec;
          }(),
          intermediate_key, root, root_key)),
      leaf_key(TestKey::reusable_rsa(2048, 2)),
      leaf(TestCertificate::issued(leaf_spec(std::move(host), now), leaf_key,
                                   intermediate, intermediate_key)) {}

}  // namespace tlslint::test
