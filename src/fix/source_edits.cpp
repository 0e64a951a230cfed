#include "fix/source_edits.h"

namespace tlslint::fix {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

engine::Edit SourceEditor::make(std::size_t begin, std::size_t end,
                                std::string text) const {
  return engine::Edit{file_.path, begin, end, std::move(text)};
}

engine::Edit SourceEditor::replace_arguments(const syntax::Directive& directive,
                                             std::string text) const {
  if (directive.args.empty()) {
    std::size_t at = directive.name_span.end.offset;
    return make(at, at, " " + text);
  }
  return make(directive.args.front().span.begin.offset,
              directive.args.back().span.end.offset, std::move(text));
}

engine::Edit SourceEditor::replace_argument(const syntax::Argument& argument,
                                            std::string text) const {
  return make(argument.span.begin.offset, argument.span.end.offset,
              std::move(text));
}

engine::Edit SourceEditor::insert_after(const syntax::Argument& argument,
                                        std::string text) const {
  return make(argument.span.end.offset, argument.span.end.offset,
              std::move(text));
}

engine::Edit SourceEditor::remove_argument(const syntax::Directive& directive,
                                           std::size_t index) const {
  const syntax::Span& span = directive.args.at(index).span;
  std::size_t begin = span.begin.offset;
  while (begin > 0 && is_blank(file_.text[begin - 1])) --begin;
  return make(begin, span.end.offset, "");
}

std::string SourceEditor::indentation(
    const syntax::Directive& directive) const {
  const std::string& text = file_.text;
  std::size_t begin = directive.name_span.begin.offset;
  std::size_t start = begin;
  while (start > 0 && is_blank(text[start - 1])) --start;
  if (start > 0 && text[start - 1] != '\n') return "";
  return text.substr(start, begin - start);
}

std::string SourceEditor::line_break() const {
  std::size_t newline = file_.text.find('\n');
  if (newline != std::string::npos && newline > 0 &&
      file_.text[newline - 1] == '\r') {
    return "\r\n";
  }
  return "\n";
}

engine::Edit SourceEditor::remove_directive(
    const syntax::Directive& directive) const {
  const std::string& text = file_.text;
  std::size_t begin = directive.name_span.begin.offset;
  std::size_t end = directive.has_block ? directive.block_end.end.offset
                                        : directive.terminator.end.offset;
  std::size_t line_start = begin;
  while (line_start > 0 && is_blank(text[line_start - 1])) --line_start;
  std::size_t after = end;
  while (after < text.size() && is_blank(text[after])) ++after;
  if (after < text.size() && text[after] == '\r') ++after;
  bool alone_before = line_start == 0 || text[line_start - 1] == '\n';
  bool alone_after = after == text.size() || text[after] == '\n';
  if (alone_before && alone_after) {
    if (after < text.size()) ++after;
    return make(line_start, after, "");
  }
  // Other statements share the line: keep the line, drop the directive and
  // the blanks after it.
  std::size_t trail = end;
  while (trail < text.size() && is_blank(text[trail])) ++trail;
  return make(begin, trail, "");
}

engine::Edit SourceEditor::insert_line_after(const syntax::Directive& directive,
                                             std::string_view statement) const {
  const std::string& text = file_.text;
  std::size_t end = directive.has_block ? directive.block_end.end.offset
                                        : directive.terminator.end.offset;
  std::size_t newline = text.find('\n', end);
  std::string line = indentation(directive) + std::string(statement);
  if (newline == std::string::npos) {
    return make(text.size(), text.size(), line_break() + line);
  }
  return make(newline + 1, newline + 1, line + line_break());
}

engine::Edit SourceEditor::replace_comment(const syntax::Comment& comment,
                                           std::string text) const {
  return make(comment.span.begin.offset, comment.span.end.offset,
              std::move(text));
}

}  // namespace tlslint::fix
