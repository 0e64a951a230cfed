#include "cli/nginx_probe.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

extern char** environ;

namespace tlslint::cli {
namespace {

constexpr auto kTimeout = std::chrono::seconds(5);

/// Runs argv[0] from PATH and returns what it wrote to stdout and stderr,
/// or nullopt when it could not start or did not finish in time. The child
/// is killed by its PID on timeout.
std::optional<std::string> capture(const char* const argv[]) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr,
                             const_cast<char* const*>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    return std::nullopt;
  }
  std::string output;
  auto deadline = std::chrono::steady_clock::now() + kTimeout;
  bool timed_out = false;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd entry{pipe_fds[0], POLLIN, 0};
    int ready = ::poll(&entry, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      timed_out = ready == 0;
      break;
    }
    char buffer[4096];
    ssize_t count = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) break;
    if (output.size() < 65536) output.append(buffer, count);
  }
  ::close(pipe_fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) return std::nullopt;
  return output;
}

}  // namespace

std::optional<engine::Version> probe_nginx_version() {
  const char* const argv[] = {"nginx", "-v", nullptr};
  std::optional<std::string> output = capture(argv);
  if (!output) return std::nullopt;
  // nginx prints "nginx version: nginx/1.22.1" (plus a newline) to stderr.
  const std::string marker = "nginx/";
  auto start = output->find(marker);
  if (start == std::string::npos) return std::nullopt;
  start += marker.size();
  auto end = output->find_first_not_of("0123456789.", start);
  return engine::parse_version(output->substr(start, end - start));
}

}  // namespace tlslint::cli
