#include "cli/completion.h"

#include <string>
#include <vector>

#include "cli/option_docs.h"
#include "crossplane/commands.h"
#include "engine/registry.h"

namespace tlslint::cli {
namespace {

using crossplane::CommandOption;

/// Returns the commands that may come first: tlslint's own, then
/// crossplane's.
std::vector<std::string> command_names() {
  std::vector<std::string> names = {"explain", "system"};
  for (const std::string& name : crossplane::crossplane_command_names()) {
    names.push_back(name);
  }
  return names;
}

/// Returns the rule ids of this build. The scripts contain them, so that
/// completing one runs no program.
std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const engine::RuleInfo& rule : engine::Registry::builtin().rules()) {
    ids.push_back(rule.id);
  }
  return ids;
}

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

/// Joins values with "|", for a bash case pattern or regular expression.
std::string alternatives_of(const std::vector<std::string>& values) {
  std::string joined;
  for (const std::string& value : values) {
    if (!joined.empty()) joined += '|';
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

/// Writes one "COMMAND)" case that completes a crossplane command's options
/// and their values, and files for the rest.
void write_bash_crossplane_case(std::ostream& out,
                                const std::string& command) {
  std::vector<CommandOption> options =
      crossplane::describe_crossplane_options(command);
  std::vector<std::string> names;
  std::vector<std::string> directory_options;
  std::vector<std::string> text_options;
  for (const CommandOption& option : options) {
    for (const std::string& name : option.names) {
      names.push_back(name);
      switch (option.value) {
        case CommandOption::Value::directory:
          directory_options.push_back(name);
          break;
        case CommandOption::Value::text:
          text_options.push_back(name);
          break;
        // A file value completes like the positional file, below the
        // case.
        case CommandOption::Value::file:
        case CommandOption::Value::none:
          break;
      }
    }
  }
  out << "    " << command << ")\n";
  bool has_values = !directory_options.empty() || !text_options.empty();
  if (has_values) out << "      case $prev in\n";
  if (!directory_options.empty()) {
    out << "        " << alternatives_of(directory_options) << ")\n"
        << "          compopt -o filenames\n"
        << "          mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")\n"
        << "          return ;;\n";
  }
  if (!text_options.empty()) {
    out << "        " << alternatives_of(text_options) << ")\n"
        << "          return ;;\n";
  }
  if (has_values) out << "      esac\n";
  out << "      if [[ $cur == -* ]]; then\n"
      << "        mapfile -t COMPREPLY < <(compgen -W "
      << shell_quote(join(names)) << " -- \"$cur\")\n"
      << "        return\n"
      << "      fi\n"
      << "      ;;\n";
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

/// Returns the _arguments specs of one crossplane command's options, one
/// per name, e.g. '-o+[write output to a file]:FILE:_files'.
std::vector<std::string> zsh_crossplane_specs(const std::string& command) {
  std::vector<std::string> specs;
  for (const CommandOption& option :
       crossplane::describe_crossplane_options(command)) {
    std::string action;
    switch (option.value) {
      case CommandOption::Value::file:
        action = ":FILE:_files";
        break;
      case CommandOption::Value::directory:
        action = ":DIR:_files -/";
        break;
      case CommandOption::Value::text:
        action = ":VALUE: ";
        break;
      case CommandOption::Value::none:
        break;
    }
    for (const std::string& name : option.names) {
      std::string spec = name;
      if (option.value != CommandOption::Value::none) {
        // "-o+": the value may follow attached or as the next word; "--out=":
        // after "=" or as the next word, as argparse accepts.
        spec += name.starts_with("--") ? "=" : "+";
      }
      specs.push_back(spec + "[" + zsh_description(option.help) + "]" +
                      action);
    }
  }
  return specs;
}

}  // namespace

void write_bash_completion(std::ostream& out) {
  CommandDoc doc = describe_command_line();
  std::vector<std::string> names;
  for (const OptionDoc& option : doc.options) {
    names.push_back(option.value_optional ? option.name + "=" : option.name);
  }
  out << "# bash completion for tlslint. Generated from tlslint's option\n"
      << "# definitions and rule registry; do not edit.\n\n"
      << "# Prints the rule ids that --disable and explain accept.\n"
      << "_tlslint_rules() {\n"
      << "  printf '%s\\n' " << join(rule_ids()) << "\n"
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
      << "  # explain and crossplane's commands take their own arguments; "
         "system\n"
      << "  # takes the lint options.\n"
      << "  local command=\n"
      << "  ((COMP_CWORD >= 2)) && command=${COMP_WORDS[1]}\n"
      << "  case $command in\n"
      << "    explain)\n"
      << "      if ((COMP_CWORD == 2)); then\n"
      << "        mapfile -t COMPREPLY < <(compgen -W \"$(_tlslint_rules)\" "
         "-- \"$cur\")\n"
      << "      fi\n"
      << "      return ;;\n";
  for (const std::string& command : crossplane::crossplane_command_names()) {
    write_bash_crossplane_case(out, command);
  }
  out << "  esac\n"
      << "  # Anything else before the word is a lint option or a path.\n"
      << "  if [[ ! $command =~ ^(" << alternatives_of(crossplane::crossplane_command_names()) << ")$ ]]; then\n"
      << "    case $prev in\n";
  write_bash_value_cases(out, doc);
  out << "    esac\n"
      << "    if [[ $cur == -* ]]; then\n"
      << "      mapfile -t COMPREPLY < <(compgen -W "
      << shell_quote(join(names)) << " -- \"$cur\")\n"
      << "      [[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace\n"
      << "      return\n"
      << "    fi\n"
      << "  fi\n"
      << "  if ((COMP_CWORD == 1)); then\n"
      << "    mapfile -t COMPREPLY < <(compgen -W "
      << shell_quote(join(command_names())) << " -- \"$cur\")\n"
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
      << "# definitions and rule registry; do not edit.\n\n"
      << "local -a rule_ids\n"
      << "rule_ids=(" << join(rule_ids()) << ")\n\n"
      << "_tlslint_rules() {\n"
      << "  _values -s , rule $rule_ids\n"
      << "}\n\n"
      << "# explain and crossplane's commands take their own arguments; "
         "system\n"
      << "# takes the lint options, which _arguments below completes.\n"
      << "if ((CURRENT > 2)); then\n"
      << "  case $words[2] in\n"
      << "    (explain)\n"
      << "      ((CURRENT == 3)) && compadd -a rule_ids\n"
      << "      return ;;\n";
  for (const std::string& command : crossplane::crossplane_command_names()) {
    out << "    (" << command << ")\n"
        << "      shift words\n"
        << "      ((CURRENT--))\n"
        << "      _arguments -S \\\n";
    for (const std::string& spec : zsh_crossplane_specs(command)) {
      out << "        " << shell_quote(spec) << " \\\n";
    }
    out << "        " << shell_quote("1:file:_files") << "\n"
        << "      return ;;\n";
  }
  out << "  esac\n"
      << "fi\n\n"
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
                     join(command_names()) + "}")
      << " \\\n"
      << "  " << shell_quote("*:config file:_files") << "\n";
}

}  // namespace tlslint::cli
