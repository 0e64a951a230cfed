#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlslint::host::letsencrypt {

/// One `key = value` line of a renewal configuration.
struct ConfEntry {
  /// "" for the top level, "renewalparams" for `[renewalparams]`, and
  /// "renewalparams/webroot_map" for a `[[webroot_map]]` inside it.
  std::string section;
  std::string key;
  /// Without surrounding quotes and without an inline `# comment`.
  std::string value;
  /// 1-based.
  std::size_t line = 0;
};

/// A line that is neither a comment, a section header nor `key = value`.
struct ConfError {
  std::size_t line = 0;
  std::string message;
};

/// certbot's /etc/letsencrypt/renewal/NAME.conf, which certbot reads with
/// Python's configobj.
struct RenewalConf {
  std::vector<ConfEntry> entries;
  std::vector<ConfError> errors;

  /// The entry of `key` in `section`, or nullptr.
  const ConfEntry* find(std::string_view section, std::string_view key) const;
};

/// Parses the subset of configobj syntax that certbot writes and users
/// edit: `#` comments, `[section]` and `[[subsection]]` headers,
/// `key = value` with optional single or double quotes. A repeated key in
/// one section is an error, as configobj raises DuplicateError for it.
RenewalConf parse_renewal_conf(std::string_view text);

/// configobj's boolean spellings: true, yes, on, 1 and false, no, off, 0,
/// in any case. Nullopt for anything else.
std::optional<bool> parse_bool(std::string_view value);

/// A `renew_before_expiry` interval such as "30 days", "2 weeks" or
/// "1 month 2 days", in seconds. Nullopt when a part is not a number
/// followed by a known unit.
std::optional<std::int64_t> parse_interval(std::string_view value);

/// The items of a configobj list value: "a, b," gives {"a", "b"}.
std::vector<std::string> split_list(std::string_view value);

}  // namespace tlslint::host::letsencrypt
