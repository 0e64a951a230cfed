// Validity of the served certificates: dates, key strength and signature
// digest. nginx -t checks none of the dates, so an expired certificate loads
// silently; OpenSSL 3 at security level 2 (Debian 12's default) rejects
// weak keys and SHA-1 signatures at load time.
#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "engine/context.h"
#include "rules/certificate_checks.h"

namespace tlslint::rules {
namespace {

using certs::CertificateInfo;
using engine::RuleContext;

constexpr std::int64_t kSecondsPerDay = 24 * 60 * 60;

/// certbot 4.0.0 and later renew when a third of the lifetime is left, so
/// less than that means renewal failed. The window is kept between a week
/// (below it a failed renewal leaves little time to react, whatever the
/// lifetime) and 30 days (the usual renewal window, so that a year-long
/// certificate does not warn for four months).
constexpr std::int64_t kMinimumWarningSeconds = 7 * kSecondsPerDay;
constexpr std::int64_t kMaximumWarningSeconds = 30 * kSecondsPerDay;

std::string describe_remaining(std::int64_t seconds) {
  // Rounded to the nearest day: a certificate made for 5 days reads "in 5
  // days" a minute after it was issued.
  std::int64_t days = (seconds + kSecondsPerDay / 2) / kSecondsPerDay;
  if (days >= 2) return fmt::format("in {} days", days);
  return fmt::format("in {} hours", seconds / 3600);
}

void check_dates(RuleContext& context, const LoadedPair& pair) {
  const CertificateInfo& leaf = pair.file->certificates[pair.leaf];
  const syntax::Directive& at = *pair.pair->certificate;
  std::int64_t now = context.now();
  if (leaf.not_after < now) {
    context.report(
        "cert-expired", at,
        fmt::format("certificate {} in \"{}\" expired on {}: nginx still "
                    "loads it, but every client that verifies fails with "
                    "X509 error 10 (certificate has expired); renew it and "
                    "reload nginx",
                    quoted_name(leaf), pair.path, format_date(leaf.not_after)));
    return;
  }
  if (leaf.not_before > now) {
    context.report(
        "cert-not-yet-valid", at,
        fmt::format("certificate {} in \"{}\" is valid only from {}: clients "
                    "fail with X509 error 9 (certificate is not yet valid); "
                    "check this host's clock, or whether the right file is "
                    "named",
                    quoted_name(leaf), pair.path,
                    format_time(leaf.not_before)));
    return;
  }
  std::int64_t remaining = leaf.not_after - now;
  std::int64_t lifetime = leaf.not_after - leaf.not_before;
  std::int64_t threshold;
  std::string reason;
  if (context.options().expiry_warning_days) {
    threshold = *context.options().expiry_warning_days * kSecondsPerDay;
    reason = fmt::format("within the {} days set by --expiry-warning",
                         *context.options().expiry_warning_days);
  } else {
    threshold = std::clamp(lifetime / 3, kMinimumWarningSeconds,
                           kMaximumWarningSeconds);
    if (threshold == kMinimumWarningSeconds) {
      reason = "less than a week";
    } else if (threshold == kMaximumWarningSeconds) {
      reason = "less than 30 days";
    } else {
      reason = "less than a third of its lifetime";
    }
  }
  if (remaining >= threshold) return;
  context.report(
      "cert-expiring", at,
      fmt::format("certificate {} in \"{}\" expires {} (on {}), {}: renewal "
                  "should have happened by now; check that renewal runs "
                  "(\"certbot renew --dry-run\") and that nginx is reloaded "
                  "afterwards",
                  quoted_name(leaf), pair.path, describe_remaining(remaining),
                  format_date(leaf.not_after), reason));
}

void check_intermediate_dates(RuleContext& context, const LoadedPair& pair,
                              const std::vector<std::size_t>& intermediates) {
  for (std::size_t index : intermediates) {
    const CertificateInfo& certificate = pair.file->certificates[index];
    if (certificate.not_after >= context.now()) continue;
    context.report(
        "cert-expired", *pair.pair->certificate,
        fmt::format("intermediate certificate {} in \"{}\" expired on {}, so "
                    "clients that verify fail with X509 error 10; replace it "
                    "with the issuer's current intermediate",
                    quoted_name(certificate), pair.path,
                    format_date(certificate.not_after)));
  }
}

void check_key(RuleContext& context, const LoadedPair& pair) {
  const CertificateInfo& leaf = pair.file->certificates[pair.leaf];
  const syntax::Directive& at = *pair.pair->certificate;
  std::string problem;
  bool fatal = true;
  if ((leaf.key_type == "RSA" || leaf.key_type == "DSA") &&
      leaf.key_bits < 2048) {
    problem = fmt::format("{} {} bits; OpenSSL 3 at security level 2 needs "
                          "at least 2048, so nginx -t fails with \"ee key "
                          "too small\", and with a lowered level clients "
                          "reject it with X509 error 66",
                          leaf.key_type, leaf.key_bits);
  } else if (leaf.key_type == "EC" && leaf.key_bits < 224) {
    problem = fmt::format("EC {} bits; OpenSSL 3 at security level 2 needs "
                          "at least 224",
                          leaf.key_bits);
  } else if (leaf.key_type == "EC" && leaf.curve != "P-256" &&
             leaf.curve != "P-384") {
    fatal = false;
    problem = fmt::format("EC on curve \"{}\"", leaf.curve);
  } else if (leaf.key_type == "ED25519" || leaf.key_type == "ED448") {
    fatal = false;
    problem = leaf.key_type;
  }
  if (problem.empty()) return;
  if (fatal) {
    context.report(
        "weak-key", at,
        fmt::format("certificate {} in \"{}\" has a weak key ({}); reissue "
                    "it with an RSA key of at least 2048 bits or an ECDSA "
                    "P-256 key",
                    quoted_name(leaf), pair.path, problem));
    return;
  }
  // Not weak, but browsers and Mozilla's TLS guidelines accept only RSA and
  // ECDSA on P-256 or P-384 for server certificates.
  context
      .report("weak-key", at,
              fmt::format("certificate {} in \"{}\" has a key that many "
                          "clients do not accept ({}); reissue it with an "
                          "ECDSA P-256 or an RSA 2048 key",
                          quoted_name(leaf), pair.path, problem))
      .severity = engine::Severity::warning;
}

void check_signatures(RuleContext& context, const LoadedPair& pair,
                      const std::vector<std::size_t>& intermediates) {
  std::vector<std::size_t> signed_certificates{pair.leaf};
  signed_certificates.insert(signed_certificates.end(), intermediates.begin(),
                             intermediates.end());
  for (std::size_t index : signed_certificates) {
    const CertificateInfo& certificate = pair.file->certificates[index];
    // A root's own signature is never checked by clients.
    if (certificate.self_signed) continue;
    const std::string& digest = certificate.signature_digest;
    if (digest != "SHA1" && digest != "MD5") continue;
    context.report(
        "weak-signature-sha1", *pair.pair->certificate,
        fmt::format("certificate {} in \"{}\" is signed with {} ({}): "
                    "OpenSSL 3 at security level 2 rejects it (nginx -t "
                    "fails with \"ca md too weak\", clients with X509 error "
                    "68); reissue it with SHA-256",
                    quoted_name(certificate), pair.path,
                    certificate.signature_algorithm, digest));
  }
}

}  // namespace

void check_validity(RuleContext& context, const LoadedPair& pair,
                    const std::vector<std::size_t>& intermediates) {
  check_dates(context, pair);
  check_intermediate_dates(context, pair, intermediates);
  check_key(context, pair);
  check_signatures(context, pair, intermediates);
}

std::string format_date(std::int64_t unix_time) {
  std::time_t time = static_cast<std::time_t>(unix_time);
  std::tm parts{};
  gmtime_r(&time, &parts);
  return fmt::format("{:04}-{:02}-{:02}", parts.tm_year + 1900,
                     parts.tm_mon + 1, parts.tm_mday);
}

std::string format_time(std::int64_t unix_time) {
  std::time_t time = static_cast<std::time_t>(unix_time);
  std::tm parts{};
  gmtime_r(&time, &parts);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02} UTC", parts.tm_year + 1900,
                     parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
                     parts.tm_min);
}

std::string quoted_name(const CertificateInfo& certificate) {
  if (!certificate.common_name.empty()) {
    return fmt::format("\"CN={}\"", certificate.common_name);
  }
  return fmt::format("\"{}\"", certificate.subject);
}

}  // namespace tlslint::rules
