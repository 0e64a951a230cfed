#pragma once

#include <string>
#include <vector>

namespace tlslint::testing {

struct ProcessResult {
  int exit_status = -1;
  std::string out;
  std::string err;
};

/// Runs a program (looked up on PATH, no shell) in `directory` and waits for
/// it. Fails the current test when it cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::string& directory = "");

/// Runs the tlslint binary built next to the tests.
ProcessResult run_tlslint(const std::vector<std::string>& args,
                          const std::string& directory = "");

/// A fresh directory under $TMPDIR, removed with its contents on
/// destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  /// Writes `text` to path()/relative, creating parent directories.
  std::string write(const std::string& relative, const std::string& text) const;

 private:
  std::string path_;
};

/// The e2e test PKI (tests/data/e2e/make-pki.sh layout). Under CTest it is
/// made once per run ($TLSLINT_TEST_PKI); a test binary started by hand makes
/// its own under `scratch`.
std::string test_pki(const TempDir& scratch);

/// An RFC 3339 time just after `pki` was made, for --now: the PKI's dates
/// are relative to that moment.
std::string test_pki_now(const std::string& pki);

/// One finding line of tlslint's text output.
struct FindingLine {
  std::string file;
  int line = 0;
  int column = 0;
  std::string severity;
  std::string message;
  std::string rule;
};

/// Parses `file:line:col: severity: message [rule]` lines; other lines are
/// skipped.
std::vector<FindingLine> parse_findings(const std::string& output);

}  // namespace tlslint::testing
