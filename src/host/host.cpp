#include "host/host.h"

#include <fstream>
#include <sstream>

#include <fmt/core.h>

namespace tlslint::host {

Host::Host(std::filesystem::path root, std::chrono::milliseconds timeout)
    : root_(std::move(root)), timeout_(timeout) {}

std::filesystem::path Host::path(const std::filesystem::path& host_path) const {
  if (live()) return host_path;
  return root_ / host_path.relative_path();
}

std::optional<std::string> Host::read(
    const std::filesystem::path& host_path) const {
  std::error_code error;
  std::filesystem::path file = path(host_path);
  if (!std::filesystem::is_regular_file(file, error)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

std::filesystem::path Host::saved_output(const HostCommand& command) const {
  return root_ / kSavedOutputDir / command.saved_name;
}

const CommandResult& Host::command(const HostCommand& command) {
  auto found = results_.find(command.argv);
  if (found != results_.end()) return found->second;
  CommandResult result;
  if (live()) {
    result = run_command(command.argv, timeout_);
  } else if (auto text = read(std::filesystem::path("/") / kSavedOutputDir /
                            command.saved_name)) {
    result.status = CommandResult::Status::exited;
    result.exit_code = 0;
    result.output = std::move(*text);
  } else {
    result.status = CommandResult::Status::not_found;
  }
  return results_.emplace(command.argv, std::move(result)).first->second;
}

std::string Host::describe_missing(const HostCommand& command) const {
  std::string shown;
  for (const std::string& word : command.argv) {
    if (!shown.empty()) shown += ' ';
    shown += word;
  }
  if (!live()) {
    return fmt::format("no saved output of \"{}\" at {}", shown,
                       saved_output(command).string());
  }
  auto found = results_.find(command.argv);
  if (found != results_.end() &&
      found->second.status == CommandResult::Status::timed_out) {
    return fmt::format("\"{}\" timed out", shown);
  }
  return fmt::format("{} is not installed or not on PATH", command.argv[0]);
}

namespace commands {
const HostCommand nginx_version{{"nginx", "-V"}, "nginx-V"};
const HostCommand openssl_version{{"openssl", "version"}, "openssl-version"};
const HostCommand iptables_save{{"iptables-save"}, "iptables-save"};
const HostCommand ip6tables_save{{"ip6tables-save"}, "ip6tables-save"};
const HostCommand nft_ruleset{{"nft", "list", "ruleset"}, "nft-list-ruleset"};
const HostCommand systemctl_resolved_active{
    {"systemctl", "is-active", "systemd-resolved"},
    "systemctl-is-active-systemd-resolved"};
const HostCommand systemctl_timers{{"systemctl", "list-timers", "--all"},
                                   "systemctl-list-timers"};
const HostCommand timedatectl_show{{"timedatectl", "show"}, "timedatectl-show"};
}  // namespace commands

}  // namespace tlslint::host
