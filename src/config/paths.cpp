#include "config/paths.h"

#include <fmt/format.h>
#include <glob.h>

#include <algorithm>
#include <iterator>
#include <string_view>
#include <system_error>
#include <vector>

namespace tlslint::config {
namespace fs = std::filesystem;

namespace {

fs::path absolute_normal(const fs::path& path) {
  std::error_code error;
  const fs::path absolute = fs::absolute(path, error);
  return (error ? path : absolute).lexically_normal();
}

/// True when `path` is `dir` or lies below it, comparing names only.
bool is_within(const fs::path& path, const fs::path& dir) {
  const fs::path relative = path.lexically_relative(dir);
  return !relative.empty() && *relative.begin() != "..";
}

/// Returns the name nginx uses for an absolute path inside `absolute_root`.
std::string view_inside_root(const fs::path& absolute_path,
                             const fs::path& absolute_root) {
  const fs::path relative = absolute_path.lexically_relative(absolute_root);
  if (relative == ".") {
    return "/";
  }
  return "/" + relative.generic_string();
}

bool has_glob_chars(std::string_view path) {
  return path.find_first_of("*?[") != std::string_view::npos;
}

/// Escapes glob(3) metacharacters so that `text` matches only itself.
std::string escape_glob(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '*' || c == '?' || c == '[' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

/// True when `root` moves paths, which a root of "" or "/" does not.
bool has_root(const fs::path& root) {
  return !root.empty() && root.relative_path() != "";
}

}  // namespace

/// Linux's limit on links followed in one lookup (MAXSYMLINKS).
constexpr int kMaxSymlinks = 40;

fs::path apply_root(const fs::path& root, const fs::path& path) {
  if (!has_root(root) || !path.is_absolute()) {
    return path;
  }
  // Follow each symbolic link inside the tree as the host would. certbot's
  // live/ links name /etc/letsencrypt/archive/..., a host path, so an
  // absolute target that exists under the root is read there. One that does
  // not (a test tree linking to a folder on this machine) is left to the
  // file system.
  const fs::path relative = path.relative_path();
  std::vector<fs::path> pending(relative.begin(), relative.end());
  std::reverse(pending.begin(), pending.end());
  fs::path resolved = "/";
  int links = 0;
  while (!pending.empty()) {
    fs::path part = pending.back();
    pending.pop_back();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      resolved = resolved.parent_path();
      continue;
    }
    fs::path candidate = resolved / part;
    fs::path on_disk = root / candidate.relative_path();
    std::error_code error;
    if (!fs::is_symlink(on_disk, error) || ++links > kMaxSymlinks) {
      resolved = candidate;
      continue;
    }
    fs::path target = fs::read_symlink(on_disk, error);
    if (error) {
      resolved = candidate;
      continue;
    }
    if (target.is_absolute() &&
        !fs::exists(fs::symlink_status(root / target.relative_path(), error))) {
      for (auto rest = pending.rbegin(); rest != pending.rend(); ++rest) {
        target /= *rest;
      }
      return target;
    }
    if (target.is_absolute()) resolved = "/";
    for (auto part_of_target = std::make_reverse_iterator(target.end());
         part_of_target != std::make_reverse_iterator(target.begin());
         ++part_of_target) {
      if (*part_of_target != "/") pending.push_back(*part_of_target);
    }
  }
  return root / resolved.relative_path();
}

MappedPath map_input(const std::string& input, const fs::path& root) {
  MappedPath mapped{input, input};
  if (!has_root(root)) {
    return mapped;
  }
  const fs::path absolute_input = absolute_normal(input);
  const fs::path absolute_root = absolute_normal(root);
  if (is_within(absolute_input, absolute_root)) {
    mapped.view = view_inside_root(absolute_input, absolute_root);
  } else if (fs::path(input).is_absolute()) {
    mapped.disk = apply_root(root, input);
  }
  return mapped;
}

fs::path find_fragment_prefix(const MappedPath& first_fragment,
                              const fs::path& root) {
  const fs::path own_directory = fs::path(first_fragment.view).parent_path();
  fs::path directory = absolute_normal(first_fragment.disk).parent_path();
  // A fragment inside --root searches up to the root only; one outside it (a
  // config repository checked with an empty root) searches its own tree.
  fs::path absolute_root = has_root(root) ? absolute_normal(root) : "";
  if (!absolute_root.empty() && !is_within(directory, absolute_root)) {
    absolute_root.clear();
  }
  for (;;) {
    if (!absolute_root.empty() && !is_within(directory, absolute_root)) {
      return own_directory;
    }
    std::error_code error;
    if (fs::is_regular_file(directory / "nginx.conf", error)) {
      break;
    }
    if (directory == directory.parent_path()) {
      return own_directory;
    }
    directory = directory.parent_path();
  }
  if (!absolute_root.empty()) {
    return view_inside_root(directory, absolute_root);
  }
  if (fs::path(first_fragment.view).is_absolute()) {
    return directory;
  }
  // A relative input gets a relative prefix, so that shown paths stay
  // relative to the current directory.
  std::error_code error;
  const fs::path relative =
      directory.lexically_relative(fs::current_path(error));
  return relative == "." ? fs::path() : relative;
}

IncludeMatches match_include(const std::string& pattern, const fs::path& prefix,
                             const fs::path& root) {
  IncludeMatches result;
  const fs::path pattern_path(pattern);
  result.joined = pattern_path.is_absolute() || prefix.empty()
                      ? pattern
                      : (prefix / pattern_path).string();
  // nginx 1.22 (ngx_conf_include) tests the joined name, prefix included.
  if (!has_glob_chars(result.joined)) {
    result.files.push_back(
        MappedPath{result.joined, apply_root(root, result.joined)});
    return result;
  }
  result.is_glob = true;
  std::string disk_pattern = result.joined;
  std::string root_text;
  if (has_root(root) && fs::path(result.joined).is_absolute()) {
    root_text = root.string();
    while (root_text.size() > 1 && root_text.back() == '/') {
      root_text.pop_back();
    }
    disk_pattern = escape_glob(root_text) + result.joined;
  }
  glob_t found{};
  // nginx calls glob() without flags, so wildcards skip hidden files and a
  // pattern without matches is fine. Sorting is done below, bytewise.
  const int status = ::glob(disk_pattern.c_str(), GLOB_NOSORT, nullptr, &found);
  std::vector<std::string> matches;
  if (status == 0) {
    for (std::size_t i = 0; i < found.gl_pathc; ++i) {
      matches.emplace_back(found.gl_pathv[i]);
    }
  } else if (status != GLOB_NOMATCH) {
    result.error = fmt::format("glob() \"{}\" failed", result.joined);
  }
  ::globfree(&found);
  std::sort(matches.begin(), matches.end());
  for (std::string& match : matches) {
    std::string view = match;
    if (!root_text.empty() && view.starts_with(root_text)) {
      view.erase(0, root_text.size());
    }
    result.files.push_back(MappedPath{std::move(view), std::move(match)});
  }
  return result;
}

}  // namespace tlslint::config
