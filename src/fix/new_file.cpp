#include "fix/new_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include <fmt/core.h>
#include <fmt/ostream.h>

namespace tlslint::fix {

namespace fs = std::filesystem;

namespace {

std::string patch_path(const engine::NewFile& file) {
  std::error_code error;
  fs::path absolute = fs::absolute(file.disk_path, error);
  fs::path relative = fs::relative(absolute, fs::current_path(), error);
  if (error || relative.empty()) return absolute.generic_string();
  return relative.generic_string();
}

std::string system_error(const char* call, const fs::path& path) {
  return fmt::format("{}(\"{}\") failed: {}", call, path.string(),
                     std::strerror(errno));
}

/// Writes all of `text` to `descriptor`, then fsyncs it.
bool write_all(int descriptor, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t wrote = ::write(descriptor, text.data() + done, text.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    done += static_cast<std::size_t>(wrote);
  }
  return ::fsync(descriptor) == 0;
}

}  // namespace

std::vector<engine::NewFile> collect_new_files(
    const std::vector<engine::Finding>& findings) {
  std::vector<engine::NewFile> files;
  std::set<std::string> seen;
  for (const engine::Finding& finding : findings) {
    for (const engine::NewFile& file : finding.new_files) {
      std::error_code error;
      if (fs::exists(fs::symlink_status(file.disk_path, error))) continue;
      if (seen.insert(file.disk_path).second) files.push_back(file);
    }
  }
  return files;
}

std::string new_file_diff(const engine::NewFile& file) {
  std::string path = patch_path(file);
  std::string diff = fmt::format(
      "# outside config: creates \"{}\"\n"
      "diff --git a/{} b/{}\n"
      "new file mode 100{:o}\n"
      "--- /dev/null\n"
      "+++ b/{}\n",
      file.path, path, path, file.mode, path);
  std::size_t lines = 0;
  std::string body;
  std::size_t start = 0;
  while (start < file.text.size()) {
    std::size_t end = file.text.find('\n', start);
    std::string line = file.text.substr(
        start, end == std::string::npos ? std::string::npos : end - start);
    body += "+" + line + "\n";
    if (end == std::string::npos) body += "\\ No newline at end of file\n";
    ++lines;
    start = end == std::string::npos ? file.text.size() : end + 1;
  }
  return diff + fmt::format("@@ -0,0 +1,{} @@\n", lines) + body;
}

std::string create_new_file(const engine::NewFile& file) {
  fs::path target(file.disk_path);
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  if (error) {
    return fmt::format("failed to create directory \"{}\": {}",
                       target.parent_path().string(), error.message());
  }

  std::string temporary =
      (target.parent_path() / ("." + target.filename().string() + ".XXXXXX"))
          .string();
  int descriptor = ::mkstemp(temporary.data());
  if (descriptor < 0) return system_error("mkstemp", temporary);

  std::string problem;
  if (!write_all(descriptor, file.text)) {
    problem = system_error("write", temporary);
  } else if (::fchmod(descriptor, file.mode) != 0) {
    problem = system_error("fchmod", temporary);
  }
  ::close(descriptor);

  // link() fails with EEXIST instead of replacing, so a file created
  // meanwhile by someone else is kept.
  if (problem.empty() && ::link(temporary.c_str(), target.c_str()) != 0) {
    problem = errno == EEXIST ? fmt::format(
                                    "\"{}\" was created meanwhile; it was left "
                                    "as it is",
                                    target.string())
                              : system_error("link", target);
  }
  ::unlink(temporary.c_str());
  if (!problem.empty()) return problem;

  int directory = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (directory >= 0) {
    ::fsync(directory);
    ::close(directory);
  }
  return "";
}

void print_new_files(const std::vector<engine::NewFile>& files,
                     std::ostream& out) {
  for (const engine::NewFile& file : files) out << new_file_diff(file);
}

bool create_new_files(const std::vector<engine::NewFile>& files,
                      std::vector<fs::path>& created, std::ostream& out,
                      std::ostream& err) {
  bool ok = true;
  for (const engine::NewFile& file : files) {
    std::string error = create_new_file(file);
    if (!error.empty()) {
      fmt::print(err, "tlslint: error: {}\n", error);
      ok = false;
      continue;
    }
    created.push_back(file.disk_path);
    fmt::print(out, "created \"{}\" with mode {:04o}\n", file.path, file.mode);
  }
  return ok;
}

bool remove_created(const std::vector<fs::path>& created, std::ostream& err) {
  bool ok = true;
  for (const fs::path& path : created) {
    std::error_code error;
    fs::remove(path, error);
    if (!error) continue;
    fmt::print(err, "tlslint: error: failed to remove \"{}\": {}\n",
               path.string(), error.message());
    ok = false;
  }
  return ok;
}

}  // namespace tlslint::fix
