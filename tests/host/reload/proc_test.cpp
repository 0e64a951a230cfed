#include "host/reload/proc.h"

#include <gtest/gtest.h>

namespace tlslint::host::reload {
namespace {

TEST(ProcessStat, ReadsPidParentAndStartTime) {
  // An nginx master process in the kernel's 52-field format.
  auto stat = parse_process_stat(
      "812 (nginx) S 1 812 812 0 -1 4210752 76 0 0 0 0 0 0 0 20 0 1 0 "
      "1843 11431936 389 18446744073709551615 94187062714368 "
      "94187063656653 140725392395104 0 0 0 0 1073745920 402745863 0 0 0 "
      "17 1 0 0 0 0 0 94187063913680 94187064056092 94187071725568 "
      "140725392400307 140725392400354 140725392400354 140725392404456 0\n");
  ASSERT_TRUE(stat);
  EXPECT_EQ(stat->pid, 812);
  EXPECT_EQ(stat->comm, "nginx");
  EXPECT_EQ(stat->ppid, 1);
  EXPECT_EQ(stat->start_ticks, 1843u);
}

TEST(ProcessStat, CommMayHoldSpacesAndParentheses) {
  auto stat = parse_process_stat(
      "9 (a) b (c)) S 4 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 777 0 0\n");
  ASSERT_TRUE(stat);
  EXPECT_EQ(stat->comm, "a) b (c)");
  EXPECT_EQ(stat->ppid, 4);
  EXPECT_EQ(stat->start_ticks, 777u);
}

TEST(ProcessStat, RejectsShortOrGarbledLines) {
  EXPECT_FALSE(parse_process_stat(""));
  EXPECT_FALSE(parse_process_stat("12 (nginx) S 1 2 3"));
  EXPECT_FALSE(
      parse_process_stat("x (nginx) S 1 0 0 0 0 0 0 0 0 0 0 0 0 0 "
                         "0 0 0 0 5 0"));
}

TEST(BootTime, ReadsBtimeLine) {
  EXPECT_EQ(parse_boot_time("cpu  1 2 3\nintr 5\nbtime 1796083200\n"
                            "processes 4\n"),
            1796083200);
  EXPECT_EQ(parse_boot_time("cpu  1 2 3\n"), std::nullopt);
}

}  // namespace
}  // namespace tlslint::host::reload
