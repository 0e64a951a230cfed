#include "cli/options.h"

#include <cctype>

#include <fmt/core.h>

#include "cli/usage_error.h"
#include "fix/fix_options.h"

namespace tlslint::cli {

void define_options(CLI::App& app, CommandLine& line) {
  // A repeated option keeps its last value, so that wrappers can append
  // overrides to a fixed command line.
  app.option_defaults()->multi_option_policy(
      CLI::MultiOptionPolicy::TakeLast);
  app.description(
      "Lint nginx TLS configuration and the certificates it names.\n"
      "Each PATH is an nginx.conf or a site file (a file of server blocks, "
      "read as if included in http {}). Default: /etc/nginx/nginx.conf.\n"
      "tlslint system [PATH...] checks the host around nginx (Let's "
      "Encrypt renewal, OpenSSL, CA bundle, firewall, DNS, clock).\n"
      "Settings come from the nearest .tlslint.toml (current directory or "
      "a parent), and options given here override it.\n"
      "tlslint explain RULE prints a rule's docs page.\n"
      "crossplane's commands: tlslint parse|build|lex|format|minify ... "
      "(same flags and JSON as crossplane).");
  app.add_option("paths", line.paths, "Configuration files to check")
      ->type_name("PATH");
  app.add_option("--ca-file", line.ca_file,
                 "PEM bundle of trusted roots for chain checks (default: "
                 "OpenSSL's default trust store)")
      ->type_name("FILE");
  app.add_option("--ca-path", line.ca_path,
                 "Hashed directory of trusted roots (c_rehash layout)")
      ->type_name("DIR");
  app.add_option("--now", line.now,
                 "Time that replaces the clock for expiry checks, RFC 3339 "
                 "(e.g. 2026-12-04T10:00:00Z)")
      ->type_name("TIME");
  app.add_option("--nginx-version", line.nginx_version,
                 "nginx version the configuration targets (default: from "
                 "\"nginx -v\", else 1.18.0)")
      ->type_name("VERSION");
  app.add_option("--expiry-warning", line.expiry_warning_days,
                 "Warn this many days before a certificate expires (default: "
                 "when a third of its lifetime, or a week, is left)")
      ->type_name("DAYS")
      ->check(CLI::Range(0, 36500).description(""));
  app.add_option("--fail-on", line.fail_on,
                 "Lowest severity that makes the exit status 1")
      ->type_name("SEVERITY")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->capture_default_str();
  app.add_option("--disable", line.disable,
                 "Rule ids not to run, comma-separated")
      ->type_name("RULE[,RULE]")
      ->delimiter(',')
      // One value per --disable, so that the paths after it stay paths.
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--root", line.root,
                 "Resolve absolute paths (/etc/...) under DIR, for config "
                 "repositories and tests; host checks read DIR as / and "
                 "saved command output from DIR/.tlslint/commands")
      ->type_name("DIR");
  app.add_option("--color", line.color, "Colour the output")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("--format", line.format,
                 "Output format: compiler-style text, one JSON document "
                 "(docs/json-output.md), or SARIF 2.1.0; markdown only "
                 "with --list-rules")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json", "sarif", "markdown"}))
      ->capture_default_str();
  app.add_option("--sarif-base", line.sarif_base,
                 "Absolute URI (scheme:...) that SARIF locations are "
                 "relative to (default: the "
                 "current directory as a file:// URI)")
      ->type_name("URI");
  app.add_flag("--system", line.system,
               "Also check the host around nginx, as \"tlslint system\" "
               "does, in the same report");
  app.add_option("--openssl-version", line.openssl_version,
                 "OpenSSL version nginx is linked with, used by host checks "
                 "when \"nginx -V\" cannot run")
      ->type_name("VERSION");
  app.add_option("--certs", line.certs,
                 "\"optional\": a certificate or key file that does not "
                 "exist is a note, not an error (for configuration "
                 "repositories and pre-commit)")
      ->type_name("MODE")
      ->check(CLI::IsMember({"require", "optional"}))
      ->capture_default_str();
  CLI::Option* config =
      app.add_option("--config", line.config_file,
                     "Settings file to read instead of the .tlslint.toml "
                     "found in the current directory or a parent")
          ->type_name("FILE");
  app.add_flag("--no-config", line.no_config,
               "Read no .tlslint.toml")
      ->excludes(config);
  app.add_flag("--list-rules", line.list_rules,
               "List every rule with its default severity and exit; with "
               "--format json or markdown, as a JSON array or Markdown "
               "tables");
  app.set_version_flag("--version", std::string("tlslint ") + TLSLINT_VERSION);
}

namespace {

/// True for an RFC 3986 absolute URI: a scheme (a letter, then letters,
/// digits, "+", "-" or ".") and a colon, with no space or control character.
bool is_absolute_uri(const std::string& text) {
  std::size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

void check_option_values(CommandLine& line) {
  if (line.list_rules && line.format == "sarif") {
    throw UsageError{
        "--list-rules: --format sarif is not supported; use text, json or "
        "markdown"};
  }
  if (!line.list_rules && line.format == "markdown") {
    throw UsageError{
        "--format markdown is only for --list-rules; use text, json or "
        "sarif for findings"};
  }
  if (line.sarif_base.empty()) return;
  if (!is_absolute_uri(line.sarif_base)) {
    throw UsageError{fmt::format(
        "--sarif-base: \"{}\" is not an absolute URI; give a scheme and a "
        "path without spaces, e.g. file:///srv/repo/ or "
        "https://example.org/repo/",
        line.sarif_base)};
  }
  // SARIF resolves each location's "uri" against the base as RFC 3986
  // does, which drops the base's last segment unless it ends with "/".
  if (!line.sarif_base.ends_with('/')) line.sarif_base += '/';
}

void record_given_options(const CLI::App& app, CommandLine& line) {
  for (const char* name :
       {"--ca-file", "--ca-path", "--nginx-version", "--openssl-version",
        "--expiry-warning", "--fail-on", "--root", "--certs"}) {
    if (app.count(name) > 0) line.given_options.insert(name);
  }
}

}  // namespace tlslint::cli

namespace tlslint::fix {

void define_fix_options(CLI::App& app, FixCommandLine& line) {
  CLI::Option* diff = app.add_flag(
      "--diff", line.diff,
      "Print the automatic fixes as one unified diff (for git apply or "
      "patch -p1) and write nothing");
  CLI::Option* fix = app.add_flag(
      "--fix", line.fix,
      "Apply the automatic fixes to the files, each written atomically");
  diff->excludes(fix);
  // A flag, so that "--backup site.conf" leaves the path a path; the suffix
  // needs "--backup=SUFFIX".
  app.add_flag("--backup{~}", line.backup,
               "With --fix, keep the previous version of each written file "
               "as FILE + SUFFIX (default \"~\")")
      ->type_name("SUFFIX")
      ->needs(fix);
  app.add_option("--reload-command", line.reload_command,
                 "Command that reloads nginx after \"nginx -t\" (default: "
                 "\"systemctl reload nginx\", or \"nginx -s reload\" "
                 "without systemd)")
      ->type_name("CMD");
  app.add_flag("--apply-reload", line.apply_reload,
               "After --fix, run \"nginx -t\" and the reload command "
               "(no shell, 60 seconds each); stop when one fails")
      ->needs(fix);
}

}  // namespace tlslint::fix
