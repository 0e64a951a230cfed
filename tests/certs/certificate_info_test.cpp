// Fields of CertificateInfo as read from generated certificates.

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstdio>
#include <string>

#include "certs/certificate.h"
#include "support/test_pki.h"

namespace tlslint::certs {
namespace {

using test::CertificateSpec;
using test::Curve;
using test::Digest;
using test::kDay;
using test::kTestNow;
using test::SimplePki;
using test::TempDir;
using test::TestCertificate;
using test::TestKey;

/// Loads one generated certificate through a Store and returns its info.
CertificateInfo load_single(const TestCertificate& cert) {
  TempDir dir;
  Store store({});
  const CertificateFile& file =
      store.certificate(dir.write_bundle("c.pem", {cert}));
  EXPECT_EQ(file.status, LoadStatus::ok) << file.error;
  EXPECT_EQ(file.certificates.size(), 1u);
  return file.certificates.empty() ? CertificateInfo{} : file.certificates[0];
}

CertificateInfo leaf_with_key(const TestKey& key,
                              Digest digest = Digest::sha256) {
  SimplePki pki;
  CertificateSpec spec = test::leaf_spec("key.test");
  spec.digest = digest;
  return load_single(TestCertificate::issued(spec, key, pki.intermediate,
                                             pki.intermediate_key));
}

TEST(CertificateInfo, ReadsNamesInRfc2253Order) {
  SimplePki pki;
  CertificateSpec spec = test::leaf_spec("a.test");
  spec.organization = "Test Org";
  CertificateInfo info = load_single(TestCertificate::issued(
      spec, pki.leaf_key, pki.intermediate, pki.intermediate_key));
  EXPECT_EQ(info.subject, "CN=a.test,O=Test Org");
  EXPECT_EQ(info.issuer, "CN=Test Intermediate");
  EXPECT_EQ(info.common_name, "a.test");
  EXPECT_EQ(info.issuer_common_name, "Test Intermediate");
}

TEST(CertificateInfo, WritesNonAsciiNamesAsUtf8) {
  CertificateSpec spec = test::ca_spec("Wurzel-Zertifizierungsstelle Köln");
  CertificateInfo info =
      load_single(TestCertificate::self_signed(spec, TestKey::ec(Curve::p256)));
  EXPECT_EQ(info.subject, "CN=Wurzel-Zertifizierungsstelle Köln");
  EXPECT_EQ(info.common_name, "Wurzel-Zertifizierungsstelle Köln");
}

TEST(CertificateInfo, ExtractsSubjectAltNames) {
  SimplePki pki;
  CertificateSpec spec = test::leaf_spec("a.test");
  spec.dns_names = {"a.test", "WWW.A.Test", "*.cdn.a.test"};
  spec.ip_addresses = {"127.0.0.1", "2001:db8::1"};
  CertificateInfo info = load_single(TestCertificate::issued(
      spec, pki.leaf_key, pki.intermediate, pki.intermediate_key));
  EXPECT_EQ(info.dns_names,
            (std::vector<std::string>{"a.test", "www.a.test", "*.cdn.a.test"}));
  EXPECT_EQ(info.ip_addresses,
            (std::vector<std::string>{"127.0.0.1", "2001:db8::1"}));
}

TEST(CertificateInfo, NoSubjectAltNamesGivesEmptyLists) {
  CertificateInfo info = load_single(TestCertificate::self_signed(
      test::ca_spec("Bare"), TestKey::ec(Curve::p256)));
  EXPECT_TRUE(info.dns_names.empty());
  EXPECT_TRUE(info.ip_addresses.empty());
}

TEST(CertificateInfo, ReadsValidityAsUnixTime) {
  SimplePki pki;
  CertificateSpec spec = test::leaf_spec("a.test");
  spec.not_before = kTestNow - 10 * kDay;
  spec.not_after = kTestNow + 80 * kDay + 17;
  CertificateInfo info = load_single(TestCertificate::issued(
      spec, pki.leaf_key, pki.intermediate, pki.intermediate_key));
  EXPECT_EQ(info.not_before, kTestNow - 10 * kDay);
  EXPECT_EQ(info.not_after, kTestNow + 80 * kDay + 17);
}

TEST(CertificateInfo, ReadsGeneralizedTimeAfter2049) {
  CertificateSpec spec = test::ca_spec("Long Root");
  spec.not_after = 2556143999;  // 2050-12-31T23:59:59Z
  CertificateInfo info =
      load_single(TestCertificate::self_signed(spec, TestKey::ec(Curve::p256)));
  EXPECT_EQ(info.not_after, 2556143999);
}

TEST(CertificateInfo, MarksCaAndSelfSigned) {
  SimplePki pki;
  CertificateInfo root = load_single(pki.root);
  CertificateInfo intermediate = load_single(pki.intermediate);
  CertificateInfo leaf = load_single(pki.leaf);
  EXPECT_TRUE(root.is_ca);
  EXPECT_TRUE(root.self_signed);
  EXPECT_TRUE(intermediate.is_ca);
  EXPECT_FALSE(intermediate.self_signed);
  EXPECT_FALSE(leaf.is_ca);
  EXPECT_FALSE(leaf.self_signed);
}

TEST(CertificateInfo, CrossSignedRootIsNotSelfSigned) {
  SimplePki pki;
  TestKey root_y_key = TestKey::reusable_rsa(2048, 3);
  TestCertificate cross = TestCertificate::issued(
      test::ca_spec("Root Y"), root_y_key, pki.root, pki.root_key);
  CertificateInfo info = load_single(cross);
  EXPECT_EQ(info.subject, "CN=Root Y");
  EXPECT_TRUE(info.is_ca);
  EXPECT_FALSE(info.self_signed);
}

TEST(CertificateInfo, SameNameOtherSignerIsNotSelfSigned) {
  // Subject equals issuer, but another key signed it.
  TestKey own = TestKey::ec(Curve::p256);
  TestKey other = TestKey::ec(Curve::p256);
  TestCertificate signer =
      TestCertificate::self_signed(test::ca_spec("Same Name"), other);
  CertificateInfo info = load_single(
      TestCertificate::issued(test::ca_spec("Same Name"), own, signer, other));
  EXPECT_EQ(info.subject, info.issuer);
  EXPECT_FALSE(info.self_signed);
}

TEST(CertificateInfo, ReadsRsaKeySizes) {
  EXPECT_EQ(leaf_with_key(TestKey::rsa(1024)).key_bits, 1024);
  CertificateInfo rsa2048 = leaf_with_key(TestKey::reusable_rsa(2048, 2));
  EXPECT_EQ(rsa2048.key_type, "RSA");
  EXPECT_EQ(rsa2048.key_bits, 2048);
  EXPECT_EQ(rsa2048.curve, "");
  EXPECT_EQ(leaf_with_key(TestKey::reusable_rsa(3072, 0)).key_bits, 3072);
}

TEST(CertificateInfo, ReadsEcCurves) {
  CertificateInfo p256 = leaf_with_key(TestKey::ec(Curve::p256));
  EXPECT_EQ(p256.key_type, "EC");
  EXPECT_EQ(p256.key_bits, 256);
  EXPECT_EQ(p256.curve, "P-256");
  CertificateInfo p384 = leaf_with_key(TestKey::ec(Curve::p384));
  EXPECT_EQ(p384.key_bits, 384);
  EXPECT_EQ(p384.curve, "P-384");
  CertificateInfo p521 = leaf_with_key(TestKey::ec(Curve::p521));
  EXPECT_EQ(p521.key_bits, 521);
  EXPECT_EQ(p521.curve, "P-521");
}

TEST(CertificateInfo, ReadsEd25519Key) {
  CertificateInfo info = leaf_with_key(TestKey::ed25519());
  EXPECT_EQ(info.key_type, "ED25519");
  EXPECT_EQ(info.curve, "");
}

TEST(CertificateInfo, DetectsSha1Signature) {
  CertificateInfo info =
      leaf_with_key(TestKey::reusable_rsa(2048, 2), Digest::sha1);
  EXPECT_EQ(info.signature_algorithm, "sha1WithRSAEncryption");
  EXPECT_EQ(info.signature_digest, "SHA1");
}

TEST(CertificateInfo, ReadsSha256Signature) {
  CertificateInfo info = leaf_with_key(TestKey::reusable_rsa(2048, 2));
  EXPECT_EQ(info.signature_algorithm, "sha256WithRSAEncryption");
  EXPECT_EQ(info.signature_digest, "SHA256");
}

TEST(CertificateInfo, ReadsEcdsaSignature) {
  TestKey ca_key = TestKey::ec(Curve::p384);
  TestCertificate ca =
      TestCertificate::self_signed(test::ca_spec("EC Root"), ca_key);
  CertificateSpec spec = test::leaf_spec("ec.test");
  spec.digest = Digest::sha384;
  CertificateInfo info = load_single(
      TestCertificate::issued(spec, TestKey::ec(Curve::p256), ca, ca_key));
  EXPECT_EQ(info.signature_algorithm, "ecdsa-with-SHA384");
  EXPECT_EQ(info.signature_digest, "SHA384");
}

TEST(CertificateInfo, Ed25519SignatureHasNoDigest) {
  TestKey key = TestKey::ed25519();
  CertificateInfo info =
      load_single(TestCertificate::self_signed(test::ca_spec("Ed Root"), key));
  EXPECT_EQ(info.signature_algorithm, "ED25519");
  EXPECT_EQ(info.signature_digest, "");
  EXPECT_TRUE(info.self_signed);
}

TEST(CertificateInfo, FingerprintIsSha256OfDer) {
  SimplePki pki;
  std::string der = pki.leaf.der();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  ASSERT_EQ(EVP_Digest(der.data(), der.size(), digest, &length, EVP_sha256(),
                       nullptr),
            1);
  std::string expected;
  for (unsigned int i = 0; i < length; ++i) {
    char byte[4];
    std::snprintf(byte, sizeof byte, i == 0 ? "%02X" : ":%02X", digest[i]);
    expected += byte;
  }
  CertificateInfo info = load_single(pki.leaf);
  EXPECT_EQ(info.sha256_fingerprint, expected);
  EXPECT_EQ(info.sha256_fingerprint.size(), 95u);
}

}  // namespace
}  // namespace tlslint::certs
