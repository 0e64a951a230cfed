#include "fix/write.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "support/process.h"

namespace tlslint::fix {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string read(const fs::path& path) { return *read_bytes(path); }

TEST(AtomicWrite, ReplacesFileAndKeepsMode) {
  TempDir dir;
  fs::path file = dir.write("site.conf", "old\n");
  ::chmod(file.c_str(), 0640);
  EXPECT_EQ(write_atomically(file, "old\n", "new\n", {}), "");
  EXPECT_EQ(read(file), "new\n");
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0640u);
  // No temporary file is left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()),
                          fs::directory_iterator()),
            1);
}

TEST(AtomicWrite, FollowsSymlinkAndKeepsIt) {
  TempDir dir;
  fs::path real = dir.write("sites-available/x", "old\n");
  fs::create_directories(fs::path(dir.path()) / "sites-enabled");
  fs::path link = fs::path(dir.path()) / "sites-enabled/x";
  fs::create_symlink("../sites-available/x", link);
  EXPECT_EQ(write_atomically(link, "old\n", "new\n", {}), "");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), "../sites-available/x");
  EXPECT_EQ(read(real), "new\n");
}

TEST(AtomicWrite, RejectsFileChangedOnDisk) {
  TempDir dir;
  fs::path file = dir.write("site.conf", "changed by someone\n");
  std::string error = write_atomically(file, "old\n", "new\n", {});
  EXPECT_NE(error.find("changed on disk"), std::string::npos) << error;
  EXPECT_EQ(read(file), "changed by someone\n");
}

TEST(AtomicWrite, RejectsReadOnlyFile) {
  TempDir dir;
  fs::path file = dir.write("site.conf", "old\n");
  ::chmod(file.c_str(), 0444);
  std::string error = write_atomically(file, "old\n", "new\n", {});
  EXPECT_NE(error, "");
  EXPECT_EQ(read(file), "old\n");
}

TEST(AtomicWrite, KeepsBackupWithSuffix) {
  TempDir dir;
  fs::path file = dir.write("site.conf", "old\n");
  WriteOptions options;
  options.backup_suffix = ".orig";
  EXPECT_EQ(write_atomically(file, "old\n", "new\n", options), "");
  EXPECT_EQ(read(file), "new\n");
  EXPECT_EQ(read(fs::path(dir.path()) / "site.conf.orig"), "old\n");
}

TEST(AtomicWrite, ReportsMissingFile) {
  TempDir dir;
  std::string error = write_atomically(fs::path(dir.path()) / "gone.conf",
                                       "old\n", "new\n", {});
  EXPECT_NE(error.find("gone.conf"), std::string::npos) << error;
}

}  // namespace
}  // namespace tlslint::fix
