#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/command.h"

namespace tlslint::host {

/// A command a host check reads, and the file its saved output is read
/// from when the host is a tree under --root.
struct HostCommand {
  std::vector<std::string> argv;
  /// File name under kSavedOutputDir, e.g. "iptables-save".
  std::string saved_name;
};

/// Folder of saved command output inside a --root tree. The user saves it
/// (`iptables-save > ROOT/.tlslint/commands/iptables-save`).
inline constexpr std::string_view kSavedOutputDir = ".tlslint/commands";

/// The machine being checked: the live system, or a tree laid out like /
/// (--root). Under a root every file is read from the tree. No command is
/// run there, because its output would describe this machine, so saved
/// output takes its place.
class Host {
 public:
  /// An empty `root` is the live system.
  Host(std::filesystem::path root, std::chrono::milliseconds timeout);

  bool live() const { return root_.empty(); }
  const std::filesystem::path& root() const { return root_; }

  /// The file that contains the host's absolute path `host_path`:
  /// ROOT/etc/resolv.conf for "/etc/resolv.conf" under a root.
  std::filesystem::path path(const std::filesystem::path& host_path) const;

  /// The whole file at `host_path`, or nullopt when it cannot be read.
  std::optional<std::string> read(const std::filesystem::path& host_path) const;

  /// Runs `command` once (live) or reads its saved output (root). A missing
  /// program or saved file has status not_found. Results are cached.
  const CommandResult& command(const HostCommand& command);

  /// Path of the saved output of `command` under a root.
  std::filesystem::path saved_output(const HostCommand& command) const;

  /// How to describe a command that gave no output, for "not checked"
  /// notes: "iptables-save is not installed" or "no saved output of
  /// iptables-save at ROOT/.tlslint/commands/iptables-save".
  std::string describe_missing(const HostCommand& command) const;

 private:
  std::filesystem::path root_;
  std::chrono::milliseconds timeout_;
  std::map<std::vector<std::string>, CommandResult> results_;
};

/// The commands host checks read, in one place so that tests and users know
/// which saved files a root may hold.
namespace commands {
/// nginx -V writes to stderr, so read CommandResult::errors as well.
extern const HostCommand nginx_version;        // nginx -V
extern const HostCommand openssl_version;      // openssl version
extern const HostCommand iptables_save;        // iptables-save
extern const HostCommand ip6tables_save;       // ip6tables-save
extern const HostCommand nft_ruleset;          // nft list ruleset
/// systemctl is-active systemd-resolved: exits 3 with "inactive" on stdout
/// when the unit is not running.
extern const HostCommand systemctl_resolved_active;
extern const HostCommand systemctl_timers;     // systemctl list-timers --all
extern const HostCommand timedatectl_show;     // timedatectl show
}  // namespace commands

}  // namespace tlslint::host
