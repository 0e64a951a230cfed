#include "host/command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

extern char** environ;

namespace tlslint::host {
namespace {

/// Closes a descriptor once, on scope exit or earlier.
class Descriptor {
 public:
  explicit Descriptor(int fd = -1) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() { close(); }

  int get() const { return fd_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

/// Reads what is available on `fd` into `text`; returns false at end of
/// file or on an error other than EINTR/EAGAIN.
bool drain(int fd, std::string& text) {
  char buffer[8192];
  ssize_t count = ::read(fd, buffer, sizeof buffer);
  if (count < 0) return errno == EINTR || errno == EAGAIN;
  if (count == 0) return false;
  std::size_t room = kMaxOutput - std::min(kMaxOutput, text.size());
  text.append(buffer, std::min(room, static_cast<std::size_t>(count)));
  return true;
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout) {
  CommandResult result;
  if (argv.empty()) return result;
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return result;
  Descriptor out_read(out_pipe[0]);
  Descriptor out_write(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) return result;
  Descriptor err_read(err_pipe[0]);
  Descriptor err_write(err_pipe[1]);

  std::vector<char*> words;
  for (const std::string& word : argv) {
    words.push_back(const_cast<char*>(word.c_str()));
  }
  words.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), 2);
  pid_t pid = 0;
  int spawned =
      ::posix_spawnp(&pid, words[0], &actions, nullptr, words.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  out_write.close();
  err_write.close();
  if (spawned != 0) {
    result.status = CommandResult::Status::not_found;
    result.errors = std::strerror(spawned);
    return result;
  }

  auto deadline = std::chrono::steady_clock::now() + timeout;
  bool out_open = true;
  bool err_open = true;
  bool timed_out = false;
  while (out_open || err_open) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd entries[2] = {{out_open ? out_read.get() : -1, POLLIN, 0},
                         {err_open ? err_read.get() : -1, POLLIN, 0}};
    int ready = ::poll(entries, 2, static_cast<int>(left.count()));
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (ready == 0) continue;
    if (out_open && entries[0].revents != 0) {
      out_open = drain(out_read.get(), result.output);
    }
    if (err_open && entries[1].revents != 0) {
      err_open = drain(err_read.get(), result.errors);
    }
  }
  // A child may close its output and keep running, so the deadline holds
  // for the wait as well.
  int status = 0;
  while (!timed_out) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return result;
    if (std::chrono::steady_clock::now() >= deadline) {
      timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (timed_out) {
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (timed_out) {
    result.status = CommandResult::Status::timed_out;
  } else if (WIFEXITED(status)) {
    result.status = CommandResult::Status::exited;
    result.exit_code = WEXITSTATUS(status);
  }
  return result;
}

}  // namespace tlslint::host
