// A missing ssl_trusted_certificate, as left by a CA bundle update that
// deleted an expired root's file: the finding names the file of
// /etc/ssl/certs that contains the served chain's root, and repoints the
// directive only when exactly one file does.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/process.h"
#include "support/test_pki.h"

namespace tlslint::testing {
namespace {

namespace fs = std::filesystem;

using test::SimplePki;

constexpr const char* kNow = "2026-01-01T00:00:00Z";  // test::kTestNow
constexpr const char* kSite =
    "server {\n"
    "    listen 443 ssl;\n"
    "    server_name a.test;\n"
    "    ssl_protocols TLSv1.2 TLSv1.3;\n"
    "    ssl_certificate /etc/site/fullchain.pem;\n"
    "    ssl_certificate_key /etc/site/test-only-leaf.key;\n"
    "    ssl_stapling on;\n"
    "    ssl_stapling_verify on;\n"
    "    ssl_trusted_certificate /etc/ssl/certs/Old_Root.pem;\n"
    "}\n";

/// A sysroot whose /etc/ssl/certs has the bundle and what the test adds.
class TrustedCertificate : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write_bundle("root/etc/site/fullchain.pem",
                      {pki_.leaf, pki_.intermediate});
    dir_.write("root/etc/site/test-only-leaf.key", pki_.leaf_key.private_pem());
    dir_.write_bundle("root/etc/ssl/certs/ca-certificates.crt",
                      {pki_.root, other_});
    dir_.write("site.conf", kSite);
  }

  ProcessResult tlslint(const std::string& mode) {
    std::vector<std::string> args{"--nginx-version", "1.22.1", "--now",  kNow,
                                  "--color",         "never",  "--root", "root",
                                  "site.conf"};
    if (!mode.empty()) args.insert(args.begin(), mode);
    return run_tlslint(args, dir_.path().string());
  }

  /// The cert-file-unreadable message about ssl_trusted_certificate, or ""
  /// when there is none.
  std::string message() {
    for (const auto& finding : parse_findings(tlslint("").out)) {
      if (finding.rule == "cert-file-unreadable" &&
          finding.message.starts_with("\"ssl_trusted_certificate\"")) {
        return finding.message;
      }
    }
    return "";
  }

  fs::path certs() const { return dir_.path() / "root/etc/ssl/certs"; }

  SimplePki pki_;
  test::TestCertificate other_ = test::TestCertificate::self_signed(
      test::ca_spec("Other Root"), test::TestKey::ec(test::Curve::p256));
  test::TempDir dir_;
};

TEST_F(TrustedCertificate, NamesAndUsesTheOneFileOfTheRoot) {
  dir_.write_bundle("root/etc/ssl/certs/Test_Root.pem", {pki_.root});
  dir_.write_bundle("root/etc/ssl/certs/Other_Root.pem", {other_});
  // update-ca-certificates adds hashed links beside the named files.
  fs::create_symlink("Test_Root.pem",
                     certs() / (pki_.root.subject_hash() + ".0"));
  EXPECT_NE(message().find("the served chain's root CN=Test Root is "
                           "available as \"/etc/ssl/certs/Test_Root.pem\""),
            std::string::npos)
      << message();
  ProcessResult diff = tlslint("--diff");
  EXPECT_NE(diff.out.find("-    ssl_trusted_certificate "
                          "/etc/ssl/certs/Old_Root.pem;\n"
                          "+    ssl_trusted_certificate "
                          "/etc/ssl/certs/Test_Root.pem;\n"),
            std::string::npos)
      << diff.out << diff.err;
  tlslint("--fix");
  EXPECT_EQ(message(), "");
}

TEST_F(TrustedCertificate, TwoCopiesOfTheRootGetNoFix) {
  dir_.write_bundle("root/etc/ssl/certs/Test_Root.pem", {pki_.root});
  dir_.write_bundle("root/etc/ssl/certs/Test_Root_copy.pem", {pki_.root});
  EXPECT_NE(message().find("is in 2 files (/etc/ssl/certs/Test_Root.pem, "
                           "/etc/ssl/certs/Test_Root_copy.pem); point it at "
                           "one of them"),
            std::string::npos)
      << message();
  EXPECT_EQ(tlslint("--diff").out, "");
}

TEST_F(TrustedCertificate, RootOnlyInBundleGetsNoFix) {
  EXPECT_NE(message().find("has no file of its own in /etc/ssl/certs"),
            std::string::npos)
      << message();
  EXPECT_EQ(tlslint("--diff").out, "");
}

TEST_F(TrustedCertificate, MissingCertificateNamesNoRoot) {
  dir_.write_bundle("root/etc/ssl/certs/Test_Root.pem", {pki_.root});
  fs::remove(dir_.path() / "root/etc/site/fullchain.pem");
  std::string text = message();
  EXPECT_NE(text.find("\"/etc/ssl/certs/Old_Root.pem\""), std::string::npos)
      << text;
  EXPECT_TRUE(text.ends_with("nginx will not start or reload")) << text;
  EXPECT_EQ(tlslint("--diff").out, "");
}

}  // namespace
}  // namespace tlslint::testing
