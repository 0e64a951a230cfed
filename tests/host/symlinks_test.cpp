#include "host/symlinks.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "support/process.h"

namespace tlslint::host {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

class Symlinks : public ::testing::Test {
 protected:
  void link(const std::string& relative, const std::string& target) {
    fs::path at = fs::path(root_.path()) / relative;
    fs::create_directories(at.parent_path());
    fs::create_symlink(target, at);
  }

  testing::TempDir root_;
  Host host_{root_.path(), milliseconds(1000)};
};

TEST_F(Symlinks, AbsoluteTargetStaysUnderRoot) {
  root_.write("etc/letsencrypt/archive/a/cert1.pem", "x");
  link("etc/letsencrypt/live/a/cert.pem",
       "/etc/letsencrypt/archive/a/cert1.pem");
  EXPECT_EQ(resolve_links(host_, "/etc/letsencrypt/live/a/cert.pem"),
            fs::path("/etc/letsencrypt/archive/a/cert1.pem"));
}

TEST_F(Symlinks, RelativeTargetJoinsLinkDirectory) {
  root_.write("etc/letsencrypt/archive/a/cert1.pem", "x");
  link("etc/letsencrypt/live/a/cert.pem", "../../archive/a/cert1.pem");
  EXPECT_EQ(read_link(host_, "/etc/letsencrypt/live/a/cert.pem"),
            fs::path("/etc/letsencrypt/archive/a/cert1.pem"));
  EXPECT_EQ(resolve_links(host_, "/etc/letsencrypt/live/a/cert.pem"),
            fs::path("/etc/letsencrypt/archive/a/cert1.pem"));
}

TEST_F(Symlinks, FollowsChains) {
  root_.write("srv/final.pem", "x");
  link("etc/a.pem", "/etc/b.pem");
  link("etc/b.pem", "../srv/final.pem");
  EXPECT_EQ(resolve_links(host_, "/etc/a.pem"), fs::path("/srv/final.pem"));
}

TEST_F(Symlinks, BrokenLinkAndLoopResolveToNothing) {
  link("etc/broken.pem", "/etc/missing.pem");
  link("etc/loop1.pem", "/etc/loop2.pem");
  link("etc/loop2.pem", "/etc/loop1.pem");
  EXPECT_EQ(resolve_links(host_, "/etc/broken.pem"), std::nullopt);
  EXPECT_EQ(resolve_links(host_, "/etc/loop1.pem"), std::nullopt);
}

TEST_F(Symlinks, RegularFileIsItsOwnTarget) {
  root_.write("etc/plain.pem", "x");
  EXPECT_EQ(read_link(host_, "/etc/plain.pem"), std::nullopt);
  EXPECT_EQ(resolve_links(host_, "/etc/plain.pem"), fs::path("/etc/plain.pem"));
}

}  // namespace
}  // namespace tlslint::host
