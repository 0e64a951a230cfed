#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/version.h"

namespace tlslint::host::system {

/// A TLS library as `openssl version` and `nginx -V` print it.
struct Library {
  /// "OpenSSL", "LibreSSL" or "BoringSSL".
  std::string name;
  /// The numeric part; the letter of 1.x releases is dropped ("1.0.2k"
  /// compares as 1.0.2).
  engine::Version version;
  /// The version word as printed, e.g. "1.0.2k-fips".
  std::string text;

  bool is_openssl() const { return name == "OpenSSL"; }
  /// "OpenSSL 1.0.2k-fips".
  std::string label() const { return name + " " + text; }
};

/// Parses "OpenSSL 1.0.2k-fips  26 Jan 2017" (the words after "built with"
/// or "running with"); nullopt when the text names no library version.
std::optional<Library> parse_library(std::string_view text);

/// The library of `openssl version`. Since OpenSSL 3.0 the line may end in
/// "(Library: OpenSSL X)", the libcrypto that programs load, which wins
/// over the version of the command itself.
std::optional<Library> parse_openssl_version(std::string_view output);

/// The versions `nginx -V` prints for the binary.
struct NginxBuild {
  /// From "nginx version: nginx/1.22.1".
  std::optional<engine::Version> nginx;
  /// From "built with OpenSSL X".
  std::optional<Library> built;
  /// From "(running with OpenSSL Y)", printed only when Y differs from X.
  std::optional<Library> running;

  /// The library nginx uses at run time.
  const Library* in_use() const;
};

NginxBuild parse_nginx_build(std::string_view output);

/// Upstream support of an OpenSSL release series.
struct UpstreamSupport {
  /// Unix time of the last supported day (00:00 UTC). It is nullopt for a
  /// series that ended on a date tlslint does not list (1.1.0 and before
  /// 1.0.1).
  std::optional<std::int64_t> end;
};

/// The upstream support of `version`'s series, or nullopt when tlslint
/// does not know it.
std::optional<UpstreamSupport> upstream_support(
    const engine::Version& version);

/// Unix time of 00:00 UTC on a calendar day.
std::int64_t unix_day(int year, int month, int day);

/// Fields of /etc/os-release.
struct OsRelease {
  std::string id;
  std::string version_id;
  std::string pretty_name;
};

std::optional<OsRelease> parse_os_release(std::string_view text);

/// A distribution release that ships OpenSSL as a package and backports
/// security fixes to it.
struct DistroSupport {
  /// The OpenSSL series it ships (major and minor only).
  engine::Version series;
  /// The last day of the release's security support, Unix time.
  std::int64_t end;
};

/// The support facts tlslint has for this release, or nullopt.
std::optional<DistroSupport> distro_support(const OsRelease& release);

}  // namespace tlslint::host::system
