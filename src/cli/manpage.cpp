#include "cli/manpage.h"

#include <string>

#include "cli/option_docs.h"
#include "host/host.h"

namespace tlslint::cli {
namespace {

/// Escapes text for roff. A backslash becomes \e and a dash becomes \-, the
/// minus sign, so that options copied from the page work. A leading . or '
/// would start a request, so \& protects it.
std::string roff_escape(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '\\') {
      escaped += "\\e";
    } else if (c == '-') {
      escaped += "\\-";
    } else {
      escaped += c;
    }
  }
  if (!escaped.empty() && (escaped[0] == '.' || escaped[0] == '\'')) {
    escaped.insert(0, "\\&");
  }
  return escaped;
}

std::string join(const std::vector<std::string>& values, const char* glue) {
  std::string joined;
  for (const std::string& value : values) {
    if (!joined.empty()) joined += glue;
    joined += value;
  }
  return joined;
}

void write_option(std::ostream& out, const OptionDoc& option) {
  out << ".TP\n\\fB" << roff_escape(option.name) << "\\fR";
  if (option.value_optional) {
    out << "[=\\fI" << roff_escape(option.value_name) << "\\fR]";
  } else if (!option.value_name.empty()) {
    out << " \\fI" << roff_escape(option.value_name) << "\\fR";
  }
  out << "\n" << roff_escape(option.help);
  if (!option.help.empty() && option.help.back() != '.') out << ".";
  if (!option.choices.empty()) {
    out << " One of: " << roff_escape(join(option.choices, ", ")) << ".";
  }
  if (!option.default_value.empty() && !option.value_optional) {
    out << " Default: " << roff_escape(option.default_value) << ".";
  }
  out << "\n";
}

// crossplane's commands take crossplane's own flags, which "tlslint COMMAND
// --help" lists, so the page names them with one line each.
constexpr const char* kCrossplaneCommands[][2] = {
    {"parse", "parse an nginx configuration into crossplane's JSON payload"},
    {"build", "build nginx configuration files from a JSON payload"},
    {"lex", "print the tokens of an nginx configuration file as JSON"},
    {"format", "print an nginx configuration file in a consistent format"},
    {"minify", "print an nginx configuration file without whitespace"},
};

void write_header(std::ostream& out, const CommandDoc& doc) {
  out << ".\\\" Generated from tlslint's option definitions; do not edit.\n"
      << ".TH TLSLINT 1 \"\" \"tlslint " << TLSLINT_VERSION
      << "\" \"User Commands\"\n"
      << ".SH NAME\n"
      << "tlslint \\- lint nginx TLS configuration and the certificates it "
         "names\n"
      << ".SH SYNOPSIS\n"
      << ".B tlslint\n"
      << "[\\fIOPTIONS\\fR] [\\fI" << roff_escape(doc.path_name) << "\\fR...]\n"
      << ".br\n"
      << ".B tlslint\n"
      << "\\fBparse\\fR|\\fBbuild\\fR|\\fBlex\\fR|\\fBformat\\fR|"
         "\\fBminify\\fR [\\fIARGS\\fR...]\n"
      << ".br\n"
      << ".B tlslint system\n"
      << "[\\fIOPTIONS\\fR] [\\fI" << roff_escape(doc.path_name)
      << "\\fR...]\n"
      << ".SH DESCRIPTION\n";
  for (const std::string& paragraph : doc.description) {
    out << ".PP\n" << roff_escape(paragraph) << "\n";
  }
}

/// Lists the saved output files of the host commands, each with the
/// command whose output it replaces.
void write_saved_output_names(std::ostream& out) {
  for (const host::HostCommand* command :
       {&host::commands::nginx_version, &host::commands::openssl_version,
        &host::commands::iptables_save, &host::commands::ip6tables_save,
        &host::commands::nft_ruleset,
        &host::commands::systemctl_resolved_active,
        &host::commands::systemctl_timers,
        &host::commands::timedatectl_show}) {
    std::string words;
    for (const std::string& word : command->argv) {
      if (!words.empty()) words += ' ';
      words += word;
    }
    out << ".br\n\\fB" << roff_escape(command->saved_name) << "\\fR for "
        << roff_escape(words) << "\n";
  }
}

