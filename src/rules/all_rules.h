#pragma once

namespace tlslint::engine {
class Registry;
class RuleContext;
}

namespace tlslint::rules {

void register_certificate_rules(engine::Registry& registry);
void register_config_rules(engine::Registry& registry);
void register_letsencrypt_rules(engine::Registry& registry);
void register_listen_rules(engine::Registry& registry);
void register_protocol_rules(engine::Registry& registry);
void register_proxy_rules(engine::Registry& registry);
void register_reload_rules(engine::Registry& registry);
void register_system_rules(engine::Registry& registry);

/// Reports the loader's errors (syntax, broken includes) as findings.
void report_load_errors(engine::RuleContext& context);

/// Adds the checks of every rule family, in alphabetical order.
void register_all_rules(engine::Registry& registry);

}  // namespace tlslint::rules
