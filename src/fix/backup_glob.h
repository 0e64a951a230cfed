#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "fix/fixer.h"

namespace tlslint::fix {

/// Returns one warning for each backup that an `include` glob of the
/// configuration matches, because nginx would then load the backup as
/// configuration too (a second copy of the servers it contains). Each
/// warning names the glob, where it is written and the backup, and suggests
/// a --backup suffix that the glob does not match when there is one.
std::vector<std::string> backups_matched_by_globs(
    const std::vector<WrittenFile>& written,
    const std::vector<config::Config>& configs, const std::string& suffix);

}  // namespace tlslint::fix
