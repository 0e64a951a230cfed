#pragma once

#include <string>

namespace tlslint::cli {

/// A usage error with the value at fault; run() prints it and exits 3.
struct UsageError {
  std::string message;
};

}  // namespace tlslint::cli
