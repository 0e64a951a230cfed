#include "host/letsencrypt/scheduler.h"

#include <gtest/gtest.h>

namespace tlslint::host::letsencrypt {
namespace {

// `systemctl list-timers --all` as newer systemd versions print it: an
// inactive timer shows "-" in NEXT, LEFT, LAST and PASSED.
constexpr const char* kNewSystemd =
    "NEXT                        LEFT          LAST                        "
    "PASSED       UNIT                         ACTIVATES\n"
    "Fri 2026-12-04 21:41:07 UTC 9h left       Fri 2026-12-04 09:12:44 UTC "
    "2h 47min ago certbot.timer                certbot.service\n"
    "-                           -             -                           "
    "-            snap.certbot.renew.timer     snap.certbot.renew.service\n"
    "\n"
    "2 timers listed.\n";

// Older systemd versions (RHEL 7, for example) print "n/a" instead.
constexpr const char* kOldSystemd =
    "NEXT LEFT LAST PASSED UNIT ACTIVATES\n"
    "n/a  n/a  n/a  n/a    certbot.timer certbot.service\n"
    "\n"
    "1 timers listed.\n"
    "Pass --all to see loaded but inactive timers, too.\n";

TEST(ListTimers, ReadsActiveAndInactiveTimers) {
  std::vector<Timer> timers = parse_list_timers(kNewSystemd);
  ASSERT_EQ(timers.size(), 2u);
  EXPECT_EQ(timers[0].unit, "certbot.timer");
  EXPECT_TRUE(timers[0].active);
  EXPECT_EQ(timers[1].unit, "snap.certbot.renew.timer");
  EXPECT_FALSE(timers[1].active);
}

TEST(ListTimers, NotApplicableMeansInactive) {
  std::vector<Timer> timers = parse_list_timers(kOldSystemd);
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_FALSE(timers[0].active);
}

TEST(ListTimers, EmptyOutputHasNoTimers) {
  EXPECT_TRUE(parse_list_timers("").empty());
  EXPECT_TRUE(parse_list_timers("0 timers listed.\n").empty());
}

TEST(CronJobs, FindsDebianLineAndItsGuard) {
  std::vector<CronJob> jobs = find_renew_jobs(
      "SHELL=/bin/sh\n"
      "PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\n"
      "\n"
      "0 */12 * * * root test -x /usr/bin/certbot -a \\! -d "
      "/run/systemd/system && perl -e 'sleep int(rand(43200))' && certbot "
      "-q renew --no-random-sleep-on-renew\n");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].line, 4u);
  EXPECT_TRUE(jobs[0].skipped_under_systemd);
}

TEST(CronJobs, FindsUserCrontabLine) {
  std::vector<CronJob> jobs = find_renew_jobs(
      "# m h dom mon dow command\n"
      "17 3 * * * /usr/bin/certbot renew --quiet --deploy-hook 'systemctl "
      "reload nginx'\n");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].line, 2u);
  EXPECT_FALSE(jobs[0].skipped_under_systemd);
}

TEST(CronJobs, SkipsCommentsAndOtherCommands) {
  std::vector<CronJob> jobs = find_renew_jobs(
      "# 0 0 * * * certbot renew\n"
      "0 0 * * * certbot certificates\n"
      "0 0 * * * /usr/local/bin/renew-all\n"
      "CERTBOT_ARGS=renew\n");
  EXPECT_TRUE(jobs.empty());
}

TEST(CronJobs, FindsLetsencryptAuto) {
  std::vector<CronJob> jobs =
      find_renew_jobs("@daily /opt/letsencrypt/letsencrypt-auto renew\n");
  EXPECT_EQ(jobs.size(), 1u);
}

TEST(CronFileName, FollowsRunPartsNames) {
  EXPECT_TRUE(is_cron_file_name("certbot"));
  EXPECT_TRUE(is_cron_file_name("certbot-renew_2"));
  EXPECT_FALSE(is_cron_file_name("certbot.dpkg-old"));
  EXPECT_FALSE(is_cron_file_name("certbot~"));
  EXPECT_FALSE(is_cron_file_name(""));
}

}  // namespace
}  // namespace tlslint::host::letsencrypt
