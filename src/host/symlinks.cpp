#include "host/symlinks.h"

#include <system_error>

namespace tlslint::host {

namespace fs = std::filesystem;

std::optional<fs::path> read_link(const Host& host, const fs::path& link) {
  std::error_code error;
  fs::path mapped = host.path(link);
  if (!fs::is_symlink(fs::symlink_status(mapped, error))) return std::nullopt;
  fs::path target = fs::read_symlink(mapped, error);
  if (error) return std::nullopt;
  if (target.is_relative()) target = link.parent_path() / target;
  return target.lexically_normal();
}

std::optional<fs::path> resolve_links(const Host& host,
                                      const fs::path& host_path) {
  constexpr int kMaxLinks = 40;
  fs::path current = host_path.lexically_normal();
  for (int hops = 0; hops <= kMaxLinks; ++hops) {
    std::optional<fs::path> next = read_link(host, current);
    if (!next) {
      std::error_code error;
      if (!fs::exists(host.path(current), error)) return std::nullopt;
      return current;
    }
    current = *next;
  }
  return std::nullopt;
}

}  // namespace tlslint::host
