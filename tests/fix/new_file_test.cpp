#include "fix/new_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/process.h"

namespace tlslint::fix {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

engine::NewFile hook_in(const testing::TempDir& root) {
  engine::NewFile file;
  file.path = "/etc/letsencrypt/renewal-hooks/deploy/50-reload-nginx";
  file.disk_path =
      root.path() + "/etc/letsencrypt/renewal-hooks/deploy/50-reload-nginx";
  file.text = "#!/bin/sh\nnginx -t && systemctl reload nginx\n";
  file.mode = 0755;
  return file;
}

TEST(NewFile, CreatesFileWithModeAndParents) {
  testing::TempDir root;
  engine::NewFile file = hook_in(root);
  ::umask(022);
  EXPECT_EQ(create_new_file(file), "");
  EXPECT_EQ(read_file(file.disk_path), file.text);
  struct stat info {};
  ASSERT_EQ(::stat(file.disk_path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0755u);
}

TEST(NewFile, NeverReplacesExistingFile) {
  testing::TempDir root;
  engine::NewFile file = hook_in(root);
  root.write("etc/letsencrypt/renewal-hooks/deploy/50-reload-nginx", "mine\n");
  std::string error = create_new_file(file);
  EXPECT_NE(error.find("was created meanwhile"), std::string::npos) << error;
  EXPECT_EQ(read_file(file.disk_path), "mine\n");
  // No temporary file is left next to it.
  std::size_t entries = 0;
  for (const auto& entry :
       fs::directory_iterator(fs::path(file.disk_path).parent_path())) {
    (void)entry;
    ++entries;
  }
  EXPECT_EQ(entries, 1u);
}

TEST(NewFile, CollectSkipsExistingAndDuplicates) {
  testing::TempDir root;
  engine::NewFile file = hook_in(root);
  engine::Finding first;
  first.new_files.push_back(file);
  engine::Finding second = first;
  EXPECT_EQ(collect_new_files({first, second}).size(), 1u);
  root.write("etc/letsencrypt/renewal-hooks/deploy/50-reload-nginx", "x\n");
  EXPECT_TRUE(collect_new_files({first, second}).empty());
}

TEST(NewFile, DiffIsGitNewFilePatch) {
  engine::NewFile file;
  file.path = "/etc/hook";
  file.disk_path = fs::current_path() / "etc/hook";
  file.text = "a\nb";
  file.mode = 0755;
  EXPECT_EQ(new_file_diff(file),
            "# outside config: creates \"/etc/hook\"\n"
            "diff --git a/etc/hook b/etc/hook\n"
            "new file mode 100755\n"
            "--- /dev/null\n"
            "+++ b/etc/hook\n"
            "@@ -0,0 +1,2 @@\n"
            "+a\n"
            "+b\n"
            "\\ No newline at end of file\n");
}

TEST(NewFile, RemoveCreatedDeletesFiles) {
  testing::TempDir root;
  engine::NewFile file = hook_in(root);
  std::vector<fs::path> created;
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_TRUE(create_new_files({file}, created, out, err));
  EXPECT_EQ(out.str(),
            "created \"/etc/letsencrypt/renewal-hooks/deploy/50-reload-nginx\" "
            "with mode 0755\n");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_TRUE(remove_created(created, err));
  EXPECT_FALSE(fs::exists(file.disk_path));
  EXPECT_EQ(err.str(), "");
}

}  // namespace
}  // namespace tlslint::fix
