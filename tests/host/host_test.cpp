#include "host/host.h"

#include <gtest/gtest.h>

#include "support/process.h"

namespace tlslint::host {
namespace {

using Status = CommandResult::Status;
using std::chrono::milliseconds;

TEST(Host, RootMapsAbsolutePaths) {
  Host host("/srv/tree", milliseconds(1000));
  EXPECT_FALSE(host.live());
  EXPECT_EQ(host.path("/etc/resolv.conf"), "/srv/tree/etc/resolv.conf");
}

TEST(Host, LiveKeepsPaths) {
  Host host("", milliseconds(1000));
  EXPECT_TRUE(host.live());
  EXPECT_EQ(host.path("/etc/resolv.conf"), "/etc/resolv.conf");
}

TEST(Host, ReadsFilesUnderRoot) {
  testing::TempDir root;
  root.write("etc/resolv.conf", "nameserver 192.0.2.1\n");
  Host host(root.path(), milliseconds(1000));
  EXPECT_EQ(host.read("/etc/resolv.conf"), "nameserver 192.0.2.1\n");
  EXPECT_EQ(host.read("/etc/hosts"), std::nullopt);
}

TEST(Host, RootReadsSavedOutputInsteadOfRunning) {
  testing::TempDir root;
  root.write(".tlslint/commands/iptables-save", ":OUTPUT DROP [0:0]\n");
  Host host(root.path(), milliseconds(1000));
  const CommandResult& saved = host.command(commands::iptables_save);
  EXPECT_EQ(saved.status, Status::exited);
  EXPECT_EQ(saved.output, ":OUTPUT DROP [0:0]\n");
  const CommandResult& missing = host.command(commands::nft_ruleset);
  EXPECT_EQ(missing.status, Status::not_found);
  EXPECT_EQ(host.describe_missing(commands::nft_ruleset),
            "no saved output of \"nft list ruleset\" at " + root.path() +
                "/.tlslint/commands/nft-list-ruleset");
}

TEST(Host, LiveRunsCommandOnce) {
  testing::TempDir scratch;
  std::string counter = scratch.path() + "/runs";
  HostCommand append{{"sh", "-c", "echo x >> " + counter + "; cat " + counter},
                     "unused"};
  Host host("", milliseconds(5000));
  EXPECT_EQ(host.command(append).output, "x\n");
  EXPECT_EQ(host.command(append).output, "x\n");
}

TEST(Host, DescribesMissingProgram) {
  Host host("", milliseconds(1000));
  HostCommand absent{{"tlslint-no-such-program", "-V"}, "absent"};
  EXPECT_EQ(host.command(absent).status, Status::not_found);
  EXPECT_EQ(host.describe_missing(absent),
            "tlslint-no-such-program is not installed or not on PATH");
}

}  // namespace
}  // namespace tlslint::host
