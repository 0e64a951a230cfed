// The directive table and analysis: one case per analysed context, plus the
// argument checks and --strict.

#include "crossplane/analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tlslint::crossplane {
namespace {

using Args = std::vector<std::string_view>;

/// A context with one directive it accepts and one it rejects.
struct ContextCase {
  std::string name;  ///< test name
  Context context;
  std::string allowed;
  Args allowed_args;
  std::string rejected;
};

class CrossplaneAnalyzerContext : public ::testing::TestWithParam<ContextCase> {
};

TEST_P(CrossplaneAnalyzerContext, AcceptsAllowedDirective) {
  const ContextCase& param = GetParam();
  EXPECT_NE(context_mask(param.context), 0u);
  Analysis analysis =
      analyze(param.allowed, param.allowed_args, ";", param.context, false);
  EXPECT_EQ(analysis.kind, Analysis::Kind::kAccepted) << analysis.reason;
}

TEST_P(CrossplaneAnalyzerContext, RejectsDirectiveOfOtherContext) {
  const ContextCase& param = GetParam();
  Analysis analysis =
      analyze(param.rejected, Args{"x"}, ";", param.context, false);
  EXPECT_EQ(analysis.kind, Analysis::Kind::kRejected);
  EXPECT_EQ(analysis.reason,
            "\"" + param.rejected + "\" directive is not allowed here");
}

INSTANTIATE_TEST_SUITE_P(
    AnalysedContexts, CrossplaneAnalyzerContext,
    ::testing::Values(
        ContextCase{"Main", {}, "worker_processes", {"1"}, "listen"},
        ContextCase{
            "Events", {"events"}, "worker_connections", {"1024"}, "sendfile"},
        ContextCase{"Mail", {"mail"}, "auth_http", {"http://a/"}, "listen"},
        ContextCase{"MailServer",
                    {"mail", "server"},
                    "listen",
                    {"25"},
                    "worker_connections"},
        ContextCase{"Stream", {"stream"}, "proxy_timeout", {"5s"}, "listen"},
        ContextCase{"StreamServer",
                    {"stream", "server"},
                    "proxy_pass",
                    {"backend"},
                    "upstream"},
        ContextCase{"StreamUpstream",
                    {"stream", "upstream"},
                    "hash",
                    {"$remote_addr"},
                    "proxy_pass"},
        ContextCase{"Http",
                    {"http"},
                    "server_names_hash_bucket_size",
                    {"64"},
                    "listen"},
        ContextCase{"HttpServer",
                    {"http", "server"},
                    "listen",
                    {"443", "ssl"},
                    "alias"},
        ContextCase{
            "HttpLocation", {"http", "location"}, "alias", {"/srv/"}, "listen"},
        ContextCase{
            "HttpUpstream", {"http", "upstream"}, "ip_hash", {}, "root"},
        ContextCase{"HttpServerIf",
                    {"http", "server", "if"},
                    "return",
                    {"301", "https://example.com/"},
                    "root"},
        ContextCase{"HttpLocationIf",
                    {"http", "location", "if"},
                    "root",
                    {"/srv"},
                    "alias"},
        ContextCase{"HttpLimitExcept",
                    {"http", "location", "limit_except"},
                    "deny",
                    {"all"},
                    "root"}),
    [](const ::testing::TestParamInfo<ContextCase>& info) {
      return info.param.name;
    });

TEST(CrossplaneAnalyzer, TableHasCrossplaneNames) {
  EXPECT_EQ(directive_count(), 634u);
  EXPECT_TRUE(is_known_directive("ssl_certificate"));
  EXPECT_TRUE(is_known_directive("zone_sync_ssl_verify_depth"));
  EXPECT_FALSE(is_known_directive("content_by_lua_block"));
  EXPECT_FALSE(is_known_directive("ssl_conf_command"));
}

TEST(CrossplaneAnalyzer, KeepsRuleOrder) {
  std::vector<std::uint32_t> rules = directive_rules("server");
  EXPECT_EQ(rules.size(), 5u);
  EXPECT_EQ(directive_rules("no_such_directive").size(), 0u);
}

TEST(CrossplaneAnalyzer, NestedLocationSharesContext) {
  Context location = enter_block_context({"http", "server"}, "location");
  EXPECT_EQ(location, (Context{"http", "location"}));
  EXPECT_EQ(enter_block_context(location, "location"), location);
  EXPECT_EQ(enter_block_context({"stream"}, "server"),
            (Context{"stream", "server"}));
}

TEST(CrossplaneAnalyzer, SkipsUnanalysedContexts) {
  EXPECT_EQ(context_mask({"http", "map"}), 0u);
  EXPECT_EQ(context_mask({"http", "server", "if", "if"}), 0u);
  Analysis analysis = analyze("listen", Args{}, "{", {"http", "map"}, false);
  EXPECT_EQ(analysis.kind, Analysis::Kind::kAccepted);
}

TEST(CrossplaneAnalyzer, StrictRejectsUnknownNamesEverywhere) {
  Analysis analysis = analyze("default", Args{"0"}, ";", {"http", "map"}, true);
  EXPECT_EQ(analysis.kind, Analysis::Kind::kRejected);
  EXPECT_EQ(analysis.reason, "unknown directive \"default\"");
  EXPECT_EQ(analyze("default", Args{"0"}, ";", {"http", "map"}, false).kind,
            Analysis::Kind::kAccepted);
}

TEST(CrossplaneAnalyzer, ChecksFlagValues) {
  Context http{"http"};
  EXPECT_EQ(analyze("gzip", Args{"ON"}, ";", http, false).kind,
            Analysis::Kind::kAccepted);
  Analysis analysis = analyze("gzip", Args{"yes"}, ";", http, false);
  EXPECT_EQ(analysis.reason,
            "invalid value \"yes\" in \"gzip\" directive, it must be \"on\" "
            "or \"off\"");
  EXPECT_EQ(analyze("gzip", Args{"on", "off"}, ";", http, false).reason,
            "invalid number of arguments in \"gzip\" directive");
}

TEST(CrossplaneAnalyzer, ReportsFirstRuleWhenNoneAccepts) {
  // In an upstream, keepalive_timeout has only its one-argument rule.
  Analysis analysis = analyze("keepalive_timeout", Args{"1", "2"}, ";",
                              {"http", "upstream"}, false);
  EXPECT_EQ(analysis.reason,
            "invalid number of arguments in \"keepalive_timeout\" directive");
  Analysis block = analyze("http", Args{}, ";", {}, false);
  EXPECT_EQ(block.reason, "directive \"http\" has no opening \"{\"");
  Analysis semicolon = analyze("worker_processes", Args{"1"}, "{", {}, false);
  EXPECT_EQ(semicolon.reason,
            "directive \"worker_processes\" is not terminated by \";\"");
  EXPECT_TRUE(semicolon.not_terminated);
}

TEST(CrossplaneAnalyzer, PercentInFlagValueChangesMessage) {
  Context http{"http"};
  EXPECT_EQ(analyze("gzip", Args{"%%"}, ";", http, false).reason,
            "invalid value \"%\" in \"gzip\" directive, it must be \"on\" or "
            "\"off\"");
  Analysis broken = analyze("gzip", Args{"50%"}, ";", http, false);
  EXPECT_EQ(broken.kind, Analysis::Kind::kFormatFailure);
  EXPECT_EQ(broken.reason,
            "unsupported format character '\"' (0x22) at index 18");
  EXPECT_EQ(analyze("gzip", Args{"50%s"}, ";", http, false).reason,
            "not enough arguments for format string");
}

}  // namespace
}  // namespace tlslint::crossplane
