#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tlslint::host::letsencrypt {

/// One row of `systemctl list-timers --all`.
struct Timer {
  std::string unit;
  /// False when the NEXT column is "-" (newer systemd) or "n/a" (older
  /// systemd, e.g. RHEL 7), because the timer is loaded but will not fire.
  bool active = false;
};

/// The timer rows of `systemctl list-timers --all` output; the header and
/// the "N timers listed." footer are skipped.
std::vector<Timer> parse_list_timers(std::string_view output);

/// A crontab or cron script line that runs `certbot renew`.
struct CronJob {
  std::size_t line = 0;
  std::string text;
  /// True when the line tests /run/systemd/system, as Debian's
  /// /etc/cron.d/certbot does, so that it does nothing on systemd hosts
  /// and leaves renewal to certbot.timer.
  bool skipped_under_systemd = false;
};

/// The lines of a crontab or cron script that run `certbot renew` (or
/// `letsencrypt renew`), comments and variable assignments excluded.
std::vector<CronJob> find_renew_jobs(std::string_view text);

/// True for a file name cron and run-parts read on Debian: letters, digits,
/// "_" and "-" only, so "certbot.dpkg-old" or "certbot~" are ignored.
bool is_cron_file_name(std::string_view name);

}  // namespace tlslint::host::letsencrypt
