#include "rules/all_rules.h"

namespace tlslint::rules {

void register_all_rules(engine::Registry& registry) {
  register_certificate_rules(registry);
  register_config_rules(registry);
  register_letsencrypt_rules(registry);
  register_listen_rules(registry);
  register_protocol_rules(registry);
  register_proxy_rules(registry);
  register_reload_rules(registry);
  register_system_rules(registry);
}

}  // namespace tlslint::rules
