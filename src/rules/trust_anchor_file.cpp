// Target for a missing `ssl_trusted_certificate`: the file
// of the system CA directory that contains the root anchoring the served
// chains. CA bundle updates delete expired roots' files, and a config that
// names one stops nginx from starting although nothing in it changed.
#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "certs/load.h"
#include "engine/context.h"
#include "rules/certificate_checks.h"

namespace tlslint::rules {
namespace {

namespace fs = std::filesystem;

using engine::RuleContext;
using syntax::Directive;

constexpr const char* kSystemCaDirectory = "/etc/ssl/certs";

/// "CN=Example Root X1", or the whole subject when it has no CN.
std::string root_name(const certs::CertificateInfo& root) {
  return root.common_name.empty() ? root.subject : "CN=" + root.common_name;
}

/// The roots that anchor the chains of the servers using `trusted`, by
/// SHA-256 fingerprint. Chains that do not verify add nothing.
std::map<std::string, certs::CertificateInfo> served_roots(
    RuleContext& context, const Directive& trusted) {
  std::map<std::string, certs::CertificateInfo> roots;
  const engine::Model& model = context.model();
  for (const engine::Server& server : model.servers()) {
    if (!server.tls) continue;
    auto users = model.effective(server, trusted.name).directives;
    if (std::find(users.begin(), users.end(), &trusted) == users.end()) {
      continue;
    }
    for (const Directive* certificate :
         model.effective(server, "ssl_certificate").directives) {
      if (certificate->args.empty()) continue;
      const std::string& path = certificate->args[0].value;
      if (path.find('$') != std::string::npos || path.starts_with("data:")) {
        continue;
      }
      const certs::CertificateFile& file =
          context.certificates().certificate(context.resolve(path));
      if (file.status != certs::LoadStatus::ok) continue;
      certs::ChainResult chain =
          context.certificates().verify_chain(file, context.now());
      if (chain.anchor) roots[chain.anchor->sha256_fingerprint] = *chain.anchor;
    }
  }
  return roots;
}

/// True for OpenSSL's hashed names ("4042bcee.0"), which c_rehash and
/// update-ca-certificates add as links beside the named files.
bool is_hash_link_name(const std::string& name) {
  std::size_t dot = name.find('.');
  if (dot != 8 || dot + 1 >= name.size()) return false;
  return std::all_of(name.begin(), name.begin() + 8,
                     [](unsigned char c) { return std::isxdigit(c) != 0; }) &&
         std::all_of(name.begin() + 9, name.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

/// True when nginx reads the name as one plain argument.
bool is_plain_word(const std::string& name) {
  return name.find_first_of(" \t\r\n;{}#'\"$\\") == std::string::npos;
}

/// Names (config space) of the single-certificate files in the CA directory
/// that contain `root`, one per distinct file: a hashed link to a named file
/// counts as that file.
std::vector<std::string> files_holding(const RuleContext& context,
                                       const certs::CertificateInfo& root) {
  std::map<fs::path, std::string> found;
  std::error_code error;
  fs::path directory = context.resolve(kSystemCaDirectory);
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    if (!entry.is_regular_file(error)) continue;
    certs::CertificateFile file = certs::load_certificate_file(entry.path());
    if (file.status != certs::LoadStatus::ok || file.certificates.size() != 1 ||
        file.certificates[0].sha256_fingerprint != root.sha256_fingerprint) {
      continue;
    }
    fs::path identity = fs::canonical(entry.path(), error);
    if (error) identity = entry.path();
    std::string name = entry.path().filename().string();
    std::string& chosen = found[identity];
    bool better = is_hash_link_name(chosen) && !is_hash_link_name(name);
    if (chosen.empty() || better) chosen = name;
  }
  std::vector<std::string> paths;
  for (const auto& [identity, name] : found) {
    paths.push_back(fmt::format("{}/{}", kSystemCaDirectory, name));
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

AnchorFile find_anchor_file(RuleContext& context, const Directive& trusted) {
  std::map<std::string, certs::CertificateInfo> roots =
      served_roots(context, trusted);
  AnchorFile result;
  // Without a verified chain there is no root to name; the certificate's
  // own findings give the reason (often certbot's whole live/ directory is gone).
  if (roots.empty()) return result;
  if (roots.size() > 1) {
    std::vector<std::string> names;
    for (const auto& [fingerprint, root] : roots) {
      names.push_back(root_name(root));
    }
    result.advice = fmt::format(
        "the servers that use it are anchored by different roots ({}); point "
        "it at a file that contains them all",
        fmt::join(names, ", "));
    return result;
  }
  const certs::CertificateInfo& root = roots.begin()->second;
  std::vector<std::string> files = files_holding(context, root);
  if (files.empty()) {
    result.advice = fmt::format(
        "the served chain's root {} has no file of its own in {}; point it "
        "at a file that contains that root",
        root_name(root), kSystemCaDirectory);
  } else if (files.size() > 1) {
    result.advice = fmt::format(
        "the served chain's root {} is in {} files ({}); point it at one of "
        "them",
        root_name(root), files.size(), fmt::join(files, ", "));
  } else {
    result.advice =
        fmt::format("the served chain's root {} is available as \"{}\"",
                    root_name(root), files[0]);
    if (is_plain_word(files[0])) result.path = files[0];
  }
  return result;
}

}  // namespace tlslint::rules
