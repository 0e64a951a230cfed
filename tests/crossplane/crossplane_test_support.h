#pragma once

// Helpers shared by the crossplane tests: temporary folders, running a
// crossplane command in a folder, and comparing statement trees.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crossplane/commands.h"
#include "crossplane/payload.h"

namespace tlslint::crossplane::testing {

/// A folder under the system temp directory, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tlslint-xp-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

  /// Writes `text` to `name` inside the folder and returns its full path.
  std::string write(const std::string& name, const std::string& text) const {
    std::filesystem::path file = std::filesystem::path(path_) / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }

 private:
  std::string path_;
};

/// Output of one crossplane command.
struct CommandResult {
  int status = 0;
  std::string out;
  std::string err;
};

/// Runs `crossplane ARGS` with `folder` as the working directory, the way the
/// corpus runs it (relative paths in the output).
inline CommandResult run_in(const std::string& folder,
                            const std::vector<std::string>& args) {
  std::filesystem::path previous = std::filesystem::current_path();
  std::filesystem::current_path(folder);
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out;
  std::ostringstream err;
  CommandResult result;
  result.status =
      run_crossplane(static_cast<int>(argv.size()), argv.data(), out, err);
  std::filesystem::current_path(previous);
  result.out = out.str();
  result.err = err.str();
  return result;
}

/// Returns the tree as text without line numbers, so that trees from
/// differently laid out sources compare equal when their content is equal.
inline void describe_tree(const std::vector<Statement>& block,
                          std::string& out) {
  for (const Statement& statement : block) {
    if (statement.is_comment) {
      out += "#" + std::string(statement.comment) + "\n";
      continue;
    }
    out += "[" + std::string(statement.directive) + "]";
    for (std::string_view arg : statement.args) {
      out += " [" + std::string(arg) + "]";
    }
    if (statement.has_block) {
      out += " {\n";
      describe_tree(statement.block, out);
      out += "}";
    }
    out += "\n";
  }
}

inline std::string describe_tree(const std::vector<Statement>& block) {
  std::string out;
  describe_tree(block, out);
  return out;
}

inline std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

/// Folder that contains the conformance cases.
inline std::string corpus_folder() {
  return TLSLINT_SOURCE_DIR "/tests/crossplane/corpus";
}

}  // namespace tlslint::crossplane::testing
