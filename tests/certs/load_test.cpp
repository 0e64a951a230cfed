// LoadStatus of certificate and key files, caching, and the OpenSSL error
// queue after failures.

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "certs/certificate.h"
#include "support/test_pki.h"

namespace tlslint::certs {
namespace {

using test::SimplePki;
using test::TempDir;
using test::TestKey;

const char kGarbagePem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "this is not base64 !!!\n"
    "-----END CERTIFICATE-----\n";

// Valid base64 of bytes that are not DER.
const char kNotDerPem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "aGVsbG8gd29ybGQ=\n"
    "-----END CERTIFICATE-----\n";

int count_lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST(CertificateLoad, ReadsBundleInFileOrder) {
  SimplePki pki;
  TempDir dir;
  Store store({});
  const CertificateFile& file = store.certificate(
      dir.write_bundle("fullchain.pem", {pki.leaf, pki.intermediate}));
  EXPECT_EQ(file.status, LoadStatus::ok);
  EXPECT_EQ(file.error, "");
  ASSERT_EQ(file.certificates.size(), 2u);
  EXPECT_EQ(file.certificates[0].common_name, "a.test");
  EXPECT_EQ(file.certificates[1].common_name, "Test Intermediate");
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(CertificateLoad, ReportsPemLineOfEachCertificate) {
  SimplePki pki;
  TempDir dir;
  std::string leaf = pki.leaf.pem();
  std::string text =
      "# served chain\n\n" + leaf + "\n" + pki.intermediate.pem();
  Store store({});
  const CertificateFile& file = store.certificate(dir.write("chain.pem", text));
  ASSERT_EQ(file.certificates.size(), 2u);
  EXPECT_EQ(file.certificates[0].pem_line, 3);
  EXPECT_EQ(file.certificates[1].pem_line, 3 + count_lines(leaf) + 1);
}

TEST(CertificateLoad, LoadsEachPathOnce) {
  SimplePki pki;
  TempDir dir;
  auto path = dir.write_bundle("cert.pem", {pki.leaf});
  Store store({});
  const CertificateFile& first = store.certificate(path);
  std::filesystem::remove(path);
  const CertificateFile& second = store.certificate(path);
  EXPECT_EQ(&first, &second);
  EXPECT_EQ(second.status, LoadStatus::ok);
}

TEST(CertificateLoad, MissingFileIsNotFound) {
  TempDir dir;
  Store store({});
  const CertificateFile& file = store.certificate(dir.path() / "none.pem");
  EXPECT_EQ(file.status, LoadStatus::not_found);
  EXPECT_EQ(file.error, "No such file or directory");
  EXPECT_TRUE(file.certificates.empty());
}

TEST(CertificateLoad, PathThroughFileIsNotFound) {
  TempDir dir;
  auto plain = dir.write("plain", "x");
  Store store({});
  EXPECT_EQ(store.certificate(plain / "cert.pem").status,
            LoadStatus::not_found);
}

TEST(CertificateLoad, DirectoryIsNotRegularFile) {
  TempDir dir;
  Store store({});
  const CertificateFile& file = store.certificate(dir.path());
  EXPECT_EQ(file.status, LoadStatus::not_regular_file);
  EXPECT_EQ(file.error, "is a directory");
}

TEST(CertificateLoad, FifoIsNotRegularFileWithoutBlocking) {
  TempDir dir;
  auto fifo = dir.path() / "cert.pem";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Store store({});
  const CertificateFile& file = store.certificate(fifo);
  EXPECT_EQ(file.status, LoadStatus::not_regular_file);
  EXPECT_EQ(file.error, "is a FIFO");
}

TEST(CertificateLoad, EmptyFileIsEmpty) {
  TempDir dir;
  Store store({});
  const CertificateFile& file = store.certificate(dir.write("empty.pem", ""));
  EXPECT_EQ(file.status, LoadStatus::empty);
  EXPECT_EQ(file.error, "file is empty");
}

/// Loads `path` as an unprivileged user and returns the LoadStatus seen. As
/// root, a child process drops to uid and gid 65534 (nobody) first, because
/// root reads files of mode 0000.
LoadStatus load_status_without_privileges(const std::string& path) {
  if (::geteuid() != 0) return Store({}).certificate(path).status;
  pid_t child = ::fork();
  if (child == 0) {
    if (::setresgid(65534, 65534, 65534) != 0 ||
        ::setresuid(65534, 65534, 65534) != 0) {
      ::_exit(100);
    }
    ::_exit(static_cast<int>(Store({}).certificate(path).status));
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 100) << "could not drop privileges";
  return static_cast<LoadStatus>(WEXITSTATUS(status));
}

TEST(CertificateLoad, UnreadableFileIsPermissionDenied) {
  SimplePki pki;
  TempDir dir;
  auto path = dir.write_bundle("cert.pem", {pki.leaf});
  // The unprivileged reader must reach the file to be refused by its mode.
  ASSERT_EQ(::chmod(std::filesystem::path(path).parent_path().c_str(), 0755),
            0);
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  EXPECT_EQ(load_status_without_privileges(path),
            LoadStatus::permission_denied);
  if (::geteuid() != 0) {
    EXPECT_EQ(Store({}).certificate(path).error, "Permission denied");
  }
}

TEST(CertificateLoad, OversizedFileIsIoError) {
  TempDir dir;
  auto path = dir.write("huge.pem", "");
  // A sparse file: no disk space is used and nothing is read.
  std::filesystem::resize_file(path, 65 * 1024 * 1024);
  Store store({});
  const CertificateFile& file = store.certificate(path);
  EXPECT_EQ(file.status, LoadStatus::io_error);
  EXPECT_EQ(file.error, "file is larger than 64 MiB");
}

TEST(CertificateLoad, DerFileIsNoPem) {
  SimplePki pki;
  TempDir dir;
  Store store({});
  const CertificateFile& file =
      store.certificate(dir.write("cert.der", pki.leaf.der()));
  EXPECT_EQ(file.status, LoadStatus::no_pem);
  EXPECT_NE(file.error.find("no start line"), std::string::npos) << file.error;
  EXPECT_NE(file.error.find("Expecting: TRUSTED CERTIFICATE"),
            std::string::npos)
      << file.error;
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(CertificateLoad, KeyOnlyFileIsNoPem) {
  TempDir dir;
  Store store({});
  auto path = dir.write_key("rsa2048", TestKey::reusable_rsa(2048, 2));
  EXPECT_EQ(store.certificate(path).status, LoadStatus::no_pem);
}

TEST(CertificateLoad, GarbagePemIsInvalidPem) {
  TempDir dir;
  Store store({});
  const CertificateFile& file =
      store.certificate(dir.write("garbage.pem", kGarbagePem));
  EXPECT_EQ(file.status, LoadStatus::invalid_pem);
  EXPECT_FALSE(file.error.empty());
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(CertificateLoad, BadDerInPemIsInvalidPem) {
  TempDir dir;
  Store store({});
  const CertificateFile& file =
      store.certificate(dir.write("bad-der.pem", kNotDerPem));
  EXPECT_EQ(file.status, LoadStatus::invalid_pem);
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(CertificateLoad, KeepsCertificatesBeforeBadBlock) {
  SimplePki pki;
  TempDir dir;
  Store store({});
  const CertificateFile& file = store.certificate(
      dir.write("half.pem", pki.leaf.pem() + std::string(kGarbagePem)));
  EXPECT_EQ(file.status, LoadStatus::invalid_pem);
  ASSERT_EQ(file.certificates.size(), 1u);
  EXPECT_EQ(file.certificates[0].common_name, "a.test");
}

TEST(CertificateLoad, IgnoresTextAfterLastCertificate) {
  SimplePki pki;
  TempDir dir;
  Store store({});
  const CertificateFile& file = store.certificate(
      dir.write("trailing.pem", pki.leaf.pem() + "# end of chain\n"));
  EXPECT_EQ(file.status, LoadStatus::ok);
  EXPECT_EQ(file.certificates.size(), 1u);
}

TEST(KeyLoad, ReadsRsaKey) {
  TempDir dir;
  Store store({});
  const KeyFile& key =
      store.key(dir.write_key("rsa2048", TestKey::reusable_rsa(2048, 2)));
  EXPECT_EQ(key.status, LoadStatus::ok);
  EXPECT_EQ(key.error, "");
  EXPECT_EQ(key.key_type, "RSA");
  EXPECT_EQ(key.key_bits, 2048);
  EXPECT_EQ(key.curve, "");
  EXPECT_NE(key.public_key, nullptr);
}

TEST(KeyLoad, ReadsTraditionalEcKey) {
  TempDir dir;
  Store store({});
  const KeyFile& key =
      store.key(dir.write_key("p384", TestKey::ec(test::Curve::p384), {},
                              test::KeyEncoding::traditional));
  EXPECT_EQ(key.status, LoadStatus::ok);
  EXPECT_EQ(key.key_type, "EC");
  EXPECT_EQ(key.key_bits, 384);
  EXPECT_EQ(key.curve, "P-384");
}

TEST(KeyLoad, ReadsEd25519Key) {
  TempDir dir;
  Store store({});
  const KeyFile& key = store.key(dir.write_key("ed25519", TestKey::ed25519()));
  EXPECT_EQ(key.status, LoadStatus::ok);
  EXPECT_EQ(key.key_type, "ED25519");
}

TEST(KeyLoad, ReadsKeyAfterCertificateInSameFile) {
  SimplePki pki;
  TempDir dir;
  Store store({});
  auto path = dir.write("test-only-combined.pem",
                        pki.leaf.pem() + pki.leaf_key.private_pem());
  EXPECT_EQ(store.key(path).status, LoadStatus::ok);
}

TEST(KeyLoad, LoadsEachPathOnce) {
  TempDir dir;
  auto path = dir.write_key("rsa2048", TestKey::reusable_rsa(2048, 2));
  Store store({});
  const KeyFile& first = store.key(path);
  std::filesystem::remove(path);
  EXPECT_EQ(&first, &store.key(path));
  EXPECT_EQ(first.status, LoadStatus::ok);
}

TEST(KeyLoad, MissingFileIsNotFound) {
  TempDir dir;
  Store store({});
  EXPECT_EQ(store.key(dir.path() / "test-only-none.key").status,
            LoadStatus::not_found);
}

TEST(KeyLoad, FifoIsNotRegularFile) {
  TempDir dir;
  auto fifo = dir.path() / "test-only-fifo.key";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Store store({});
  EXPECT_EQ(store.key(fifo).status, LoadStatus::not_regular_file);
}

TEST(KeyLoad, EmptyFileIsEmpty) {
  TempDir dir;
  Store store({});
  EXPECT_EQ(store.key(dir.write("test-only-empty.key", "")).status,
            LoadStatus::empty);
}

TEST(KeyLoad, DerKeyIsNoPem) {
  TestKey rsa = TestKey::reusable_rsa(2048, 2);
  unsigned char* der = nullptr;
  int length =
      i2d_PrivateKey(static_cast<EVP_PKEY*>(rsa.openssl_handle()), &der);
  ASSERT_GT(length, 0);
  std::string bytes(reinterpret_cast<char*>(der),
                    static_cast<std::size_t>(length));
  OPENSSL_free(der);
  TempDir dir;
  Store store({});
  const KeyFile& key = store.key(dir.write("test-only-rsa.der", bytes));
  EXPECT_EQ(key.status, LoadStatus::no_pem);
  EXPECT_EQ(key.error, "no \"PRIVATE KEY\" PEM block found");
}

TEST(KeyLoad, CertificateOnlyFileIsNoPem) {
  SimplePki pki;
  TempDir dir;
  Store store({});
  EXPECT_EQ(store.key(dir.write_bundle("cert.pem", {pki.leaf})).status,
            LoadStatus::no_pem);
}

TEST(KeyLoad, GarbagePemIsInvalidPem) {
  TempDir dir;
  Store store({});
  const KeyFile& key = store.key(dir.write(
      "test-only-garbage.key",
      "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
  EXPECT_EQ(key.status, LoadStatus::invalid_pem);
  EXPECT_FALSE(key.error.empty());
  EXPECT_EQ(key.public_key, nullptr);
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(KeyLoad, EncryptedPkcs8KeyIsEncrypted) {
  TempDir dir;
  Store store({});
  auto path = dir.write_key("rsa2048-encrypted", TestKey::reusable_rsa(2048, 2),
                            "test passphrase");
  const KeyFile& key = store.key(path);
  EXPECT_EQ(key.status, LoadStatus::encrypted);
  EXPECT_EQ(key.error, "private key is encrypted with a passphrase");
  EXPECT_EQ(key.public_key, nullptr);
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(KeyLoad, EncryptedTraditionalKeyIsEncrypted) {
  TempDir dir;
  Store store({});
  auto path = dir.write_key("p256-encrypted", TestKey::ec(test::Curve::p256),
                            "test passphrase", test::KeyEncoding::traditional);
  EXPECT_EQ(store.key(path).status, LoadStatus::encrypted);
  EXPECT_EQ(ERR_peek_error(), 0u);
}

}  // namespace
}  // namespace tlslint::certs
