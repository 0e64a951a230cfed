#include <chrono>
#include <filesystem>

#include <gtest/gtest.h>

#include "host/system/checks.h"
#include "support/process.h"

namespace tlslint::host::system {
namespace {

using std::chrono::milliseconds;

TEST(DescribeFailure, NamesExitStatusAndFirstErrorLine) {
  Host host("", milliseconds(5000));
  HostCommand failing{{"sh", "-c", "echo 'Permission denied (you must be "
                                   "root)' >&2; echo more >&2; exit 4"},
                      "unused"};
  EXPECT_FALSE(command_text(host, failing));
  EXPECT_EQ(describe_failure(host, failing),
            "\"sh -c echo 'Permission denied (you must be root)' >&2; echo "
            "more >&2; exit 4\" exited with status 4: Permission denied (you "
            "must be root)");
}

TEST(CommandText, JoinsStdoutAndStderr) {
  Host host("", milliseconds(5000));
  HostCommand both{{"sh", "-c", "echo out; echo err >&2"}, "unused"};
  EXPECT_EQ(command_text(host, both), "out\nerr\n");
}

TEST(FollowLinks, StaysInsideRoot) {
  testing::TempDir root;
  root.write("etc/ssl/real.pem", "x");
  std::filesystem::create_symlink("/etc/ssl/real.pem",
                                  root.path() + "/etc/ssl/absolute.pem");
  std::filesystem::create_symlink("real.pem",
                                  root.path() + "/etc/ssl/relative.pem");
  Host host(root.path(), milliseconds(1000));
  EXPECT_EQ(follow_links(host, "/etc/ssl/absolute.pem"), "/etc/ssl/real.pem");
  EXPECT_EQ(follow_links(host, "/etc/ssl/relative.pem"), "/etc/ssl/real.pem");
  EXPECT_EQ(follow_links(host, "/etc/ssl/real.pem"), "/etc/ssl/real.pem");
}

TEST(FollowLinks, StopsOnLoop) {
  testing::TempDir root;
  std::filesystem::create_directories(root.path() + "/etc");
  std::filesystem::create_symlink("/etc/b", root.path() + "/etc/a");
  std::filesystem::create_symlink("/etc/a", root.path() + "/etc/b");
  Host host(root.path(), milliseconds(1000));
  std::filesystem::path end = follow_links(host, "/etc/a");
  EXPECT_TRUE(end == "/etc/a" || end == "/etc/b") << end;
  EXPECT_FALSE(host.read(end));
}

}  // namespace
}  // namespace tlslint::host::system
