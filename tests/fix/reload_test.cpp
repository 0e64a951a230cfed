#include "fix/reload.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tlslint::fix {
namespace {

using Words = std::vector<std::string>;

TEST(SplitWords, HonoursQuotesAndEscapes) {
  EXPECT_EQ(split_words("docker exec 'web 1' nginx -s\\ reload"),
            (Words{"docker", "exec", "web 1", "nginx", "-s reload"}));
  EXPECT_EQ(split_words("  a   \"b c\"  "), (Words{"a", "b c"}));
  EXPECT_EQ(split_words("echo $HOME;rm"), (Words{"echo", "$HOME;rm"}));
}

TEST(SplitWords, RejectsUnterminatedQuote) {
  EXPECT_EQ(split_words("a 'b"), Words{});
}

TEST(ReloadCommands, TestsBeforeReload) {
  auto commands = reload_commands("", true);
  ASSERT_EQ(commands.size(), 2u);
  EXPECT_EQ(commands[0], (Words{"nginx", "-t"}));
  EXPECT_EQ(commands[1], (Words{"systemctl", "reload", "nginx"}));
}

TEST(ReloadCommands, UsesSignalWithoutSystemd) {
  EXPECT_EQ(reload_commands("", false)[1], (Words{"nginx", "-s", "reload"}));
}

TEST(ReloadCommands, ReplacesReloadWithGivenCommand) {
  EXPECT_EQ(reload_commands("rc-service nginx reload", true)[1],
            (Words{"rc-service", "nginx", "reload"}));
}

TEST(ReloadCommands, TestsCustomMainConfigWithC) {
  auto commands = reload_commands("", false, {"/srv/nginx/nginx.conf"});
  ASSERT_EQ(commands.size(), 2u);
  EXPECT_EQ(commands[0], (Words{"nginx", "-t", "-c", "/srv/nginx/nginx.conf"}));
  EXPECT_EQ(commands[1],
            (Words{"nginx", "-c", "/srv/nginx/nginx.conf", "-s", "reload"}));
}

TEST(ReloadCommands, TestsEachOfSeveralMainConfigs) {
  auto commands = reload_commands("", false, {"/a/nginx.conf", "/b/x.conf"});
  ASSERT_EQ(commands.size(), 3u);
  EXPECT_EQ(commands[0], (Words{"nginx", "-t", "-c", "/a/nginx.conf"}));
  EXPECT_EQ(commands[1], (Words{"nginx", "-t", "-c", "/b/x.conf"}));
  // Which of the two the running nginx uses is unknown.
  EXPECT_EQ(commands[2], (Words{"nginx", "-s", "reload"}));
}

TEST(ReloadCommands, KeepsSystemctlForCustomMainConfig) {
  auto commands = reload_commands("", true, {"/srv/nginx/nginx.conf"});
  EXPECT_EQ(commands[1], (Words{"systemctl", "reload", "nginx"}));
}

TEST(JoinWords, QuotesWordsWithBlanks) {
  EXPECT_EQ(join_words({"a", "b c", "it's"}), "a 'b c' 'it'\\''s'");
}

TEST(RunCommands, StopsAtFirstFailure) {
  std::ostringstream out;
  std::string error =
      run_commands({{"true"}, {"false"}, {"touch", "/nonexistent/never"}},
                   std::chrono::seconds(10), out);
  EXPECT_NE(error.find("\"false\" failed with exit status 1"),
            std::string::npos)
      << error;
  EXPECT_EQ(out.str().find("touch"), std::string::npos) << out.str();
}

TEST(RunCommands, KillsCommandAfterTimeout) {
  std::ostringstream out;
  auto start = std::chrono::steady_clock::now();
  std::string error =
      run_commands({{"sleep", "30"}}, std::chrono::seconds(1), out);
  EXPECT_NE(error.find("timed out"), std::string::npos) << error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(RunCommands, ReportsMissingProgram) {
  std::ostringstream out;
  std::string error =
      run_commands({{"tlslint-no-such-program"}}, std::chrono::seconds(5), out);
  EXPECT_NE(error.find("failed to run"), std::string::npos) << error;
}

}  // namespace
}  // namespace tlslint::fix
