#include "host/command.h"

#include <gtest/gtest.h>

namespace tlslint::host {
namespace {

using Status = CommandResult::Status;
using std::chrono::milliseconds;

TEST(RunCommand, CollectsStdoutAndStderr) {
  CommandResult result =
      run_command({"sh", "-c", "echo out; echo err >&2; exit 3"},
                  milliseconds(5000));
  EXPECT_EQ(result.status, Status::exited);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.output, "out\n");
  EXPECT_EQ(result.errors, "err\n");
}

TEST(RunCommand, PassesArgumentsWithoutShell) {
  CommandResult result =
      run_command({"printf", "%s|", "a b", "$HOME", "*"}, milliseconds(5000));
  EXPECT_EQ(result.status, Status::exited);
  EXPECT_EQ(result.output, "a b|$HOME|*|");
}

TEST(RunCommand, MissingProgramIsNotFound) {
  CommandResult result =
      run_command({"tlslint-no-such-program"}, milliseconds(5000));
  EXPECT_EQ(result.status, Status::not_found);
}

TEST(RunCommand, KillsAfterTimeout) {
  auto start = std::chrono::steady_clock::now();
  CommandResult result = run_command({"sleep", "30"}, milliseconds(200));
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.status, Status::timed_out);
  EXPECT_LT(took, std::chrono::seconds(10));
}

TEST(RunCommand, TimeoutHoldsAfterOutputCloses) {
  // The child closes stdout and stderr and keeps running.
  CommandResult result = run_command(
      {"sh", "-c", "exec >/dev/null 2>&1; sleep 30"}, milliseconds(300));
  EXPECT_EQ(result.status, Status::timed_out);
}

TEST(RunCommand, StdinIsEmpty) {
  CommandResult result = run_command({"cat"}, milliseconds(5000));
  EXPECT_EQ(result.status, Status::exited);
  EXPECT_EQ(result.output, "");
}

}  // namespace
}  // namespace tlslint::host
