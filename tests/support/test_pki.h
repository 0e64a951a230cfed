#pragma once

// Builds keys, certificates and PEM files at test time with the OpenSSL API,
// so that certificate tests and rule fixtures need no checked-in keys and no
// openssl CLI. Every call either succeeds or throws std::runtime_error.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tlslint::test {

/// A fixed "now" for certificate tests: 2026-01-01T00:00:00Z. Pin the clock
/// to it so that generated certificates never expire under a test.
inline constexpr std::int64_t kTestNow = 1767225600;
inline constexpr std::int64_t kDay = 24 * 60 * 60;

enum class Curve { p256, p384, p521 };

/// The digest a certificate's signature uses. Ignored for Ed25519 issuers,
/// whose signatures have no separate digest.
enum class Digest { sha1, sha256, sha384, sha512 };

/// PEM encoding of a private key: PKCS#8 ("PRIVATE KEY") or the
/// traditional per-algorithm form ("RSA PRIVATE KEY", RSA and EC only).
enum class KeyEncoding { pkcs8, traditional };

/// A private key made for tests only. Copies share one key.
class TestKey {
 public:
  static TestKey rsa(int bits);
  static TestKey ec(Curve curve);
  static TestKey ed25519();
  /// Returns the same RSA key for the same (bits, slot) within one test
  /// process, because generating RSA keys takes tens of milliseconds. Use
  /// different slots where keys must differ.
  static TestKey reusable_rsa(int bits, int slot);

  /// PEM text of the private key; with a passphrase, encrypted with
  /// AES-256-CBC.
  std::string private_pem(std::string_view passphrase = {},
                          KeyEncoding encoding = KeyEncoding::pkcs8) const;
  /// PEM "PUBLIC KEY" (SubjectPublicKeyInfo) text.
  std::string public_pem() const;
  /// The EVP_PKEY, for tests that call OpenSSL themselves.
  void* openssl_handle() const { return key_.get(); }

 private:
  explicit TestKey(std::shared_ptr<void> key) : key_(std::move(key)) {}
  std::shared_ptr<void> key_;
  friend class TestCertificate;
};

/// The contents of a test certificate. Times are Unix seconds.
struct CertificateSpec {
  std::string common_name;
  /// Written as O= before the CN when not empty.
  std::string organization;
  /// subjectAltName entries.
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;
  std::int64_t not_before = 0;
  std::int64_t not_after = 0;
  /// basicConstraints CA:TRUE with keyCertSign and cRLSign key usage; else
  /// CA:FALSE with digitalSignature (and keyEncipherment for RSA keys).
  bool is_ca = false;
  /// basicConstraints pathlen of a CA; negative for none.
  int path_length = -1;
  Digest digest = Digest::sha256;
  /// extendedKeyUsage in openssl.cnf syntax ("serverAuth,clientAuth"),
  /// written for non-CA certificates only; empty for none.
  std::string extended_key_usage = "serverAuth";
};

/// A CA spec valid from `now` - 365 days to `now` + 3650 days.
CertificateSpec ca_spec(std::string common_name, std::int64_t now = kTestNow);
/// A server certificate spec for `host` (CN and one DNS SAN), valid from
/// `now` - 1 day to `now` + 89 days, like a fresh Let's Encrypt certificate.
CertificateSpec leaf_spec(std::string host, std::int64_t now = kTestNow);

/// A signed X.509 v3 certificate with subjectKeyIdentifier, and
/// authorityKeyIdentifier when issued by another certificate.
class TestCertificate {
 public:
  static TestCertificate self_signed(const CertificateSpec& spec,
                                     const TestKey& key);
  /// Signs `spec` with `issuer_key`; the issuer name and key identifier
  /// come from `issuer`. A cross-sign is a CA spec with another CA's key
  /// as issuer.
  static TestCertificate issued(const CertificateSpec& spec,
                                const TestKey& subject_key,
                                const TestCertificate& issuer,
                                const TestKey& issuer_key);

  std::string pem() const;
  std::string der() const;
  /// The subject name hash that hashed CA directories use, as printed by
  /// "openssl x509 -hash" (8 lower-case hex digits).
  std::string subject_hash() const;
  /// The X509, for tests that call OpenSSL themselves.
  void* openssl_handle() const { return cert_.get(); }

 private:
  explicit TestCertificate(std::shared_ptr<void> cert)
      : cert_(std::move(cert)) {}
  std::shared_ptr<void> cert_;
};

using CertificateList =
    std::initializer_list<std::reference_wrapper<const TestCertificate>>;

/// Concatenates the PEM text of certificates in the given order.
std::string pem_bundle(CertificateList certificates);

/// A new directory under the system temp directory, removed with all its
/// contents when the object is destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  /// Writes `contents` to `name` inside the directory (subdirectories are
  /// created) and returns the full path.
  std::filesystem::path write(std::string_view name,
                              std::string_view contents) const;
  /// Writes the certificates as one PEM bundle, in the given order.
  std::filesystem::path write_bundle(std::string_view name,
                                     CertificateList certificates) const;
  /// Writes the private key to "test-only-<stem>.key" with mode 0600, so
  /// that the name marks it as a key used only by tests.
  std::filesystem::path write_key(
      std::string_view stem, const TestKey& key,
      std::string_view passphrase = {},
      KeyEncoding encoding = KeyEncoding::pkcs8) const;

 private:
  std::filesystem::path path_;
};

/// "Test Root" <- "Test Intermediate" <- leaf for `host`, all RSA 2048 and
/// SHA-256, the shape of the end-to-end harness's PKI. Keys come from
/// TestKey::reusable_rsa slots 0 (root), 1 (intermediate) and 2 (leaf).
struct SimplePki {
  explicit SimplePki(std::int64_t now = kTestNow, std::string host = "a.test");

  TestKey root_key;
  TestCertificate root;
  TestKey intermediate_key;
  TestCertificate intermediate;
  TestKey leaf_key;
  TestCertificate leaf;
};

}  // namespace tlslint::test
