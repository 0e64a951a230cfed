#include "fix/reload.h"

#include <fmt/core.h>
#include <fmt/ostream.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <thread>

#include "config/paths.h"

extern char** environ;

namespace tlslint::fix {
namespace {

/// Waits for `pid` up to `timeout`; kills it after that. Returns the wait
/// status, or -1 on a timeout.
int wait_with_timeout(pid_t pid, std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return status;
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

bool systemd_running() {
  std::error_code error;
  return std::filesystem::is_directory("/run/systemd/system", error);
}

std::vector<std::string> custom_main_configs(
    const std::vector<config::Config>& configs) {
  std::vector<std::string> paths;
  for (const config::Config& config : configs) {
    if (config.context != config::RootContext::main || config.roots.empty()) {
      continue;
    }
    // An input keeps its command-line spelling; map_input() gives nginx's
    // name for one inside --root. nginx resolves a relative -c against its
    // prefix, not the current directory, so the path is made absolute.
    std::string view =
        config::map_input(config.files.at(config.roots[0]).path, config.root)
            .view;
    std::string absolute =
        std::filesystem::absolute(view).lexically_normal().string();
    if (absolute == kDefaultMainConfig) continue;
    if (std::find(paths.begin(), paths.end(), absolute) == paths.end()) {
      paths.push_back(absolute);
    }
  }
  return paths;
}

std::vector<std::vector<std::string>> reload_commands(
    const std::string& reload_command, bool systemd,
    const std::vector<std::string>& main_configs) {
  std::vector<std::vector<std::string>> commands;
  for (const std::string& path : main_configs) {
    commands.push_back({"nginx", "-t", "-c", path});
  }
  if (commands.empty()) commands.push_back({"nginx", "-t"});
  if (!reload_command.empty()) {
    commands.push_back(split_words(reload_command));
  } else if (systemd) {
    // The unit decides which config the service loads, so -c cannot help.
    commands.push_back({"systemctl", "reload", "nginx"});
  } else if (main_configs.size() == 1) {
    commands.push_back({"nginx", "-c", main_configs[0], "-s", "reload"});
  } else {
    commands.push_back({"nginx", "-s", "reload"});
  }
  return commands;
}

std::vector<std::string> split_words(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < command.size(); ++i) {
    char c = command[i];
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote == '"' && i + 1 < command.size()) {
        word += command[++i];
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < command.size()) {
      word += command[++i];
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (quote) return {};
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string line;
  for (const std::string& word : words) {
    if (!line.empty()) line += ' ';
    if (word.find_first_of(" \t'\"\\") == std::string::npos && !word.empty()) {
      line += word;
      continue;
    }
    line += '\'';
    for (char c : word)
      line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

std::string run_commands(const std::vector<std::vector<std::string>>& commands,
                         std::chrono::seconds timeout, std::ostream& out) {
  for (const auto& words : commands) {
    if (words.empty()) return "empty command";
    std::string shown = join_words(words);
    fmt::print(out, "running: {}\n", shown);
    out.flush();
    std::vector<char*> argv;
    for (const std::string& word : words) {
      argv.push_back(const_cast<char*>(word.c_str()));
    }
    argv.push_back(nullptr);
    pid_t pid = 0;
    int spawned =
        ::posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
    if (spawned != 0) {
      return fmt::format("failed to run \"{}\": {}", shown,
                         std::strerror(spawned));
    }
    int status = wait_with_timeout(pid, timeout);
    if (status == -1) {
      return fmt::format("\"{}\" timed out after {} seconds and was killed",
                         shown, timeout.count());
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      return fmt::format(
          "\"{}\" failed with exit status {}; later commands "
          "were not run",
          shown,
          WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    }
  }
  return "";
}

}  // namespace tlslint::fix
