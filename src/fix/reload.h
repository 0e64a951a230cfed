#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

namespace tlslint::fix {

/// The commands that make a fixed configuration live, in order: a test,
/// then a reload. Each is a list of words, run without a shell.
std::vector<std::vector<std::string>> reload_commands(
    const std::string& reload_command, bool systemd_running);

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
