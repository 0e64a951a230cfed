#include "engine/model.h"

#include <algorithm>

#include <fmt/core.h>

namespace tlslint::engine {
namespace {

using syntax::Directive;

/// Walks one block level, following includes, calling `visit` for each
/// directive. `stack` contains the files being expanded, so that an include
/// cycle (reported by the loader) is cut instead of followed forever.
template <typename Visit>
void walk(const config::Config& config, const std::vector<Directive>& block,
          std::vector<std::size_t>& stack,
          std::map<std::size_t, const Directive*>& included_by,
          const Visit& visit) {
  for (const Directive& directive : block) {
    if (directive.name != "include") {
      visit(directive);
      continue;
    }
    for (std::size_t file : directive.includes) {
      if (file >= config.files.size()) continue;
      if (std::find(stack.begin(), stack.end(), file) != stack.end()) continue;
      included_by.emplace(file, &directive);
      stack.push_back(file);
      walk(config, config.files[file].directives, stack, included_by, visit);
      stack.pop_back();
    }
  }
}

void visit_all(const config::Config& config,
               const std::vector<Directive>& block,
               std::vector<std::size_t>& stack,
               std::map<std::size_t, const Directive*>& included_by,
               const std::function<void(const Directive&)>& visit) {
  // Blocks nest at most syntax::kMaxBlockDepth deep, so recursion is bounded.
  walk(config, block, stack, included_by, [&](const Directive& directive) {
    visit(directive);
    if (directive.has_block) {
      visit_all(config, directive.block, stack, included_by, visit);
    }
  });
}

}  // namespace

void visit_nested(const config::Config& config, const Directive& block,
                  const std::function<void(const Directive&)>& visit) {
  std::vector<std::size_t> stack{block.file};
  std::map<std::size_t, const Directive*> included_by;
  visit_all(config, block.block, stack, included_by, visit);
}

std::vector<const Directive*> Scope::named(std::string_view name) const {
  std::vector<const Directive*> found;
  for (const Directive* directive : directives) {
    if (directive->name == name) found.push_back(directive);
  }
  return found;
}

Model Model::build(const config::Config& config) {
  Model model;
  model.config_ = &config;

  auto collect_server = [&](const Directive& block,
                            std::vector<std::size_t>& stack) {
    Server server;
    server.block = &block;
    walk(config, block.block, stack, model.included_by_,
         [&](const Directive& directive) {
           server.scope.directives.push_back(&directive);
         });
    for (const Directive* listen : server.scope.named("listen")) {
      server.listens.push_back(parse_listen(*listen));
    }
    if (server.listens.empty()) server.listens.push_back(implicit_listen());
    for (const Directive* names : server.scope.named("server_name")) {
      for (const auto& argument : names->args) {
        server.names.emplace_back(argument.value, names);
      }
    }
    model.servers_.push_back(std::move(server));
  };

  auto collect_http = [&](const std::vector<Directive>& block,
                          std::vector<std::size_t>& stack) {
    model.has_http_ = true;
    walk(config, block, stack, model.included_by_,
         [&](const Directive& directive) {
           if (directive.name == "server" && directive.has_block) {
             collect_server(directive, stack);
           } else {
             model.http_.directives.push_back(&directive);
           }
         });
  };

  for (std::size_t root : config.roots) {
    if (root >= config.files.size()) continue;
    std::vector<std::size_t> stack{root};
    if (config.context == config::RootContext::http) {
      collect_http(config.files[root].directives, stack);
      continue;
    }
    walk(config, config.files[root].directives, stack, model.included_by_,
         [&](const Directive& directive) {
           if (directive.name == "http" && directive.has_block) {
             collect_http(directive.block, stack);
           }
         });
  }

  for (const Server& server : model.servers_) {
    for (const Listen& listen : server.listens) {
      bool& tls = model.tls_sockets_[listen.socket()];
      tls = tls || listen.ssl;
    }
  }
  for (Server& server : model.servers_) {
    Setting ssl = model.effective(server, "ssl");
    bool ssl_on = !ssl.empty() && !ssl.directives.back()->args.empty() &&
                  ssl.directives.back()->args[0].value == "on";
    server.tls = ssl_on;
    for (const Listen& listen : server.listens) {
      if (listen.quic || model.socket_is_tls(listen)) server.tls = true;
    }
  }
  return model;
}

Setting Model::effective(const Server& server, std::string_view name) const {
  Setting setting;
  setting.directives = server.scope.named(name);
  if (setting.directives.empty()) {
    setting.directives = http_.named(name);
    setting.inherited = !setting.directives.empty();
  }
  return setting;
}

bool Model::socket_is_tls(const Listen& listen) const {
  auto found = tls_sockets_.find(listen.socket());
  return found != tls_sockets_.end() && found->second;
}

const Directive* Model::included_by(std::size_t file) const {
  auto found = included_by_.find(file);
  return found == included_by_.end() ? nullptr : found->second;
}

std::string Model::label(const Server& server) const {
  for (const auto& [name, directive] : server.names) {
    if (!name.empty() && name != "_") return fmt::format("server \"{}\"", name);
  }
  const Directive& block = *server.block;
  return fmt::format("server at {}:{}", config_->files[block.file].path,
                     block.line());
}

}  // namespace tlslint::engine
