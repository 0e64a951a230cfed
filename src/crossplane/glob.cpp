#include "crossplane/glob.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <utility>

#include "crossplane/text.h"

namespace tlslint::crossplane {
namespace {

std::u32string to_code_points(std::string_view text) {
  std::u32string points;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = 1;
    points.push_back(decode_code_point(text.substr(i), length));
    i += length;
  }
  return points;
}

/// os.path.split(): the head loses trailing slashes unless it is all slashes.
std::pair<std::string, std::string> split_path(const std::string& path) {
  std::size_t slash = path.rfind('/');
  std::size_t cut = slash == std::string::npos ? 0 : slash + 1;
  std::string head = path.substr(0, cut);
  std::string tail = path.substr(cut);
  if (head.find_first_not_of('/') != std::string::npos) {
    while (!head.empty() && head.back() == '/') head.pop_back();
  }
  return {head, tail};
}

std::string join_path(const std::string& head, const std::string& tail) {
  if (head.empty() || head.back() == '/') return head + tail;
  return head + "/" + tail;
}

bool path_lexists(const std::string& path) {
  struct stat info;
  return ::lstat(path.c_str(), &info) == 0;
}

bool path_is_dir(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

std::vector<std::string> list_directory(const std::string& directory,
                                        bool directories_only) {
  std::vector<std::string> names;
  std::string where = directory.empty() ? "." : directory;
  DIR* handle = ::opendir(where.c_str());
  if (handle == nullptr) return names;
  while (dirent* entry = ::readdir(handle)) {
    std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    if (directories_only && !path_is_dir(join_path(where, name))) continue;
    names.push_back(std::move(name));
  }
  ::closedir(handle);
  return names;
}

// One "[...]" set: code point ranges, possibly negated.
struct CharClass {
  std::vector<std::pair<char32_t, char32_t>> ranges;
  bool negated = false;

  bool matches(char32_t c) const {
    bool inside = false;
    for (auto [low, high] : ranges) inside = inside || (c >= low && c <= high);
    return inside != negated;
  }
};

// Parses the set between `begin` and `end` (exclusive of the brackets), the
// way fnmatch.translate reads it: ranges a-b with a > b match nothing.
CharClass parse_class(const std::u32string& pattern, std::size_t begin,
                      std::size_t end) {
  CharClass set;
  if (begin < end && pattern[begin] == '!') {
    set.negated = true;
    ++begin;
  }
  for (std::size_t k = begin; k < end; ++k) {
    char32_t low = pattern[k];
    if (k + 2 < end && pattern[k + 1] == '-') {
      char32_t high = pattern[k + 2];
      if (low <= high) set.ranges.emplace_back(low, high);
      k += 2;
    } else {
      set.ranges.emplace_back(low, low);
    }
  }
  return set;
}

bool match_from(const std::u32string& name, std::size_t n,
                const std::u32string& pattern, std::size_t p) {
  while (p < pattern.size()) {
    char32_t c = pattern[p];
    if (c == '*') {
      while (p < pattern.size() && pattern[p] == '*') ++p;
      for (std::size_t k = n; k <= name.size(); ++k) {
        if (match_from(name, k, pattern, p)) return true;
      }
      return false;
    }
    if (n >= name.size()) return false;
    if (c == '?') {
      ++p;
      ++n;
      continue;
    }
    if (c == '[') {
      std::size_t j = p + 1;
      if (j < pattern.size() && pattern[j] == '!') ++j;
      if (j < pattern.size() && pattern[j] == ']') ++j;
      while (j < pattern.size() && pattern[j] != ']') ++j;
      if (j < pattern.size()) {
        if (!parse_class(pattern, p + 1, j).matches(name[n])) return false;
        p = j + 1;
        ++n;
        continue;
      }
      // An unclosed "[" is a literal character.
    }
    if (name[n] != c) return false;
    ++p;
    ++n;
  }
  return n == name.size();
}

std::vector<std::string> glob_in_directory(const std::string& directory,
                                           const std::string& pattern,
                                           bool directories_only) {
  std::vector<std::string> matches;
  if (!has_glob_magic(pattern)) {
    // glob._glob0: a literal component must exist.
    if (pattern.empty()) {
      if (path_is_dir(directory)) matches.push_back(pattern);
    } else if (path_lexists(join_path(directory, pattern))) {
      matches.push_back(pattern);
    }
    return matches;
  }
  bool pattern_hidden = pattern[0] == '.';
  for (std::string& name : list_directory(directory, directories_only)) {
    if (!pattern_hidden && name[0] == '.') continue;
    if (fnmatch_component(name, pattern)) matches.push_back(std::move(name));
  }
  return matches;
}

std::vector<std::string> glob_paths(const std::string& pattern,
                                    bool directories_only) {
  std::vector<std::string> results;
  auto [directory, base] = split_path(pattern);
  if (!has_glob_magic(pattern)) {
    bool exists = base.empty() ? path_is_dir(directory) : path_lexists(pattern);
    if (exists) results.push_back(pattern);
    return results;
  }
  if (directory.empty()) {
    return glob_in_directory("", base, directories_only);
  }
  std::vector<std::string> directories;
  if (directory != pattern && has_glob_magic(directory)) {
    directories = glob_paths(directory, true);
  } else {
    directories.push_back(directory);
  }
  for (const std::string& parent : directories) {
    for (const std::string& name :
         glob_in_directory(parent, base, directories_only)) {
      results.push_back(join_path(parent, name));
    }
  }
  return results;
}

}  // namespace

bool has_glob_magic(std::string_view pattern) {
  return pattern.find_first_of("*?[") != std::string_view::npos;
}

bool fnmatch_component(std::string_view name, std::string_view pattern) {
  return match_from(to_code_points(name), 0, to_code_points(pattern), 0);
}

std::vector<std::string> python_glob(const std::string& pattern) {
  std::vector<std::string> results = glob_paths(pattern, false);
  // UTF-8 byte order is code point order.
  std::sort(results.begin(), results.end());
  return results;
}

}  // namespace tlslint::crossplane
