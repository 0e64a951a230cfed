#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/model.h"
#include "syntax/ast.h"

namespace tlslint::host {

/// A file named by a directive of a loaded nginx configuration.
struct NamedFile {
  const engine::Model* model = nullptr;
  const syntax::Directive* directive = nullptr;
  /// The path as written in the configuration.
  std::string path;
  /// The host path nginx opens: `path`, joined to nginx's prefix when
  /// relative. Map it with Host::path before opening.
  std::filesystem::path host_path;
};

/// The first argument of every http-level and server-level directive called
/// one of `names`, each directive once, in configuration order. Paths with
/// variables and `data:` values are skipped, because no file on disk
/// is behind them.
std::vector<NamedFile> files_named_by(
    const std::vector<engine::Model>& models,
    std::initializer_list<std::string_view> names);

/// The place of a directive's name, for findings.
engine::Location location_of(const engine::Model& model,
                             const syntax::Directive& directive);

/// The place of a directive's first argument (its name when it has none).
engine::Location argument_location_of(const engine::Model& model,
                                      const syntax::Directive& directive);

/// The first `listen` (explicit or nginx's implicit `*:80`) of any server
/// on `port`, or nullptr when no server listens there. Sets `model_of` to
/// the model that contains it.
const engine::Listen* find_listen_on_port(
    const std::vector<engine::Model>& models, std::string_view port,
    const engine::Model** model_of);

}  // namespace tlslint::host
