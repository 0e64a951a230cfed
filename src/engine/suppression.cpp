#include "engine/suppression.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string_view>
#include <tuple>

#include <fmt/core.h>

namespace tlslint::engine {
namespace {

constexpr std::string_view kPrefix = "tlslint:";
constexpr std::string_view kDisable = "disable=";
constexpr std::string_view kDisableFile = "disable-file=";
constexpr std::string_view kReasonSeparator = " -- ";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// A suppression with the bytes it covers in one file.
struct Entry {
  Suppression suppression;
  std::string file;
  /// [begin, end) as (line, column), unused for whole-file suppressions.
  syntax::Position begin;
  syntax::Position end;
  /// False when a `disable=` comment precedes no directive.
  bool has_target = false;
  bool used = false;
};

bool before(const syntax::Position& a, std::size_t line, std::size_t column) {
  return std::tie(a.line, a.column) <= std::tie(line, column);
}

bool covers(const Entry& entry, const Finding& finding) {
  if (!finding.where || finding.where->file != entry.file) return false;
  if (finding.rule_id != entry.suppression.rule_id) return false;
  if (entry.suppression.whole_file) return true;
  if (!entry.has_target) return false;
  const Location& at = *finding.where;
  return before(entry.begin, at.line, at.column) &&
         !before(entry.end, at.line, at.column);
}

void flatten(const std::vector<syntax::Directive>& directives,
             std::vector<const syntax::Directive*>& out) {
  for (const syntax::Directive& directive : directives) {
    out.push_back(&directive);
    flatten(directive.block, out);
  }
}

/// Returns the end of a directive with its block: the `}`, or the `;` or `{`
/// of the header when a syntax error cut the block off.
syntax::Position end_of(const syntax::Directive& directive) {
  if (directive.has_block && directive.block_end.end.offset > 0) {
    return directive.block_end.end;
  }
  return directive.terminator.end;
}

/// True when only blanks, line breaks and whole-line comments lie in
/// [from, to) of `text`.
bool only_comments_between(std::string_view text, std::size_t from,
                           std::size_t to) {
  for (std::size_t i = from; i < to && i < text.size(); ++i) {
    char c = text[i];
    if (c == '#') {
      std::size_t line_end = text.find('\n', i);
      if (line_end == std::string_view::npos || line_end >= to) return true;
      i = line_end;
    } else if (!is_blank(c) && c != '\n' && c != '\r') {
      return false;
    }
  }
  return true;
}

/// Finds the directive a `disable=` comment covers. A comment on a line of
/// its own covers the next directive if only comments and blank space lie
/// between them. A comment after a directive covers that directive.
const syntax::Directive* target_of(
    const syntax::Comment& comment, std::string_view text,
    const std::vector<const syntax::Directive*>& directives) {
  const syntax::Position& at = comment.span.begin;
  std::size_t line_start = at.offset - (at.column - 1);
  bool own_line = std::all_of(text.begin() + line_start,
                              text.begin() + at.offset, is_blank);
  if (!own_line) {
    const syntax::Directive* found = nullptr;
    for (const syntax::Directive* directive : directives) {
      const syntax::Position& end = directive->terminator.end;
      if (end.line == at.line && end.offset <= at.offset) found = directive;
    }
    return found;
  }
  for (const syntax::Directive* directive : directives) {
    std::size_t start = directive->name_span.begin.offset;
    if (start < comment.span.end.offset) continue;
    if (!only_comments_between(text, comment.span.end.offset, start)) {
      return nullptr;
    }
    return directive;
  }
  return nullptr;
}

std::vector<Entry> collect(const config::SourceFile& file) {
  std::vector<const syntax::Directive*> directives;
  flatten(file.directives, directives);
  std::sort(directives.begin(), directives.end(),
            [](const syntax::Directive* a, const syntax::Directive* b) {
              return a->name_span.begin.offset < b->name_span.begin.offset;
            });
  std::vector<Entry> entries;
  for (const syntax::Comment& comment : file.comments) {
    const syntax::Position& at = comment.span.begin;
    Location where{file.path, at.line, at.column, at.offset};
    std::vector<Suppression> parsed = parse_suppression(comment.text, where);
    if (parsed.empty()) continue;
    const syntax::Directive* target =
        parsed.front().whole_file ? nullptr
                                  : target_of(comment, file.text, directives);
    for (Suppression& suppression : parsed) {
      Entry entry;
      entry.suppression = std::move(suppression);
      entry.file = file.path;
      if (target) {
        entry.has_target = true;
        entry.begin = target->name_span.begin;
        entry.end = end_of(*target);
      }
      entries.push_back(std::move(entry));
    }
  }
  return entries;
}

/// Moves the findings no entry covers to `kept`, marking the entries used.
void filter(std::vector<Finding>& findings, std::vector<Entry>& entries,
            std::vector<Finding>& kept) {
  for (Finding& finding : findings) {
    bool suppressed = false;
    for (Entry& entry : entries) {
      if (!covers(entry, finding)) continue;
      entry.used = true;
      suppressed = true;
    }
    if (!suppressed) kept.push_back(std::move(finding));
  }
}

Finding make_finding(const Registry& registry, std::string_view rule_id,
                     const Location& where, std::string message) {
  const RuleInfo* info = registry.find(rule_id);
  if (!info) {
    throw std::logic_error(
        fmt::format("rule \"{}\" is not in rules/*.toml", rule_id));
  }
  Finding finding;
  finding.rule_id = info->id;
  finding.severity = info->severity;
  finding.where = where;
  finding.message = std::move(message);
  return finding;
}

std::string unknown_message(const Registry& registry, const std::string& id) {
  std::vector<std::string> close = registry.closest(id);
  if (close.empty()) {
    return fmt::format(
        "unknown rule \"{}\" in a tlslint suppression; run \"tlslint "
        "--list-rules\" for the ids",
        id);
  }
  return fmt::format(
      "unknown rule \"{}\" in a tlslint suppression; did you mean \"{}\"?", id,
      close.front());
}

std::string unused_message(const Entry& entry) {
  const std::string& id = entry.suppression.rule_id;
  if (entry.suppression.whole_file) {
    return fmt::format(
        "\"disable-file={}\" suppressed no finding in this file; remove it",
        id);
  }
  if (!entry.has_target) {
    return fmt::format(
        "\"disable={}\" is not on the line before a directive, so it covers "
        "nothing; move it there",
        id);
  }
  return fmt::format(
      "\"disable={}\" suppressed no finding of the directive below; remove it",
      id);
}

bool has_syntax_error(const config::Config& config) {
  return std::any_of(config.errors.begin(), config.errors.end(),
                     [](const config::LoadError& error) {
                       return error.kind == config::LoadErrorKind::syntax;
                     });
}

}  // namespace

std::vector<Suppression> parse_suppression(const std::string& comment_text,
                                           const Location& at) {
  std::string_view text = comment_text;
  std::size_t i = 0;
  while (i < text.size() && is_blank(text[i])) ++i;
  if (text.substr(i, kPrefix.size()) != kPrefix) return {};
  i += kPrefix.size();
  while (i < text.size() && is_blank(text[i])) ++i;
  bool whole_file = false;
  if (text.substr(i, kDisableFile.size()) == kDisableFile) {
    whole_file = true;
    i += kDisableFile.size();
  } else if (text.substr(i, kDisable.size()) == kDisable) {
    i += kDisable.size();
  } else {
    return {};
  }
  std::size_t ids_end = text.find(kReasonSeparator, i);
  std::string reason;
  if (ids_end == std::string_view::npos) {
    ids_end = text.size();
  } else {
    reason = std::string(text.substr(ids_end + kReasonSeparator.size()));
  }
  std::vector<Suppression> parsed;
  while (i < ids_end) {
    std::size_t comma = text.find(',', i);
    std::size_t stop = std::min(comma, ids_end);
    std::size_t first = i;
    std::size_t last = stop;
    while (first < last && is_blank(text[first])) ++first;
    while (last > first && is_blank(text[last - 1])) --last;
    if (first < last) {
      // The comment's text starts after the `#`, one byte after `at`.
      Location where = at;
      where.column += 1 + first;
      where.offset += 1 + first;
      parsed.push_back({std::string(text.substr(first, last - first)), where,
                        whole_file, reason});
    }
    i = stop + 1;
  }
  return parsed;
}

std::vector<Finding> apply_suppressions(const config::Config& config,
                                        const Registry& registry,
                                        const Options& options,
                                        std::vector<Finding> findings) {
  std::vector<Entry> entries;
  std::set<std::string> seen_files;
  for (const config::SourceFile& file : config.files) {
    // A file included twice appears twice, with the same comments.
    if (!seen_files.insert(file.path).second) continue;
    std::vector<Entry> found = collect(file);
    std::move(found.begin(), found.end(), std::back_inserter(entries));
  }
  std::vector<Finding> kept;
  filter(findings, entries, kept);

  std::vector<Finding> extra;
  std::vector<Entry> known;
  for (Entry& entry : entries) {
    const std::string& id = entry.suppression.rule_id;
    if (registry.find(id)) {
      known.push_back(entry);
    } else if (!options.disabled.contains("suppression-unknown-rule")) {
      extra.push_back(make_finding(registry, "suppression-unknown-rule",
                                   entry.suppression.where,
                                   unknown_message(registry, id)));
    }
  }
  filter(extra, known, kept);

  extra.clear();
  if (!has_syntax_error(config) &&
      !options.disabled.contains("suppression-unused")) {
    for (const Entry& entry : known) {
      const std::string& id = entry.suppression.rule_id;
      // A rule that did not run cannot show whether its suppression is
      // needed, and suppression-unused findings are made only here.
      if (entry.used || options.disabled.contains(id) ||
          id == "suppression-unused") {
        continue;
      }
      extra.push_back(make_finding(registry, "suppression-unused",
                                   entry.suppression.where,
                                   unused_message(entry)));
    }
  }
  filter(extra, known, kept);
  return kept;
}

}  // namespace tlslint::engine
