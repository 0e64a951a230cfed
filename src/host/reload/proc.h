#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlslint::host::reload {

/// The fields of /proc/PID/stat that tlslint reads (proc(5)).
struct ProcessStat {
  int pid = 0;
  /// The executable's name as the kernel keeps it, without parentheses.
  std::string comm;
  int ppid = 0;
  /// Field 22: when the process started, in clock ticks after boot.
  std::uint64_t start_ticks = 0;
};

/// Parses one /proc/PID/stat line. comm may contain spaces and ")", so
/// the fields after it are found from the last ")".
std::optional<ProcessStat> parse_process_stat(std::string_view text);

/// The "btime" line of /proc/stat: boot time in seconds since the epoch.
std::optional<std::int64_t> parse_boot_time(std::string_view text);

}  // namespace tlslint::host::reload
