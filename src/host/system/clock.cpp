// sys-clock: a clock that drifts breaks certificate validity checks on
// both ends of every TLS connection.
#include "host/system/clock.h"

#include <set>
#include <string>

#include <fmt/core.h>

#include "config/config.h"
#include "host/system/checks.h"
#include "host/system/text.h"
#include "rules/certificate_checks.h"

namespace tlslint::host::system {
namespace {

constexpr std::string_view kRule = "sys-clock";

void check_synchronisation(HostContext& context) {
  Host& host = context.host();
  std::optional<std::string> text =
      command_text(host, commands::timedatectl_show);
  if (!text) {
    context.not_checked(
        kRule, fmt::format("time synchronisation is unknown because {}",
                           describe_failure(host, commands::timedatectl_show)));
    return;
  }
  std::map<std::string, std::string> fields = parse_timedatectl(*text);
  auto synced = fields.find("NTPSynchronized");
  if (synced == fields.end()) {
    context.not_checked(kRule,
                        "\"timedatectl show\" printed no NTPSynchronized "
                        "field");
    return;
  }
  if (synced->second != "no") return;
  auto service = fields.find("NTP");
  if (service != fields.end() && service->second == "yes") {
    engine::Finding& finding = context.report(
        kRule, std::nullopt,
        "the clock is not synchronised yet (timedatectl: "
        "NTPSynchronized=no), although time synchronisation is enabled "
        "(NTP=yes); check that the time servers are reachable with "
        "\"timedatectl timesync-status\" or \"chronyc tracking\"");
    finding.severity = engine::Severity::warning;
    return;
  }
  context.report(
      kRule, std::nullopt,
      "no time synchronisation runs (timedatectl: NTP=no, "
      "NTPSynchronized=no), so the clock drifts until certificates look "
      "expired or not yet valid to this host and to its clients; run "
      "\"timedatectl set-ntp true\" (systemd-timesyncd) or install and "
      "start chrony");
}

bool is_dynamic(const std::string& path) {
  return path.find('$') != std::string::npos || path.starts_with("data:");
}

void check_certificate_dates(HostContext& context) {
  std::set<std::string> seen;
  for (const engine::Model& model : context.models()) {
    for (const engine::Server& server : model.servers()) {
      engine::Setting setting = model.effective(server, "ssl_certificate");
      for (const syntax::Directive* directive : setting.directives) {
        if (directive->args.empty()) continue;
        const std::string& path = directive->args[0].value;
        if (is_dynamic(path)) continue;
        std::filesystem::path file =
            config::resolve_path(model.config(), path);
        if (!seen.insert(file.string()).second) continue;
        const certs::CertificateFile& loaded =
            context.certificates().certificate(file);
        const certs::CertificateInfo* latest = nullptr;
        for (const certs::CertificateInfo& certificate : loaded.certificates) {
          if (certificate.not_before <= context.now()) continue;
          if (!latest || certificate.not_before > latest->not_before) {
            latest = &certificate;
          }
        }
        if (!latest) continue;
        context.report(
            kRule, location_of(model, *directive),
            fmt::format("certificate {} in \"{}\" is valid only from {}, "
                        "after this host's clock ({}): either the clock is "
                        "behind, or clients reject the certificate as not "
                        "yet valid; compare the time with a trusted source "
                        "and enable synchronisation with \"timedatectl "
                        "set-ntp true\" or chrony",
                        rules::quoted_name(*latest), path,
                        rules::format_time(latest->not_before),
                        rules::format_time(context.now())));
      }
    }
  }
}

}  // namespace

std::map<std::string, std::string> parse_timedatectl(std::string_view text) {
  std::map<std::string, std::string> fields;
  for (std::string_view line : lines_of(text)) {
    line = trim(line);
    auto equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    fields[std::string(line.substr(0, equals))] =
        std::string(line.substr(equals + 1));
  }
  return fields;
}

void check_clock(HostContext& context) {
  check_synchronisation(context);
  check_certificate_dates(context);
}

}  // namespace tlslint::host::system
