// nginx reads certificate and key files when it starts or reloads. A file
// changed after that (certbot renewed it) is not served until the next
// reload. A reload starts new worker processes and keeps the master, so the
// workers' start time is when nginx last loaded its files.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <system_error>

#include <fmt/core.h>

#include "engine/registry.h"
#include "host/context.h"
#include "host/nginx_files.h"
#include "host/reload/proc.h"
#include "host/symlinks.h"
#include "rules/all_rules.h"
#include "rules/certificate_checks.h"

namespace tlslint::host::reload {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kRule = "sys-nginx-stale-certificate";
/// Debian's and Ubuntu's build default (--pid-path); nginx.org's packages
/// use /var/run/nginx.pid, which is the same file on current systems.
constexpr std::string_view kDefaultPidFile = "/run/nginx.pid";

/// The `pid` directive of the main configuration, else the default.
fs::path pid_file(const engine::Model& model) {
  const config::Config& config = model.config();
  for (std::size_t root : config.roots) {
    for (const syntax::Directive& directive : config.files[root].directives) {
      if (directive.name != "pid" || directive.args.empty()) continue;
      fs::path path(directive.args[0].value);
      return path.is_absolute() ? path : config.prefix / path;
    }
  }
  return fs::path(kDefaultPidFile);
}

std::optional<ProcessStat> read_stat(const Host& host, const std::string& pid) {
  std::optional<std::string> text = host.read("/proc/" + pid + "/stat");
  if (!text) return std::nullopt;
  return parse_process_stat(*text);
}

/// When nginx last loaded its files, in clock ticks after boot: the
/// earliest start of the master's children (its workers), or the master's
/// own start when it has none.
std::uint64_t loaded_ticks(const Host& host, const ProcessStat& master) {
  std::optional<std::uint64_t> earliest;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(host.path("/proc"), error)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) {
      continue;
    }
    std::optional<ProcessStat> child = read_stat(host, name);
    if (!child || child->ppid != master.pid) continue;
    if (!earliest || child->start_ticks < *earliest) {
      earliest = child->start_ticks;
    }
  }
  return earliest.value_or(master.start_ticks);
}

std::optional<std::int64_t> modified_at(const Host& host,
                                        const fs::path& host_path) {
  std::optional<fs::path> resolved = resolve_links(host, host_path);
  if (!resolved) return std::nullopt;
  std::error_code error;
  auto time = fs::last_write_time(host.path(*resolved), error);
  if (error) return std::nullopt;
  auto system = std::chrono::file_clock::to_sys(time);
  return std::chrono::duration_cast<std::chrono::seconds>(
             system.time_since_epoch())
      .count();
}

/// The time nginx last loaded its files. Nullopt when nginx is not running
/// (nothing it serves can be stale then), or after a not-checked note that
/// gives the reason the time is unknown.
std::optional<std::int64_t> nginx_loaded_at(HostContext& context,
                                            const fs::path& pid_path) {
  Host& host = context.host();
  std::optional<std::string> pid_text = host.read(pid_path);
  if (!pid_text) return std::nullopt;
  std::error_code error;
  if (!fs::is_directory(host.path("/proc"), error)) {
    context.not_checked(
        kRule, fmt::format("\"{}\" exists but \"{}\" does "
                           "not, so nginx's start time is "
                           "unknown",
                           pid_path.string(), host.path("/proc").string()));
    return std::nullopt;
  }
  // A pid file left behind by a crash names no process, or another one.
  std::string pid = pid_text->substr(0, pid_text->find_first_of(" \r\n"));
  std::optional<ProcessStat> master = read_stat(host, pid);
  if (!master || master->comm != "nginx") return std::nullopt;
  std::optional<std::int64_t> boot = std::nullopt;
  if (auto text = host.read("/proc/stat")) boot = parse_boot_time(*text);
  long ticks_per_second = sysconf(_SC_CLK_TCK);
  if (!boot || ticks_per_second <= 0) {
    context.not_checked(kRule,
                        "the \"btime\" line of /proc/stat is missing, "
                        "so nginx's start time is unknown");
    return std::nullopt;
  }
  return *boot + static_cast<std::int64_t>(loaded_ticks(host, *master) /
                                           ticks_per_second);
}

void check_stale_certificates(HostContext& context) {
  if (context.models().empty()) return;
  std::vector<NamedFile> files = files_named_by(
      context.models(), {"ssl_certificate", "ssl_certificate_key",
                         "ssl_trusted_certificate", "ssl_client_certificate"});
  if (files.empty()) return;
  std::optional<std::int64_t> loaded =
      nginx_loaded_at(context, pid_file(context.models().front()));
  if (!loaded) return;
  std::set<fs::path> reported;
  for (const NamedFile& file : files) {
    std::optional<std::int64_t> modified =
        modified_at(context.host(), file.host_path);
    if (!modified || *modified <= *loaded) continue;
    if (!reported.insert(file.host_path).second) continue;
    context.report(
        kRule, argument_location_of(*file.model, *file.directive),
        fmt::format("\"{}\" changed at {}, after nginx last loaded its "
                    "certificates at {}, so nginx still serves the previous "
                    "file; run \"nginx -t && systemctl reload nginx\"",
                    file.path, rules::format_time(*modified),
                    rules::format_time(*loaded)));
  }
}

}  // namespace

}  // namespace tlslint::host::reload

namespace tlslint::rules {

void register_reload_rules(engine::Registry& registry) {
  registry.add_host_check(host::reload::check_stale_certificates);
}

}  // namespace tlslint::rules
