#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "engine/diagnostic.h"
#include "engine/model.h"
#include "host/context.h"
#include "host/nginx_files.h"
#include "host/system/openssl.h"

namespace tlslint::host::system {

/// tls13-unsupported: TLSv1.3 configured where nginx or its OpenSSL lacks it.
void check_tls13(HostContext& context);
/// sys-openssl-version: OpenSSL past upstream support, built != running.
void check_openssl_version(HostContext& context);
/// sys-ca-bundle and sys-openssl-102-chain-building.
void check_ca_bundle(HostContext& context);
/// sys-outbound-443-blocked: iptables, nftables and ufw.
void check_outbound(HostContext& context);
/// sys-dns-unusable: resolv.conf, systemd-resolved and nginx `resolver`.
void check_dns(HostContext& context);
/// sys-clock: time synchronisation and certificates not yet valid.
void check_clock(HostContext& context);

/// stdout and stderr of a command that exited 0, or nullopt.
std::optional<std::string> command_text(Host& host,
                                        const HostCommand& command);

/// Returns the reason a command gave no usable output, for "not checked"
/// notes.
std::string describe_failure(Host& host, const HostCommand& command);

/// `nginx -V` parsed, or nullopt when it gave no output.
std::optional<NginxBuild> nginx_build(Host& host);

/// /etc/os-release (or /usr/lib/os-release) of the host, when present.
std::optional<OsRelease> os_release(const Host& host);

/// `host_path` with symbolic links in its last component followed inside
/// the root, so that an absolute link target does not leave the tree.
std::filesystem::path follow_links(const Host& host,
                                   std::filesystem::path host_path);

}  // namespace tlslint::host::system
