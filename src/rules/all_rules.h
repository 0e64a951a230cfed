#pragma once

namespace tlslint::engine {
class Registry;
}

namespace tlslint::rules {

void register_certificate_rules(engine::Registry& registry);
void register_config_rules(engine::Registry& registry);
void register_listen_rules(engine::Registry& registry);
void register_protocol_rules(engine::Registry& registry);
void register_proxy_rules(engine::Registry& registry);

/// Adds the checks of every rule family, in alphabetical order.
void register_all_rules(engine::Registry& registry);

}  // namespace tlslint::rules
