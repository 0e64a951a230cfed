#include "fix/backup_glob.h"

#include <fmt/core.h>
#include <fnmatch.h>

#include <filesystem>
#include <functional>
#include <set>

#include "config/paths.h"

namespace tlslint::fix {
namespace {

namespace fs = std::filesystem;

/// Suffixes tried for the suggestion, in order of preference.
constexpr const char* kSuffixes[] = {".bak", ".orig", "~"};

fs::path canonical_or_same(const fs::path& path) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(path, error);
  return error ? path : canonical;
}

/// Calls `visit` for every `include` in `directives`, at any depth.
void for_each_include(
    const std::vector<syntax::Directive>& directives,
    const std::function<void(const syntax::Directive&)>& visit) {
  for (const syntax::Directive& directive : directives) {
    if (directive.name == "include" && !directive.args.empty()) {
      visit(directive);
    }
    for_each_include(directive.block, visit);
  }
}

/// A suffix whose backup name `pattern` does not match, or "" when every
/// tried suffix matches (a bare `*` matches any name).
std::string unmatched_suffix(const std::string& pattern,
                             const std::string& original) {
  for (const char* suffix : kSuffixes) {
    std::string name = original + suffix;
    // glob(3), which nginx calls, does not let `*` match a leading dot or
    // cross a slash, as FNM_PERIOD and FNM_PATHNAME do.
    if (::fnmatch(pattern.c_str(), name.c_str(), FNM_PATHNAME | FNM_PERIOD) !=
        0) {
      return suffix;
    }
  }
  return "";
}

}  // namespace

std::vector<std::string> backups_matched_by_globs(
    const std::vector<WrittenFile>& written,
    const std::vector<config::Config>& configs, const std::string& suffix) {
  std::vector<std::string> warnings;
  std::set<std::pair<fs::path, fs::path>> reported;
  for (const WrittenFile& file : written) {
    if (file.backup.empty()) continue;
    const fs::path& backup = file.backup;
    for (const config::Config& config : configs) {
      for (const config::SourceFile& source : config.files) {
        for_each_include(source.directives, [&](const syntax::Directive& at) {
          config::IncludeMatches matches = config::match_include(
              at.args[0].value, config.prefix, config.root);
          if (!matches.is_glob) return;
          for (const config::MappedPath& match : matches.files) {
            if (canonical_or_same(match.disk) != backup) continue;
            if (!reported.emplace(backup, source.path).second) return;
            // The pattern is tried on nginx's name of the backup with
            // other suffixes.
            std::string original =
                match.view.ends_with(suffix)
                    ? match.view.substr(0, match.view.size() - suffix.size())
                    : match.view;
            std::string better = unmatched_suffix(matches.joined, original);
            std::string advice =
                better.empty()
                    ? "the glob matches every name there, so move the "
                      "backup out of that directory"
                    : fmt::format("delete it, and use --backup={} next time",
                                  better);
            warnings.push_back(fmt::format(
                "backup \"{}\" matches \"include {}\" at {}:{}, so nginx "
                "loads it as configuration too; {}",
                match.view, at.args[0].value, source.path,
                at.name_span.begin.line, advice));
            return;
          }
        });
      }
    }
  }
  return warnings;
}

}  // namespace tlslint::fix
