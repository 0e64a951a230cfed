#include "config/include.h"

#include <fmt/format.h>

#include <iterator>
#include <utility>

#include "syntax/parser.h"

namespace tlslint::config {
namespace fs = std::filesystem;

namespace {

/// Visits every directive of a tree in document order without recursion.
template <typename Visit>
void walk_directives(std::vector<syntax::Directive>& top, Visit visit) {
  std::vector<std::pair<std::vector<syntax::Directive>*, std::size_t>> stack;
  stack.emplace_back(&top, 0);
  while (!stack.empty()) {
    auto& [list, next] = stack.back();
    if (next == list->size()) {
      stack.pop_back();
      continue;
    }
    syntax::Directive& directive = (*list)[next++];
    visit(directive);
    if (!directive.block.empty()) {
      stack.emplace_back(&directive.block, 0);
    }
  }
}

}  // namespace

ReadSource read_source(const std::string& shown_path,
                       const fs::path& disk_path) {
  ReadSource source;
  source.file.path = shown_path;
  source.file.disk_path = disk_path;
  FileContents contents = read_config_file(disk_path, shown_path);
  if (!contents.error.empty()) {
    source.error = LoadError{LoadErrorKind::io, std::move(contents.error), 0,
                             syntax::Position{}, ""};
    return source;
  }
  source.identity = contents.identity;
  source.file.text = std::move(contents.text);
  syntax::ParsedFile parsed = syntax::parse(source.file.text);
  source.file.directives = std::move(parsed.directives);
  source.file.comments = std::move(parsed.comments);
  source.file.parsed = parsed.errors.empty();
  if (!parsed.errors.empty()) {
    const syntax::SyntaxError& first = parsed.errors.front();
    source.error =
        LoadError{LoadErrorKind::syntax, first.message, 0, first.where, ""};
  }
  return source;
}

ConfigBuilder::ConfigBuilder(const LoadOptions& options, RootContext context,
                             fs::path prefix) {
  config_.context = context;
  config_.prefix = std::move(prefix);
  config_.root = options.root;
}

void ConfigBuilder::add_root(ReadSource source) {
  config_.roots.push_back(add_file(std::move(source)));
}

std::size_t ConfigBuilder::add_file(ReadSource source) {
  const std::size_t index = files_.size();
  walk_directives(
      source.file.directives,
      [index](syntax::Directive& directive) { directive.file = index; });
  if (source.identity) {
    known_.emplace(*source.identity, index);
  }
  if (source.error) {
    source.error->file = index;
    config_.errors.push_back(std::move(*source.error));
  }
  files_.push_back(std::move(source.file));
  include_sites_.emplace_back();
  pending_.push_back(index);
  return index;
}

Config ConfigBuilder::build() {
  while (!pending_.empty()) {
    const std::size_t file = pending_.front();
    pending_.pop_front();
    expand_includes(file);
  }
  check_cycles();
  config_.files.assign(std::make_move_iterator(files_.begin()),
                       std::make_move_iterator(files_.end()));
  files_.clear();
  return std::move(config_);
}

void ConfigBuilder::expand_includes(std::size_t file) {
  std::vector<syntax::Directive*>& sites = include_sites_[file];
  walk_directives(files_[file].directives,
                  [&sites](syntax::Directive& directive) {
                    if (directive.name == "include") {
                      sites.push_back(&directive);
                    }
                  });
  // Indexes only: resolving adds files, which may grow include_sites_.
  for (std::size_t i = 0; i < include_sites_[file].size(); ++i) {
    resolve_include(file, *include_sites_[file][i]);
  }
}

void ConfigBuilder::resolve_include(std::size_t file,
                                    syntax::Directive& include) {
  if (include.args.size() != 1) {
    config_.errors.push_back(
        LoadError{LoadErrorKind::syntax,
                  "invalid number of arguments in \"include\" directive", file,
                  include.name_span.begin, ""});
    return;
  }
  const IncludeMatches matches =
      match_include(include.args[0].value, config_.prefix, config_.root);
  if (!matches.error.empty()) {
    config_.errors.push_back(LoadError{LoadErrorKind::include_unreadable,
                                       matches.error, file,
                                       include.name_span.begin, ""});
  }
  for (const MappedPath& match : matches.files) {
    include_match(file, include, matches, match);
  }
}

void ConfigBuilder::include_match(std::size_t file, syntax::Directive& include,
                                  const IncludeMatches& matches,
                                  const MappedPath& match) {
  if (const auto identity = identify_file(match.disk)) {
    if (const auto known = known_.find(*identity); known != known_.end()) {
      include.includes.push_back(known->second);
      return;
    }
  }
  ReadSource source = read_source(match.view, match.disk);
  if (source.error && source.error->kind == LoadErrorKind::io) {
    LoadError error{matches.is_glob ? LoadErrorKind::include_unreadable
                                    : LoadErrorKind::include_missing,
                    std::move(source.error->message), file,
                    include.name_span.begin, ""};
    if (!matches.is_glob) {
      error.hint = missing_include_hint(file, include.args[0].value);
    }
    config_.errors.push_back(std::move(error));
    return;
  }
  include.includes.push_back(add_file(std::move(source)));
}

std::string ConfigBuilder::missing_include_hint(
    std::size_t file, const std::string& pattern) const {
  if (fs::path(pattern).is_absolute()) {
    return {};
  }
  const SourceFile& including = files_[file];
  const fs::path beside = including.disk_path.parent_path() / pattern;
  std::error_code error;
  if (!fs::is_regular_file(beside, error)) {
    return {};
  }
  const fs::path shown = fs::path(including.path).parent_path() / pattern;
  const std::string prefix =
      config_.prefix.empty() ? "." : config_.prefix.string();
  return fmt::format(
      "\"{}\" exists beside the including file, but nginx resolves a "
      "relative include against the prefix \"{}\", not against the "
      "including file's directory",
      shown.string(), prefix);
}

void ConfigBuilder::check_cycles() {
  enum class Mark { unseen, active, done };
  std::vector<Mark> marks(files_.size(), Mark::unseen);
  struct Frame {
    std::size_t file;
    std::size_t site = 0;
    std::size_t match = 0;
  };
  std::vector<Frame> stack;
  for (const std::size_t root : config_.roots) {
    if (marks[root] != Mark::unseen) {
      continue;
    }
    marks[root] = Mark::active;
    stack.push_back(Frame{root});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const std::vector<syntax::Directive*>& sites = include_sites_[frame.file];
      if (frame.site == sites.size()) {
        marks[frame.file] = Mark::done;
        stack.pop_back();
        continue;
      }
      syntax::Directive& include = *sites[frame.site];
      if (frame.match == include.includes.size()) {
        ++frame.site;
        frame.match = 0;
        continue;
      }
      const std::size_t target = include.includes[frame.match];
      if (marks[target] == Mark::active) {
        // nginx would read the target again inside itself without end.
        std::string chain;
        bool in_cycle = false;
        for (const Frame& open : stack) {
          in_cycle = in_cycle || open.file == target;
          if (in_cycle) {
            chain += files_[open.file].path + " -> ";
          }
        }
        chain += files_[target].path;
        config_.errors.push_back(LoadError{
            LoadErrorKind::include_cycle,
            fmt::format("include of \"{}\" creates a cycle: {}",
                        include.args[0].value, chain),
            frame.file, include.name_span.begin,
            "nginx 1.22.1 reads such an include again and again until it "
            "crashes with a stack overflow"});
        include.includes.erase(include.includes.begin() + frame.match);
        continue;
      }
      ++frame.match;
      if (marks[target] == Mark::unseen) {
        marks[target] = Mark::active;
        stack.push_back(Frame{target});
      }
    }
  }
}

}  // namespace tlslint::config
