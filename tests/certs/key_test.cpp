// Key matching and what a KeyFile keeps of a private key.

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "certs/certificate.h"
#include "support/test_pki.h"

namespace tlslint::certs {
namespace {

using test::Curve;
using test::SimplePki;
using test::TempDir;
using test::TestCertificate;
using test::TestKey;

EVP_PKEY* handle_of(const KeyFile& key) {
  return static_cast<EVP_PKEY*>(key.public_key.get());
}

/// True when `name` can be read from the key as a BIGNUM parameter.
bool has_bn_param(EVP_PKEY* key, const char* name) {
  BIGNUM* value = nullptr;
  bool found = EVP_PKEY_get_bn_param(key, name, &value) == 1;
  BN_clear_free(value);
  ERR_clear_error();
  return found;
}

TEST(KeyMatch, MatchingKeyMatches) {
  SimplePki pki;
  TempDir dir;
  Store store({});
  const CertificateFile& file =
      store.certificate(dir.write_bundle("cert.pem", {pki.leaf}));
  const KeyFile& key = store.key(dir.write_key("leaf", pki.leaf_key));
  EXPECT_TRUE(store.key_matches(file, 0, key));
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(KeyMatch, OtherRsaKeyDoesNotMatch) {
  SimplePki pki;
  TempDir dir;
  Store store({});
  const CertificateFile& file =
      store.certificate(dir.write_bundle("cert.pem", {pki.leaf}));
  const KeyFile& key =
      store.key(dir.write_key("mismatched", TestKey::reusable_rsa(2048, 4)));
  ASSERT_EQ(key.status, LoadStatus::ok);
  EXPECT_FALSE(store.key_matches(file, 0, key));
}

TEST(KeyMatch, EcdsaCertificateWithRsaKeyDoesNotMatch) {
  SimplePki pki;
  TestKey ec_key = TestKey::ec(Curve::p256);
  TestCertificate ec_leaf =
      TestCertificate::issued(test::leaf_spec("a.test"), ec_key,
                              pki.intermediate, pki.intermediate_key);
  TempDir dir;
  Store store({});
  const CertificateFile& file =
      store.certificate(dir.write_bundle("ecdsa.pem", {ec_leaf}));
  EXPECT_FALSE(store.key_matches(
      file, 0, store.key(dir.write_key("rsa", pki.leaf_key))));
  EXPECT_TRUE(
      store.key_matches(file, 0, store.key(dir.write_key("ecdsa", ec_key))));
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(KeyMatch, IntermediateFirstDoesNotMatchLeafKey) {
  SimplePki pki;
  TempDir dir;
  Store store({});
  const CertificateFile& file = store.certificate(
      dir.write_bundle("wrong-order.pem", {pki.intermediate, pki.leaf}));
  const KeyFile& key = store.key(dir.write_key("leaf", pki.leaf_key));
  EXPECT_FALSE(store.key_matches(file, 0, key));
  EXPECT_TRUE(store.key_matches(file, 1, key));
}

TEST(KeyMatch, UnusableInputsDoNotMatch) {
  SimplePki pki;
  TempDir dir;
  Store store({});
  const CertificateFile& file =
      store.certificate(dir.write_bundle("cert.pem", {pki.leaf}));
  const KeyFile& key = store.key(dir.write_key("leaf", pki.leaf_key));
  const KeyFile& missing = store.key(dir.path() / "test-only-missing.key");
  EXPECT_FALSE(store.key_matches(file, 1, key));
  EXPECT_FALSE(store.key_matches(file, 0, missing));
  EXPECT_FALSE(store.key_matches(CertificateFile{}, 0, key));
}

TEST(KeyLoad, RsaKeyKeepsOnlyPublicHalf) {
  TempDir dir;
  Store store({});
  const KeyFile& key =
      store.key(dir.write_key("rsa2048", TestKey::reusable_rsa(2048, 2)));
  ASSERT_EQ(key.status, LoadStatus::ok);
  EVP_PKEY* public_key = handle_of(key);
  ASSERT_NE(public_key, nullptr);
  EXPECT_TRUE(has_bn_param(public_key, OSSL_PKEY_PARAM_RSA_N));
  EXPECT_FALSE(has_bn_param(public_key, OSSL_PKEY_PARAM_RSA_D));
  EXPECT_FALSE(has_bn_param(public_key, OSSL_PKEY_PARAM_RSA_FACTOR1));
  EXPECT_LE(i2d_PrivateKey(public_key, nullptr), 0);
  ERR_clear_error();
}

TEST(KeyLoad, EcKeyKeepsOnlyPublicHalf) {
  TempDir dir;
  Store store({});
  const KeyFile& key =
      store.key(dir.write_key("p256", TestKey::ec(Curve::p256)));
  ASSERT_EQ(key.status, LoadStatus::ok);
  EVP_PKEY* public_key = handle_of(key);
  ASSERT_NE(public_key, nullptr);
  EXPECT_FALSE(has_bn_param(public_key, OSSL_PKEY_PARAM_PRIV_KEY));
  EXPECT_LE(i2d_PrivateKey(public_key, nullptr), 0);
  ERR_clear_error();
}

TEST(KeyLoad, Ed25519KeyKeepsOnlyPublicHalf) {
  TempDir dir;
  Store store({});
  const KeyFile& key = store.key(dir.write_key("ed25519", TestKey::ed25519()));
  ASSERT_EQ(key.status, LoadStatus::ok);
  EVP_PKEY* public_key = handle_of(key);
  ASSERT_NE(public_key, nullptr);
  std::size_t length = 0;
  EXPECT_NE(EVP_PKEY_get_raw_private_key(public_key, nullptr, &length), 1);
  ERR_clear_error();
}

}  // namespace
}  // namespace tlslint::certs
