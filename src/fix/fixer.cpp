#include "fix/fixer.h"

#include <map>
#include <set>

#include <fmt/core.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "config/file_reader.h"
#include "fix/diff.h"

namespace tlslint::fix {
namespace {

namespace fs = std::filesystem;

/// Returns the path written after a/ and b/: the real file relative to the current
/// directory, so that git apply and patch -p1 edit it and not a symlink.
std::string diff_path(const config::SourceFile& file) {
  std::error_code error;
  fs::path real = fs::canonical(file.disk_path, error);
  if (error) real = fs::absolute(file.disk_path);
  fs::path relative = fs::relative(real, fs::current_path(), error);
  if (error || relative.empty()) return real.string();
  return relative.generic_string();
}

std::size_t count_findings(const std::vector<engine::Finding>& findings,
                           const std::string& rule) {
  std::size_t count = 0;
  for (const engine::Finding& finding : findings) {
    if (finding.rule_id == rule && finding.severity != engine::Severity::note) {
      ++count;
    }
  }
  return count;
}

}  // namespace

std::vector<engine::Finding> merge_file_names(
    std::vector<engine::Finding> findings,
    const std::vector<config::Config>& configs) {
  std::map<config::FileIdentity, const config::SourceFile*> first;
  std::map<std::string, std::string> rename;
  for (const config::Config& config : configs) {
    for (const config::SourceFile& file : config.files) {
      auto identity = config::identify_file(file.disk_path);
      if (!identity) continue;
      auto [found, added] = first.emplace(*identity, &file);
      // Different bytes mean the file changed between the two reads, so its
      // edits stay apart and the second write reports the change.
      if (added || found->second->text != file.text) continue;
      if (found->second->path != file.path) {
        rename.emplace(file.path, found->second->path);
      }
    }
  }
  for (engine::Finding& finding : findings) {
    for (engine::Edit& edit : finding.fix) {
      auto renamed = rename.find(edit.file);
      if (renamed != rename.end()) edit.file = renamed->second;
    }
  }
  return findings;
}

SourceIndex index_sources(const std::vector<config::Config>& configs) {
  SourceIndex sources;
  for (const config::Config& config : configs) {
    for (const config::SourceFile& file : config.files) {
      sources.emplace(file.path, &file);
    }
  }
  return sources;
}

bool print_diff(const Plan& plan, const SourceIndex& sources, std::ostream& out,
                std::ostream& err) {
  bool ok = true;
  for (const FileEdits& file : plan.files) {
    auto found = sources.find(file.file);
    if (found == sources.end()) {
      fmt::print(err,
                 "tlslint: error: a fix names \"{}\", which was not read\n",
                 file.file);
      ok = false;
      continue;
    }
    const config::SourceFile& source = *found->second;
    std::string diff = unified_diff(diff_path(source), source.text, file.edits);
    if (diff.empty()) continue;
    // git apply and patch skip text before "---", so the reason can stand
    // in the header.
    for (const std::string& header : file.headers) {
      fmt::print(out, "# {}\n", header);
    }
    out << diff;
  }
  return ok;
}

bool write_plan(const Plan& plan, const SourceIndex& sources,
                const WriteOptions& options, std::vector<WrittenFile>& written,
                std::ostream& out, std::ostream& err) {
  bool ok = true;
  for (const FileEdits& file : plan.files) {
    auto found = sources.find(file.file);
    if (found == sources.end()) {
      fmt::print(err,
                 "tlslint: error: a fix names \"{}\", which was not read\n",
                 file.file);
      ok = false;
      continue;
    }
    const config::SourceFile& source = *found->second;
    std::string after = apply_edits(source.text, file.edits);
    if (after == source.text) continue;
    std::string error =
        write_atomically(source.disk_path, source.text, after, options);
    if (!error.empty()) {
      fmt::print(err, "tlslint: error: {}\n", error);
      ok = false;
      continue;
    }
    WrittenFile done{source.disk_path, source.text, after, {}};
    if (options.backup_suffix) {
      std::error_code error;
      fs::path target = fs::canonical(source.disk_path, error);
      if (!error) done.backup = target.string() + *options.backup_suffix;
    }
    written.push_back(std::move(done));
    fmt::print(out, "fixed \"{}\" ({})\n", source.path,
               fmt::join(file.rules, ", "));
  }
  return ok;
}

std::vector<std::string> verify_fixes(
    const Plan& plan, const std::vector<engine::Finding>& before,
    const std::vector<engine::Finding>& after) {
  std::vector<std::string> problems;
  std::size_t syntax_before = count_findings(before, "syntax");
  std::size_t syntax_after = count_findings(after, "syntax");
  if (syntax_after > syntax_before) {
    for (const engine::Finding& finding : after) {
      if (finding.rule_id != "syntax" || !finding.where) continue;
      problems.push_back(fmt::format(
          "the fixes made a syntax error at {}:{}:{}: {}", finding.where->file,
          finding.where->line, finding.where->column, finding.message));
    }
  }
  // A fix must not trade its finding for a configuration that nginx -t
  // rejects, such as "ssl" added to a listen of a server without a
  // certificate. Other new findings are left to the next run.
  static const std::set<std::string> kStartupRules = {
      "cert-file-unreadable", "cert-key-mismatch", "include-broken",
      "ssl-listen-without-certificate"};
  std::map<std::string, std::size_t> errors_before;
  for (const engine::Finding& finding : before) {
    if (finding.severity == engine::Severity::error) {
      ++errors_before[finding.rule_id];
    }
  }
  std::map<std::string, std::size_t> errors_after;
  for (const engine::Finding& finding : after) {
    if (finding.severity != engine::Severity::error ||
        !kStartupRules.contains(finding.rule_id)) {
      continue;
    }
    std::size_t count = ++errors_after[finding.rule_id];
    if (count == errors_before[finding.rule_id] + 1) {
      std::string where =
          finding.where ? fmt::format("{}:{}:{}: ", finding.where->file,
                                      finding.where->line,
                                      finding.where->column)
                        : std::string();
      problems.push_back(fmt::format("the fixes made nginx -t fail: {}{} [{}]",
                                     where, finding.message,
                                     finding.rule_id));
    }
  }
  for (const auto& [rule, fixed] : plan.fixed_rules) {
    std::size_t was = count_findings(before, rule);
    std::size_t now = count_findings(after, rule);
    if (now + static_cast<std::size_t>(fixed) > was) {
      problems.push_back(fmt::format(
          "the fix for [{}] did not remove its finding ({} before, {} after "
          "{} fixes)",
          rule, was, now, fixed));
    }
  }
  return problems;
}

bool roll_back(const std::vector<WrittenFile>& written, std::ostream& err) {
  bool ok = true;
  for (const WrittenFile& file : written) {
    std::string error =
        write_atomically(file.path, file.after, file.before, WriteOptions{});
    if (!error.empty()) {
      fmt::print(err, "tlslint: error: failed to restore \"{}\": {}\n",
                 file.path.string(), error);
      ok = false;
      continue;
    }
    fmt::print(err, "tlslint: restored \"{}\"\n", file.path.string());
    std::error_code error_code;
    if (!file.backup.empty() && fs::remove(file.backup, error_code)) {
      fmt::print(err, "tlslint: removed backup \"{}\"\n", file.backup.string());
    }
  }
  return ok;
}

}  // namespace tlslint::fix
