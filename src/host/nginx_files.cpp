#include "host/nginx_files.h"

#include <set>

namespace tlslint::host {

namespace {

/// True when nginx resolves the path per handshake (variables) or reads the
/// value itself (`data:`), so there is no file to look at.
bool is_dynamic(const std::string& path) {
  return path.find('$') != std::string::npos || path.starts_with("data:");
}

void collect(const engine::Model& model, const engine::Scope& scope,
             std::initializer_list<std::string_view> names,
             std::set<const syntax::Directive*>& seen,
             std::vector<NamedFile>& files) {
  for (const syntax::Directive* directive : scope.directives) {
    bool wanted = false;
    for (std::string_view name : names)
      wanted = wanted || directive->name == name;
    if (!wanted || directive->args.empty()) continue;
    if (!seen.insert(directive).second) continue;
    const std::string& path = directive->args[0].value;
    if (path.empty() || is_dynamic(path)) continue;
    std::filesystem::path written(path);
    std::filesystem::path host_path =
        written.is_absolute() ? written : model.config().prefix / written;
    files.push_back({&model, directive, path, host_path.lexically_normal()});
  }
}

}  // namespace

std::vector<NamedFile> files_named_by(
    const std::vector<engine::Model>& models,
    std::initializer_list<std::string_view> names) {
  std::vector<NamedFile> files;
  for (const engine::Model& model : models) {
    std::set<const syntax::Directive*> seen;
    collect(model, model.http(), names, seen, files);
    for (const engine::Server& server : model.servers()) {
      collect(model, server.scope, names, seen, files);
    }
  }
  return files;
}

engine::Location location_of(const engine::Model& model,
                             const syntax::Directive& directive) {
  const auto& file = model.config().files.at(directive.file);
  const auto& at = directive.name_span.begin;
  return engine::Location{file.path, at.line, at.column, at.offset};
}

engine::Location argument_location_of(const engine::Model& model,
                                      const syntax::Directive& directive) {
  if (directive.args.empty()) return location_of(model, directive);
  const auto& file = model.config().files.at(directive.file);
  const auto& at = directive.args[0].span.begin;
  return engine::Location{file.path, at.line, at.column, at.offset};
}

const engine::Listen* find_listen_on_port(
    const std::vector<engine::Model>& models, std::string_view port,
    const engine::Model** model_of) {
  for (const engine::Model& model : models) {
    for (const engine::Server& server : model.servers()) {
      for (const engine::Listen& listen : server.listens) {
        if (listen.port != port) continue;
        if (model_of) *model_of = &model;
        return &listen;
      }
    }
  }
  return nullptr;
}

}  // namespace tlslint::host
