#include "syntax/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "syntax/lexer.h"

namespace tlslint::syntax {
namespace {

// Directives that nginx 1.22 and lua-nginx-module define with
// NGX_CONF_BLOCK. nginx rejects them when `;` ends them.
constexpr std::string_view kBlockDirectives[] = {
    "charset_map",   "events",   "geo",   "http",     "if",
    "limit_except",  "location", "mail",  "map",      "match",
    "split_clients", "stream",   "types", "upstream", "server",
};

// Blocks read by a directive handler (cf->handler in nginx), which rejects
// any `{` inside them.
constexpr std::string_view kHandlerBlocks[] = {
    "charset_map", "geo", "map", "split_clients", "types",
};

// Common directives without a block. nginx rejects them when `{` ends them.
// NOTE: nginx checks the context first, so such a directive in the wrong
// block gets "is not allowed here" from nginx instead.
// TODO: these tables list common directives only. Any other directive ended
// by the wrong one of `;` and `{` passes here, although nginx rejects it.
constexpr std::string_view kSimpleDirectives[] = {
    "access_log",
    "add_header",
    "alias",
    "allow",
    "auth_basic",
    "auth_basic_user_file",
    "client_max_body_size",
    "daemon",
    "default_type",
    "deny",
    "env",
    "error_log",
    "error_page",
    "expires",
    "fastcgi_pass",
    "fastcgi_param",
    "grpc_pass",
    "gzip",
    "http2",
    "include",
    "index",
    "keepalive_timeout",
    "listen",
    "load_module",
    "log_format",
    "pid",
    "proxy_http_version",
    "proxy_pass",
    "proxy_redirect",
    "proxy_set_header",
    "proxy_ssl_certificate",
    "proxy_ssl_certificate_key",
    "proxy_ssl_protocols",
    "proxy_ssl_server_name",
    "proxy_ssl_trusted_certificate",
    "proxy_ssl_verify",
    "resolver",
    "return",
    "rewrite",
    "root",
    "sendfile",
    "server_name",
    "server_tokens",
    "set",
    "ssl",
    "ssl_certificate",
    "ssl_certificate_key",
    "ssl_ciphers",
    "ssl_client_certificate",
    "ssl_conf_command",
    "ssl_dhparam",
    "ssl_early_data",
    "ssl_ecdh_curve",
    "ssl_password_file",
    "ssl_prefer_server_ciphers",
    "ssl_protocols",
    "ssl_session_cache",
    "ssl_session_tickets",
    "ssl_session_timeout",
    "ssl_stapling",
    "ssl_stapling_verify",
    "ssl_trusted_certificate",
    "ssl_verify_client",
    "ssl_verify_depth",
    "try_files",
    "user",
    "uwsgi_pass",
    "worker_connections",
    "worker_processes",
    "worker_rlimit_nofile",
    "zone",
};

template <std::size_t N>
bool contains(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

bool is_lua_block(std::string_view name) {
  return name.ends_with("_by_lua_block");
}

enum class DirectiveShape { unknown, block, simple };

/// Returns whether nginx requires `{` or `;` after `name` inside `parent`
/// (empty at the top of a file).
DirectiveShape shape_of(std::string_view name, std::string_view parent) {
  // `server` opens a block in http, stream and mail, but names a backend
  // inside `upstream`. At the top of a file it can be either, because the
  // file may be included into an upstream block.
  if (name == "server") {
    if (parent.empty()) {
      return DirectiveShape::unknown;
    }
    return parent == "upstream" ? DirectiveShape::simple
                                : DirectiveShape::block;
  }
  if (contains(kBlockDirectives, name) || is_lua_block(name)) {
    return DirectiveShape::block;
  }
  if (contains(kSimpleDirectives, name)) {
    return DirectiveShape::simple;
  }
  return DirectiveShape::unknown;
}

/// Builds the tree from tokens with an explicit stack of open blocks, so the
/// nesting of the input never deepens the C++ call stack.
class Parser {
 public:
  Parser(const ParseOptions& options, ParsedFile& out)
      : options_(options), out_(out) {}

  /// Adds one token to the tree; returns the error it causes, if any.
  std::optional<SyntaxError> take(Token&& token) {
    if (lua_ != LuaStep::none) {
      return take_lua(std::move(token));
    }
    switch (token.kind) {
      case TokenKind::comment:
        add_comment(std::move(token));
        return std::nullopt;
      case TokenKind::word:
      case TokenKind::quoted:
        add_word(std::move(token));
        return std::nullopt;
      case TokenKind::semicolon:
        return end_statement(token);
      case TokenKind::open_brace:
        return open_block(token);
      case TokenKind::close_brace:
        return close_block(token);
      case TokenKind::lua_body:
        break;
    }
    return internal_error(token);
  }

  /// Reports the end of input: `lex_error` when the lexer stopped early,
  /// else whatever is still open.
  std::optional<SyntaxError> finish(std::optional<SyntaxError> lex_error,
                                    Position end) {
    if (lex_error) {
      return lex_error;
    }
    if (header_) {
      return SyntaxError{"unexpected end of file, expecting \";\" or \"}\"",
                         end};
    }
    if (!open_.empty()) {
      return SyntaxError{"unexpected end of file, expecting \"}\"", end};
    }
    return std::nullopt;
  }

  /// Moves blocks that are still open into their parents, so the directives
  /// read before an error stay in the tree.
  void close_open_blocks() {
    while (!open_.empty()) {
      Directive done = std::move(open_.back());
      open_.pop_back();
      current_block().push_back(std::move(done));
    }
  }

 private:
  /// The next token a `*_by_lua_block` directive needs after its `{`.
  enum class LuaStep { none, body, close };

  std::vector<Directive>& current_block() {
    return open_.empty() ? out_.directives : open_.back().block;
  }

  std::string_view parent_name() const {
    return open_.empty() ? std::string_view() : open_.back().name;
  }

  bool in_handler_block() const {
    return !open_.empty() && contains(kHandlerBlocks, open_.back().name);
  }

  // The lexer sends a Lua body, then its `}`, right after the `{` of a Lua
  // directive and nowhere else, so this error means a lexer bug.
  static SyntaxError internal_error(const Token& token) {
    return SyntaxError{
        fmt::format("internal error: unexpected token \"{}\"", token.value),
        token.span.begin};
  }

  void add_comment(Token&& token) {
    Comment comment{std::move(token.value), token.span};
    if (header_) {
      header_->inner_comments.push_back(std::move(comment));
    } else {
      out_.comments.push_back(std::move(comment));
    }
  }

  void add_word(Token&& token) {
    const bool quoted = token.kind == TokenKind::quoted;
    if (!header_) {
      header_.emplace();
      header_->name = std::move(token.value);
      header_->name_span = token.span;
      header_->name_quoted = quoted;
      header_->file = options_.file_index;
      return;
    }
    header_->args.push_back(
        Argument{std::move(token.value), token.span, quoted});
  }

  static SyntaxError unexpected(const Token& token) {
    return SyntaxError{fmt::format("unexpected \"{}\"", token.value),
                       token.span.begin};
  }

  std::optional<SyntaxError> end_statement(const Token& token) {
    if (!header_) {
      return unexpected(token);
    }
    if (!in_handler_block() &&
        shape_of(header_->name, parent_name()) == DirectiveShape::block) {
      return SyntaxError{
          fmt::format("directive \"{}\" has no opening \"{{\"", header_->name),
          token.span.begin};
    }
    header_->terminator = token.span;
    finish_directive();
    return std::nullopt;
  }

  void finish_directive() {
    current_block().push_back(std::move(*header_));
    header_.reset();
  }

  std::optional<SyntaxError> open_block(const Token& token) {
    if (!header_ || in_handler_block()) {
      return unexpected(token);
    }
    if (shape_of(header_->name, parent_name()) == DirectiveShape::simple) {
      return SyntaxError{fmt::format("directive \"{}\" is not terminated by "
                                     "\";\"",
                                     header_->name),
                         token.span.begin};
    }
    header_->terminator = token.span;
    if (is_lua_block(header_->name)) {
      lua_ = LuaStep::body;
      return std::nullopt;
    }
    if (open_.size() >= options_.max_depth) {
      return SyntaxError{fmt::format("too many nested blocks (more than {})",
                                     options_.max_depth),
                         token.span.begin};
    }
    header_->has_block = true;
    open_.push_back(std::move(*header_));
    header_.reset();
    return std::nullopt;
  }

  /// Takes the Lua body as the directive's last argument, as
  /// lua-nginx-module and crossplane do, and its `}` as block_end.
  std::optional<SyntaxError> take_lua(Token&& token) {
    if (lua_ == LuaStep::body && token.kind == TokenKind::lua_body) {
      header_->args.push_back(
          Argument{std::move(token.value), token.span, true});
      lua_ = LuaStep::close;
      return std::nullopt;
    }
    if (lua_ == LuaStep::close && token.kind == TokenKind::close_brace) {
      header_->block_end = token.span;
      lua_ = LuaStep::none;
      finish_directive();
      return std::nullopt;
    }
    return internal_error(token);
  }

  std::optional<SyntaxError> close_block(const Token& token) {
    if (header_ || open_.empty()) {
      return unexpected(token);
    }
    Directive done = std::move(open_.back());
    open_.pop_back();
    done.block_end = token.span;
    current_block().push_back(std::move(done));
    return std::nullopt;
  }

  const ParseOptions& options_;
  ParsedFile& out_;
  LuaStep lua_ = LuaStep::none;
  /// The directive whose name and arguments are being read.
  std::optional<Directive> header_;
  /// Directives whose block is open, outermost first.
  std::vector<Directive> open_;
};

}  // namespace

ParsedFile parse(std::string_view text, const ParseOptions& options) {
  ParsedFile out;
  Parser parser(options, out);
  std::optional<SyntaxError> error;
  std::optional<SyntaxError> lex_error =
      lex(text, [&parser, &error](Token&& token) {
        error = parser.take(std::move(token));
        return !error;
      });
  if (!error) {
    error = parser.finish(std::move(lex_error), advance(Position{}, text));
  }
  // The byte order mark makes nginx fail on the first directive, before
  // anything the parser might find later.
  if (std::optional<SyntaxError> mark = find_byte_order_mark(text)) {
    error = std::move(mark);
  }
  // A NUL byte marks a binary file, which explains any other error.
  if (std::optional<SyntaxError> nul = find_nul_byte(text)) {
    error = std::move(nul);
  }
  parser.close_open_blocks();
  if (error) {
    out.errors.push_back(std::move(*error));
  }
  return out;
}

}  // namespace tlslint::syntax
