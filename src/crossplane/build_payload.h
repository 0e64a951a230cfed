#pragma once

#include <deque>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "crossplane/payload.h"

namespace tlslint::crossplane {

/// One entry of a `build` payload's "config": a file to write.
struct BuildConfig {
  std::string file;
  std::vector<Statement> parsed;
};

/// The files of a `build` payload. The statements point into `storage`; a
/// deque never moves its elements, so moving the payload keeps them valid.
struct BuildPayload {
  std::vector<BuildConfig> configs;
  std::deque<std::string> storage;
};

/// A payload that is not JSON, nests too deep or does not follow the schema
/// of `parse`'s output. what() names the file, the place and the problem,
/// for example `"c.json": config[0].parsed[2].args[1]: expected a string,
/// got number`.
class PayloadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads the JSON document that `parse` prints, as `build` takes it.
/// `name` is the payload's file name for messages. Throws PayloadError.
BuildPayload read_build_payload(std::string_view json, std::string_view name);

}  // namespace tlslint::crossplane
