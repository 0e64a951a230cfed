#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "engine/diagnostic.h"

namespace tlslint::fix {

/// The new files of `findings`, each path once, leaving out paths where a
/// file already exists.
std::vector<engine::NewFile> collect_new_files(
    const std::vector<engine::Finding>& findings);

/// Returns a git-style patch that creates `file`: a "# outside config"
/// line, then "new file mode", "--- /dev/null" and "+++ b/PATH", with
/// PATH relative to the current directory as for configuration diffs.
std::string new_file_diff(const engine::NewFile& file);

/// Creates `file` with its mode, without replacing anything: the text is
/// written and fsynced to a temporary file in the same directory, then
/// linked to the final name, which fails if that name exists. Missing
/// parent directories are created. Returns "" on success, else a message
/// for "tlslint: error: ...".
std::string create_new_file(const engine::NewFile& file);

/// --diff: prints new_file_diff() of every new file.
void print_new_files(const std::vector<engine::NewFile>& files,
                     std::ostream& out);

/// --fix: creates every new file and prints "created PATH" for each.
/// Returns false when one could not be created (the error is printed; the
/// others are still created). `created` receives the disk paths created.
bool create_new_files(const std::vector<engine::NewFile>& files,
                      std::vector<std::filesystem::path>& created,
                      std::ostream& out, std::ostream& err);

/// Removes the files create_new_files() created, for a rollback. Returns
/// false after printing an error for a file that could not be removed.
bool remove_created(const std::vector<std::filesystem::path>& created,
                    std::ostream& err);

}  // namespace tlslint::fix
