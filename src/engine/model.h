#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "engine/listen.h"
#include "syntax/ast.h"

namespace tlslint::engine {

/// The directives of one block level, in nginx's order, with the contents of
/// `include` spliced in where the include is.
struct Scope {
  std::vector<const syntax::Directive*> directives;

  /// Every directive of this level with the given name, in order.
  std::vector<const syntax::Directive*> named(std::string_view name) const;
};

/// An http `server` block.
struct Server {
  const syntax::Directive* block = nullptr;
  Scope scope;
  /// Its `listen` directives, or nginx's implicit `*:80` when it has none.
  std::vector<Listen> listens;
  /// `server_name` values with the directive each came from.
  std::vector<std::pair<std::string, const syntax::Directive*>> names;
  /// True when nginx will speak TLS on at least one of its sockets.
  bool tls = false;
};

/// Calls `visit` for every directive inside `block`, at any depth, with the
/// contents of includes spliced in (locations, if blocks, ...).
void visit_nested(const config::Config& config,
                  const syntax::Directive& block,
                  const std::function<void(const syntax::Directive&)>& visit);

/// The directives that give one server its value of a directive.
struct Setting {
  std::vector<const syntax::Directive*> directives;
  /// True when the directives are at http level rather than in the server.
  bool inherited = false;

  bool empty() const { return directives.empty(); }
};

/// The effective http configuration: nginx's inheritance from http to server
/// (a directive set in the server replaces the inherited one).
class Model {
 public:
  static Model build(const config::Config& config);

  const config::Config& config() const { return *config_; }
  bool has_http() const { return has_http_; }
  const Scope& http() const { return http_; }
  const std::vector<Server>& servers() const { return servers_; }

  Setting effective(const Server& server, std::string_view name) const;

  /// True when some server listens on this socket with `ssl` (nginx ORs the
  /// parameter over every listen of one address:port).
  bool socket_is_tls(const Listen& listen) const;

  /// The `include` that first brought `file` in, or nullptr for an input.
  const syntax::Directive* included_by(std::size_t file) const;

  /// A short name for messages: `server "a.test"`, or the block's place.
  std::string label(const Server& server) const;

 private:
  const config::Config* config_ = nullptr;
  bool has_http_ = false;
  Scope http_;
  std::vector<Server> servers_;
  std::map<std::string, bool> tls_sockets_;
  std::map<std::size_t, const syntax::Directive*> included_by_;
};

}  // namespace tlslint::engine
