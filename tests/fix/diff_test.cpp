#include "fix/diff.h"

#include <gtest/gtest.h>

namespace tlslint::fix {
namespace {

const std::string kSite =
    "server {\n"
    "    listen 443;\n"
    "    server_name a.test;\n"
    "    ssl on;\n"
    "    root /srv;\n"
    "}\n";

TEST(UnifiedDiff, ReplacesAndDeletesLines) {
  std::size_t listen_end = kSite.find("443") + 3;
  std::size_t ssl = kSite.find("    ssl on;");
  std::string diff = unified_diff(
      "site.conf", kSite,
      {{"s", listen_end, listen_end, " ssl"}, {"s", ssl, ssl + 12, ""}});
  EXPECT_EQ(diff,
            "--- a/site.conf\n"
            "+++ b/site.conf\n"
            "@@ -1,6 +1,5 @@\n"
            " server {\n"
            "-    listen 443;\n"
            "+    listen 443 ssl;\n"
            "     server_name a.test;\n"
            "-    ssl on;\n"
            "     root /srv;\n"
            " }\n");
}

TEST(UnifiedDiff, InsertsWholeLineWithoutTouchingNeighbours) {
  std::size_t after = kSite.find("    server_name");
  std::string diff =
      unified_diff("s.conf", kSite, {{"s", after, after, "    http2 on;\n"}});
  EXPECT_EQ(diff,
            "--- a/s.conf\n"
            "+++ b/s.conf\n"
            "@@ -1,5 +1,6 @@\n"
            " server {\n"
            "     listen 443;\n"
            "+    http2 on;\n"
            "     server_name a.test;\n"
            "     ssl on;\n"
            "     root /srv;\n");
}

TEST(UnifiedDiff, KeepsCarriageReturns) {
  std::string text = "a;\r\nssl_protocols TLSv1.3;\r\nb;\r\n";
  std::size_t at = text.find("TLSv1.3");
  std::string diff =
      unified_diff("c.conf", text, {{"c", at, at + 7, "TLSv1.2 TLSv1.3"}});
  EXPECT_NE(diff.find("-ssl_protocols TLSv1.3;\r\n"), std::string::npos)
      << diff;
  EXPECT_NE(diff.find("+ssl_protocols TLSv1.2 TLSv1.3;\r\n"), std::string::npos)
      << diff;
}

TEST(UnifiedDiff, MarksMissingFinalNewline) {
  std::string text = "a;\nssl_protocols TLSv1.3;";
  std::size_t at = text.find("TLSv1.3");
  std::string diff =
      unified_diff("n.conf", text, {{"n", at, at + 7, "TLSv1.2 TLSv1.3"}});
  EXPECT_EQ(diff,
            "--- a/n.conf\n"
            "+++ b/n.conf\n"
            "@@ -1,2 +1,2 @@\n"
            " a;\n"
            "-ssl_protocols TLSv1.3;\n"
            "\\ No newline at end of file\n"
            "+ssl_protocols TLSv1.2 TLSv1.3;\n"
            "\\ No newline at end of file\n");
}

TEST(UnifiedDiff, ShiftsLaterHunksByAddedLines) {
  std::string text;
  for (int i = 1; i <= 20; ++i) text += "line" + std::to_string(i) + ";\n";
  std::size_t first = text.find("line2;");
  std::size_t last = text.find("line18;");
  std::string diff = unified_diff(
      "l.conf", text,
      {{"l", first, first, "added;\n"}, {"l", last, last + 7, "line18b;"}});
  EXPECT_NE(diff.find("@@ -1,4 +1,5 @@\n"), std::string::npos) << diff;
  EXPECT_NE(diff.find("@@ -15,6 +16,6 @@\n"), std::string::npos) << diff;
}

TEST(UnifiedDiff, ReturnsEmptyWithoutChange) {
  EXPECT_EQ(unified_diff("x", kSite, {{"x", 0, 6, "server"}}), "");
}

}  // namespace
}  // namespace tlslint::fix
