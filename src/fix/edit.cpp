#include "fix/edit.h"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

namespace tlslint::fix {
namespace {

bool same_edit(const engine::Edit& a, const engine::Edit& b) {
  return a.file == b.file && a.begin == b.begin && a.end == b.end &&
         a.replacement == b.replacement;
}

bool edit_less(const engine::Edit& a, const engine::Edit& b) {
  return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
}

std::string describe(const engine::Finding& finding) {
  if (!finding.where) return fmt::format("[{}]", finding.rule_id);
  return fmt::format("{}:{}:{} [{}]", finding.where->file, finding.where->line,
                     finding.where->column, finding.rule_id);
}

/// An accepted edit and the finding it came from, for messages.
struct Accepted {
  engine::Edit edit;
  const engine::Finding* finding;
};

}  // namespace

bool overlaps(const engine::Edit& a, const engine::Edit& b) {
  if (a.file != b.file) return false;
  bool a_insert = a.begin == a.end;
  bool b_insert = b.begin == b.end;
  if (a_insert && b_insert) return a.begin == b.begin;
  if (a_insert) return a.begin > b.begin && a.begin < b.end;
  if (b_insert) return b.begin > a.begin && b.begin < a.end;
  return a.begin < b.end && b.begin < a.end;
}

Plan plan_fixes(const std::vector<engine::Finding>& findings) {
  Plan plan;
  std::vector<Accepted> accepted;
  std::map<std::string, int> fixed;
  for (const engine::Finding& finding : findings) {
    if (finding.fix.empty()) continue;
    std::vector<engine::Edit> fresh;
    const Accepted* conflict = nullptr;
    for (const engine::Edit& edit : finding.fix) {
      bool duplicate = false;
      for (const Accepted& other : accepted) {
        if (same_edit(edit, other.edit)) {
          duplicate = true;
        } else if (overlaps(edit, other.edit)) {
          conflict = &other;
        }
      }
      for (const engine::Edit& mine : fresh) {
        if (same_edit(edit, mine)) duplicate = true;
      }
      if (!duplicate) fresh.push_back(edit);
    }
    if (conflict) {
      plan.rejected.push_back(fmt::format(
          "the fix for {} was not applied: it edits bytes {}-{} of \"{}\", "
          "which the fix for {} also edits; fix one, then run tlslint again",
          describe(finding), finding.fix.front().begin, finding.fix.front().end,
          conflict->edit.file, describe(*conflict->finding)));
      continue;
    }
    for (engine::Edit& edit : fresh) {
      accepted.push_back({std::move(edit), &finding});
    }
    ++fixed[finding.rule_id];
  }
  std::map<std::string, FileEdits> by_file;
  for (const Accepted& item : accepted) {
    FileEdits& file = by_file[item.edit.file];
    file.file = item.edit.file;
    file.edits.push_back(item.edit);
    const engine::Finding& finding = *item.finding;
    if (std::find(file.rules.begin(), file.rules.end(), finding.rule_id) ==
        file.rules.end()) {
      file.rules.push_back(finding.rule_id);
    }
    bool elsewhere = finding.where && finding.where->file != item.edit.file;
    if (elsewhere && !finding.notes.empty()) {
      const std::string& reason = finding.notes.back().message;
      if (std::find(file.headers.begin(), file.headers.end(), reason) ==
          file.headers.end()) {
        file.headers.push_back(reason);
      }
    }
  }
  for (auto& [name, file] : by_file) {
    std::stable_sort(file.edits.begin(), file.edits.end(), edit_less);
    plan.files.push_back(std::move(file));
  }
  plan.fixed_rules.assign(fixed.begin(), fixed.end());
  return plan;
}

std::string apply_edits(const std::string& text,
                        const std::vector<engine::Edit>& edits) {
  std::string result;
  result.reserve(text.size());
  std::size_t at = 0;
  for (const engine::Edit& edit : edits) {
    if (edit.begin < at || edit.end < edit.begin || edit.end > text.size()) {
      throw std::logic_error(fmt::format(
          "edit {}-{} of \"{}\" is out of order or outside the text",
          edit.begin, edit.end, edit.file));
    }
    result.append(text, at, edit.begin - at);
    result += edit.replacement;
    at = edit.end;
  }
  result.append(text, at, std::string::npos);
  return result;
}

}  // namespace tlslint::fix