void write_footer(std::ostream& out) {
  out << ".SH COMMANDS\n"
      << ".TP\n\\fBsystem\\fR [\\fIOPTIONS\\fR] [\\fIPATH\\fR...]\n"
      << "Check only the host around nginx: Let's Encrypt renewal, OpenSSL, "
         "the CA bundle, the firewall, DNS and the clock. It takes the same "
         "options as a lint run.\n"
      << ".TP\n\\fBexplain\\fR \\fIRULE\\fR\n"
      << "Print the docs page of one rule: why it matters, a bad and a good "
         "example, the fix and its limitations. It takes no options; "
         "\\fB\\-\\-list\\-rules\\fR lists the ids.\n"
      << ".PP\n"
      << "The commands below take crossplane's flags and print crossplane's "
         "JSON, so that scripts written for crossplane can run tlslint. "
         "Where crossplane reads a configuration differently from nginx, "
         "they follow nginx; \\fB\\-\\-crossplane\\-quirks\\fR "
         "reproduces crossplane 0.5.7 byte for byte.\n";
  for (const auto& [name, summary] : kCrossplaneCommands) {
    out << ".TP\n\\fB" << name << "\\fR\n" << summary << ".\n";
  }
  out << ".SH EXIT STATUS\n"
      << ".TP\n0\nEvery input was checked and no finding reached "
         "\\fB\\-\\-fail\\-on\\fR.\n"
      << ".TP\n1\nA finding reached \\fB\\-\\-fail\\-on\\fR.\n"
      << ".TP\n2\nAn input could not be fully checked: a missing or "
         "unreadable file, a syntax error, a broken include, or a "
         "certificate or key that this user may not read.\n"
      << ".TP\n3\nUsage error: an invalid option or value, an invalid "
         "settings file (\\fI.tlslint.toml\\fR or the \\fB\\-\\-config\\fR "
         "file) with invalid TOML, an unknown key or an invalid value, or "
         "a CA file or CA path that does not load, whether "
         "\\fB\\-\\-ca\\-file\\fR, \\fB\\-\\-ca\\-path\\fR or the "
         "settings file names it.\n"
      << ".SH FILES\n"
      << ".TP\n\\fI.tlslint.toml\\fR\n"
      << "Settings, read from the current directory or the nearest parent "
         "directory that has one, or from the file that "
         "\\fB\\-\\-config\\fR names; \\fB\\-\\-no\\-config\\fR "
         "reads none. Options given on the command line override it. The "
         "\\(lqConfiguration file\\(rq section of tlslint's README lists "
         "its keys.\n"
      << ".TP\n\\fIROOT\\fB/.tlslint/commands/\\fINAME\\fR\n"
      << "With \\fB\\-\\-root\\fR \\fIROOT\\fR, the host checks read the "
         "saved output of each host command (such as \\fBnginx \\-V\\fR "
         "or \\fBiptables\\-save\\fR) from this file instead of running "
         "the command. A missing file counts as a command that is not "
         "installed. The names are:\n";
  write_saved_output_names(out);
  out << ".SH SUPPRESSIONS\n"
      << "A comment \\fB# tlslint: disable=\\fR\\fIRULE\\fR[,\\fIRULE\\fR] "
         "on the line before a directive covers that directive and its "
         "block. \\fB# tlslint: disable\\-file=\\fR\\fIRULE\\fR covers the "
         "file.\n"
      << ".SH SEE ALSO\n"
      << ".BR nginx (8)\n";
}

}  // namespace

void write_manpage(std::ostream& out) {
  CommandDoc doc = describe_command_line();
  write_header(out, doc);
  out << ".SH OPTIONS\n";
  for (const OptionDoc& option : doc.options) write_option(out, option);
  write_footer(out);
}

}  // namespace tlslint::cli
