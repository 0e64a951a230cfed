// Certificate rules on keys and names that the shared test PKI lacks: IP
// subjectAltNames, Ed25519 and P-521 keys. Certificates come from the
// OpenSSL-based test builder, and "now" is pinned to its kTestNow.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/process.h"
#include "support/test_pki.h"

namespace tlslint::testing {
namespace {

using test::CertificateSpec;
using test::SimplePki;
using test::TestCertificate;
using test::TestKey;

constexpr const char* kNow = "2026-01-01T00:00:00Z";  // test::kTestNow

/// Lints one TLS server for `names` serving `leaf` (issued by the simple
/// PKI's intermediate) and returns the findings that are not notes.
std::vector<FindingLine> lint_leaf(const SimplePki& pki,
                                   const TestCertificate& leaf,
                                   const TestKey& key,
                                   const std::string& names) {
  test::TempDir dir;
  auto chain = dir.write_bundle("chain.pem", {leaf, pki.intermediate});
  auto key_path = dir.write_key("leaf", key);
  auto root = dir.write_bundle("root.pem", {pki.root});
  auto site = dir.write(
      "site.conf", "server {\n    listen 443 ssl;\n    server_name " + names +
                       ";\n    ssl_protocols TLSv1.2 TLSv1.3;\n"
                       "    ssl_certificate " + chain.string() +
                       ";\n    ssl_certificate_key " + key_path.string() +
                       ";\n}\n");
  ProcessResult result =
      run_tlslint({"--ca-file", root.string(), "--nginx-version", "1.22.1",
                   "--now", kNow, site.string()});
  std::vector<FindingLine> findings;
  for (const auto& finding : parse_findings(result.out)) {
    if (finding.severity != "note") findings.push_back(finding);
  }
  return findings;
}

TEST(KeyAndNameRules, BracketedIpv6MatchesIpSan) {
  SimplePki pki;
  TestKey key = TestKey::ec(test::Curve::p256);
  CertificateSpec spec = test::leaf_spec("a.test");
  spec.ip_addresses = {"10.0.0.1", "::1"};
  TestCertificate leaf =
      TestCertificate::issued(spec, key, pki.intermediate, pki.intermediate_key);
  auto findings = lint_leaf(pki, leaf, key, "a.test 10.0.0.1 [::1] 10.0.0.2");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "san-mismatch");
  EXPECT_NE(findings[0].message.find("server name \"10.0.0.2\""),
            std::string::npos)
      << findings[0].message;
}

TEST(KeyAndNameRules, Ed25519IsUnsupportedNotWeak) {
  SimplePki pki;
  TestKey key = TestKey::ed25519();
  TestCertificate leaf = TestCertificate::issued(
      test::leaf_spec("a.test"), key, pki.intermediate, pki.intermediate_key);
  auto findings = lint_leaf(pki, leaf, key, "a.test");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "weak-key");
  EXPECT_EQ(findings[0].severity, "warning");
  EXPECT_NE(findings[0].message.find("many clients do not accept (ED25519)"),
            std::string::npos)
      << findings[0].message;
}

TEST(KeyAndNameRules, P521IsUnsupportedNotWeak) {
  SimplePki pki;
  TestKey key = TestKey::ec(test::Curve::p521);
  TestCertificate leaf = TestCertificate::issued(
      test::leaf_spec("a.test"), key, pki.intermediate, pki.intermediate_key);
  auto findings = lint_leaf(pki, leaf, key, "a.test");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, "warning");
  EXPECT_NE(findings[0].message.find("(EC on curve \"P-521\")"),
            std::string::npos)
      << findings[0].message;
}

TEST(KeyAndNameRules, NotYetValidShowsTimeOfDay) {
  SimplePki pki;
  TestKey key = TestKey::ec(test::Curve::p256);
  CertificateSpec spec = test::leaf_spec("a.test");
  spec.not_before = test::kTestNow + 3600 + 1800;  // 01:30 UTC
  spec.not_after = test::kTestNow + 90 * 86400;
  TestCertificate leaf =
      TestCertificate::issued(spec, key, pki.intermediate, pki.intermediate_key);
  auto findings = lint_leaf(pki, leaf, key, "a.test");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "cert-not-yet-valid");
  EXPECT_NE(findings[0].message.find("valid only from 2026-01-01 01:30 UTC"),
            std::string::npos)
      << findings[0].message;
}

}  // namespace
}  // namespace tlslint::testing
