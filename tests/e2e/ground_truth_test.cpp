// The end-to-end scenarios: each site.conf was served by a real nginx 1.22.1
// and probed with openssl s_client; expected.tsv records what broke a
// client. tlslint must give that verdict, and no other warning or error.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/process.h"

namespace tlslint::testing {
namespace {

const std::string kData = std::string(TLSLINT_SOURCE_DIR) + "/tests/data/e2e";

struct Scenario {
  std::string name;
  std::string severity;
  std::string rule;
};

void PrintTo(const Scenario& scenario, std::ostream* out) {
  *out << scenario.name;
}

std::vector<Scenario> load_scenarios() {
  std::vector<Scenario> scenarios;
  std::ifstream in(kData + "/expected.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Scenario scenario;
    std::getline(fields, scenario.name, '\t');
    std::getline(fields, scenario.severity, '\t');
    std::getline(fields, scenario.rule, '\t');
    scenarios.push_back(scenario);
  }
  return scenarios;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class GroundTruth : public ::testing::TestWithParam<Scenario> {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new TempDir();
    pki_ = test_pki(*scratch_);
    now_ = test_pki_now(pki_);
  }
  static void TearDownTestSuite() {
    delete scratch_;
    scratch_ = nullptr;
  }

  static TempDir* scratch_;
  static std::string pki_;
  static std::string now_;
};

TempDir* GroundTruth::scratch_ = nullptr;
std::string GroundTruth::pki_;
std::string GroundTruth::now_;

TEST_P(GroundTruth, GivesVerdict) {
  const Scenario& scenario = GetParam();
  const std::string& pki = pki_;
  std::string site =
      read_file(kData + "/scenarios/" + scenario.name + "/site.conf");
  for (auto at = site.find("@PKI@"); at != std::string::npos;
       at = site.find("@PKI@")) {
    site.replace(at, 5, pki);
  }
  std::string conf = scratch_->write(scenario.name + ".conf", site);

  ProcessResult result = run_tlslint({"--ca-file", pki + "/root/root.pem",
                                      "--nginx-version", "1.22.1", "--now",
                                      now_, "--color", "never", conf});
  std::vector<FindingLine> findings = parse_findings(result.out);
  std::vector<std::string> serious;
  bool found = false;
  for (const auto& finding : findings) {
    if (finding.rule == scenario.rule && finding.severity == scenario.severity) {
      found = true;
    }
    if (finding.severity == "error" || finding.severity == "warning") {
      serious.push_back(finding.severity + " [" + finding.rule + "]");
    }
  }
  if (scenario.severity == "ok") {
    EXPECT_TRUE(serious.empty()) << result.out << result.err;
    return;
  }
  EXPECT_TRUE(found) << "expected " << scenario.severity << " ["
                     << scenario.rule << "]\n"
                     << result.out << result.err;
  for (const auto& entry : serious) {
    EXPECT_EQ(entry, scenario.severity + " [" + scenario.rule + "]")
        << result.out;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, GroundTruth, ::testing::ValuesIn(load_scenarios()),
    [](const ::testing::TestParamInfo<Scenario>& info) {
      std::string name;
      for (char c : info.param.name) {
        if (std::isalnum(static_cast<unsigned char>(c))) name += c;
      }
      return name;
    });

}  // namespace
}  // namespace tlslint::testing
