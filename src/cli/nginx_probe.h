#pragma once

#include <optional>
#include <string>

#include "engine/version.h"

namespace tlslint::cli {

/// Runs `nginx -v` from PATH (no shell, 5 s timeout) and returns the version
/// it prints; nullopt when nginx is absent, hangs or prints something else.
std::optional<engine::Version> probe_nginx_version();

}  // namespace tlslint::cli
