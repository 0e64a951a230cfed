// Widely deployed configurations (fixtures/real, each with its SOURCE.txt):
// every file parses, and the findings on the TLS-relevant ones are pinned.
// Certificates are absent, as in a config repository, so tlslint runs with
// an empty --root and the file rules report the missing files.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/process.h"

namespace tlslint::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kReal = fs::path(TLSLINT_SOURCE_DIR) / "fixtures/real";
const fs::path kExpected =
    fs::path(TLSLINT_SOURCE_DIR) / "tests/data/real";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> config_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(kReal)) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename();
    if (name == "SOURCE.txt" || name == "README.md") continue;
    files.push_back(fs::relative(entry.path(), kReal));
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// Pinned files: fixtures/real path -> tests/data/real/<name>.expected.
std::vector<std::string> pinned_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kExpected)) {
    std::string name = entry.path().filename();
    if (!name.ends_with(".expected")) continue;
    name.resize(name.size() - std::string(".expected").size());
    for (char& c : name) {
      if (c == '+') c = '/';
    }
    files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

ProcessResult lint(const std::string& file, const std::string& root) {
  return run_tlslint({"--root", root, "--nginx-version", "1.22.1", "--now",
                      "2026-12-04T10:00:00Z", "--color", "never", file},
                     kReal);
}

std::string mask(std::string text, const std::string& root) {
  for (auto at = text.find(root); at != std::string::npos;
       at = text.find(root)) {
    text.replace(at, root.size(), "ROOT");
  }
  return text;
}

TEST(RealConfigs, EveryFileParses) {
  TempDir root;
  std::vector<std::string> files = config_files();
  ASSERT_GT(files.size(), 100u);
  for (const std::string& file : files) {
    ProcessResult result = lint(file, root.path());
    EXPECT_EQ(result.out.find("[syntax]"), std::string::npos)
        << file << "\n" << result.out;
    EXPECT_TRUE(result.err.empty()) << file << "\n" << result.err;
    EXPECT_LE(result.exit_status, 2) << file;
  }
}

class RealConfig : public ::testing::TestWithParam<std::string> {};

TEST_P(RealConfig, PrintsPinnedFindings) {
  TempDir root;
  std::string name = GetParam();
  for (char& c : name) {
    if (c == '/') c = '+';
  }
  ProcessResult result = lint(GetParam(), root.path());
  EXPECT_EQ(mask(result.out, root.path()),
            read_file(kExpected / (name + ".expected")));
}

INSTANTIATE_TEST_SUITE_P(
    Pinned, RealConfig, ::testing::ValuesIn(pinned_files()),
    [](const ::testing::TestParamInfo<std::string>& info) {
      std::string name;
      for (char c : info.param) {
        if (std::isalnum(static_cast<unsigned char>(c))) name += c;
      }
      return name;
    });

}  // namespace
}  // namespace tlslint::testing
