// Something must run `certbot renew`: certbot.timer (Debian and Ubuntu
// packages), snap.certbot.renew.timer (the snap), or a cron line. Debian's
// /etc/cron.d/certbot tests that /run/systemd/system does not exist, so on
// a systemd host it does nothing and only the timer renews.
#include "host/letsencrypt/scheduler.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <system_error>

#include <fmt/core.h>

#include "host/letsencrypt/letsencrypt.h"

namespace tlslint::host::letsencrypt {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kRule = "le-no-renewal-scheduler";
constexpr const char* kTimers[] = {"certbot.timer", "snap.certbot.renew.timer"};
constexpr std::string_view kCronLine = "0 */12 * * * root certbot -q renew";

std::vector<std::string> words_of(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

/// NAME=value lines set variables in a crontab.
bool is_assignment(const std::vector<std::string>& words) {
  auto equals = words[0].find('=');
  return equals != std::string::npos && equals > 0 &&
         words[0].find_first_of("*/") == std::string::npos;
}

struct CronSource {
  fs::path path;
  std::vector<CronJob> jobs;
};

/// Regular files of a cron directory that cron or run-parts would read.
std::vector<fs::path> cron_files(const Host& host, const fs::path& directory) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry :
       fs::directory_iterator(host.path(directory), error)) {
    std::string name = entry.path().filename().string();
    std::error_code type_error;
    if (!entry.is_regular_file(type_error) || !is_cron_file_name(name)) {
      continue;
    }
    files.push_back(directory / name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<CronSource> read_cron_jobs(const Host& host) {
  std::vector<fs::path> files{"/etc/crontab"};
  for (const char* directory :
       {"/etc/cron.d", "/etc/cron.daily", "/etc/cron.weekly",
        "/var/spool/cron/crontabs", "/var/spool/cron"}) {
    for (const fs::path& file : cron_files(host, directory)) {
      files.push_back(file);
    }
  }
  std::vector<CronSource> sources;
  for (const fs::path& file : files) {
    std::optional<std::string> text = host.read(file);
    if (!text) continue;
    std::vector<CronJob> jobs = find_renew_jobs(*text);
    if (!jobs.empty()) sources.push_back({file, std::move(jobs)});
  }
  return sources;
}

std::string listed_timer(const std::vector<Timer>& timers) {
  for (const Timer& timer : timers) {
    for (const char* name : kTimers) {
      if (timer.unit == name) return timer.unit;
    }
  }
  return "";
}

}  // namespace

std::vector<Timer> parse_list_timers(std::string_view output) {
  std::vector<Timer> timers;
  std::istringstream in{std::string(output)};
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> words = words_of(line);
    if (words.empty() || words[0] == "NEXT") continue;
    for (const std::string& word : words) {
      if (!word.ends_with(".timer")) continue;
      timers.push_back({word, words[0] != "-" && words[0] != "n/a"});
      break;
    }
  }
  return timers;
}

std::vector<CronJob> find_renew_jobs(std::string_view text) {
  std::vector<CronJob> jobs;
  std::istringstream in{std::string(text)};
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    std::vector<std::string> words = words_of(line);
    if (words.empty() || words[0].starts_with("#") || is_assignment(words)) {
      continue;
    }
    bool certbot = false;
    bool renew = false;
    for (const std::string& word : words) {
      certbot = certbot || word.find("certbot") != std::string::npos ||
                word.find("letsencrypt") != std::string::npos;
      renew = renew || word == "renew";
    }
    if (!certbot || !renew) continue;
    bool guarded = line.find("/run/systemd/system") != std::string::npos;
    jobs.push_back({number, line, guarded});
  }
  return jobs;
}

bool is_cron_file_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

void check_scheduler(HostContext& context, const CertbotState& state) {
  if (state.renewals.empty()) return;
  Host& host = context.host();
  std::error_code error;
  bool systemd = fs::is_directory(host.path("/run/systemd/system"), error);

  const CommandResult& result = host.command(commands::systemctl_timers);
  bool timers_known =
      result.status == CommandResult::Status::exited && result.exit_code == 0;
  std::vector<Timer> timers;
  if (timers_known) timers = parse_list_timers(result.output);
  for (const Timer& timer : timers) {
    for (const char* name : kTimers) {
      if (timer.active && timer.unit == name) return;
    }
  }

  std::vector<engine::RelatedNote> notes;
  for (const CronSource& source : read_cron_jobs(host)) {
    for (const CronJob& job : source.jobs) {
      if (!job.skipped_under_systemd || !systemd) return;
      notes.push_back({engine::Location{source.path.string(), job.line, 1, 0},
                       "this line runs only when /run/systemd/system does "
                       "not exist, so it does nothing on this systemd host"});
    }
  }

  if (systemd && !timers_known) {
    context.not_checked(
        kRule, fmt::format("no cron line runs \"certbot renew\" and the "
                           "state of certbot.timer is unknown: {}",
                           host.describe_missing(commands::systemctl_timers)));
    return;
  }
  std::string timer = listed_timer(timers);
  std::string action =
      !timer.empty()
          ? fmt::format("run \"systemctl enable --now {}\"", timer)
          : fmt::format("add the line \"{}\" to /etc/cron.d/certbot-renew",
                        kCronLine);
  engine::Finding& finding = context.report(
      kRule, std::nullopt,
      fmt::format("nothing runs \"certbot renew\" for the renewal "
                  "configurations in \"{}\": no active certbot.timer or "
                  "snap.certbot.renew.timer and no cron line, so every "
                  "certificate will expire; {}",
                  config_path("renewal").string(), action));
  finding.notes = std::move(notes);
}

}  // namespace tlslint::host::letsencrypt
