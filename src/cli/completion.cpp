#include "cli/completion.h"

#include <string>
#include <vector>

#include "cli/option_docs.h"

namespace tlslint::cli {
namespace {

constexpr const char* kCommands = "parse build lex format minify";

/// The completion of an option's value, chosen by its placeholder.
enum class ValueKind { kNone, kFile, kDirectory, kRule, kChoice, kFree };

ValueKind value_kind(const OptionDoc& option) {
  if (option.value_name.empty() || option.value_optional) {
    return ValueKind::kNone;
  }
  if (!option.choices.empty()) return ValueKind::kChoice;
  if (option.value_name == "FILE") return ValueKind::kFile;
  if (option.value_name == "DIR") return ValueKind::kDirectory;
  if (option.value_name.starts_with("RULE")) return ValueKind::kRule;
  return ValueKind::kFree;
}

std::string join(const std::vector<std::string>& values) {
  std::string joined;
  for (const std::string& value : values) {
    if (!joined.empty()) joined += ' ';
    joined += value;
  }
  return joined;
}

/// Quotes text for a single-quoted shell word.
std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

/// Escapes an option description for a zsh _arguments spec, where
/// brackets and colons end the description.
std::string zsh_description(const std::string& help) {
  std::string escaped;
  for (char c : help) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

void write_bash_value_cases(std::ostream& out, const CommandDoc& doc) {
  for (const OptionDoc& option : doc.options) {
    switch (value_kind(option)) {
      case ValueKind::kNone:
        break;
      case ValueKind::kChoice:
        out << "    " << option.name << ")\n"
            << "      mapfile -t COMPREPLY < <(compgen -W "
            << shell_quote(join(option.choices)) << " -- \"$cur\")\n"
            << "      return ;;\n";
        break;
      case ValueKind::kFile:
        out << "    " << option.name << ")\n"
            << "      compopt -o filenames\n"
            << "      mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
            << "      return ;;\n";
        break;
      case ValueKind::kDirectory:
        out << "    " << option.name << ")\n"
            << "      compopt -o filenames\n"
            << "      mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")\n"
            << "      return ;;\n";
        break;
      case ValueKind::kRule:
        out << "    " << option.name << ")\n"
            << "      mapfile -t COMPREPLY < <(compgen -W "
               "\"$(_tlslint_rules)\" "
               "-- \"$cur\")\n"
            << "      return ;;\n";
        break;
      case ValueKind::kFree:
        out << "    " << option.name << ")\n"
            << "      return ;;\n";
        break;
    }
  }
}

std::string zsh_value_action(const OptionDoc& option) {
  std::string placeholder = option.value_name;
  switch (value_kind(option)) {
    case ValueKind::kChoice:
      return ":" + placeholder + ":(" + join(option.choices) + ")";
    case ValueKind::kFile:
      return ":" + placeholder + ":_files";
    case ValueKind::kDirectory:
      return ":" + placeholder + ":_files -/";
    case ValueKind::kRule:
      return ":" + placeholder + ":_tlslint_rules";
    case ValueKind::kFree:
      return ":" + placeholder + ": ";
    case ValueKind::kNone:
      break;
  }
  return "";
}

}  // namespace

void write_bash_completion(std::ostream& out) {
  CommandDoc doc = describe_command_line();
  std::vector<std::string> names;
  for (const OptionDoc& option : doc.options) {
    names.push_back(option.value_optional ? option.name + "=" : option.name);
  }
  out << "# bash completion for tlslint. Generated from tlslint's option\n"
      << "# definitions; do not edit.\n\n"
      << "# Prints the rule ids that --disable accepts.\n"
      << "_tlslint_rules() {\n"
      << "  tlslint --list-rules 2>/dev/null | cut -d ' ' -f 1\n"
      << "}\n\n"
      << "_tlslint() {\n"
      << "  local cur=${COMP_WORDS[COMP_CWORD]}\n"
      << "  local prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
      << "  COMPREPLY=()\n"
      << "  # bash splits \"--format=js\" into \"--format\", \"=\" and "
         "\"js\".\n"
      << "  if [[ $cur == = ]]; then\n"
      << "    cur=\n"
      << "  elif [[ $prev == = ]] && ((COMP_CWORD >= 2)); then\n"
      << "    prev=${COMP_WORDS[COMP_CWORD - 2]}\n"
      << "  fi\n"
      << "  case $prev in\n";
  write_bash_value_cases(out, doc);
  out << "  esac\n"
      << "  if [[ $cur == -* ]]; then\n"
      << "    mapfile -t COMPREPLY < <(compgen -W " << shell_quote(join(names))
      << " -- \"$cur\")\n"
      << "    [[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace\n"
      << "    return\n"
      << "  fi\n"
      << "  # crossplane's commands come first and take their own flags.\n"
      << "  if ((COMP_CWORD == 1)); then\n"
      << "    mapfile -t COMPREPLY < <(compgen -W " << shell_quote(kCommands)
      << " -- \"$cur\")\n"
      << "  fi\n"
      << "  compopt -o filenames\n"
      << "  mapfile -t -O \"${#COMPREPLY[@]}\" COMPREPLY < "
         "<(compgen -f -- \"$cur\")\n"
      << "}\n\n"
      << "complete -F _tlslint tlslint\n";
}

void write_zsh_completion(std::ostream& out) {
  CommandDoc doc = describe_command_line();
  out << "#compdef tlslint\n"
      << "# zsh completion for tlslint. Generated from tlslint's option\n"
      << "# definitions; do not edit.\n\n"
      << "_tlslint_rules() {\n"
      << "  local -a rules\n"
      << "  rules=(${(f)\"$(tlslint --list-rules 2>/dev/null | "
         "cut -d ' ' -f 1)\"})\n"
      << "  _values -s , rule $rules\n"
      << "}\n\n"
      << "_arguments \\\n";
  for (const OptionDoc& option : doc.options) {
    std::string spec = option.name;
    if (option.value_optional) {
      spec += "=-";
    } else if (!option.value_name.empty()) {
      spec += "=";
    }
    spec += "[" + zsh_description(option.help) + "]";
    if (option.value_optional) {
      spec += "::" + option.value_name + ": ";
    } else {
      spec += zsh_value_action(option);
    }
    out << "  " << shell_quote(spec) << " \\\n";
  }
  out << "  "
      << shell_quote(std::string("1:config file or command:{_files; "
                                 "compadd ") +
                     kCommands + "}")
      << " \\\n"
      << "  " << shell_quote("*:config file:_files") << "\n";
}

}  // namespace tlslint::cli
