#include "host/letsencrypt/renewal_conf.h"

#include <gtest/gtest.h>

namespace tlslint::host::letsencrypt {
namespace {

// A renewal configuration as certbot 5.x writes it for the webroot plugin.
constexpr const char* kWebroot = R"(# renew_before_expiry = 30 days
version = 5.6.0
archive_dir = /etc/letsencrypt/archive/a.test
cert = /etc/letsencrypt/live/a.test/cert.pem
privkey = /etc/letsencrypt/live/a.test/privkey.pem
chain = /etc/letsencrypt/live/a.test/chain.pem
fullchain = /etc/letsencrypt/live/a.test/fullchain.pem

# Options used in the renewal process
[renewalparams]
account = 0123456789abcdef0123456789abcdef
authenticator = webroot
webroot_path = /var/www/html,
server = https://acme-v02.api.letsencrypt.org/directory
key_type = ecdsa
[[webroot_map]]
a.test = /var/www/html
www.a.test = /var/www/html
)";

TEST(RenewalConf, ReadsTopLevelKeys) {
  RenewalConf conf = parse_renewal_conf(kWebroot);
  EXPECT_TRUE(conf.errors.empty());
  const ConfEntry* cert = conf.find("", "cert");
  ASSERT_NE(cert, nullptr);
  EXPECT_EQ(cert->value, "/etc/letsencrypt/live/a.test/cert.pem");
  EXPECT_EQ(cert->line, 4u);
}

TEST(RenewalConf, CommentedKeyIsAbsent) {
  RenewalConf conf = parse_renewal_conf(kWebroot);
  EXPECT_EQ(conf.find("", "renew_before_expiry"), nullptr);
}

TEST(RenewalConf, ReadsSectionsAndSubsections) {
  RenewalConf conf = parse_renewal_conf(kWebroot);
  const ConfEntry* authenticator = conf.find("renewalparams", "authenticator");
  ASSERT_NE(authenticator, nullptr);
  EXPECT_EQ(authenticator->value, "webroot");
  EXPECT_EQ(conf.find("", "authenticator"), nullptr);
  const ConfEntry* mapped =
      conf.find("renewalparams/webroot_map", "www.a.test");
  ASSERT_NE(mapped, nullptr);
  EXPECT_EQ(mapped->value, "/var/www/html");
  EXPECT_EQ(mapped->line, 18u);
}

TEST(RenewalConf, HeaderAfterSubsectionReturnsToTop) {
  RenewalConf conf = parse_renewal_conf(
      "[renewalparams]\n[[webroot_map]]\na = /x\n[renewalparams2]\nb = 1\n");
  EXPECT_TRUE(conf.errors.empty());
  EXPECT_NE(conf.find("renewalparams2", "b"), nullptr);
}

TEST(RenewalConf, StripsQuotesAndInlineComments) {
  RenewalConf conf = parse_renewal_conf(
      "[renewalparams]\n"
      "post_hook = \"systemctl reload nginx # not a comment\"\n"
      "pre_hook = 'echo start'\n"
      "installer = nginx  # set by certbot --nginx\n");
  EXPECT_EQ(conf.find("renewalparams", "post_hook")->value,
            "systemctl reload nginx # not a comment");
  EXPECT_EQ(conf.find("renewalparams", "pre_hook")->value, "echo start");
  EXPECT_EQ(conf.find("renewalparams", "installer")->value, "nginx");
}

TEST(RenewalConf, ReadsEmptyValueAndCrlf) {
  RenewalConf conf = parse_renewal_conf("cert = \r\nchain = /c.pem\r\n");
  EXPECT_TRUE(conf.errors.empty());
  EXPECT_EQ(conf.find("", "cert")->value, "");
  EXPECT_EQ(conf.find("", "chain")->value, "/c.pem");
}

TEST(RenewalConf, ReportsLineWithoutEquals) {
  RenewalConf conf = parse_renewal_conf("cert = /a\nkey_type ecdsa\n");
  ASSERT_EQ(conf.errors.size(), 1u);
  EXPECT_EQ(conf.errors[0].line, 2u);
  EXPECT_EQ(conf.errors[0].message,
            "\"key_type ecdsa\" is not \"key = value\"");
}

TEST(RenewalConf, ReportsDuplicateKey) {
  RenewalConf conf = parse_renewal_conf("cert = /a\ncert = /b\n");
  ASSERT_EQ(conf.errors.size(), 1u);
  EXPECT_EQ(conf.errors[0].line, 2u);
  EXPECT_EQ(conf.errors[0].message, "duplicate key \"cert\"");
  EXPECT_EQ(conf.find("", "cert")->value, "/a");
}

TEST(RenewalConf, SameKeyInTwoSectionsIsNoDuplicate) {
  RenewalConf conf =
      parse_renewal_conf("server = a\n[renewalparams]\nserver = b\n");
  EXPECT_TRUE(conf.errors.empty());
}

TEST(RenewalConf, ReportsSubsectionWithoutParent) {
  RenewalConf conf = parse_renewal_conf("[[webroot_map]]\na = /x\n");
  ASSERT_EQ(conf.errors.size(), 1u);
  EXPECT_EQ(conf.errors[0].message,
            "section \"webroot_map\" is nested too deeply");
}

TEST(RenewalConfBool, AcceptsConfigobjSpellings) {
  for (const char* yes : {"True", "true", "yes", "On", "1"}) {
    EXPECT_EQ(parse_bool(yes), true) << yes;
  }
  for (const char* no : {"False", "no", "OFF", "0", " false "}) {
    EXPECT_EQ(parse_bool(no), false) << no;
  }
  EXPECT_EQ(parse_bool("maybe"), std::nullopt);
  EXPECT_EQ(parse_bool(""), std::nullopt);
}

TEST(RenewalConfInterval, ParsesUnits) {
  EXPECT_EQ(parse_interval("30 days"), 30 * 86400);
  EXPECT_EQ(parse_interval("1 day"), 86400);
  EXPECT_EQ(parse_interval("2 weeks"), 14 * 86400);
  EXPECT_EQ(parse_interval("10d"), 10 * 86400);
  EXPECT_EQ(parse_interval("1 month 2 days"), 32 * 86400);
  EXPECT_EQ(parse_interval("12 hours"), 12 * 3600);
}

TEST(RenewalConfInterval, RejectsOtherText) {
  EXPECT_EQ(parse_interval(""), std::nullopt);
  EXPECT_EQ(parse_interval("30"), std::nullopt);
  EXPECT_EQ(parse_interval("days"), std::nullopt);
  EXPECT_EQ(parse_interval("30 fortnights"), std::nullopt);
  EXPECT_EQ(parse_interval("-1 days"), std::nullopt);
}

TEST(RenewalConfList, SplitsConfigobjLists) {
  EXPECT_EQ(split_list("/var/www/html,"),
            std::vector<std::string>{"/var/www/html"});
  EXPECT_EQ(split_list("/a, /b"), (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(split_list(""), std::vector<std::string>{});
}

}  // namespace
}  // namespace tlslint::host::letsencrypt
