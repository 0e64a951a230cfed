// renewal/NAME.conf: what certbot renew needs to renew a lineage. Keys and
// defaults follow certbot's storage.py and renewal.py (certbot 5.x).
#include <set>
#include <system_error>

#include <fmt/core.h>

#include "host/letsencrypt/letsencrypt.h"
#include "host/nginx_files.h"
#include "host/symlinks.h"

namespace tlslint::host::letsencrypt {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kRule = "le-renewal-conf-invalid";
constexpr std::string_view kParams = "renewalparams";
/// Let's Encrypt's classic profile, for a lineage whose certificate cannot
/// be read.
constexpr std::int64_t kDefaultLifetime = 90 * 86400;

void report_missing_conf(HostContext& context, const Lineage& lineage) {
  context.report(
      kRule, file_location(config_path("live/" + lineage.name)),
      fmt::format("lineage \"{}\" has no renewal configuration \"{}\", so "
                  "certbot renew skips it and the certificate will expire; "
                  "issue it again with \"certbot certonly --cert-name {} -d "
                  "DOMAIN...\", which writes the file",
                  lineage.name,
                  config_path("renewal/" + lineage.name + ".conf").string(),
                  lineage.name));
}

void check_required_keys(HostContext& context, const RenewalFile& file) {
  for (const char* key :
       {"archive_dir", "cert", "privkey", "chain", "fullchain"}) {
    if (file.conf.find("", key)) continue;
    std::string value =
        std::string_view(key) == "archive_dir"
            ? config_path("archive/" + file.name).string()
            : config_path("live/" + file.name + "/" + key + ".pem").string();
    context.report(kRule, file_location(file.path),
                   fmt::format("\"{}\" lacks \"{}\", so certbot renew "
                               "rejects it and skips lineage \"{}\"; add "
                               "\"{} = {}\" above \"[renewalparams]\"",
                               file.path.string(), key, file.name, key, value));
  }
}

bool has_hook(HostContext& context, const RenewalConf& conf,
              std::string_view key, std::string_view directory) {
  const ConfEntry* hook = conf.find(kParams, key);
  if (hook && !hook->value.empty() && hook->value != "None") return true;
  std::error_code error;
  fs::path hooks = context.host().path(config_path(directory));
  for (const auto& entry : fs::directory_iterator(hooks, error)) {
    fs::file_status status = entry.status(error);
    if (fs::is_regular_file(status) &&
        (status.permissions() & fs::perms::owner_exec) != fs::perms::none) {
      return true;
    }
  }
  return false;
}

void check_standalone(HostContext& context, const RenewalFile& file) {
  const ConfEntry* authenticator = file.conf.find(kParams, "authenticator");
  if (!authenticator || authenticator->value != "standalone") return;
  // certbot's standalone server binds http01_port, which may be a port
  // that nginx forwards the challenge to.
  const ConfEntry* port = file.conf.find(kParams, "http01_port");
  if (port && !port->value.empty() && port->value != "80" &&
      port->value != "None") {
    return;
  }
  const engine::Model* model = nullptr;
  const engine::Listen* listen =
      find_listen_on_port(context.models(), "80", &model);
  if (!listen) return;
  if (has_hook(context, file.conf, "pre_hook", "renewal-hooks/pre") &&
      has_hook(context, file.conf, "post_hook", "renewal-hooks/post")) {
    return;
  }
  engine::Finding& finding = context.report(
      kRule, entry_location(file, authenticator->line),
      fmt::format("\"authenticator = standalone\" needs port 80, which nginx "
                  "holds, so renewal of \"{}\" fails with \"Could not bind "
                  "TCP port 80\"; use \"certbot renew --cert-name {} "
                  "--nginx\" (or --webroot), or add \"pre_hook = systemctl "
                  "stop nginx\" and \"post_hook = systemctl start nginx\"",
                  file.name, file.name));
  if (listen->directive) {
    finding.notes.push_back({location_of(*model, *listen->directive),
                             "nginx listens on port 80 here"});
  }
}

// TODO: check that some server on port 80 serves each webroot at
// /.well-known/acme-challenge/; only the directory's existence is checked.
void check_webroots(HostContext& context, const RenewalFile& file) {
  // certbot writes a directory both to webroot_path and to webroot_map;
  // one finding per directory is enough.
  std::set<std::string> reported;
  for (const ConfEntry& entry : file.conf.entries) {
    bool listed = entry.section == kParams && entry.key == "webroot_path";
    bool mapped = entry.section == "renewalparams/webroot_map";
    if (!listed && !mapped) continue;
    for (const std::string& directory : split_list(entry.value)) {
      std::error_code error;
      if (fs::is_directory(context.host().path(directory), error)) continue;
      if (!reported.insert(directory).second) continue;
      context.report(
          kRule, entry_location(file, entry.line),
          fmt::format("webroot \"{}\" does not exist, so certbot cannot "
                      "write the HTTP-01 challenge and renewal of \"{}\" "
                      "fails; create it and serve it at "
                      "\"/.well-known/acme-challenge/\", or fix the path",
                      directory, file.name));
    }
  }
}

void check_autorenew(HostContext& context, const RenewalFile& file) {
  const ConfEntry* autorenew = file.conf.find(kParams, "autorenew");
  if (!autorenew || parse_bool(autorenew->value) != false) return;
  engine::Finding& finding = context.report(
      kRule, entry_location(file, autorenew->line),
      fmt::format("\"autorenew = {}\" makes certbot renew skip lineage "
                  "\"{}\", so its certificate will expire; delete the line",
                  autorenew->value, file.name));
  finding.severity = engine::Severity::warning;
}

/// Returns the validity period of the lineage's current certificate.
std::int64_t lifetime_of(HostContext& context, const std::string& name) {
  auto resolved =
      resolve_links(context.host(), config_path("live/" + name + "/cert.pem"));
  if (!resolved) return kDefaultLifetime;
  const certs::CertificateFile& file =
      context.certificates().certificate(context.host().path(*resolved));
  if (file.status != certs::LoadStatus::ok || file.certificates.empty()) {
    return kDefaultLifetime;
  }
  const certs::CertificateInfo& leaf = file.certificates[0];
  return leaf.not_after - leaf.not_before;
}

void check_renew_before_expiry(HostContext& context, const RenewalFile& file) {
  const ConfEntry* entry = file.conf.find("", "renew_before_expiry");
  if (!entry) return;
  std::optional<std::int64_t> interval = parse_interval(entry->value);
  std::int64_t lifetime = lifetime_of(context, file.name);
  std::string problem;
  if (!interval) {
    problem = fmt::format(
        "\"renew_before_expiry = {}\" is not an interval "
        "such as \"30 days\"",
        entry->value);
  } else if (*interval >= lifetime) {
    problem = fmt::format(
        "\"renew_before_expiry = {}\" is not shorter than the {}-day "
        "lifetime of the certificate, so certbot renews \"{}\" on every run "
        "and soon hits Let's Encrypt's rate limits",
        entry->value, lifetime / 86400, file.name);
  } else {
    return;
  }
  engine::Finding& finding = context.report(
      kRule, entry_location(file, entry->line),
      problem +
          "; delete the line to renew when a third of the lifetime is "
          "left");
  finding.severity = engine::Severity::warning;
}

void check_file(HostContext& context, const RenewalFile& file) {
  if (file.permission_denied) {
    context.not_checked(
        kRule, fmt::format("{} is not readable by this user; run tlslint as "
                           "root to check it",
                           file.path.string()));
    return;
  }
  if (!file.read_error.empty()) {
    context.report(kRule, file_location(file.path),
                   fmt::format("{} is {}, so certbot renew skips lineage "
                               "\"{}\"; make it a regular file",
                               file.path.string(), file.read_error,
                               file.name));
    return;
  }
  for (const ConfError& error : file.conf.errors) {
    context.report(kRule,
                   error.line ? entry_location(file, error.line)
                              : file_location(file.path),
                   fmt::format("{}, so certbot renew skips lineage \"{}\"; "
                               "correct the line",
                               error.message, file.name));
  }
  check_required_keys(context, file);
  bool has_params = false;
  for (const ConfEntry& entry : file.conf.entries) {
    has_params = has_params || entry.section == kParams;
  }
  if (!has_params) {
    context.report(kRule, file_location(file.path),
                   fmt::format("\"{}\" has no \"[renewalparams]\" section, "
                               "so certbot renew does not know how to "
                               "renew \"{}\"; issue it again with certbot "
                               "certonly, which writes the section",
                               file.path.string(), file.name));
  }
  check_autorenew(context, file);
  check_standalone(context, file);
  check_webroots(context, file);
  check_renew_before_expiry(context, file);
}

}  // namespace

void check_renewal_confs(HostContext& context, const CertbotState& state) {
  for (const Lineage& lineage : state.lineages) {
    if (!state.renewal(lineage.name)) report_missing_conf(context, lineage);
  }
  for (const RenewalFile& file : state.renewals) check_file(context, file);
}

}  // namespace tlslint::host::letsencrypt
