// certbot's live/archive layout: live/NAME/KIND.pem are symbolic links to
// archive/NAME/KINDN.pem, all four at one version N. certbot rejects
// renewal of a lineage that breaks this ("expected ... to be a symlink",
// "target ... of symlink ... does not exist"; certbot's storage.py), and
// nothing repairs it automatically.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <charconv>
#include <map>
#include <set>
#include <system_error>

#include <fmt/core.h>

#include "host/letsencrypt/letsencrypt.h"
#include "host/nginx_files.h"
#include "host/symlinks.h"

namespace tlslint::host::letsencrypt {

namespace fs = std::filesystem;

namespace {

/// True when this user may search `host_dir` (execute permission), which
/// following a link through it needs.
bool searchable(const Host& host, const fs::path& host_dir) {
  return ::access(host.path(host_dir).c_str(), X_OK) == 0 || errno != EACCES;
}

}  // namespace

int archive_version(const std::string& file_name, const std::string& kind) {
  if (!file_name.starts_with(kind) || !file_name.ends_with(".pem")) return 0;
  std::string digits = file_name.substr(
      kind.size(), file_name.size() - kind.size() - std::string(".pem").size());
  if (digits.empty() || digits[0] == '0') return 0;
  int version = 0;
  auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (error != std::errc() || end != digits.data() + digits.size()) return 0;
  return version;
}

namespace {

LiveLink read_link_state(const Host& host, const std::string& name,
                         const std::string& kind) {
  LiveLink link;
  link.kind = kind;
  link.path = config_path("live/" + name + "/" + kind + ".pem");
  std::error_code error;
  fs::file_status status = fs::symlink_status(host.path(link.path), error);
  if (!fs::exists(status)) return link;
  if (fs::is_regular_file(status)) {
    link.state = LiveLink::State::regular_file;
    return link;
  }
  std::optional<fs::path> target = read_link(host, link.path);
  if (!target) {
    link.state = LiveLink::State::other;
    return link;
  }
  link.target = *target;
  if (!resolve_links(host, *target)) {
    link.state = searchable(host, target->parent_path())
                     ? LiveLink::State::broken
                     : LiveLink::State::unreadable;
    return link;
  }
  link.version = archive_version(target->filename().string(), kind);
  // TODO: certbot links into the renewal configuration's archive_dir; a
  // lineage moved there by hand is reported here as pointing elsewhere.
  bool in_archive = target->parent_path() == config_path("archive/" + name);
  link.state = in_archive && link.version > 0 ? LiveLink::State::ok
                                              : LiveLink::State::elsewhere;
  if (link.state != LiveLink::State::ok) link.version = 0;
  return link;
}

std::vector<std::string> directory_names(const Host& host,
                                         const fs::path& host_dir,
                                         bool directories) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(host.path(host_dir), error)) {
    std::error_code type_error;
    bool is_directory = entry.is_directory(type_error);
    if (is_directory != directories) continue;
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// The highest N for which archive/NAME/KINDN.pem exists for every kind in
/// `kinds`, or 0.
int newest_version(const Host& host, const std::string& name,
                   const std::vector<std::string>& kinds) {
  std::map<int, std::size_t> found;
  for (const std::string& file :
       directory_names(host, config_path("archive/" + name), false)) {
    for (const std::string& kind : kinds) {
      if (int version = archive_version(file, kind)) ++found[version];
    }
  }
  for (auto it = found.rbegin(); it != found.rend(); ++it) {
    if (it->second == kinds.size()) return it->first;
  }
  return 0;
}

std::string relink_command(const std::string& name, const std::string& kind,
                           int version) {
  return fmt::format(
      "ln -sfn {}/{}{}.pem {}", config_path("archive/" + name).string(), kind,
      version, config_path("live/" + name + "/" + kind + ".pem").string());
}

std::string describe_fault(const LiveLink& link, const std::string& archive) {
  switch (link.state) {
    case LiveLink::State::missing:
      return "is missing";
    case LiveLink::State::regular_file:
      return fmt::format("is a regular file, not a symbolic link into \"{}/\"",
                         archive);
    case LiveLink::State::broken:
      return fmt::format("points to \"{}\", which does not exist",
                         link.target.string());
    case LiveLink::State::elsewhere:
      return fmt::format("points to \"{}\", not to \"{}/{}N.pem\"",
                         link.target.string(), archive, link.kind);
    case LiveLink::State::other:
      return "is neither a regular file nor a symbolic link";
    case LiveLink::State::ok:
      break;
  }
  return "";
}

void report_link(HostContext& context, const Lineage& lineage,
                 const LiveLink& link) {
  std::string archive = config_path("archive/" + lineage.name).string();
  int version = newest_version(context.host(), lineage.name, {link.kind});
  std::string action =
      version > 0
          ? fmt::format("run \"{}\"",
                        relink_command(lineage.name, link.kind, version))
          : fmt::format(
                "\"{}\" holds no \"{}N.pem\", so issue the "
                "certificate again with \"certbot certonly "
                "--cert-name {}\"",
                archive, link.kind, lineage.name);
  context.report(
      "le-live-not-symlink", file_location(link.path),
      fmt::format("\"{}\" {}; certbot renew rejects the lineage "
                  "and the certificate will expire; {}",
                  link.path.string(), describe_fault(link, archive), action));
}

void check_versions(HostContext& context, const Lineage& lineage) {
  std::set<int> versions;
  std::string shown;
  for (const LiveLink& link : lineage.links) {
    if (link.state != LiveLink::State::ok) return;
    versions.insert(link.version);
    if (!shown.empty()) shown += ", ";
    shown +=
        fmt::format("{}.pem -> {}{}.pem", link.kind, link.kind, link.version);
  }
  if (versions.size() < 2) return;
  std::vector<std::string> kinds(std::begin(kKinds), std::end(kKinds));
  int version = newest_version(context.host(), lineage.name, kinds);
  std::string action =
      version > 0
          ? fmt::format("point all four at version {}, e.g. \"{}\"", version,
                        relink_command(lineage.name, "cert", version))
          : "no version has all four files in archive/, so issue the "
            "certificate again with certbot";
  context.report(
      "le-lineage-inconsistent",
      file_location(config_path("live/" + lineage.name)),
      fmt::format("the links of lineage \"{}\" point at different versions "
                  "({}); nginx may pair a key with the wrong certificate and "
                  "certbot renew rejects the lineage; {}",
                  lineage.name, shown, action));
}

}  // namespace

const RenewalFile* CertbotState::renewal(std::string_view name) const {
  for (const RenewalFile& file : renewals) {
    if (file.name == name) return &file;
  }
  return nullptr;
}

fs::path config_path(std::string_view relative) {
  return fs::path(kConfigDir) / relative;
}

engine::Location entry_location(const RenewalFile& file, std::size_t line) {
  return engine::Location{file.path.string(), line, 1, 0};
}

engine::Location file_location(const fs::path& host_path) {
  return engine::Location{host_path.string(), 0, 0, 0};
}

std::optional<std::string> lineage_of(const fs::path& host_path) {
  fs::path relative =
      host_path.lexically_normal().lexically_relative(fs::path(kConfigDir));
  auto part = relative.begin();
  if (relative.empty() || part == relative.end()) return std::nullopt;
  if (*part != "live" && *part != "archive") return std::nullopt;
  if (++part == relative.end()) return std::nullopt;
  return part->string();
}

std::vector<std::string> lineages_used_by_nginx(const HostContext& context) {
  std::set<std::string> names;
  for (const NamedFile& file : files_named_by(
           context.models(), {"ssl_certificate", "ssl_certificate_key"})) {
    if (auto name = lineage_of(file.host_path)) names.insert(*name);
  }
  return {names.begin(), names.end()};
}

CertbotState read_certbot_state(const Host& host) {
  CertbotState state;
  std::error_code error;
  state.present = fs::is_directory(host.path(config_path("")), error);
  if (!state.present) return state;
  for (const char* directory : {"live", "renewal"}) {
    fs::path listed = config_path(directory);
    if (fs::is_directory(host.path(listed), error) &&
        !searchable(host, listed)) {
      state.unlisted.push_back(listed);
    }
  }
  for (const std::string& name :
       directory_names(host, config_path("live"), true)) {
    Lineage lineage{name, {}};
    for (const char* kind : kKinds) {
      lineage.links.push_back(read_link_state(host, name, kind));
    }
    state.lineages.push_back(std::move(lineage));
  }
  for (const std::string& file :
       directory_names(host, config_path("renewal"), false)) {
    // certbot reads only renewal/*.conf.
    if (!file.ends_with(".conf") || file == ".conf") continue;
    RenewalFile renewal;
    renewal.name = file.substr(0, file.size() - 5);
    renewal.path = config_path("renewal/" + file);
    std::optional<std::string> text = host.read(renewal.path);
    if (text) {
      renewal.conf = parse_renewal_conf(*text);
    } else {
      renewal.permission_denied =
          ::access(host.path(renewal.path).c_str(), R_OK) != 0 &&
          errno == EACCES;
      renewal.read_error = renewal.permission_denied
                               ? std::string(std::strerror(EACCES))
                               : std::string("not a readable regular file");
    }
    state.renewals.push_back(std::move(renewal));
  }
  return state;
}

void check_live_links(HostContext& context, const CertbotState& state) {
  for (const fs::path& directory : state.unlisted) {
    context.not_checked(
        "le-live-not-symlink",
        fmt::format("{} cannot be listed by this user (certbot makes it "
                    "mode 0700); run tlslint as root to check certbot's "
                    "files",
                    directory.string()));
  }
  for (const Lineage& lineage : state.lineages) {
    bool all_ok = true;
    bool unreadable = false;
    for (const LiveLink& link : lineage.links) {
      if (link.state == LiveLink::State::ok) continue;
      all_ok = false;
      if (link.state == LiveLink::State::unreadable) {
        unreadable = true;
        continue;
      }
      report_link(context, lineage, link);
    }
    if (unreadable) {
      context.not_checked(
          "le-live-not-symlink",
          fmt::format("the targets of {} cannot be read by this user "
                      "(certbot makes archive/ mode 0700); run tlslint as "
                      "root to check them",
                      config_path("live/" + lineage.name).string()));
    }
    if (all_ok) check_versions(context, lineage);
  }
}

}  // namespace tlslint::host::letsencrypt
