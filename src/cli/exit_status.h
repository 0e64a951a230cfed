#pragma once

namespace tlslint::cli {

/// Exit statuses, ShellCheck's scheme with usage errors last: CI, pre-commit
/// and Ansible tell "findings" from "could not check" by them.
enum ExitStatus : int {
  kExitClean = 0,
  /// A finding reached --fail-on.
  kExitFindings = 1,
  /// An input could not be fully checked: missing or unreadable file, syntax
  /// error, broken include, unreadable certificate.
  kExitIncomplete = 2,
  /// Bad flag or option value.
  kExitUsage = 3,
};

}  // namespace tlslint::cli
