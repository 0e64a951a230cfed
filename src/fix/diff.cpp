#include "fix/diff.h"

#include <fmt/core.h>

#include <algorithm>

#include "fix/edit.h"

namespace tlslint::fix {
namespace {

constexpr std::size_t kContext = 3;

/// Byte offset where each line starts; the last entry is text.size().
std::vector<std::size_t> line_starts(const std::string& text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && i + 1 < text.size()) starts.push_back(i + 1);
  }
  starts.push_back(text.size());
  return starts;
}

/// Index of the line that contains `offset` (the last line for text.size()).
std::size_t line_of(const std::vector<std::size_t>& starts,
                    std::size_t offset) {
  auto it = std::upper_bound(starts.begin(), starts.end() - 1, offset);
  return static_cast<std::size_t>(it - starts.begin()) - 1;
}

/// A run of whole old lines [first, last) replaced by new text.
struct Change {
  std::size_t first = 0;
  std::size_t last = 0;
  std::vector<engine::Edit> edits;
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t newline = text.find('\n', at);
    std::size_t end = newline == std::string::npos ? text.size() : newline + 1;
    lines.push_back(text.substr(at, end - at));
    at = end;
  }
  return lines;
}

void append_line(std::string& out, char mark, const std::string& line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n') {
    out += "\n\\ No newline at end of file\n";
  }
}

/// Line range of one edit: whole lines, so that an insertion of full lines
/// at a line start adds lines and leaves its neighbours untouched.
Change change_of(const engine::Edit& edit,
                 const std::vector<std::size_t>& starts,
                 const std::string& text) {
  std::size_t count = starts.size() - 1;
  Change change;
  change.first = line_of(starts, edit.begin);
  bool at_line_start =
      edit.end == starts[line_of(starts, edit.end)] && edit.end < text.size();
  bool whole_lines = edit.end > edit.begin || (!edit.replacement.empty() &&
                                               edit.replacement.back() == '\n');
  if (edit.begin == text.size() && !text.empty()) {
    change.first = count - 1;
    change.last = count;
  } else if (at_line_start && whole_lines) {
    change.last = line_of(starts, edit.end);
  } else {
    change.last = std::min(line_of(starts, edit.end) + 1, count);
  }
  if (text.empty()) change.last = 0;
  change.edits.push_back(edit);
  return change;
}

/// "START,COUNT", or "START" alone for one line, as GNU diff writes it.
std::string hunk_range(std::size_t start, std::size_t count) {
  if (count == 1) return std::to_string(start);
  return fmt::format("{},{}", start, count);
}

}  // namespace

std::string unified_diff(const std::string& path, const std::string& text,
                         const std::vector<engine::Edit>& edits) {
  if (apply_edits(text, edits) == text) return "";
  std::vector<std::size_t> starts = line_starts(text);
  std::vector<std::string> old_lines = split_lines(text);
  std::vector<Change> changes;
  for (const engine::Edit& edit : edits) {
    Change change = change_of(edit, starts, text);
    if (!changes.empty() && change.first <= changes.back().last) {
      changes.back().last = std::max(changes.back().last, change.last);
      changes.back().edits.push_back(edit);
    } else {
      changes.push_back(change);
    }
  }
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", path, path);
  // Lines added minus lines removed by the hunks written so far.
  long shift = 0;
  std::size_t i = 0;
  while (i < changes.size()) {
    // Changes closer than twice the context share one hunk.
    std::size_t j = i;
    while (j + 1 < changes.size() &&
           changes[j + 1].first <= changes[j].last + 2 * kContext) {
      ++j;
    }
    std::size_t begin =
        changes[i].first >= kContext ? changes[i].first - kContext : 0;
    std::size_t end = std::min(changes[j].last + kContext, old_lines.size());
    std::string body;
    std::size_t old_count = 0;
    std::size_t new_count = 0;
    std::size_t line = begin;
    for (std::size_t k = i; k <= j; ++k) {
      const Change& change = changes[k];
      for (; line < change.first; ++line, ++old_count, ++new_count) {
        append_line(body, ' ', old_lines[line]);
      }
      std::size_t from = starts[change.first];
      std::size_t to =
          change.last < old_lines.size() ? starts[change.last] : text.size();
      std::string old_text = text.substr(from, to - from);
      std::vector<engine::Edit> local = change.edits;
      for (engine::Edit& edit : local) {
        edit.begin -= from;
        edit.end -= from;
      }
      for (; line < change.last; ++line, ++old_count) {
        append_line(body, '-', old_lines[line]);
      }
      for (const std::string& added :
           split_lines(apply_edits(old_text, local))) {
        append_line(body, '+', added);
        ++new_count;
      }
    }
    for (; line < end; ++line, ++old_count, ++new_count) {
      append_line(body, ' ', old_lines[line]);
    }
    // A range of zero lines names the line before it (diff(1)'s convention).
    std::size_t old_start = old_count == 0 ? begin : begin + 1;
    std::size_t new_start =
        static_cast<std::size_t>(static_cast<long>(begin) + shift) +
        (new_count == 0 ? 0 : 1);
    shift += static_cast<long>(new_count) - static_cast<long>(old_count);
    out += fmt::format("@@ -{} +{} @@\n", hunk_range(old_start, old_count),
                       hunk_range(new_start, new_count));
    out += body;
    i = j + 1;
  }
  return out;
}

}  // namespace tlslint::fix
