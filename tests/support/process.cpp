#include "support/process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

extern char** environ;

namespace tlslint::testing {

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::string& directory) {
  ProcessResult result;
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe2 failed: " << std::strerror(errno);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  if (!directory.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, directory.c_str());
  }
  pid_t pid = 0;
  int spawned =
      posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    ADD_FAILURE() << "cannot start " << argv[0] << ": "
                  << std::strerror(spawned);
    return result;
  }
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_count = 2;
  while (open_count > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buffer[65536];
      ssize_t count = ::read(fds[i].fd, buffer, sizeof buffer);
      if (count > 0) {
        sinks[i]->append(buffer, count);
      } else if (count == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status)
                                         : 128 + WTERMSIG(status);
  return result;
}

ProcessResult run_tlslint(const std::vector<std::string>& args,
                          const std::string& directory) {
  std::vector<std::string> argv{TLSLINT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, directory);
}

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string(base && *base ? base : "/tmp") + "/tlslint-test-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!::mkdtemp(buffer.data())) {
    ADD_FAILURE() << "mkdtemp failed: " << std::strerror(errno);
    return;
  }
  path_ = buffer.data();
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ignored;
  // Tests chmod files to 000 or create FIFOs; make everything removable.
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ignored);
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& relative,
                           const std::string& text) const {
  std::filesystem::path full = std::filesystem::path(path_) / relative;
  std::filesystem::create_directories(full.parent_path());
  std::ofstream(full, std::ios::binary) << text;
  return full.string();
}

std::string test_pki(const TempDir& scratch) {
  const char* shared = std::getenv("TLSLINT_TEST_PKI");
  if (shared && *shared && std::filesystem::exists(std::string(shared) +
                                                   "/.tlslint-pki")) {
    return shared;
  }
  std::string pki = scratch.path() + "/pki";
  ProcessResult made = run_process(
      {"bash", std::string(TLSLINT_SOURCE_DIR) + "/tests/data/e2e/make-pki.sh",
       pki});
  EXPECT_EQ(made.exit_status, 0) << made.err;
  return pki;
}

std::string test_pki_now(const std::string& pki) {
  // make-pki.sh touches its marker first and takes seconds to finish.
  struct stat info {};
  std::time_t made = ::stat((pki + "/.tlslint-pki").c_str(), &info) == 0
                         ? info.st_mtime
                         : std::time(nullptr);
  std::time_t now = made + 120;
  char buffer[32];
  std::tm parts{};
  gmtime_r(&now, &parts);
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

std::vector<FindingLine> parse_findings(const std::string& output) {
  static const std::regex pattern(
      R"(^(.+?):(\d+):(\d+): (error|warning|info|note): (.*?)(?: \[([a-z0-9-]+)\])?$)");
  std::vector<FindingLine> findings;
  std::size_t start = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    std::string line = output.substr(start, end - start);
    start = end + 1;
    std::smatch match;
    if (!std::regex_match(line, match, pattern)) continue;
    findings.push_back({match[1], std::stoi(match[2]), std::stoi(match[3]),
                        match[4], match[5], match[6]});
  }
  return findings;
}

}  // namespace tlslint::testing
