#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/context.h"
#include "host/letsencrypt/renewal_conf.h"

namespace tlslint::host::letsencrypt {

/// certbot's default --config-dir.
inline constexpr std::string_view kConfigDir = "/etc/letsencrypt";
/// The host name of Let's Encrypt's staging ACME server, which certbot's
/// --staging and --dry-run use.
inline constexpr std::string_view kStagingHost =
    "acme-staging-v02.api.letsencrypt.org";
inline constexpr std::string_view kProductionServer =
    "https://acme-v02.api.letsencrypt.org/directory";

/// The four files certbot keeps per lineage, in live/NAME/KIND.pem.
inline constexpr const char* kKinds[] = {"cert", "privkey", "chain",
                                         "fullchain"};

/// One live/NAME/KIND.pem entry.
struct LiveLink {
  enum class State {
    /// A symbolic link to archive/NAME/KINDN.pem, which exists.
    ok,
    missing,
    regular_file,
    /// A symbolic link whose target does not exist.
    broken,
    /// A symbolic link to an existing file elsewhere, or with another name.
    elsewhere,
    /// A directory, FIFO or other file type.
    other,
    /// The target's directory cannot be searched by this user (certbot
    /// makes archive/ mode 0700), so the link was not checked.
    unreadable,
  };
  std::string kind;
  /// Host path of the entry, /etc/letsencrypt/live/NAME/KIND.pem.
  std::filesystem::path path;
  State state = State::missing;
  /// Host path the link points to, for links.
  std::filesystem::path target;
  /// N of archive/NAME/KINDN.pem when state is ok.
  int version = 0;
};

/// A certificate lineage: live/NAME/ and what belongs to it.
struct Lineage {
  std::string name;
  std::vector<LiveLink> links;
};

/// A renewal configuration as read from renewal/NAME.conf.
struct RenewalFile {
  /// The lineage name: the file name without ".conf".
  std::string name;
  /// Host path, /etc/letsencrypt/renewal/NAME.conf.
  std::filesystem::path path;
  RenewalConf conf;
  /// Reason the file could not be read (strerror text), or empty.
  std::string read_error;
  /// True when that reason is a permission this user lacks.
  bool permission_denied = false;
};

/// The certbot state of a host, read once per run.
struct CertbotState {
  /// False when /etc/letsencrypt does not exist, and then the checks of
  /// certbot's files are skipped.
  bool present = false;
  /// Directories of certbot's this user may not list (live/, renewal/).
  std::vector<std::filesystem::path> unlisted;
  std::vector<Lineage> lineages;
  std::vector<RenewalFile> renewals;

  const RenewalFile* renewal(std::string_view name) const;
};

CertbotState read_certbot_state(const Host& host);

/// The host path of a file under the config dir: config_path("live/a").
std::filesystem::path config_path(std::string_view relative);

/// "/etc/letsencrypt/renewal/a.conf:3:1" style place of a conf entry.
engine::Location entry_location(const RenewalFile& file, std::size_t line);

/// A whole-file place with no line, for files without lines (links).
engine::Location file_location(const std::filesystem::path& host_path);

/// The lineage name of a live/NAME/... or archive/NAME/... host path, or
/// nullopt when the path is not under certbot's config dir.
std::optional<std::string> lineage_of(const std::filesystem::path& host_path);

/// N of an archive file name "KINDN.pem", or 0 when `file_name` is not
/// so named.
int archive_version(const std::string& file_name, const std::string& kind);

/// The lineages the loaded nginx configurations use, by name.
std::vector<std::string> lineages_used_by_nginx(const HostContext& context);

// The checks, one per concept; each reports one or two rule ids.
void check_live_links(HostContext& context, const CertbotState& state);
void check_archive_paths(HostContext& context, const CertbotState& state);
void check_renewal_confs(HostContext& context, const CertbotState& state);
void check_scheduler(HostContext& context, const CertbotState& state);
void check_reload_hooks(HostContext& context, const CertbotState& state);
void check_staging(HostContext& context, const CertbotState& state);
void check_intermediates(HostContext& context, const CertbotState& state);

}  // namespace tlslint::host::letsencrypt
