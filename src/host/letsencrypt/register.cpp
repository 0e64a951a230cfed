// The Let's Encrypt family: certbot's files under /etc/letsencrypt and how
// nginx uses them. All rules stay silent on a host without that directory,
// except the ones that read only nginx's configuration.
#include "engine/registry.h"
#include "host/letsencrypt/letsencrypt.h"
#include "rules/all_rules.h"

namespace tlslint::rules {

namespace {

void check_letsencrypt(host::HostContext& context) {
  using namespace host::letsencrypt;
  CertbotState state = read_certbot_state(context.host());
  check_archive_paths(context, state);
  check_intermediates(context, state);
  if (!state.present) return;
  check_live_links(context, state);
  check_renewal_confs(context, state);
  check_scheduler(context, state);
  check_reload_hooks(context, state);
  check_staging(context, state);
}

}  // namespace

void register_letsencrypt_rules(engine::Registry& registry) {
  registry.add_host_check(check_letsencrypt);
}

}  // namespace tlslint::rules
