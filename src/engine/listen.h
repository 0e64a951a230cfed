#pragma once

#include <string>

#include "syntax/ast.h"

namespace tlslint::engine {

/// One `listen` directive of an http server, decoded.
struct Listen {
  const syntax::Directive* directive = nullptr;
  /// "*" for a port alone (nginx's wildcard address), "[::]" style for IPv6,
  /// "unix:/path" for a UNIX socket.
  std::string address = "*";
  /// Empty for UNIX sockets.
  std::string port = "80";
  bool ssl = false;
  bool http2 = false;
  bool quic = false;
  bool default_server = false;

  /// The address:port key nginx groups listening sockets by.
  std::string socket() const;
};

/// Decodes `listen ADDRESS[:PORT] [PARAMETERS...]` as ngx_http_core_listen
/// does for the parts tlslint needs.
Listen parse_listen(const syntax::Directive& directive);

/// The listen nginx assumes for a server without one (`*:80` when run as
/// root, the usual case for a TLS front end).
Listen implicit_listen();

}  // namespace tlslint::engine
