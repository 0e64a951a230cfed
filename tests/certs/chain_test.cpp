// Chain building (Store::verify_chain), Store::issued and the trust store.

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <vector>

#include "certs/certificate.h"
#include "support/test_pki.h"

namespace tlslint::certs {
namespace {

using test::CertificateSpec;
using test::Curve;
using test::kDay;
using test::kTestNow;
using test::SimplePki;
using test::TempDir;
using test::TestCertificate;
using test::TestKey;

using Path = std::vector<std::size_t>;

/// Verifies `chain` as one PEM file against a CA file holding `roots`.
struct ChainFixture {
  ChainFixture(test::CertificateList chain, test::CertificateList roots)
      : store(TrustOptions{dir.write_bundle("roots.pem", roots), {}, {}}),
        file(store.certificate(dir.write_bundle("chain.pem", chain))),
        result(store.verify_chain(file, kTestNow)) {}

  TempDir dir;
  Store store;
  const CertificateFile& file;
  ChainResult result;
};

/// "Root Y" <- "Int Y" <- leaf, with "Root Y" cross-signed by SimplePki's
/// "Test Root", the shape of Let's Encrypt's Gen Y chains.
struct CrossSignedPki {
  SimplePki base;
  TestKey root_y_key = TestKey::reusable_rsa(2048, 3);
  TestCertificate root_y_self =
      TestCertificate::self_signed(test::ca_spec("Root Y"), root_y_key);
  TestCertificate root_y_cross = TestCertificate::issued(
      test::ca_spec("Root Y"), root_y_key, base.root, base.root_key);
  TestKey int_key = TestKey::ec(Curve::p256);
  TestCertificate intermediate = TestCertificate::issued(
      test::ca_spec("Int Y"), int_key, root_y_self, root_y_key);
  TestCertificate leaf =
      TestCertificate::issued(test::leaf_spec("y.test"),
                              TestKey::ec(Curve::p256), intermediate, int_key);
};

TEST(ChainVerify, LeafAndIntermediateAreComplete) {
  SimplePki pki;
  ChainFixture chain({pki.leaf, pki.intermediate}, {pki.root});
  EXPECT_EQ(chain.result.status, ChainStatus::complete);
  EXPECT_EQ(chain.result.verify_error, 0);
  EXPECT_EQ(chain.result.verify_error_text, "");
  EXPECT_EQ(chain.result.path, (Path{0, 1}));
  EXPECT_FALSE(chain.result.anchor_index.has_value());
  ASSERT_TRUE(chain.result.anchor.has_value());
  EXPECT_EQ(chain.result.anchor->subject, "CN=Test Root");
  EXPECT_EQ(chain.result.anchor->pem_line, 0);
  EXPECT_TRUE(chain.result.anchor->self_signed);
  EXPECT_EQ(chain.result.missing_issuer, "");
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(ChainVerify, LeafOnlyIsIncomplete) {
  SimplePki pki;
  ChainFixture chain({pki.leaf}, {pki.root});
  EXPECT_EQ(chain.result.status, ChainStatus::incomplete);
  EXPECT_EQ(chain.result.verify_error,
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
  EXPECT_EQ(chain.result.verify_error, 20);
  EXPECT_EQ(chain.result.verify_error_text,
            "unable to get local issuer certificate");
  EXPECT_EQ(chain.result.path, (Path{0}));
  EXPECT_FALSE(chain.result.anchor.has_value());
  EXPECT_EQ(chain.result.missing_issuer, "CN=Test Intermediate");
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(ChainVerify, WrongIntermediateIsIncomplete) {
  SimplePki pki;
  TestKey other_key = TestKey::ec(Curve::p256);
  TestCertificate other = TestCertificate::issued(
      test::ca_spec("Other Intermediate"), other_key, pki.root, pki.root_key);
  ChainFixture chain({pki.leaf, other}, {pki.root});
  EXPECT_EQ(chain.result.status, ChainStatus::incomplete);
  EXPECT_EQ(chain.result.path, (Path{0}));
  EXPECT_EQ(chain.result.missing_issuer, "CN=Test Intermediate");
}

TEST(ChainVerify, UntrustedRootInFileIsIncomplete) {
  SimplePki pki;
  TestKey alt_key = TestKey::ec(Curve::p256);
  TestCertificate alt_root =
      TestCertificate::self_signed(test::ca_spec("Alt Root"), alt_key);
  TestCertificate leaf = TestCertificate::issued(
      test::leaf_spec("a.test"), pki.leaf_key, alt_root, alt_key);
  ChainFixture chain({leaf, alt_root}, {pki.root});
  EXPECT_EQ(chain.result.status, ChainStatus::incomplete);
  EXPECT_EQ(chain.result.verify_error, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN);
  EXPECT_EQ(chain.result.path, (Path{0, 1}));
  EXPECT_EQ(chain.result.missing_issuer, "CN=Alt Root");
}

TEST(ChainVerify, LeafFromUntrustedRootIsIncomplete) {
  SimplePki pki;
  TestKey alt_key = TestKey::ec(Curve::p256);
  TestCertificate alt_root =
      TestCertificate::self_signed(test::ca_spec("Alt Root"), alt_key);
  TestCertificate leaf = TestCertificate::issued(
      test::leaf_spec("a.test"), pki.leaf_key, alt_root, alt_key);
  ChainFixture chain({leaf}, {pki.root});
  EXPECT_EQ(chain.result.status, ChainStatus::incomplete);
  EXPECT_EQ(chain.result.verify_error,
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
  EXPECT_EQ(chain.result.missing_issuer, "CN=Alt Root");
}

TEST(ChainVerify, SelfSignedLeafIsIncomplete) {
  SimplePki pki;
  TestCertificate leaf = TestCertificate::self_signed(
      test::leaf_spec("self.test"), TestKey::ec(Curve::p256));
  ChainFixture chain({leaf}, {pki.root});
  EXPECT_EQ(chain.result.status, ChainStatus::incomplete);
  EXPECT_EQ(chain.result.verify_error, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
  EXPECT_EQ(chain.result.missing_issuer, "CN=self.test");
}

TEST(ChainVerify, CrossSignedRootChainIsComplete) {
  CrossSignedPki pki;
  ChainFixture chain({pki.leaf, pki.intermediate, pki.root_y_cross},
                     {pki.base.root});
  EXPECT_EQ(chain.result.status, ChainStatus::complete)
      << chain.result.verify_error_text;
  EXPECT_EQ(chain.result.path, (Path{0, 1, 2}));
  ASSERT_TRUE(chain.result.anchor.has_value());
  EXPECT_EQ(chain.result.anchor->subject, "CN=Test Root");
  const CertificateInfo& root_y = chain.file.certificates[2];
  EXPECT_EQ(root_y.subject, "CN=Root Y");
  EXPECT_TRUE(root_y.is_ca);
  EXPECT_FALSE(root_y.self_signed);
}

TEST(ChainVerify, TrustedCrossSignedRootEndsPathEarly) {
  // Once "Root Y" itself is trusted, TRUSTED_FIRST stops there and the
  // cross-sign in the file is not on the path.
  CrossSignedPki pki;
  ChainFixture chain({pki.leaf, pki.intermediate, pki.root_y_cross},
                     {pki.base.root, pki.root_y_self});
  EXPECT_EQ(chain.result.status, ChainStatus::complete);
  EXPECT_EQ(chain.result.path, (Path{0, 1}));
  ASSERT_TRUE(chain.result.anchor.has_value());
  EXPECT_EQ(chain.result.anchor->subject, "CN=Root Y");
  EXPECT_TRUE(chain.result.anchor->self_signed);
}

TEST(ChainVerify, CrossSignedChainWithoutCrossSignIsIncomplete) {
  CrossSignedPki pki;
  ChainFixture chain({pki.leaf, pki.intermediate}, {pki.base.root});
  EXPECT_EQ(chain.result.status, ChainStatus::incomplete);
  EXPECT_EQ(chain.result.path, (Path{0, 1}));
  EXPECT_EQ(chain.result.missing_issuer, "CN=Root Y");
}

TEST(ChainVerify, ExpiredCrossSignIsNotOnPath) {
  // Like ISRG Root X1 cross-signed by the expired DST Root CA X3: the
  // trusted self-signed root ends the path first.
  SimplePki pki;
  TestKey old_key = TestKey::ec(Curve::p256);
  CertificateSpec old_spec = test::ca_spec("Old Root");
  old_spec.not_before = kTestNow - 4000 * kDay;
  old_spec.not_after = kTestNow - 400 * kDay;
  TestCertificate old_root = TestCertificate::self_signed(old_spec, old_key);
  CertificateSpec cross_spec = test::ca_spec("Test Root");
  cross_spec.not_before = kTestNow - 1000 * kDay;
  cross_spec.not_after = kTestNow - 100 * kDay;
  TestCertificate expired_cross =
      TestCertificate::issued(cross_spec, pki.root_key, old_root, old_key);

  ChainFixture chain({pki.leaf, pki.intermediate, expired_cross}, {pki.root});
  EXPECT_EQ(chain.result.status, ChainStatus::complete);
  EXPECT_EQ(chain.result.path, (Path{0, 1}));
  ASSERT_TRUE(chain.result.anchor.has_value());
  EXPECT_TRUE(chain.result.anchor->self_signed);
  EXPECT_LT(chain.file.certificates[2].not_after, kTestNow);
}

TEST(ChainVerify, ExpiredDuplicateIntermediateIsNotOnPath) {
  // Same name and key as the valid intermediate, but expired: the valid one
  // is preferred in either file order.
  SimplePki pki;
  CertificateSpec spec = test::ca_spec("Test Intermediate");
  spec.not_before = kTestNow - 800 * kDay;
  spec.not_after = kTestNow - 30 * kDay;
  TestCertificate expired = TestCertificate::issued(spec, pki.intermediate_key,
                                                    pki.root, pki.root_key);

  ChainFixture expired_first({pki.leaf, expired, pki.intermediate}, {pki.root});
  EXPECT_EQ(expired_first.result.status, ChainStatus::complete);
  EXPECT_EQ(expired_first.result.path, (Path{0, 2}));

  ChainFixture expired_last({pki.leaf, pki.intermediate, expired}, {pki.root});
  EXPECT_EQ(expired_last.result.status, ChainStatus::complete);
  EXPECT_EQ(expired_last.result.path, (Path{0, 1}));
}

TEST(ChainVerify, ExpiredChainIsStillComplete) {
  // Dates are left to the expiry rules.
  SimplePki pki(kTestNow - 5000 * kDay);
  ChainFixture chain({pki.leaf, pki.intermediate}, {pki.root});
  EXPECT_LT(chain.file.certificates[0].not_after, kTestNow);
  EXPECT_EQ(chain.result.status, ChainStatus::complete)
      << chain.result.verify_error_text;
  EXPECT_EQ(chain.result.path, (Path{0, 1}));
}

TEST(ChainVerify, RootInFileIsReportedAsAnchor) {
  SimplePki pki;
  ChainFixture chain({pki.leaf, pki.intermediate, pki.root}, {pki.root});
  EXPECT_EQ(chain.result.status, ChainStatus::complete);
  EXPECT_EQ(chain.result.path, (Path{0, 1}));
  EXPECT_EQ(chain.result.anchor_index, std::optional<std::size_t>(2));
  ASSERT_TRUE(chain.result.anchor.has_value());
  EXPECT_EQ(chain.result.anchor->subject, "CN=Test Root");
  EXPECT_EQ(chain.result.anchor->sha256_fingerprint,
            chain.file.certificates[2].sha256_fingerprint);
  EXPECT_EQ(chain.result.anchor->pem_line, chain.file.certificates[2].pem_line);
  EXPECT_GT(chain.result.anchor->pem_line, 0);
}

TEST(ChainVerify, TrustedSelfSignedLeafIsItsOwnAnchor) {
  TestCertificate leaf = TestCertificate::self_signed(
      test::leaf_spec("self.test"), TestKey::ec(Curve::p256));
  ChainFixture chain({leaf}, {leaf});
  EXPECT_EQ(chain.result.status, ChainStatus::complete)
      << chain.result.verify_error_text;
  EXPECT_EQ(chain.result.path, (Path{0}));
  EXPECT_EQ(chain.result.anchor_index, std::optional<std::size_t>(0));
}

TEST(ChainVerify, IntermediateFirstIsRejectedAsServerCertificate) {
  // nginx serves certificates[0] as the leaf, so the chain is built from the
  // intermediate, whose keyUsage (keyCertSign, cRLSign) does not allow TLS
  // server use.
  SimplePki pki;
  ChainFixture chain({pki.intermediate, pki.leaf}, {pki.root});
  EXPECT_EQ(chain.result.status, ChainStatus::incomplete);
  EXPECT_EQ(chain.result.verify_error, X509_V_ERR_INVALID_PURPOSE);
  EXPECT_EQ(chain.result.path, (Path{0}));
  EXPECT_EQ(chain.result.missing_issuer, "");
  EXPECT_EQ(chain.file.certificates[0].common_name, "Test Intermediate");
}

TEST(ChainVerify, LeafWithoutServerAuthIsRejected) {
  SimplePki pki;
  CertificateSpec spec = test::leaf_spec("client.test");
  spec.extended_key_usage = "clientAuth";
  TestCertificate leaf = TestCertificate::issued(
      spec, pki.leaf_key, pki.intermediate, pki.intermediate_key);
  ChainFixture chain({leaf, pki.intermediate}, {pki.root});
  EXPECT_EQ(chain.result.status, ChainStatus::incomplete);
  EXPECT_EQ(chain.result.verify_error, X509_V_ERR_INVALID_PURPOSE);
  EXPECT_EQ(chain.result.missing_issuer, "");
}

TEST(ChainVerify, UnloadedFileIsUnknown) {
  SimplePki pki;
  TempDir dir;
  Store store(TrustOptions{dir.write_bundle("roots.pem", {pki.root}), {}, {}});
  const CertificateFile& missing = store.certificate(dir.path() / "none.pem");
  ChainResult result = store.verify_chain(missing, kTestNow);
  EXPECT_EQ(result.status, ChainStatus::unknown);
  EXPECT_TRUE(result.path.empty());
}

TEST(ChainIssued, ChecksNamesAndSignature) {
  SimplePki pki;
  TestKey other_key = TestKey::ec(Curve::p256);
  // Same name as the intermediate, but another key.
  TestCertificate impostor = TestCertificate::self_signed(
      test::ca_spec("Test Intermediate"), other_key);
  TempDir dir;
  Store store({});
  const CertificateFile& file = store.certificate(dir.write_bundle(
      "all.pem", {pki.leaf, pki.intermediate, pki.root, impostor}));
  ASSERT_EQ(file.certificates.size(), 4u);
  EXPECT_TRUE(store.issued(file, 0, 1));
  EXPECT_TRUE(store.issued(file, 1, 2));
  EXPECT_TRUE(store.issued(file, 2, 2));
  EXPECT_FALSE(store.issued(file, 1, 0));
  EXPECT_FALSE(store.issued(file, 0, 2));
  EXPECT_FALSE(store.issued(file, 0, 3));
  EXPECT_FALSE(store.issued(file, 0, 9));
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(ChainTrustStore, MissingCaFileIsUnknown) {
  SimplePki pki;
  TempDir dir;
  auto ca_file = dir.path() / "missing-ca.pem";
  Store store(TrustOptions{ca_file, {}, {}});
  const CertificateFile& file = store.certificate(
      dir.write_bundle("chain.pem", {pki.leaf, pki.intermediate}));
  EXPECT_EQ(store.verify_chain(file, kTestNow).status, ChainStatus::unknown);
  EXPECT_EQ(store.trust_store_error(), "failed to read CA file \"" +
                                           ca_file.string() +
                                           "\": No such file or directory");
  EXPECT_EQ(store.trust_store_description(),
            "CA file \"" + ca_file.string() + "\"");
}

TEST(ChainTrustStore, CaFileWithoutCertificatesIsUnknown) {
  TempDir dir;
  Store store(
      TrustOptions{dir.write_key("ca", TestKey::ec(Curve::p256)), {}, {}});
  EXPECT_NE(store.trust_store_error().find("no certificate found"),
            std::string::npos)
      << store.trust_store_error();
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(ChainTrustStore, FifoCaFileFailsWithoutBlocking) {
  TempDir dir;
  auto fifo = dir.path() / "ca.pem";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Store store(TrustOptions{fifo, {}, {}});
  EXPECT_EQ(store.trust_store_error(),
            "failed to read CA file \"" + fifo.string() + "\": is a FIFO");
}

TEST(ChainTrustStore, HashedCaPathIsUsed) {
  SimplePki pki;
  TempDir dir;
  dir.write("certs/" + pki.root.subject_hash() + ".0", pki.root.pem());
  Store store(TrustOptions{{}, dir.path() / "certs", {}});
  const CertificateFile& file = store.certificate(
      dir.write_bundle("chain.pem", {pki.leaf, pki.intermediate}));
  EXPECT_EQ(store.trust_store_error(), "");
  EXPECT_EQ(store.verify_chain(file, kTestNow).status, ChainStatus::complete);
}

TEST(ChainTrustStore, CaPathWithoutHashedNamesIsUnknown) {
  SimplePki pki;
  TempDir dir;
  dir.write("certs/root.pem", pki.root.pem());
  Store store(TrustOptions{{}, dir.path() / "certs", {}});
  EXPECT_NE(store.trust_store_error().find("no hashed certificate names"),
            std::string::npos)
      << store.trust_store_error();
}

TEST(ChainTrustStore, CaFileAndCaPathCombine) {
  CrossSignedPki pki;
  TempDir dir;
  auto ca_file = dir.write_bundle("roots.pem", {pki.base.root});
  dir.write("certs/" + pki.root_y_self.subject_hash() + ".0",
            pki.root_y_self.pem());
  Store store(TrustOptions{ca_file, dir.path() / "certs", {}});
  const CertificateFile& file = store.certificate(
      dir.write_bundle("chain.pem", {pki.leaf, pki.intermediate}));
  ChainResult result = store.verify_chain(file, kTestNow);
  EXPECT_EQ(result.status, ChainStatus::complete);
  ASSERT_TRUE(result.anchor.has_value());
  EXPECT_EQ(result.anchor->subject, "CN=Root Y");
  EXPECT_EQ(store.trust_store_description(),
            "CA file \"" + ca_file.string() + "\" and CA path \"" +
                (dir.path() / "certs").string() + "\"");
}

TEST(ChainTrustStore, RootOptionUsesItsCaBundle) {
  SimplePki pki;
  TempDir root;
  root.write_bundle("etc/ssl/certs/ca-certificates.crt", {pki.root});
  Store store(TrustOptions{{}, {}, root.path()});
  TempDir dir;
  const CertificateFile& file = store.certificate(
      dir.write_bundle("chain.pem", {pki.leaf, pki.intermediate}));
  EXPECT_EQ(store.verify_chain(file, kTestNow).status, ChainStatus::complete);
  EXPECT_EQ(store.trust_store_error(), "");
  EXPECT_NE(store.trust_store_description().find(
                (root.path() / "etc/ssl/certs/ca-certificates.crt").string()),
            std::string::npos);
}

TEST(ChainTrustStore, RootOptionUsesHashedDirectory) {
  SimplePki pki;
  TempDir root;
  root.write("etc/ssl/certs/" + pki.root.subject_hash() + ".0", pki.root.pem());
  Store store(TrustOptions{{}, {}, root.path()});
  TempDir dir;
  const CertificateFile& file = store.certificate(
      dir.write_bundle("chain.pem", {pki.leaf, pki.intermediate}));
  EXPECT_EQ(store.verify_chain(file, kTestNow).status, ChainStatus::complete);
}

TEST(ChainTrustStore, RootWithoutTrustStoreIsUnknown) {
  TempDir root;
  Store store(TrustOptions{{}, {}, root.path()});
  EXPECT_EQ(store.trust_store_error(),
            "no trust store under \"" + root.path().string() + "\": \"" +
                (root.path() / "etc/ssl/certs").string() + "\" is missing");
}

TEST(ChainTrustStore, DefaultPathsDoNotTrustTestRoot) {
  Store store({});
  if (!store.trust_store_error().empty()) {
    FAIL() << "no system trust store (package ca-certificates): "
           << store.trust_store_error();
  }
  EXPECT_NE(store.trust_store_description().find("OpenSSL default CA file"),
            std::string::npos);
  SimplePki pki;
  TempDir dir;
  const CertificateFile& file = store.certificate(
      dir.write_bundle("chain.pem", {pki.leaf, pki.intermediate}));
  ChainResult result = store.verify_chain(file, kTestNow);
  EXPECT_EQ(result.status, ChainStatus::incomplete);
  EXPECT_EQ(result.missing_issuer, "CN=Test Root");
}

}  // namespace
}  // namespace tlslint::certs
