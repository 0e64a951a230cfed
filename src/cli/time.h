#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tlslint::cli {

/// Parses an RFC 3339 date-time ("2026-12-04T10:00:00Z",
/// "2026-12-04T11:00:00.5+01:00") into Unix time; nullopt when invalid.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

}  // namespace tlslint::cli
