#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlslint::engine {

/// `note` is not a finding: it marks a check that was skipped or a related
/// place, and never counts towards --fail-on.
enum class Severity { note, info, warning, error };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

/// A place in a configuration file, as shown to the user.
struct Location {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::size_t offset = 0;
};

/// A related place printed as a `note:` line after its finding.
struct RelatedNote {
  std::optional<Location> where;
  std::string message;
};

/// One byte-range replacement in one file, on the text as it was read.
struct Edit {
  std::string file;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string replacement;
};

/// A file a fix creates outside the configuration, such as a certbot hook.
/// It is created only when nothing exists at its path.
struct NewFile {
  /// The host path, e.g. "/etc/letsencrypt/renewal-hooks/deploy/x".
  std::string path;
  /// The path opened on this machine: `path` under --root.
  std::string disk_path;
  std::string text;
  /// Permission bits, e.g. 0755 for a hook.
  unsigned mode = 0644;
};

struct Finding {
  std::string rule_id;
  Severity severity = Severity::warning;
  std::optional<Location> where;
  std::string message;
  std::vector<RelatedNote> notes;
  /// Empty when the rule has no automatic fix for this finding.
  std::vector<Edit> fix;
  /// True for a note about a file that --certs=optional allows to be
  /// absent. Unlike other "not checked" notes, it does not make the run
  /// incomplete (exit status 2).
  bool absent_file_allowed = false;
  /// Files the fix creates besides the edits.
  std::vector<NewFile> new_files;
};

}  // namespace tlslint::engine
