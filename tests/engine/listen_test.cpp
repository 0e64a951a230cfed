#include "engine/listen.h"

#include <initializer_list>
#include <string>

#include <gtest/gtest.h>

namespace tlslint::engine {
namespace {

syntax::Directive listen_directive(std::initializer_list<std::string> args) {
  syntax::Directive directive;
  directive.name = "listen";
  for (const auto& arg : args) directive.args.push_back({arg, {}, false});
  return directive;
}

TEST(Listen, PortAloneIsWildcard) {
  auto directive = listen_directive({"443", "ssl"});
  Listen listen = parse_listen(directive);
  EXPECT_EQ(listen.address, "*");
  EXPECT_EQ(listen.port, "443");
  EXPECT_TRUE(listen.ssl);
  EXPECT_EQ(listen.socket(), "*:443");
}

TEST(Listen, AddressAndPort) {
  auto directive = listen_directive({"127.0.0.1:8443"});
  Listen listen = parse_listen(directive);
  EXPECT_EQ(listen.address, "127.0.0.1");
  EXPECT_EQ(listen.port, "8443");
  EXPECT_FALSE(listen.ssl);
}

TEST(Listen, Ipv6WithPort) {
  auto directive = listen_directive({"[::]:443", "ssl", "http2"});
  Listen listen = parse_listen(directive);
  EXPECT_EQ(listen.address, "[::]");
  EXPECT_EQ(listen.port, "443");
  EXPECT_TRUE(listen.http2);
}

TEST(Listen, Ipv6WithoutPortDefaultsTo80) {
  auto directive = listen_directive({"[::1]"});
  Listen listen = parse_listen(directive);
  EXPECT_EQ(listen.address, "[::1]");
  EXPECT_EQ(listen.port, "80");
}

TEST(Listen, AddressWithoutPortDefaultsTo80) {
  auto directive = listen_directive({"127.0.0.1"});
  EXPECT_EQ(parse_listen(directive).socket(), "127.0.0.1:80");
}

TEST(Listen, WildcardAddressesAreOneSocket) {
  auto zeros = listen_directive({"0.0.0.0:443"});
  auto star = listen_directive({"*:443"});
  EXPECT_EQ(parse_listen(zeros).socket(), parse_listen(star).socket());
}

TEST(Listen, UnixSocketHasNoPort) {
  auto directive = listen_directive({"unix:/run/nginx.sock", "ssl"});
  Listen listen = parse_listen(directive);
  EXPECT_EQ(listen.address, "unix:/run/nginx.sock");
  EXPECT_TRUE(listen.port.empty());
  EXPECT_EQ(listen.socket(), "unix:/run/nginx.sock");
}

TEST(Listen, ReadsParameters) {
  auto directive =
      listen_directive({"443", "quic", "reuseport", "default_server"});
  Listen listen = parse_listen(directive);
  EXPECT_TRUE(listen.quic);
  EXPECT_TRUE(listen.default_server);
  EXPECT_FALSE(listen.ssl);
}

TEST(Listen, ImplicitListenIsPort80) {
  Listen listen = implicit_listen();
  EXPECT_EQ(listen.socket(), "*:80");
  EXPECT_EQ(listen.directive, nullptr);
}

}  // namespace
}  // namespace tlslint::engine
