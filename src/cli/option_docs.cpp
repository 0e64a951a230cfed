#include "cli/option_docs.h"

#include <CLI/CLI.hpp>
#include <sstream>

#include "cli/options.h"
#include "fix/fix_options.h"

namespace tlslint::cli {
namespace {

/// Splits CLI11's full type name, e.g. "SEVERITY:{error,warning}", into the
/// placeholder and the values of an IsMember check.
void split_type_name(const std::string& type_name, OptionDoc& doc) {
  std::size_t colon = type_name.find(":{");
  doc.value_name = type_name.substr(0, colon);
  if (colon == std::string::npos || type_name.back() != '}') return;
  std::string values =
      type_name.substr(colon + 2, type_name.size() - colon - 3);
  std::istringstream stream(values);
  std::string value;
  while (std::getline(stream, value, ',')) doc.choices.push_back(value);
}

OptionDoc describe_option(const CLI::Option& option) {
  OptionDoc doc;
  doc.name = "--" + option.get_lnames().front();
  doc.help = option.get_description();
  doc.default_value = option.get_default_str();
  if (option.get_expected_max() > 0) {
    split_type_name(option.get_type_name(), doc);
  } else if (!option.get_type_name().empty()) {
    // A flag with a placeholder is a flag with a default value, such as
    // --backup{~}: the value is optional and only "--backup=SUFFIX" sets it.
    doc.value_name = option.get_type_name();
    doc.value_optional = true;
  }
  return doc;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) lines.push_back(line);
  return lines;
}

}  // namespace

CommandDoc describe_command_line() {
  // Built as run() builds it: "tlslint" with the lint and the fix options.
  CLI::App app{"tlslint", "tlslint"};
  CommandLine line;
  define_options(app, line);
  fix::FixCommandLine fix_line;
  fix::define_fix_options(app, fix_line);

  CommandDoc doc;
  doc.description = split_lines(app.get_description());
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional()) {
      doc.path_name = option->get_type_name();
      continue;
    }
    if (option->get_lnames().empty()) continue;
    doc.options.push_back(describe_option(*option));
  }
  return doc;
}

}  // namespace tlslint::cli
