// The test PKI builder itself, checked with OpenSSL directly.

#include "support/test_pki.h"

#include <gtest/gtest.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

namespace tlslint::test {
namespace {

X509* x509_of(const TestCertificate& cert) {
  return static_cast<X509*>(cert.openssl_handle());
}

TEST(TestPki, KeyFileNameSaysTestOnly) {
  TempDir dir;
  auto path = dir.write_key("rsa2048", TestKey::reusable_rsa(2048, 2));
  EXPECT_EQ(path.filename(), "test-only-rsa2048.key");
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(TestPki, ReusableKeysDependOnSlot) {
  TestKey first = TestKey::reusable_rsa(2048, 2);
  EXPECT_EQ(first.public_pem(), TestKey::reusable_rsa(2048, 2).public_pem());
  EXPECT_NE(first.public_pem(), TestKey::reusable_rsa(2048, 4).public_pem());
}

TEST(TestPki, WritesPkcs8AndTraditionalKeys) {
  TestKey key = TestKey::ec(Curve::p256);
  EXPECT_EQ(key.private_pem().rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);
  EXPECT_EQ(key.private_pem("secret").rfind(
                "-----BEGIN ENCRYPTED PRIVATE KEY-----", 0),
            0u);
  EXPECT_EQ(key.private_pem({}, KeyEncoding::traditional)
                .rfind("-----BEGIN EC PRIVATE KEY-----", 0),
            0u);
  EXPECT_NE(key.private_pem("secret", KeyEncoding::traditional)
                .find("Proc-Type: 4,ENCRYPTED"),
            std::string::npos);
}

TEST(TestPki, SimplePkiVerifiesWithOpenSsl) {
  SimplePki pki;
  X509_STORE* store = X509_STORE_new();
  ASSERT_EQ(X509_STORE_add_cert(store, x509_of(pki.root)), 1);
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  sk_X509_push(untrusted, x509_of(pki.intermediate));
  X509_STORE_CTX* context = X509_STORE_CTX_new();
  ASSERT_EQ(X509_STORE_CTX_init(context, store, x509_of(pki.leaf), untrusted),
            1);
  X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(context),
                             static_cast<time_t>(kTestNow));
  EXPECT_EQ(X509_verify_cert(context), 1)
      << X509_verify_cert_error_string(X509_STORE_CTX_get_error(context));
  X509_STORE_CTX_free(context);
  sk_X509_free(untrusted);
  X509_STORE_free(store);
}

TEST(TestPki, SpecTimesAreWritten) {
  CertificateSpec spec = ca_spec("Times");
  spec.not_before = kTestNow - 5;
  spec.not_after = kTestNow + 7;
  TestCertificate cert =
      TestCertificate::self_signed(spec, TestKey::ec(Curve::p256));
  time_t at = static_cast<time_t>(kTestNow);
  EXPECT_LT(X509_cmp_time(X509_get0_notBefore(x509_of(cert)), &at), 0);
  EXPECT_GT(X509_cmp_time(X509_get0_notAfter(x509_of(cert)), &at), 0);
  time_t after = static_cast<time_t>(kTestNow + 8);
  EXPECT_LT(X509_cmp_time(X509_get0_notAfter(x509_of(cert)), &after), 0);
}

TEST(TestPki, SubjectHashHasEightHexDigits) {
  SimplePki pki;
  std::string hash = pki.root.subject_hash();
  EXPECT_EQ(hash.size(), 8u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(TestPki, BundleKeepsGivenOrder) {
  SimplePki pki;
  EXPECT_EQ(pem_bundle({pki.intermediate, pki.leaf}),
            pki.intermediate.pem() + pki.leaf.pem());
}

TEST(TestPki, TempDirIsRemoved) {
  std::filesystem::path path;
  {
    TempDir dir;
    path = dir.path();
    dir.write("sub/file.txt", "x");
    EXPECT_TRUE(std::filesystem::exists(path / "sub/file.txt"));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(TestPki, InvalidIpAddressThrows) {
  CertificateSpec spec = leaf_spec("a.test");
  spec.ip_addresses = {"not-an-ip"};
  EXPECT_THROW(TestCertificate::self_signed(spec, TestKey::ec(Curve::p256)),
               std::runtime_error);
}

}  // namespace
}  // namespace tlslint::test
