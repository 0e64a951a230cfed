#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "config/config.h"
#include "config/include.h"
#include "config/paths.h"

namespace tlslint::config {
namespace fs = std::filesystem;

namespace {

// Directives that nginx 1.22 accepts only in its main context.
constexpr std::string_view kMainOnlyDirectives[] = {
    "daemon",
    "debug_points",
    "env",
    "events",
    "google_perftools_profiles",
    "http",
    "load_module",
    "lock_file",
    "mail",
    "master_process",
    "pcre_jit",
    "pid",
    "ssl_engine",
    "stream",
    "thread_pool",
    "timer_resolution",
    "user",
    "worker_cpu_affinity",
    "worker_priority",
    "worker_processes",
    "worker_rlimit_core",
    "worker_rlimit_nofile",
    "worker_shutdown_timeout",
    "working_directory",
};

bool is_main_only(std::string_view name) {
  return std::find(std::begin(kMainOnlyDirectives),
                   std::end(kMainOnlyDirectives),
                   name) != std::end(kMainOnlyDirectives);
}

/// Debian and Ubuntu load dynamic modules with a top-level
/// `include /etc/nginx/modules-enabled/*.conf;`.
bool is_module_include(const syntax::Directive& directive) {
  return directive.name == "include" && !directive.args.empty() &&
         directive.args[0].value.find("modules") != std::string::npos;
}

fs::path main_prefix(const MappedPath& input, const LoadOptions& options) {
  if (!options.prefix.empty()) {
    return options.prefix;
  }
  return fs::path(input.view).parent_path();
}

Config build_main(const std::string& path, ReadSource source,
                  const LoadOptions& options) {
  ConfigBuilder builder(options, RootContext::main,
                        main_prefix(map_input(path, options.root), options));
  builder.add_root(std::move(source));
  return builder.build();
}

Config build_fragments(const std::vector<std::string>& paths,
                       std::vector<ReadSource> sources,
                       const LoadOptions& options) {
  fs::path prefix = options.prefix;
  if (prefix.empty() && !paths.empty()) {
    prefix = find_fragment_prefix(map_input(paths.front(), options.root),
                                  options.root);
  }
  ConfigBuilder builder(options, RootContext::http, std::move(prefix));
  for (ReadSource& source : sources) {
    builder.add_root(std::move(source));
  }
  return builder.build();
}

ReadSource read_input(const std::string& path, const LoadOptions& options) {
  return read_source(path, map_input(path, options.root).disk);
}

}  // namespace

bool is_main_top_level(const std::vector<syntax::Directive>& directives) {
  bool http_level = false;
  for (const syntax::Directive& directive : directives) {
    if (is_main_only(directive.name) || is_module_include(directive)) {
      return true;
    }
    // error_log and include are valid both in main and in http.
    if (directive.name != "error_log" && directive.name != "include") {
      http_level = true;
    }
  }
  return !http_level;
}

bool is_main_config(const syntax::ParsedFile& file) {
  return is_main_top_level(file.directives);
}

fs::path resolve_path(const Config& config, const std::string& path) {
  const fs::path joined =
      fs::path(path).is_absolute() ? fs::path(path) : config.prefix / path;
  return apply_root(config.root, joined);
}

Config load_main(const std::string& path, const LoadOptions& options) {
  return build_main(path, read_input(path, options), options);
}

Config load_fragments(const std::vector<std::string>& paths,
                      const LoadOptions& options) {
  std::vector<ReadSource> sources;
  sources.reserve(paths.size());
  for (const std::string& path : paths) {
    sources.push_back(read_input(path, options));
  }
  return build_fragments(paths, std::move(sources), options);
}

std::vector<Config> load_inputs(const std::vector<std::string>& paths,
                                const LoadOptions& options) {
  std::vector<std::optional<Config>> slots;
  std::optional<std::size_t> fragment_slot;
  std::vector<std::string> fragment_paths;
  std::vector<ReadSource> fragments;
  // An input given twice, or under two names (a symlink and its target,
  // "a/../a/x.conf"), is checked once, under its first name. A missing
  // input has no identity, so its spelling is compared instead.
  std::set<FileIdentity> seen;
  std::set<fs::path> seen_missing;
  for (const std::string& path : paths) {
    ReadSource source = read_input(path, options);
    bool again =
        source.identity
            ? !seen.insert(*source.identity).second
            : !seen_missing.insert(fs::absolute(path).lexically_normal())
                   .second;
    if (again) continue;
    const bool unreadable =
        source.error && source.error->kind == LoadErrorKind::io;
    // An unreadable input cannot be classified; it reports its error alone.
    if (unreadable || is_main_top_level(source.file.directives)) {
      slots.push_back(build_main(path, std::move(source), options));
      continue;
    }
    if (!fragment_slot) {
      fragment_slot = slots.size();
      slots.emplace_back();
    }
    fragment_paths.push_back(path);
    fragments.push_back(std::move(source));
  }
  if (fragment_slot) {
    slots[*fragment_slot] =
        build_fragments(fragment_paths, std::move(fragments), options);
  }
  std::vector<Config> configs;
  configs.reserve(slots.size());
  for (std::optional<Config>& slot : slots) {
    configs.push_back(std::move(*slot));
  }
  return configs;
}

}  // namespace tlslint::config
