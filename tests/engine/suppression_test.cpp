#include "engine/suppression.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "certs/certificate.h"
#include "config/config.h"
#include "engine/engine.h"
#include "support/process.h"

namespace tlslint::engine {
namespace {

const Location kHash{"a.conf", 7, 5, 100};

TEST(ParseSuppression, ReadsIdsAndReason) {
  std::vector<Suppression> parsed = parse_suppression(
      " tlslint: disable=weak-key, cert-expired -- kiosk clients", kHash);
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0].rule_id, "weak-key");
  EXPECT_EQ(parsed[0].where.line, 7u);
  EXPECT_EQ(parsed[0].where.column, 24u);
  EXPECT_EQ(parsed[0].where.offset, 119u);
  EXPECT_FALSE(parsed[0].whole_file);
  EXPECT_EQ(parsed[0].reason, "kiosk clients");
  EXPECT_EQ(parsed[1].rule_id, "cert-expired");
  EXPECT_EQ(parsed[1].where.column, 34u);
  EXPECT_EQ(parsed[1].reason, "kiosk clients");
}

TEST(ParseSuppression, ReadsFileForm) {
  std::vector<Suppression> parsed =
      parse_suppression("tlslint:disable-file=weak-key", kHash);
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0].rule_id, "weak-key");
  EXPECT_TRUE(parsed[0].whole_file);
  EXPECT_EQ(parsed[0].reason, "");
  EXPECT_EQ(parsed[0].where.column, 27u);
}

TEST(ParseSuppression, IgnoresOtherComments) {
  EXPECT_TRUE(parse_suppression(" tlslint: disabel=weak-key", kHash).empty());
  EXPECT_TRUE(parse_suppression(" disable=weak-key", kHash).empty());
  EXPECT_TRUE(parse_suppression(" see tlslint: disable=x", kHash).empty());
  EXPECT_TRUE(parse_suppression(" tlslint: disable= -- why", kHash).empty());
}

class Suppressions : public ::testing::Test {
 protected:
  /// Lints `text` as a site fragment with pinned options.
  std::vector<Finding> lint(const std::string& text,
                            const Options& options = Options()) {
    std::string path = dir_.write("site.conf", text);
    std::vector<config::Config> configs =
        config::load_inputs({path}, config::LoadOptions());
    EXPECT_EQ(configs.size(), 1u);
    certs::Store store(certs::TrustOptions{});
    return run_checks(configs.at(0), store, options, Registry::builtin());
  }

  /// "line rule-id" for each finding that is not a note.
  static std::vector<std::string> summary(
      const std::vector<Finding>& findings) {
    std::vector<std::string> lines;
    for (const Finding& finding : findings) {
      if (finding.severity == Severity::note) continue;
      lines.push_back(std::to_string(finding.where ? finding.where->line : 0) +
                      " " + finding.rule_id);
    }
    return lines;
  }

  testing::TempDir dir_;
};

// ssl_protocols at http level with TLSv1 fires ssl-protocols-legacy and no
// certificate rule, since no server uses TLS.
const char* const kLegacy = "ssl_protocols TLSv1 TLSv1.2;\n";

TEST_F(Suppressions, WithoutCommentReports) {
  EXPECT_EQ(summary(lint(kLegacy)),
            std::vector<std::string>{"1 ssl-protocols-legacy"});
}

TEST_F(Suppressions, LineBeforeCoversDirective) {
  std::vector<Finding> findings = lint(
      "# tlslint: disable=ssl-protocols-legacy -- old clients\n"
      "# a second comment line\n"
      "\n"
      "ssl_protocols TLSv1 TLSv1.2;\n");
  EXPECT_EQ(summary(findings), std::vector<std::string>{});
}

TEST_F(Suppressions, CoversWholeBlock) {
  std::vector<Finding> findings = lint(
      "# tlslint: disable=ssl-protocols-legacy\n"
      "server {\n"
      "    listen 443 ssl;\n"
      "    ssl_reject_handshake on;\n"
      "    ssl_protocols TLSv1 TLSv1.2;\n"
      "}\n"
      "server {\n"
      "    listen 444 ssl;\n"
      "    ssl_reject_handshake on;\n"
      "    ssl_protocols TLSv1.1 TLSv1.2;\n"
      "}\n");
  EXPECT_EQ(summary(findings),
            std::vector<std::string>{"10 ssl-protocols-legacy"});
}

TEST_F(Suppressions, OtherRuleStillReported) {
  std::vector<Finding> findings = lint(
      "# tlslint: disable=weak-key\n"
      "ssl_protocols TLSv1 TLSv1.2;\n");
  EXPECT_EQ(summary(findings),
            (std::vector<std::string>{"1 suppression-unused",
                                      "2 ssl-protocols-legacy"}));
}

TEST_F(Suppressions, StatementBetweenBreaksCover) {
  std::vector<Finding> findings = lint(
      "# tlslint: disable=ssl-protocols-legacy\n"
      "ssl_session_timeout 1d;\n"
      "ssl_protocols TLSv1 TLSv1.2;\n");
  EXPECT_EQ(summary(findings),
            (std::vector<std::string>{"1 suppression-unused",
                                      "3 ssl-protocols-legacy"}));
}

