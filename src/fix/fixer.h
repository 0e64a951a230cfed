#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "config/config.h"
#include "engine/diagnostic.h"
#include "fix/edit.h"
#include "fix/write.h"

namespace tlslint::fix {

/// The files edits may name, by SourceFile::path (Edit::file).
using SourceIndex = std::map<std::string, const config::SourceFile*>;

SourceIndex index_sources(const std::vector<config::Config>& configs);

/// Renames the file of every edit to the first name read for the same file
/// (same device and inode, same bytes), so that a file reached under two
/// spellings, e.g. from two main configs, is diffed and written once.
std::vector<engine::Finding> merge_file_names(
    std::vector<engine::Finding> findings,
    const std::vector<config::Config>& configs);

/// Prints the plan as one unified diff; paths are relative to the current
/// directory and name the file a symlink points to. Returns false after
/// printing an error for an edit on an unknown file.
bool print_diff(const Plan& plan, const SourceIndex& sources, std::ostream& out,
                std::ostream& err);

/// A file --fix replaced, with both versions for a rollback.
struct WrittenFile {
  std::filesystem::path path;
  std::string before;
  std::string after;
  /// The --backup copy of `before` next to the file a symlink points to;
  /// empty without --backup.
  std::filesystem::path backup;
};

/// Writes every file of the plan atomically. Returns false when one could
/// not be written (the error is printed; the others are still written).
bool write_plan(const Plan& plan, const SourceIndex& sources,
                const WriteOptions& options, std::vector<WrittenFile>& written,
                std::ostream& out, std::ostream& err);

/// Compares the findings before and after --fix. Returns one message per
/// fix that left its own finding or broke the syntax; empty when all held.
std::vector<std::string> verify_fixes(
    const Plan& plan, const std::vector<engine::Finding>& before,
    const std::vector<engine::Finding>& after);

/// Writes the previous version of every written file back and deletes its
/// backup, which an include glob may match and which the restored file makes
/// redundant. Returns false after printing an error for a file that could
/// not be restored.
bool roll_back(const std::vector<WrittenFile>& written, std::ostream& err);

}  // namespace tlslint::fix
