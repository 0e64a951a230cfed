// Helpers shared by the system checks, and their registration.
#include <fmt/core.h>

#include "engine/registry.h"
#include "host/system/checks.h"
#include "host/system/text.h"
#include "rules/all_rules.h"

namespace tlslint::host::system {

std::optional<std::string> command_text(Host& host,
                                        const HostCommand& command) {
  const CommandResult& result = host.command(command);
  if (result.status != CommandResult::Status::exited ||
      result.exit_code != 0) {
    return std::nullopt;
  }
  return result.output + result.errors;
}

namespace {

std::string command_line(const HostCommand& command) {
  std::string shown;
  for (const std::string& word : command.argv) {
    shown += shown.empty() ? word : " " + word;
  }
  return shown;
}

}  // namespace

std::string describe_failure(Host& host, const HostCommand& command) {
  const CommandResult& result = host.command(command);
  if (result.status == CommandResult::Status::exited &&
      result.exit_code != 0) {
    std::vector<std::string_view> lines = lines_of(trim(result.errors));
    std::string reason =
        lines.empty() ? std::string() : fmt::format(": {}", trim(lines[0]));
    return fmt::format("\"{}\" exited with status {}{}",
                       command_line(command), result.exit_code, reason);
  }
  if (result.status == CommandResult::Status::exited) {
    // It ran, or its saved output exists, but its text is not usable.
    std::string saved =
        host.live() ? std::string()
                    : fmt::format(" (saved at {})",
                                  host.saved_output(command).string());
    return fmt::format(
        "the output of \"{}\"{} is not in the format that tlslint reads",
        command_line(command), saved);
  }
  return host.describe_missing(command);
}

std::optional<NginxBuild> nginx_build(Host& host) {
  std::optional<std::string> text =
      command_text(host, commands::nginx_version);
  if (!text) return std::nullopt;
  NginxBuild build = parse_nginx_build(*text);
  if (!build.nginx && !build.built) return std::nullopt;
  return build;
}

std::optional<OsRelease> os_release(const Host& host) {
  for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
    if (auto text = host.read(follow_links(host, path))) {
      return parse_os_release(*text);
    }
  }
  return std::nullopt;
}

std::filesystem::path follow_links(const Host& host,
                                   std::filesystem::path host_path) {
  if (host.live()) return host_path;
  // Linux gives up after 40 links (ELOOP); so does this.
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code error;
    std::filesystem::path on_disk = host.path(host_path);
    if (!std::filesystem::is_symlink(on_disk, error)) break;
    std::filesystem::path target = std::filesystem::read_symlink(on_disk, error);
    if (error) break;
    host_path = target.is_absolute()
                    ? target
                    : (host_path.parent_path() / target).lexically_normal();
  }
  return host_path;
}

}  // namespace tlslint::host::system

namespace tlslint::rules {

void register_system_rules(engine::Registry& registry) {
  registry.add_host_check(host::system::check_tls13);
  registry.add_host_check(host::system::check_openssl_version);
  registry.add_host_check(host::system::check_ca_bundle);
  registry.add_host_check(host::system::check_outbound);
  registry.add_host_check(host::system::check_dns);
  registry.add_host_check(host::system::check_clock);
}

}  // namespace tlslint::rules
