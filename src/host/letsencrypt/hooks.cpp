// nginx reads certificate files only when it starts or reloads, so a
// renewal that does not reload nginx leaves the old certificate in service
// until it expires. certbot reloads nginx itself only with its nginx
// installer; otherwise a hook must do it.
#include <system_error>

#include <fmt/core.h>

#include "host/letsencrypt/letsencrypt.h"

namespace tlslint::host::letsencrypt {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kRule = "le-no-reload-hook";
constexpr std::string_view kHook =
    "/etc/letsencrypt/renewal-hooks/deploy/50-reload-nginx";
constexpr std::string_view kHookText =
    "#!/bin/sh\n"
    "# Created by tlslint: nginx reads certificates only when it starts or\n"
    "# reloads, so reload it after each renewal.\n"
    "nginx -t && systemctl reload nginx\n";

/// True for a hook command that reloads or restarts nginx, e.g.
/// "systemctl reload nginx" or "nginx -s reload".
bool reloads_nginx(std::string_view command) {
  return command.find("nginx") != std::string_view::npos &&
         (command.find("reload") != std::string_view::npos ||
          command.find("restart") != std::string_view::npos);
}

/// certbot runs every executable file of renewal-hooks/deploy/ after each
/// renewal and of renewal-hooks/post/ after each renew run.
bool has_directory_hook(const Host& host) {
  for (const char* directory : {"renewal-hooks/deploy", "renewal-hooks/post"}) {
    std::error_code error;
    for (const auto& entry :
         fs::directory_iterator(host.path(config_path(directory)), error)) {
      fs::file_status status = entry.status(error);
      if (fs::is_regular_file(status) &&
          (status.permissions() & fs::perms::owner_exec) != fs::perms::none) {
        return true;
      }
    }
  }
  return false;
}

/// A deploy or post hook in cli.ini, which applies to every lineage.
bool has_cli_ini_hook(const Host& host) {
  std::optional<std::string> text = host.read(config_path("cli.ini"));
  if (!text) return false;
  RenewalConf conf = parse_renewal_conf(*text);
  for (const ConfEntry& entry : conf.entries) {
    bool hook = entry.key == "deploy-hook" || entry.key == "post-hook" ||
                entry.key == "renew-hook";
    if (hook && reloads_nginx(entry.value)) return true;
  }
  return false;
}

/// True when renewing this lineage reloads nginx: the nginx installer, or
/// a renew_hook (certbot's name for --deploy-hook) or post_hook that does.
bool lineage_reloads(const RenewalConf& conf) {
  const ConfEntry* installer = conf.find("renewalparams", "installer");
  if (installer && installer->value == "nginx") return true;
  for (const char* key : {"renew_hook", "post_hook"}) {
    const ConfEntry* hook = conf.find("renewalparams", key);
    if (hook && reloads_nginx(hook->value)) return true;
  }
  return false;
}

}  // namespace

void check_reload_hooks(HostContext& context, const CertbotState& state) {
  std::vector<std::string> used = lineages_used_by_nginx(context);
  if (used.empty()) return;
  if (has_directory_hook(context.host()) || has_cli_ini_hook(context.host())) {
    return;
  }
  for (const std::string& name : used) {
    const RenewalFile* file = state.renewal(name);
    if (!file || lineage_reloads(file->conf)) continue;
    const ConfEntry* installer = file->conf.find("renewalparams", "installer");
    std::string installed =
        installer ? fmt::format("installer is \"{}\"", installer->value)
                  : std::string("no installer");
    engine::Finding& finding = context.report(
        kRule,
        installer ? entry_location(*file, installer->line)
                  : file_location(file->path),
        fmt::format("renewing \"{}\" does not reload nginx ({}, and no hook "
                    "reloads nginx), so nginx serves the old certificate "
                    "until it restarts; create "
                    "/etc/letsencrypt/renewal-hooks/deploy/50-reload-nginx "
                    "with mode 0755 containing \"#!/bin/sh\" and \"nginx -t "
                    "&& systemctl reload nginx\"",
                    name, installed));
    std::error_code error;
    fs::path disk_path = context.host().path(std::string(kHook));
    if (fs::exists(fs::symlink_status(disk_path, error))) {
      // The fix never replaces a file; this one is there but certbot skips
      // it, since it is not executable.
      finding.notes.push_back(
          {std::nullopt,
           fmt::format("{} exists but is not executable, so certbot does not "
                       "run it; check its content and run \"chmod 0755 {}\"",
                       kHook, kHook)});
      continue;
    }
    engine::NewFile hook;
    hook.path = std::string(kHook);
    hook.disk_path = disk_path.string();
    hook.text = std::string(kHookText);
    hook.mode = 0755;
    finding.new_files.push_back(std::move(hook));
  }
}

}  // namespace tlslint::host::letsencrypt
