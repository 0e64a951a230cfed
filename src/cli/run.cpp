#include "cli/run.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "certs/certificate.h"
#include "cli/exit_status.h"
#include "cli/explain.h"
#include "cli/options.h"
#include "cli/rule_list.h"
#include "cli/settings.h"
#include "cli/usage_error.h"
#include "config/config.h"
#include "crossplane/commands.h"
#include "engine/engine.h"
#include "engine/registry.h"
#include "fix/backup_glob.h"
#include "fix/edit.h"
#include "fix/fix_options.h"
#include "fix/fixer.h"
#include "fix/new_file.h"
#include "fix/reload.h"
#include "host/context.h"
#include "host/host.h"
#include "output/json.h"
#include "output/report.h"
#include "output/sarif.h"
#include "output/text.h"

namespace tlslint::cli {
namespace {

using engine::Severity;

constexpr const char* kDefaultConfig = "/etc/nginx/nginx.conf";
/// Host commands (nginx -V, iptables-save, ...) are killed after this.
constexpr std::chrono::seconds kHostCommandTimeout(10);

bool use_color(const std::string& when) {
  if (when == "always") return true;
  if (when == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

bool reaches(Severity severity, const std::string& fail_on) {
  if (fail_on == "never" || severity == Severity::note) return false;
  auto threshold = engine::parse_severity(fail_on);
  return threshold && severity >= *threshold;
}

/// One pass of loading and checking every input.
struct LintPass {
  std::vector<config::Config> configs;
  std::vector<engine::Finding> findings;
  /// Inputs that could not be read, as printed on stderr.
  std::vector<std::string> errors;
  bool incomplete = false;
  /// Files read, included ones too.
  std::size_t files = 0;
  std::size_t certificates = 0;
};

/// True for a finding that means a file could not be checked: an unusable
/// certificate, key or trust store, including the "not checked" notes for
/// files this user may not read. The run then exits 2, since passing it as
/// clean would hide what was never looked at.
bool skipped_file_check(const engine::Finding& finding) {
  // --certs=optional accepts a missing file. The note reports it, and the
  // run stays complete so that a pre-commit hook passes.
  if (finding.absent_file_allowed) return false;
  if (finding.rule_id == "cert-file-unreadable") return true;
  if (finding.severity != Severity::note) return false;
  return finding.rule_id == "chain-incomplete" ||
         finding.rule_id == "cert-key-mismatch";
}

LintPass lint_inputs(const Settings& settings, const engine::Registry& registry,
                     const std::vector<std::string>& paths,
                     std::ostream& err) {
  LintPass pass;
  config::LoadOptions load_options;
  load_options.root = settings.root;
  pass.configs = config::load_inputs(paths, load_options);

  certs::TrustOptions trust;
  trust.ca_file = settings.ca_file;
  trust.ca_path = settings.ca_path;
  trust.root = settings.root;
  certs::Store store(trust);
  // A trust store the user named must load: without it every chain check
  // would turn into a note and the run would look clean.
  if ((!settings.ca_file.empty() || !settings.ca_path.empty()) &&
      !store.trust_store_error().empty()) {
    throw UsageError{fmt::format("{}; check --ca-file and --ca-path",
                                 store.trust_store_error())};
  }

  // A file two inputs include is counted once.
  std::set<std::filesystem::path> files_read;
  for (const config::Config& config : pass.configs) {
    for (const config::LoadError& error : config.errors) {
      if (error.kind != config::LoadErrorKind::io) continue;
      fmt::print(err, "tlslint: error: {}\n", error.message);
      pass.errors.push_back(error.message);
      pass.incomplete = true;
    }
    for (const config::SourceFile& file : config.files) {
      if (file.parsed || !file.text.empty()) files_read.insert(file.disk_path);
    }
    if (settings.host_checks_only) {
      // Host checks read these configurations; the config checks are not
      // run, so only an input that could not be read is reported.
      continue;
    }
    if (!config.errors.empty()) pass.incomplete = true;
    std::vector<engine::Finding> found =
        engine::run_checks(config, store, settings.options, registry);
    pass.findings.insert(pass.findings.end(), found.begin(), found.end());
  }
  pass.files = files_read.size();
  // A file that two inputs reach (nginx.conf and a site it includes, as a
  // pre-commit hook passes both) gives the same findings twice.
  std::set<std::tuple<std::string, std::string, std::size_t, std::size_t,
                      std::string>>
      seen;
  std::erase_if(pass.findings, [&seen](const engine::Finding& finding) {
    engine::Location none;
    const engine::Location& at = finding.where ? *finding.where : none;
    return !seen
                .emplace(finding.rule_id, at.file, at.line, at.column,
                         finding.message)
                .second;
  });
  if (settings.host_checks) {
    host::Host machine(settings.root, kHostCommandTimeout);
    std::vector<engine::Finding> found = host::run_host_checks(
        machine, pass.configs, store, settings.options, registry);
    pass.findings.insert(pass.findings.begin(), found.begin(), found.end());
  }
  for (const auto& finding : pass.findings) {
    if (skipped_file_check(finding)) pass.incomplete = true;
  }
  pass.certificates = store.certificates_loaded();
  return pass;
}

void write_report(std::ostream& out, const LintPass& pass,
                  const std::vector<std::string>& paths,
                  const CommandLine& line, const Settings& settings,
                  const engine::Registry& registry) {
  output::Summary counts = output::count(pass.findings);
  counts.files = pass.files;
  counts.certificates = pass.certificates;
  if (line.format == "text") {
    bool color = use_color(line.color);
    output::write_text(out, pass.findings, color);
    for (const std::string& note : settings.notes) {
      output::write_note(out, note, color);
    }
    // Settings found by walking up can surprise, so the text names the file
    // read. JSON has it in "config_file".
    if (!settings.config_file.empty()) {
      output::write_note(
          out,
          fmt::format("using settings from {}", settings.config_file.string()),
          color);
    }
    output::write_summary(out, counts, color);
    return;
  }
  output::Report report;
  report.findings = pass.findings;
  report.inputs = paths;
  report.summary = counts;
  report.tool_notes = settings.notes;
  report.errors = pass.errors;
  report.incomplete = pass.incomplete;
  report.config_file = settings.config_file.string();
  if (line.format == "json") {
    out << output::write_json(report);
    return;
  }
  output::SarifOptions sarif;
  sarif.base_uri = line.sarif_base;
  sarif.severity = settings.options.severity;
  if (sarif.base_uri.empty()) {
    std::error_code error;
    std::string directory = std::filesystem::current_path(error).string();
    sarif.base_uri = "file://" + output::encode_uri_path(directory) + "/";
  }
  out << output::write_sarif(report, registry, sarif);
}

int exit_status(const LintPass& pass, const Settings& settings) {
  if (pass.incomplete) return kExitIncomplete;
  for (const auto& finding : pass.findings) {
    if (reaches(finding.severity, settings.fail_on)) return kExitFindings;
  }
  return kExitClean;
}

/// Prints the commands that make a change live and, with --apply-reload,
/// runs them. Returns false when one of them failed.
bool reload(const fix::FixCommandLine& fix_line,
            const std::vector<config::Config>& configs, std::ostream& out,
            std::ostream& err) {
  auto commands =
      fix::reload_commands(fix_line.reload_command, fix::systemd_running(),
                           fix::custom_main_configs(configs));
  if (commands.back().empty()) {
    throw UsageError{fmt::format("--reload-command: \"{}\" has no command "
                                 "or an unterminated quote",
                                 fix_line.reload_command)};
  }
  if (!fix_line.apply_reload) {
    fmt::print(out, "to make the change live, run:\n");
    for (const auto& words : commands) {
      fmt::print(out, "  {}\n", fix::join_words(words));
    }
    return true;
  }
  std::string error =
      fix::run_commands(commands, std::chrono::seconds(60), out);
  if (error.empty()) return true;
  fmt::print(err, "tlslint: error: {}\n", error);
  return false;
}

/// --diff: the fixes as a patch on stdout; everything else on stderr.
int print_fixes(const Settings& settings, const fix::FixCommandLine& fix_line,
                const LintPass& pass, std::ostream& out, std::ostream& err) {
  fix::Plan plan =
      fix::plan_fixes(fix::merge_file_names(pass.findings, pass.configs));
  bool ok = fix::print_diff(plan, fix::index_sources(pass.configs), out, err);
  std::vector<engine::NewFile> new_files = fix::collect_new_files(pass.findings);
  fix::print_new_files(new_files, out);
  for (const std::string& rejected : plan.rejected) {
    fmt::print(err, "tlslint: error: {}\n", rejected);
    ok = false;
  }
  if (!plan.files.empty() || !new_files.empty()) {
    reload(fix_line, pass.configs, err, err);
  }
  if (!ok) return kExitIncomplete;
  return exit_status(pass, settings);
}

/// --fix: write, lint again, and roll back when a fix did not hold.
int apply_fixes(const Settings& settings, const fix::FixCommandLine& fix_line,
                const engine::Registry& registry,
                const std::vector<std::string>& paths, const LintPass& pass,
                std::ostream& out, std::ostream& err) {
  fix::Plan plan =
      fix::plan_fixes(fix::merge_file_names(pass.findings, pass.configs));
  bool ok = true;
  for (const std::string& rejected : plan.rejected) {
    fmt::print(err, "tlslint: error: {}\n", rejected);
    ok = false;
  }
  fix::WriteOptions write_options;
  if (!fix_line.backup.empty()) write_options.backup_suffix = fix_line.backup;
  std::vector<fix::WrittenFile> written;
  if (!fix::write_plan(plan, fix::index_sources(pass.configs), write_options,
                       written, out, err)) {
    ok = false;
  }
  std::vector<std::filesystem::path> created;
  if (!fix::create_new_files(fix::collect_new_files(pass.findings), created,
                             out, err)) {
    ok = false;
  }
  if (written.empty() && created.empty()) {
    return ok ? exit_status(pass, settings) : kExitIncomplete;
  }
  if (write_options.backup_suffix) {
    for (const std::string& warning : fix::backups_matched_by_globs(
             written, pass.configs, *write_options.backup_suffix)) {
      fmt::print(err, "tlslint: warning: {}\n", warning);
    }
  }

  LintPass after = lint_inputs(settings, registry, paths, err);
  std::vector<std::string> problems =
      fix::verify_fixes(plan, pass.findings, after.findings);
  if (!problems.empty()) {
    for (const std::string& problem : problems) {
      fmt::print(err, "tlslint: error: {}; the fixes were rolled back\n",
                 problem);
    }
    fix::roll_back(written, err);
    fix::remove_created(created, err);
    return kExitIncomplete;
  }
  if (!reload(fix_line, after.configs, out, err)) ok = false;
  if (!ok) return kExitIncomplete;
  return exit_status(after, settings);
}

int lint(const CommandLine& line, const fix::FixCommandLine& fix_line,
         const engine::Registry& registry, std::ostream& out,
         std::ostream& err) {
  std::error_code error;
  std::filesystem::path current = std::filesystem::current_path(error);
  Settings settings = resolve_settings(line, registry, current);
  settings.host_checks = line.system || line.system_only;
  settings.host_checks_only = line.system_only;

  std::vector<std::string> paths = line.paths;
  std::string main_config =
      settings.root.empty()
          ? std::string(kDefaultConfig)
          : (std::filesystem::path(settings.root) /
             std::string(kDefaultConfig).substr(1))
                .string();
  if (paths.empty() && settings.host_checks_only) {
    // Host checks that look at nginx's certificates read the default
    // configuration when there is one; a host without nginx is fine.
    if (std::filesystem::exists(main_config, error)) {
      paths.push_back(main_config);
    }
  } else if (paths.empty()) {
    paths.push_back(main_config);
  }
  std::size_t given = paths.size();
  paths = remove_ignored(paths, settings, current);
  if (paths.size() < given) {
    settings.notes.push_back(fmt::format(
        "{} of {} inputs match \"ignore\" in {} and were not checked",
        given - paths.size(), given, settings.config_file.string()));
  }
  LintPass pass = lint_inputs(settings, registry, paths, err);
  if (fix_line.diff) return print_fixes(settings, fix_line, pass, out, err);
  write_report(out, pass, paths, line, settings, registry);
  if (fix_line.fix) {
    return apply_fixes(settings, fix_line, registry, paths, pass, out, err);
  }
  return exit_status(pass, settings);
}

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out,
        std::ostream& err) {
  // crossplane's commands keep crossplane's flags and exit statuses, so that
  // tlslint can replace crossplane in scripts. A config file named like a
  // command (or "explain") is passed as ./parse.
  const std::vector<std::string>& crossplane_commands =
      crossplane::crossplane_command_names();
  if (argc > 1 && std::find(crossplane_commands.begin(),
                            crossplane_commands.end(),
                            argv[1]) != crossplane_commands.end()) {
    return crossplane::run_crossplane(argc - 1, argv + 1, out, err);
  }
  if (argc > 1 && std::string_view(argv[1]) == "explain") {
    return explain(argc - 1, argv + 1, out, err);
  }
  CLI::App app{"tlslint", "tlslint"};
  CommandLine line;
  // "system" is a word, not a flag, so that "tlslint system --root DIR"
  // reads like the other commands; a config file of that name is ./system.
  std::vector<const char*> arguments(argv, argv + argc);
  if (argc > 1 && std::string_view(argv[1]) == "system") {
    line.system_only = true;
    arguments.erase(arguments.begin() + 1);
  }
  argc = static_cast<int>(arguments.size());
  argv = arguments.data();
  define_options(app, line);
  fix::FixCommandLine fix_line;
  fix::define_fix_options(app, fix_line);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help, out, err);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version, out, err);
  } catch (const CLI::ParseError& error) {
    fmt::print(err, "tlslint: error: {}; run \"tlslint --help\" for the "
                    "options\n",
               error.what());
    return kExitUsage;
  }
  record_given_options(app, line);
  const engine::Registry& registry = engine::Registry::builtin();
  try {
    check_option_values(line);
    if (line.list_rules) {
      list_rules(out, registry, line.format);
      return kExitClean;
    }
    return lint(line, fix_line, registry, out, err);
  } catch (const UsageError& error) {
    fmt::print(err, "tlslint: error: {}\n", error.message);
    return kExitUsage;
  }
}

}  // namespace tlslint::cli
