#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tlslint::certs {

/// The reason a file could not be used. Values mirror what nginx would hit when it
/// loads the file.
enum class LoadStatus {
  ok,
  not_found,
  permission_denied,
  not_regular_file,
  empty,
  /// The file has no PEM block of the expected kind (e.g. a DER file).
  no_pem,
  /// A PEM block of the right kind that OpenSSL cannot decode.
  invalid_pem,
  /// A private key protected by a passphrase.
  encrypted,
  io_error,
};

/// The facts a rule needs about one X.509 certificate, copied out of
/// OpenSSL so that rules never touch OpenSSL types.
struct CertificateInfo {
  /// One-line distinguished names, RFC 2253 order, e.g. "CN=a.test,O=Test".
  /// Non-ASCII text is written as UTF-8, not as \XX escapes.
  std::string subject;
  std::string issuer;
  /// The subject's last CN, or empty.
  std::string common_name;
  std::string issuer_common_name;
  /// subjectAltName entries: DNS names as written (lower-cased), IP addresses
  /// in text form.
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;
  /// Validity as Unix time (seconds).
  std::int64_t not_before = 0;
  std::int64_t not_after = 0;
  /// basicConstraints CA:TRUE.
  bool is_ca = false;
  /// Subject equals issuer and the certificate's signature verifies with its
  /// own key (a cross-signed "Root" is not self-signed).
  bool self_signed = false;
  /// "RSA", "EC", "ED25519", "ED448", "DSA" or OpenSSL's name for others.
  std::string key_type;
  int key_bits = 0;
  /// For EC keys: the curve's NIST name when it has one ("P-256"), else
  /// OpenSSL's short name ("brainpoolP256r1").
  std::string curve;
  /// OpenSSL's long name, e.g. "sha256WithRSAEncryption".
  std::string signature_algorithm;
  /// The digest of the signature ("SHA1", "SHA256", "MD5"), or empty when the
  /// algorithm has none (Ed25519).
  std::string signature_digest;
  /// Hex, upper case, colon separated.
  std::string sha256_fingerprint;
  /// OCSP responder URLs (Authority Information Access). Let's Encrypt
  /// certificates issued since 2025 have none.
  std::vector<std::string> ocsp_urls;
  /// 1-based line of the "-----BEGIN CERTIFICATE-----" marker in the file;
  /// 0 for a certificate that did not come from a file (a trust anchor).
  int pem_line = 0;
};

struct CertificateFile {
  std::filesystem::path path;
  LoadStatus status = LoadStatus::ok;
  /// strerror text or OpenSSL's error queue, for messages.
  std::string error;
  /// In file order; certificates[0] is what nginx serves as the leaf. With
  /// status invalid_pem: the certificates before the block that failed.
  std::vector<CertificateInfo> certificates;
  /// Opaque OpenSSL handles, same order as `certificates`.
  std::shared_ptr<void> handles;
};

/// A private key. Only its public half is kept after loading; the private
/// material is freed (and cleansed by OpenSSL) as soon as it was read.
struct KeyFile {
  std::filesystem::path path;
  LoadStatus status = LoadStatus::ok;
  std::string error;
  /// Same values as CertificateInfo::key_type, key_bits and curve.
  std::string key_type;
  int key_bits = 0;
  std::string curve;
  /// Opaque handle of the public key.
  std::shared_ptr<void> public_key;
};

enum class ChainStatus {
  /// A path to a trusted root exists using the file's certificates.
  complete,
  /// No path: an issuer is neither in the file nor in the trust store
  /// (ChainResult::missing_issuer is set), or OpenSSL rejected the path
  /// for another reason, e.g. X509_V_ERR_INVALID_PURPOSE for a leaf
  /// without serverAuth. ChainResult::verify_error gives the reason.
  incomplete,
  /// The trust store could not be loaded, or the file did not load or has
  /// no certificate, so nothing could be decided.
  unknown,
};

struct ChainResult {
  ChainStatus status = ChainStatus::unknown;
  /// OpenSSL's verify error (X509_V_ERR_*) when incomplete, else 0.
  int verify_error = 0;
  /// X509_verify_cert_error_string of verify_error.
  std::string verify_error_text;
  /// Indexes into CertificateFile::certificates of the certificates on the
  /// built path, leaf first; when incomplete, the partial path. The trust
  /// anchor is left out even when the file carries a copy (see
  /// anchor_index), because clients use their own copy. A trusted leaf is
  /// the exception and stays at index 0.
  std::vector<std::size_t> path;
  /// The trust anchor that ended the path, when complete.
  std::optional<CertificateInfo> anchor;
  /// When complete and the file carries a copy of the trust anchor (a root
  /// served needlessly): that copy's index.
  std::optional<std::size_t> anchor_index;
  /// When incomplete for lack of an issuer: the issuer name (RFC 2253) of
  /// the last certificate on the partial path, i.e. the certificate that
  /// neither the file nor the trust store has. For an untrusted self-signed
  /// root that is the root's own name. Else empty.
  std::string missing_issuer;
};

struct TrustOptions {
  /// --ca-file; empty means not given.
  std::filesystem::path ca_file;
  /// --ca-path; empty means not given.
  std::filesystem::path ca_path;
  /// When neither is given: OpenSSL's default paths, or, with a root,
  /// <root>/etc/ssl/certs/ca-certificates.crt and <root>/etc/ssl/certs.
  std::filesystem::path root;
};

/// Loads certificate and key files once per path (cached by the path's
/// spelling) and answers questions about them. Never reaches the network:
/// chains are built only from the file and the trust store. Not thread-safe.
class Store {
 public:
  explicit Store(TrustOptions options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const CertificateFile& certificate(const std::filesystem::path& path);
  const KeyFile& key(const std::filesystem::path& path);

  /// True when the key's public half equals the public key of
  /// file.certificates[index] (SubjectPublicKeyInfo comparison).
  bool key_matches(const CertificateFile& file, std::size_t index,
                   const KeyFile& key) const;

  /// Builds the path for TLS server use from file.certificates[0] with the
  /// other certificates of the file as untrusted intermediates. Validity
  /// dates do not fail the chain, because the expiry rules judge them.
  /// `now` only decides which issuer is tried first: like clients, a
  /// certificate valid at `now` wins over an expired one of the same name.
  ChainResult verify_chain(const CertificateFile& file, std::int64_t now);

  /// True when certificate `issuer_index` of the file signed certificate
  /// `subject_index` (names match and the signature verifies).
  bool issued(const CertificateFile& file, std::size_t subject_index,
              std::size_t issuer_index) const;

  /// How many distinct certificate files loaded without error so far.
  std::size_t certificates_loaded() const;

  /// Empty when the trust store loaded, else why not. The trust store is
  /// loaded on the first call of this, verify_chain or
  /// trust_store_description.
  const std::string& trust_store_error() const;
  /// A short description of the trust store in use, for notes.
  const std::string& trust_store_description() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// RFC 6125 section 6.4.3 match of a host name against one SAN dNSName,
/// ignoring ASCII case and one trailing dot. A "*" is accepted only as the
/// whole left-most label followed by at least two labels ("*.example.org"),
/// and it stands for exactly one non-empty label of the host.
bool dns_name_matches(const std::string& pattern, const std::string& host);

}  // namespace tlslint::certs
