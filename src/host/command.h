#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace tlslint::host {

/// The outcome of a command run by run_command().
struct CommandResult {
  enum class Status {
    /// The command ran and exited with `exit_code`.
    exited,
    /// argv[0] is not on PATH or could not be executed.
    not_found,
    /// It ran longer than the timeout and was killed.
    timed_out,
    /// It was killed by a signal, or waiting for it failed.
    failed,
  };
  Status status = Status::failed;
  int exit_code = -1;
  /// stdout, cut at kMaxOutput bytes.
  std::string output;
  /// stderr, cut at kMaxOutput bytes.
  std::string errors;
};

/// Output beyond this many bytes per stream is read and dropped, so a
/// runaway command cannot exhaust memory.
inline constexpr std::size_t kMaxOutput = 16 * 1024 * 1024;

/// Runs argv[0] from PATH without a shell, with stdin from /dev/null, and
/// collects stdout and stderr. The child is killed by its PID once
/// `timeout` has passed.
CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout);

}  // namespace tlslint::host
