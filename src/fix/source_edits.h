#pragma once

#include <string>
#include <string_view>

#include "config/config.h"
#include "engine/diagnostic.h"
#include "syntax/ast.h"

namespace tlslint::fix {

/// Builds edits on the text a directive was read from, keeping the file's
/// indentation and line endings. Every function returns one engine::Edit.
class SourceEditor {
 public:
  SourceEditor(const config::Config& config, const syntax::Directive& at)
      : file_(config.files.at(at.file)) {}

  /// Replaces all arguments (first to last, with the spaces between) by
  /// `text`.
  engine::Edit replace_arguments(const syntax::Directive& directive,
                                 std::string text) const;
  /// Replaces one argument, quotes included.
  engine::Edit replace_argument(const syntax::Argument& argument,
                                std::string text) const;
  /// Inserts `text` right after an argument.
  engine::Edit insert_after(const syntax::Argument& argument,
                            std::string text) const;
  /// Removes an argument and the blanks before it.
  engine::Edit remove_argument(const syntax::Directive& directive,
                               std::size_t index) const;
  /// Removes a directive: its whole line (indentation and line break
  /// included) when nothing else is on that line, else the directive
  /// and the blanks after it.
  engine::Edit remove_directive(const syntax::Directive& directive) const;
  /// Inserts the line `statement` after the line on which `directive` ends,
  /// with the directive's indentation and the file's line break.
  engine::Edit insert_line_after(const syntax::Directive& directive,
                                 std::string_view statement) const;
  /// Replaces the bytes of a `#` comment (from `#` to the line break).
  engine::Edit replace_comment(const syntax::Comment& comment,
                               std::string text) const;

  /// The blanks before the directive on its line ("" when other text is
  /// there).
  std::string indentation(const syntax::Directive& directive) const;
  /// "\r\n" when the file's first line ends so, else "\n".
  std::string line_break() const;

 private:
  engine::Edit make(std::size_t begin, std::size_t end, std::string text) const;

  const config::SourceFile& file_;
};

}  // namespace tlslint::fix
