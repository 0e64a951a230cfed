#pragma once

#include <filesystem>
#include <optional>

#include "host/host.h"

namespace tlslint::host {

/// Follows the symbolic links of a host path the way the host would: an
/// absolute link target is a host path too, so under --root it is mapped
/// under the root instead of being opened on this machine. Returns the host
/// path of the final file, or nullopt for a broken link, a loop or more
/// than 40 links (Linux's MAXSYMLINKS). Only the last component is
/// followed; directories on the way resolve as the file system does.
std::optional<std::filesystem::path> resolve_links(
    const Host& host, const std::filesystem::path& host_path);

/// The host path a symbolic link at `link` (a host path) points to, with a
/// relative target joined to the link's directory. Nullopt when `link` is
/// not a symbolic link.
std::optional<std::filesystem::path> read_link(
    const Host& host, const std::filesystem::path& link);

}  // namespace tlslint::host
