#include "config/paths.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/process.h"

namespace tlslint::config {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

TEST(ApplyRoot, MapsAbsolutePathUnderRoot) {
  EXPECT_EQ(apply_root("/srv/tree", "/etc/nginx/nginx.conf"),
            fs::path("/srv/tree/etc/nginx/nginx.conf"));
  EXPECT_EQ(apply_root("", "/etc/nginx/nginx.conf"),
            fs::path("/etc/nginx/nginx.conf"));
  EXPECT_EQ(apply_root("/srv/tree", "conf/x.conf"), fs::path("conf/x.conf"));
}

TEST(ApplyRoot, FollowsAbsoluteLinkInsideRoot) {
  // certbot's layout: live/ links name archive/ by its host path.
  TempDir tree;
  tree.write("etc/letsencrypt/archive/a/fullchain1.pem", "x");
  fs::create_directories(tree.path() + "/etc/letsencrypt/live/a");
  fs::create_symlink("/etc/letsencrypt/archive/a/fullchain1.pem",
                     tree.path() + "/etc/letsencrypt/live/a/fullchain.pem");
  EXPECT_EQ(apply_root(tree.path(), "/etc/letsencrypt/live/a/fullchain.pem"),
            fs::path(tree.path()) / "etc/letsencrypt/archive/a/fullchain1.pem");
}

TEST(ApplyRoot, FollowsLinkedDirectoryAndRelativeLink) {
  TempDir tree;
  tree.write("data/certs/site.pem", "x");
  fs::create_directories(tree.path() + "/etc/ssl");
  fs::create_symlink("/data/certs", tree.path() + "/etc/ssl/private");
  fs::create_symlink("private/site.pem", tree.path() + "/etc/ssl/site.pem");
  EXPECT_EQ(apply_root(tree.path(), "/etc/ssl/private/site.pem"),
            fs::path(tree.path()) / "data/certs/site.pem");
  EXPECT_EQ(apply_root(tree.path(), "/etc/ssl/site.pem"),
            fs::path(tree.path()) / "data/certs/site.pem");
}

TEST(ApplyRoot, LinkOutOfTreeIsLeftToFileSystem) {
  // A target missing under the root is a folder on this machine, as test
  // trees link to a PKI made elsewhere.
  TempDir tree;
  TempDir elsewhere;
  elsewhere.write("pki/cert.pem", "x");
  fs::create_directories(tree.path() + "/etc/ssl");
  fs::create_symlink(elsewhere.path() + "/pki", tree.path() + "/etc/ssl/pki");
  EXPECT_EQ(apply_root(tree.path(), "/etc/ssl/pki/cert.pem"),
            fs::path(elsewhere.path()) / "pki/cert.pem");
}

TEST(ApplyRoot, StopsAtLinkLoop) {
  TempDir tree;
  fs::create_directories(tree.path() + "/etc");
  fs::create_symlink("/etc/b", tree.path() + "/etc/a");
  fs::create_symlink("/etc/a", tree.path() + "/etc/b");
  // The lookup ends after 40 links; opening the result then fails with
  // ELOOP as it would on the host.
  fs::path result = apply_root(tree.path(), "/etc/a");
  EXPECT_EQ(result.parent_path(), fs::path(tree.path()) / "etc");
}

}  // namespace
}  // namespace tlslint::config
