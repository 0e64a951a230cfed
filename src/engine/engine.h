#pragma once

#include <vector>

#include "certs/certificate.h"
#include "config/config.h"
#include "engine/context.h"
#include "engine/diagnostic.h"
#include "engine/registry.h"

namespace tlslint::engine {

/// Runs every check of the registry over one configuration and returns the
/// findings sorted by file, line and column. Errors the loader met (syntax,
/// broken includes) are findings of their own rules; after a syntax error
/// no other check runs.
std::vector<Finding> run_checks(const config::Config& config,
                                certs::Store& store, const Options& options,
                                const Registry& registry);

}  // namespace tlslint::engine
