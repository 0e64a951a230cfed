#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "config/config.h"

namespace tlslint::fix {

/// nginx's compiled-in main config on Debian, Ubuntu, Alpine and RHEL
/// (--conf-path), which "nginx -t" tests when no -c is given.
inline constexpr const char* kDefaultMainConfig = "/etc/nginx/nginx.conf";

/// The full nginx.conf inputs that are not kDefaultMainConfig, as absolute
/// paths the way nginx names them: with --root, inside the root without the
/// root's prefix (so `root/etc/nginx/alt.conf` gives `/etc/nginx/alt.conf`).
std::vector<std::string> custom_main_configs(
    const std::vector<config::Config>& configs);

/// The commands that make a fixed configuration live, in order: a test of
/// each main config (with -c for a custom one), then a reload. A custom main
/// config is also given to "nginx -s reload", because nginx reads the pid
/// file's path from it; it is given only when there is exactly one. Each
/// command is a list of words, run without a shell.
std::vector<std::vector<std::string>> reload_commands(
    const std::string& reload_command, bool systemd_running,
    const std::vector<std::string>& main_configs = {});

/// True when /run/systemd/system exists (systemd is PID 1).
bool systemd_running();

/// Splits a command line into words at blanks; single and double quotes
/// group words, a backslash escapes the next character. No expansion of
/// any kind is done. Returns an empty list for an unterminated quote.
std::vector<std::string> split_words(const std::string& command);

/// Joins words for display, quoting those with blanks or quotes.
std::string join_words(const std::vector<std::string>& words);

/// Runs each command in order and stops at the first that fails or runs
/// longer than `timeout` (then it is killed). The commands' output goes to
/// this process's stdout and stderr. Returns "" when all succeeded, else
/// the reason.
std::string run_commands(const std::vector<std::vector<std::string>>& commands,
                         std::chrono::seconds timeout, std::ostream& out);

}  // namespace tlslint::fix
