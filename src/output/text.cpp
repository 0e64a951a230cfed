#include "output/text.h"

#include <string>

#include <fmt/core.h>
#include <fmt/ostream.h>

namespace tlslint::output {
namespace {

using engine::Severity;

// ANSI colours as gcc and clang use them: bold place, red errors, magenta
// warnings, cyan notes.
constexpr const char* kBold = "\033[1m";
constexpr const char* kReset = "\033[0m";

const char* colour_of(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "\033[1;31m";
    case Severity::warning:
      return "\033[1;35m";
    case Severity::info:
      return "\033[1;34m";
    case Severity::note:
      return "\033[1;36m";
  }
  return "";
}

/// Replaces C0 control characters and DEL with "\xNN": configuration text
/// quoted in a message must not move the cursor, retitle the terminal or
/// clear the screen. A tab stays.
std::string printable(const std::string& text) {
  std::string shown;
  shown.reserve(text.size());
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t') || c == 0x7f) {
      shown += fmt::format("\\x{:02x}", c);
    } else {
      shown += static_cast<char>(c);
    }
  }
  return shown;
}

std::string place(const engine::Location& where) {
  // Line 0 marks a whole file (a symbolic link, a missing key), as in
  // "file: error: ..." from gcc.
  if (where.line == 0) return fmt::format("{}: ", where.file);
  return fmt::format("{}:{}:{}: ", where.file, where.line, where.column);
}

void write_line(std::ostream& out, const std::optional<engine::Location>& where,
                Severity severity, const std::string& message,
                const std::string& rule_id, bool color) {
  std::string prefix =
      where ? printable(place(*where)) : std::string("tlslint: ");
  std::string label(engine::to_string(severity));
  std::string suffix = rule_id.empty() ? "" : fmt::format(" [{}]", rule_id);
  if (color) {
    fmt::print(out, "{}{}{}{}{}:{} {}{}\n", kBold, prefix, kReset,
               colour_of(severity), label, kReset, printable(message),
               suffix);
  } else {
    fmt::print(out, "{}{}: {}{}\n", prefix, label, printable(message),
               suffix);
  }
}

std::string plural(std::size_t count, const char* singular,
                   const char* plural_form) {
  return fmt::format("{} {}", count, count == 1 ? singular : plural_form);
}

}  // namespace

Summary count(const std::vector<engine::Finding>& findings) {
  Summary summary;
  for (const auto& finding : findings) {
    switch (finding.severity) {
      case Severity::error:
        ++summary.errors;
        break;
      case Severity::warning:
        ++summary.warnings;
        break;
      case Severity::info:
        ++summary.infos;
        break;
      case Severity::note:
        break;
    }
  }
  return summary;
}

void write_text(std::ostream& out,
                const std::vector<engine::Finding>& findings, bool color) {
  for (const auto& finding : findings) {
    write_line(out, finding.where, finding.severity, finding.message,
               finding.rule_id, color);
    for (const auto& note : finding.notes) {
      // A note without a place of its own belongs to its finding's place.
      const auto& where = note.where ? note.where : finding.where;
      write_line(out, where, Severity::note, note.message, "", color);
    }
  }
}

void write_note(std::ostream& out, const std::string& message, bool color) {
  write_line(out, std::nullopt, Severity::note, message, "", color);
}

void write_summary(std::ostream& out, const Summary& summary, bool color) {
  std::string text = fmt::format(
      "{}, {}, {} in {}; {} checked",
      plural(summary.errors, "error", "errors"),
      plural(summary.warnings, "warning", "warnings"),
      plural(summary.infos, "info", "infos"),
      plural(summary.files, "file", "files"),
      plural(summary.certificates, "certificate file",
             "certificate files"));
  if (color) {
    fmt::print(out, "{}{}{}\n", kBold, text, kReset);
  } else {
    fmt::print(out, "{}\n", text);
  }
}

}  // namespace tlslint::output
