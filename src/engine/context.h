#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <deque>
#include <vector>

#include "certs/certificate.h"
#include "config/config.h"
#include "engine/diagnostic.h"
#include "engine/model.h"
#include "engine/registry.h"
#include "engine/version.h"

namespace tlslint::engine {

/// Settings every rule may read. Rules never read the clock or the
/// environment themselves, so tests can pin all of it.
struct Options {
  /// Unix time that replaces the clock (--now).
  std::int64_t now = 0;
  /// The nginx that will load the configuration (--nginx-version or nginx -v).
  Version nginx_version{1, 18, 0};
  /// True when nginx_version is an assumption, not a measurement.
  bool nginx_version_assumed = true;
  /// --expiry-warning: warn this many days before notAfter instead of when a
  /// third of the lifetime is left.
  std::optional<int> expiry_warning_days;
  /// Rule ids not to run (--disable).
  std::set<std::string> disabled;
  /// The `[severity]` table of .tlslint.toml: rule id to the level that
  /// replaces the level of each of its findings. Notes stay notes.
  std::map<std::string, Severity> severity;
  /// The OpenSSL that nginx is linked with (openssl-version,
  /// --openssl-version), when given. tls13-unsupported reads it when
  /// nginx -V gives no usable output.
  std::optional<Version> openssl_version;
  /// --certs=optional: a certificate, key or other TLS file that does not
  /// exist is a note instead of an error, unless a root is set, because a
  /// configuration repository contains the configuration but not the keys.
  bool certificates_optional = false;
};

/// The interface of a check: the model, the certificate store, the options,
/// and the list its findings go to.
class RuleContext {
 public:
  RuleContext(const Model& model, certs::Store& store, const Options& options,
              const Registry& registry)
      : model_(model), store_(store), options_(options), registry_(registry) {}

  const Model& model() const { return model_; }
  const config::Config& config() const { return model_.config(); }
  certs::Store& certificates() { return store_; }
  const Options& options() const { return options_; }
  std::int64_t now() const { return options_.now; }
  const Version& nginx_version() const { return options_.nginx_version; }

  /// The place of a directive's name, or of one of its arguments.
  Location location(const syntax::Directive& directive) const;
  Location location(const syntax::Directive& directive,
                    const syntax::Argument& argument) const;

  /// A path from the configuration resolved as nginx would (prefix, --root).
  std::filesystem::path resolve(const std::string& path) const;

  /// True unless the rule was disabled.
  bool enabled(std::string_view rule_id) const;

  /// Records a finding at a directive with the rule's default severity and
  /// returns it so that the caller can add notes or a fix. Throws
  /// std::logic_error for an id missing from rules/*.toml.
  Finding& report(std::string_view rule_id, const syntax::Directive& at,
                  std::string message);
  Finding& report(std::string_view rule_id, Location where,
                  std::string message);

  /// Adds a "NAME inherits this value" note for each of `servers`, and an
  /// "included from here" note when `at` was read from an included file.
  void add_inheritance_notes(Finding& finding, const syntax::Directive& at,
                             const std::vector<const Server*>& servers) const;

  std::deque<Finding>& findings() { return findings_; }

 private:
  const Model& model_;
  certs::Store& store_;
  const Options& options_;
  const Registry& registry_;
  /// A deque, so that a Finding& from report() survives later reports.
  std::deque<Finding> findings_;
  /// Findings for disabled rules land here and are dropped.
  Finding discarded_;
};

}  // namespace tlslint::engine
