// The configuration side of certbot's layout: nginx should name
// live/NAME/KIND.pem, which certbot moves to each new version. A path into
// archive/ pins one version, so nginx keeps it after every renewal.
#include <fmt/core.h>

#include "fix/source_edits.h"
#include "host/letsencrypt/letsencrypt.h"
#include "host/nginx_files.h"
#include "host/symlinks.h"

namespace tlslint::host::letsencrypt {

namespace fs = std::filesystem;

namespace {

/// The KIND of an archive file name "KINDN.pem", or "".
std::string kind_of(const std::string& file_name) {
  for (const char* kind : kKinds) {
    if (archive_version(file_name, kind) > 0) return kind;
  }
  return "";
}

/// The written path with its last three parts "archive/NAME/KINDN.pem"
/// replaced by "live/NAME/KIND.pem".
std::string live_spelling(const std::string& written, const std::string& name,
                          const std::string& kind) {
  std::string tail = fmt::format("archive/{}/", name);
  auto at = written.rfind(tail);
  if (at == std::string::npos) return "";
  return written.substr(0, at) + fmt::format("live/{}/{}.pem", name, kind);
}

}  // namespace

void check_archive_paths(HostContext& context, const CertbotState& state) {
  (void)state;
  for (const NamedFile& file : files_named_by(
           context.models(), {"ssl_certificate", "ssl_certificate_key"})) {
    std::optional<std::string> name = lineage_of(file.host_path);
    if (!name) continue;
    fs::path archive = config_path("archive/" + *name);
    if (file.host_path.parent_path() != archive) continue;
    std::string kind = kind_of(file.host_path.filename().string());
    if (kind.empty()) continue;
    std::string replacement = live_spelling(file.path, *name, kind);
    fs::path live = config_path("live/" + *name + "/" + kind + ".pem");
    engine::Finding& finding = context.report(
        "le-points-to-archive",
        argument_location_of(*file.model, *file.directive),
        fmt::format("\"{}\" names \"{}\", one fixed version of lineage "
                    "\"{}\"; certbot renews into a new version and nginx "
                    "keeps serving this one until it expires; use \"{}\"",
                    file.directive->name, file.path, *name, live.string()));
    // Rewrite only when the live file exists, so the fix cannot make nginx
    // fail to start.
    if (replacement.empty() || !resolve_links(context.host(), live)) continue;
    const syntax::Argument& argument = file.directive->args[0];
    if (argument.quoted) replacement = "\"" + replacement + "\"";
    fix::SourceEditor editor(file.model->config(), *file.directive);
    finding.fix.push_back(editor.replace_argument(argument, replacement));
  }
}

}  // namespace tlslint::host::letsencrypt
