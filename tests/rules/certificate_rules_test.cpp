// Certificate rules on shapes the fixtures do not cover: key types, server
// name forms, several certificate pairs, and bundles assembled by hand.
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/process.h"

namespace tlslint::testing {
namespace {

class CertificateRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new TempDir();
    pki_ = test_pki(*scratch_);
    now_ = test_pki_now(pki_);
  }
  static void TearDownTestSuite() {
    delete scratch_;
    scratch_ = nullptr;
  }

  /// Lints one server block; PKI in `body` stands for the test PKI.
  std::vector<FindingLine> lint_server(const std::string& body) {
    std::string text = "server {\n    listen 443 ssl;\n"
                       "    ssl_protocols TLSv1.2 TLSv1.3;\n" +
                       body + "}\n";
    for (auto at = text.find("PKI"); at != std::string::npos;
         at = text.find("PKI", at + pki_.size())) {
      text.replace(at, 3, pki_);
    }
    std::string site = scratch_->write("site.conf", text);
    ProcessResult result =
        run_tlslint({"--ca-file", pki_ + "/root/root.pem", "--nginx-version",
                     "1.22.1", "--now", now_, site});
    last_output_ = result.out + result.err;
    return parse_findings(result.out);
  }

  /// Concatenates PKI files into a new bundle and returns its path.
  std::string bundle(const std::string& name,
                     const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts) {
      std::ifstream in(pki_ + "/" + part);
      text += std::string(std::istreambuf_iterator<char>(in), {});
    }
    return scratch_->write(name, text);
  }

  static std::vector<std::string> rules_of(
      const std::vector<FindingLine>& findings) {
    std::vector<std::string> rules;
    for (const auto& finding : findings) {
      if (finding.severity != "note") rules.push_back(finding.rule);
    }
    return rules;
  }

  static TempDir* scratch_;
  static std::string pki_;
  static std::string now_;
  std::string last_output_;
};

TempDir* CertificateRules::scratch_ = nullptr;
std::string CertificateRules::pki_;
std::string CertificateRules::now_;

TEST_F(CertificateRules, EcdsaCertificateWithRsaKeyMismatches) {
  auto findings = lint_server(
      "    server_name a.test;\n"
      "    ssl_certificate PKI/a.test/ecdsa-fullchain.pem;\n"
      "    ssl_certificate_key PKI/a.test/privkey.pem;\n");
  ASSERT_EQ(rules_of(findings), std::vector<std::string>{"cert-key-mismatch"})
      << last_output_;
  EXPECT_NE(findings[0].message.find("has key type EC, but"),
            std::string::npos)
      << findings[0].message;
}

TEST_F(CertificateRules, PairsMatchInOrder) {
  auto findings = lint_server(
      "    server_name a.test;\n"
      "    ssl_certificate PKI/a.test/fullchain.pem;\n"
      "    ssl_certificate_key PKI/a.test/ecdsa-privkey.pem;\n"
      "    ssl_certificate PKI/a.test/ecdsa-fullchain.pem;\n"
      "    ssl_certificate_key PKI/a.test/privkey.pem;\n");
  EXPECT_EQ(rules_of(findings),
            (std::vector<std::string>{"cert-key-mismatch",
                                      "cert-key-mismatch"}))
      << last_output_;
}

TEST_F(CertificateRules, CertificateWithoutKeyIsReported) {
  auto findings = lint_server(
      "    server_name a.test;\n"
      "    ssl_certificate PKI/a.test/fullchain.pem;\n");
  ASSERT_EQ(rules_of(findings), std::vector<std::string>{"cert-key-mismatch"})
      << last_output_;
  EXPECT_NE(findings[0].message.find("no \"ssl_certificate_key\" is defined"),
            std::string::npos);
}

TEST_F(CertificateRules, IntermediatesOutOfOrder) {
  std::string path = bundle("leaf-root-intermediate.pem",
                            {"a.test/cert.pem", "root/root.pem",
                             "intermediate/intermediate.pem"});
  auto findings = lint_server("    server_name a.test;\n"
                              "    ssl_certificate " + path + ";\n"
                              "    ssl_certificate_key PKI/a.test/privkey.pem;\n");
  ASSERT_EQ(rules_of(findings), std::vector<std::string>{"chain-wrong-order"})
      << last_output_;
  EXPECT_NE(findings[0].message.find("certificate #1"), std::string::npos);
  EXPECT_NE(findings[0].message.find("certificate #3"), std::string::npos);
}

TEST_F(CertificateRules, UnrelatedExtraCertificateWarns) {
  std::string path = bundle("with-b-leaf.pem",
                            {"a.test/fullchain.pem", "b.test/cert.pem"});
  auto findings = lint_server("    server_name a.test;\n"
                              "    ssl_certificate " + path + ";\n"
                              "    ssl_certificate_key PKI/a.test/privkey.pem;\n");
  ASSERT_EQ(rules_of(findings),
            std::vector<std::string>{"chain-extra-or-expired-certs"})
      << last_output_;
  EXPECT_EQ(findings[0].severity, "warning");
}

