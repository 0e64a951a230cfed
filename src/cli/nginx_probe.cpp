#include "cli/nginx_probe.h"

#include <chrono>
#include <string>

#include "host/command.h"

namespace tlslint::cli {
namespace {

constexpr auto kTimeout = std::chrono::seconds(5);

}  // namespace

std::optional<engine::Version> probe_nginx_version() {
  host::CommandResult result = host::run_command({"nginx", "-v"}, kTimeout);
  if (result.status != host::CommandResult::Status::exited) {
    return std::nullopt;
  }
  // nginx prints "nginx version: nginx/1.22.1" (plus a newline) to stderr.
  const std::string& output = result.errors;
  const std::string marker = "nginx/";
  auto start = output.find(marker);
  if (start == std::string::npos) return std::nullopt;
  start += marker.size();
  auto end = output.find_first_not_of("0123456789.", start);
  return engine::parse_version(output.substr(start, end - start));
}

}  // namespace tlslint::cli
