#include "host/system/openssl.h"

#include <gtest/gtest.h>

namespace tlslint::host::system {
namespace {

using engine::Version;

TEST(ParseOpensslVersion, ReadsRhel7Fips) {
  auto library = parse_openssl_version("OpenSSL 1.0.2k-fips  26 Jan 2017\n");
  ASSERT_TRUE(library);
  EXPECT_EQ(library->name, "OpenSSL");
  EXPECT_EQ(library->text, "1.0.2k-fips");
  EXPECT_EQ(library->version, (Version{1, 0, 2}));
  EXPECT_EQ(library->label(), "OpenSSL 1.0.2k-fips");
}

TEST(ParseOpensslVersion, PrefersLibraryVersion) {
  auto library = parse_openssl_version(
      "OpenSSL 3.0.2 15 Mar 2022 (Library: OpenSSL 3.0.13 30 Jan 2024)\n");
  ASSERT_TRUE(library);
  EXPECT_EQ(library->text, "3.0.13");
  EXPECT_EQ(library->version, (Version{3, 0, 13}));
}

TEST(ParseOpensslVersion, ReadsLibreSsl) {
  auto library = parse_openssl_version("LibreSSL 3.3.6\n");
  ASSERT_TRUE(library);
  EXPECT_EQ(library->name, "LibreSSL");
  EXPECT_FALSE(library->is_openssl());
}

TEST(ParseOpensslVersion, RejectsOtherText) {
  EXPECT_FALSE(parse_openssl_version(""));
  EXPECT_FALSE(parse_openssl_version("bash: openssl: command not found\n"));
  EXPECT_FALSE(parse_openssl_version("OpenSSL unknown\n"));
}

TEST(ParseNginxBuild, ReadsBuiltWith) {
  NginxBuild build = parse_nginx_build(
      "nginx version: nginx/1.22.1\n"
      "built with OpenSSL 3.0.22 25 Aug 2026\n"
      "TLS SNI support enabled\n"
      "configure arguments: --with-cc-opt='-g -O2'\n");
  ASSERT_TRUE(build.nginx);
  EXPECT_EQ(*build.nginx, (Version{1, 22, 1}));
  ASSERT_TRUE(build.built);
  EXPECT_EQ(build.built->text, "3.0.22");
  EXPECT_FALSE(build.running);
  ASSERT_NE(build.in_use(), nullptr);
  EXPECT_EQ(build.in_use()->text, "3.0.22");
}

TEST(ParseNginxBuild, ReadsRunningWith) {
  NginxBuild build = parse_nginx_build(
      "nginx version: nginx/1.18.0 (Ubuntu)\n"
      "built with OpenSSL 1.1.1f  31 Mar 2020 (running with OpenSSL 1.1.1w  "
      "11 Sep 2023)\n");
  ASSERT_TRUE(build.nginx);
  EXPECT_EQ(*build.nginx, (Version{1, 18, 0}));
  ASSERT_TRUE(build.built);
  EXPECT_EQ(build.built->text, "1.1.1f");
  ASSERT_TRUE(build.running);
  EXPECT_EQ(build.running->text, "1.1.1w");
  EXPECT_EQ(build.in_use()->text, "1.1.1w");
}

TEST(ParseNginxBuild, ReadsFipsBuildOfRhel7) {
  NginxBuild build = parse_nginx_build(
      "nginx version: nginx/1.20.1\n"
      "built by gcc 4.8.5 20150623 (Red Hat 4.8.5-44) (GCC) \n"
      "built with OpenSSL 1.0.2k-fips  26 Jan 2017\n");
  ASSERT_TRUE(build.built);
  EXPECT_EQ(build.built->version, (Version{1, 0, 2}));
  EXPECT_EQ(build.built->text, "1.0.2k-fips");
}

TEST(ParseNginxBuild, EmptyWithoutVersionLines) {
  NginxBuild build = parse_nginx_build("nginx: invalid option: \"V\"\n");
  EXPECT_FALSE(build.nginx);
  EXPECT_FALSE(build.built);
  EXPECT_EQ(build.in_use(), nullptr);
}

TEST(UnixDay, MatchesKnownDates) {
  EXPECT_EQ(unix_day(1970, 1, 1), 0);
  EXPECT_EQ(unix_day(2000, 3, 1), 951868800);
  EXPECT_EQ(unix_day(2026, 12, 4), 1796342400);
}

TEST(UpstreamSupport, KnowsPublishedSeries) {
  auto v102 = upstream_support({1, 0, 2});
  ASSERT_TRUE(v102);
  ASSERT_TRUE(v102->end);
  EXPECT_EQ(*v102->end, unix_day(2019, 12, 31));
  auto v111 = upstream_support({1, 1, 1});
  ASSERT_TRUE(v111);
  ASSERT_TRUE(v111->end);
  EXPECT_EQ(*v111->end, unix_day(2023, 9, 11));
  auto v30 = upstream_support({3, 0, 19});
  ASSERT_TRUE(v30);
  ASSERT_TRUE(v30->end);
  EXPECT_EQ(*v30->end, unix_day(2026, 9, 7));
  auto v33 = upstream_support({3, 3, 2});
  ASSERT_TRUE(v33);
  ASSERT_TRUE(v33->end);
  EXPECT_EQ(*v33->end, unix_day(2026, 4, 9));
}

TEST(UpstreamSupport, OldSeriesEndedWithoutDate) {
  auto v110 = upstream_support({1, 1, 0});
  ASSERT_TRUE(v110);
  EXPECT_FALSE(v110->end);
  auto v098 = upstream_support({0, 9, 8});
  ASSERT_TRUE(v098);
  EXPECT_FALSE(v098->end);
}

TEST(UpstreamSupport, LeavesUnlistedSeriesUnjudged) {
  EXPECT_FALSE(upstream_support({3, 4, 0}));
  EXPECT_FALSE(upstream_support({3, 6, 0}));
}

TEST(ParseOsRelease, ReadsQuotedAndBareValues) {
  auto release = parse_os_release(
      "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
      "VERSION_ID=\"12\"\n"
      "ID=debian\n");
  ASSERT_TRUE(release);
  EXPECT_EQ(release->id, "debian");
  EXPECT_EQ(release->version_id, "12");
  EXPECT_EQ(release->pretty_name, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_FALSE(parse_os_release("# nothing\n"));
}

TEST(DistroSupport, KnowsDebian12) {
  auto support = distro_support({"debian", "12", "Debian 12"});
  ASSERT_TRUE(support);
  EXPECT_EQ(support->series, (Version{3, 0, 0}));
  EXPECT_EQ(support->end, unix_day(2028, 6, 30));
  EXPECT_FALSE(distro_support({"centos", "7", "CentOS Linux 7"}));
}

}  // namespace
}  // namespace tlslint::host::system
