#include "host/reload/proc.h"

#include <sstream>
#include <vector>

namespace tlslint::host::reload {

std::optional<ProcessStat> parse_process_stat(std::string_view text) {
  auto open = text.find('(');
  auto close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos ||
      close < open) {
    return std::nullopt;
  }
  ProcessStat stat;
  try {
    stat.pid = std::stoi(std::string(text.substr(0, open)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  stat.comm = std::string(text.substr(open + 1, close - open - 1));
  // After comm: field 3 (state), field 4 (ppid), ... field 22 (starttime).
  std::istringstream rest{std::string(text.substr(close + 1))};
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  constexpr std::size_t kPpid = 4 - 3;
  constexpr std::size_t kStartTime = 22 - 3;
  if (fields.size() <= kStartTime) return std::nullopt;
  try {
    stat.ppid = std::stoi(fields[kPpid]);
    stat.start_ticks = std::stoull(fields[kStartTime]);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return stat;
}

std::optional<std::int64_t> parse_boot_time(std::string_view text) {
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("btime ")) continue;
    try {
      return std::stoll(line.substr(6));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace tlslint::host::reload