TEST_F(CertificateRules, ManyExtrasShareOneFinding) {
  std::vector<std::string> parts{"a.test/fullchain.pem"};
  for (int i = 0; i < 6; ++i) parts.push_back("intermediate/intermediate.pem");
  std::string path = bundle("repeated-intermediate.pem", parts);
  auto findings = lint_server("    server_name a.test;\n"
                              "    ssl_certificate " + path + ";\n"
                              "    ssl_certificate_key PKI/a.test/privkey.pem;\n");
  ASSERT_EQ(findings.size(), 4u) << last_output_;
  EXPECT_NE(findings[0].message.find("certificate #3"), std::string::npos);
  EXPECT_NE(findings[2].message.find("certificate #5"), std::string::npos);
  EXPECT_NE(findings[3].message.find("3 more certificates in"),
            std::string::npos)
      << findings[3].message;
}

TEST_F(CertificateRules, UntrustedRootAdvisesTrustStore) {
  std::string site = scratch_->write(
      "untrusted.conf",
      "server {\n    listen 443 ssl;\n    server_name a.test;\n"
      "    ssl_protocols TLSv1.2 TLSv1.3;\n"
      "    ssl_certificate " + pki_ + "/a.test/fullchain-with-root.pem;\n"
      "    ssl_certificate_key " + pki_ + "/a.test/privkey.pem;\n}\n");
  // The system bundle (package ca-certificates) lacks the test root.
  ProcessResult result = run_tlslint(
      {"--ca-file", "/etc/ssl/certs/ca-certificates.crt", "--nginx-version",
       "1.22.1", "--now", now_, site});
  auto findings = parse_findings(result.out);
  ASSERT_EQ(rules_of(findings), std::vector<std::string>{"chain-incomplete"})
      << result.out << result.err;
  EXPECT_NE(findings[0].message.find(
                "ends at the self-signed root \"CN=Test Root\", which is not "
                "in the trust store"),
            std::string::npos)
      << findings[0].message;
  EXPECT_NE(findings[0].message.find("the file already serves the chain"),
            std::string::npos)
      << findings[0].message;
}

TEST_F(CertificateRules, RegexServerNameIsSkippedWithNote) {
  auto findings = lint_server(
      "    server_name ~^(www\\.)?a\\.test$;\n"
      "    ssl_certificate PKI/a.test/fullchain.pem;\n"
      "    ssl_certificate_key PKI/a.test/privkey.pem;\n");
  EXPECT_TRUE(rules_of(findings).empty()) << last_output_;
  ASSERT_EQ(findings.size(), 1u) << last_output_;
  EXPECT_EQ(findings[0].severity, "note");
  EXPECT_EQ(findings[0].rule, "san-mismatch");
}

TEST_F(CertificateRules, DotNameNeedsApexAndWildcard) {
  auto findings = lint_server(
      "    server_name .a.test;\n"
      "    ssl_certificate PKI/a.test/fullchain.pem;\n"
      "    ssl_certificate_key PKI/a.test/privkey.pem;\n");
  ASSERT_EQ(rules_of(findings), std::vector<std::string>{"san-mismatch"})
      << last_output_;
  EXPECT_NE(findings[0].message.find("\".a.test\""), std::string::npos);
}

TEST_F(CertificateRules, CatchAllNamesAreNotChecked) {
  auto findings = lint_server(
      "    server_name _ \"\";\n"
      "    ssl_certificate PKI/a.test/fullchain.pem;\n"
      "    ssl_certificate_key PKI/a.test/privkey.pem;\n");
  EXPECT_TRUE(findings.empty()) << last_output_;
}

TEST_F(CertificateRules, VariablePathIsUncheckable) {
  auto findings = lint_server(
      "    server_name a.test;\n"
      "    ssl_certificate PKI/$ssl_server_name/fullchain.pem;\n"
      "    ssl_certificate_key PKI/$ssl_server_name/privkey.pem;\n");
  ASSERT_EQ(rules_of(findings),
            std::vector<std::string>{"ssl-certificate-uncheckable"})
      << last_output_;
  EXPECT_EQ(findings[0].severity, "info");
}

TEST_F(CertificateRules, MissingDhparamIsUnreadable) {
  auto findings = lint_server(
      "    server_name a.test;\n"
      "    ssl_certificate PKI/a.test/fullchain.pem;\n"
      "    ssl_certificate_key PKI/a.test/privkey.pem;\n"
      "    ssl_dhparam PKI/dhparam.pem;\n");
  ASSERT_EQ(rules_of(findings),
            std::vector<std::string>{"cert-file-unreadable"})
      << last_output_;
  EXPECT_NE(findings[0].message.find("\"ssl_dhparam\" file"), std::string::npos);
}

TEST_F(CertificateRules, ExpiryWarningOptionSetsThreshold) {
  std::string text =
      "server {\n    listen 443 ssl;\n    server_name a.test;\n"
      "    ssl_protocols TLSv1.2 TLSv1.3;\n"
      "    ssl_certificate " + pki_ + "/a.test/fullchain.pem;\n"
      "    ssl_certificate_key " + pki_ + "/a.test/privkey.pem;\n}\n";
  std::string site = scratch_->write("ninety.conf", text);
  auto run = [&](const std::string& days) {
    return parse_findings(
        run_tlslint({"--ca-file", pki_ + "/root/root.pem", "--nginx-version",
                     "1.22.1", "--now", now_, "--expiry-warning", days, site})
            .out);
  };
  // The leaf is valid for 90 days from the moment the PKI was made.
  EXPECT_TRUE(rules_of(run("30")).empty());
  EXPECT_EQ(rules_of(run("100")), std::vector<std::string>{"cert-expiring"});
}

}  // namespace
}  // namespace tlslint::testing