TEST_F(Suppressions, TrailingCommentCoversItsDirective) {
  std::vector<Finding> findings = lint(
      "ssl_protocols TLSv1 TLSv1.2; # tlslint: disable=ssl-protocols-legacy\n"
      "ssl_session_timeout 1d;\n");
  EXPECT_EQ(summary(findings), std::vector<std::string>{});
}

TEST_F(Suppressions, FileFormCoversWholeFile) {
  std::vector<Finding> findings = lint(
      "server {\n"
      "    listen 443 ssl;\n"
      "    ssl_reject_handshake on;\n"
      "    ssl_protocols TLSv1 TLSv1.2;\n"
      "}\n"
      "# tlslint: disable-file=ssl-protocols-legacy\n"
      "ssl_protocols TLSv1.1 TLSv1.2;\n");
  EXPECT_EQ(summary(findings), std::vector<std::string>{});
}

TEST_F(Suppressions, ReportsUnknownRule) {
  std::vector<Finding> findings = lint(
      "# tlslint: disable=ssl-protocol-legacy\n"
      "ssl_protocols TLSv1 TLSv1.2;\n");
  ASSERT_EQ(summary(findings),
            (std::vector<std::string>{"1 suppression-unknown-rule",
                                      "2 ssl-protocols-legacy"}));
  const Finding& unknown = findings.at(0);
  EXPECT_EQ(unknown.severity, Severity::warning);
  EXPECT_EQ(unknown.where->column, 20u);
  EXPECT_EQ(unknown.message,
            "unknown rule \"ssl-protocol-legacy\" in a tlslint suppression; "
            "did you mean \"ssl-protocols-legacy\"?");
}

TEST_F(Suppressions, UnknownRuleWithoutCloseId) {
  std::vector<Finding> findings =
      lint("# tlslint: disable-file=zzzzzzzzzzzzzzzzzzzz\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "unknown rule \"zzzzzzzzzzzzzzzzzzzz\" in a tlslint suppression; "
            "run \"tlslint --list-rules\" for the ids");
}

TEST_F(Suppressions, ReportsUnusedWithPlace) {
  std::vector<Finding> findings = lint(
      "    # tlslint: disable=ssl-protocols-legacy\n"
      "ssl_protocols TLSv1.2;\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "suppression-unused");
  EXPECT_EQ(findings[0].severity, Severity::info);
  EXPECT_EQ(findings[0].where->file, dir_.path() + "/site.conf");
  EXPECT_EQ(findings[0].where->line, 1u);
  EXPECT_EQ(findings[0].where->column, 24u);
  EXPECT_EQ(findings[0].message,
            "\"disable=ssl-protocols-legacy\" suppressed no finding of the "
            "directive below; remove it");
}

TEST_F(Suppressions, UnusedFileForm) {
  std::vector<Finding> findings = lint(
      "# tlslint: disable-file=weak-key\n"
      "ssl_protocols TLSv1.2;\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "\"disable-file=weak-key\" suppressed no finding in this file; "
            "remove it");
}

TEST_F(Suppressions, UnusedWithoutDirective) {
  std::vector<Finding> findings = lint(
      "ssl_protocols TLSv1.2;\n"
      "# tlslint: disable=weak-key\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "\"disable=weak-key\" is not on the line before a directive, so "
            "it covers nothing; move it there");
}

TEST_F(Suppressions, DisabledRuleIsNotUnused) {
  Options options;
  options.disabled = {"weak-key"};
  std::vector<Finding> findings = lint(
      "# tlslint: disable=weak-key\n"
      "ssl_protocols TLSv1.2;\n",
      options);
  EXPECT_EQ(summary(findings), std::vector<std::string>{});
}

TEST_F(Suppressions, DisabledUnusedRuleReportsNothing) {
  Options options;
  options.disabled = {"suppression-unused", "suppression-unknown-rule"};
  std::vector<Finding> findings = lint(
      "# tlslint: disable=weak-key,no-such-rule\n"
      "ssl_protocols TLSv1.2;\n",
      options);
  EXPECT_EQ(summary(findings), std::vector<std::string>{});
}

TEST_F(Suppressions, FileFormSilencesUnused) {
  std::vector<Finding> findings = lint(
      "# tlslint: disable-file=suppression-unused\n"
      "# tlslint: disable=weak-key\n"
      "ssl_protocols TLSv1.2;\n");
  EXPECT_EQ(summary(findings), std::vector<std::string>{});
}

TEST_F(Suppressions, NoUnusedAfterSyntaxError) {
  std::vector<Finding> findings = lint(
      "# tlslint: disable=weak-key\n"
      "ssl_protocols TLSv1.2;\n"
      "server {\n");
  EXPECT_EQ(summary(findings), std::vector<std::string>{"4 syntax"});
}

}  // namespace
}  // namespace tlslint::engine
