#include "certs/describe.h"

#include <arpa/inet.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "certs/handles.h"
#include "certs/openssl_error.h"

namespace tlslint::certs {
namespace {

std::string asn1_string_to_utf8(const ASN1_STRING* value) {
  unsigned char* utf8 = nullptr;
  int length = ASN1_STRING_to_UTF8(&utf8, value);
  if (length < 0) {
    clear_openssl_errors();
    return {};
  }
  std::string text(reinterpret_cast<char*>(utf8),
                   static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return text;
}

/// Returns the text of the last `nid` entry of a name, or "" without one.
std::string last_entry(const X509_NAME* name, int nid) {
  int last = -1;
  for (int index = -1;
       (index = X509_NAME_get_index_by_NID(name, nid, index)) >= 0;) {
    last = index;
  }
  if (last < 0) return {};
  const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, last);
  return asn1_string_to_utf8(X509_NAME_ENTRY_get_data(entry));
}

std::string ip_address_text(const ASN1_OCTET_STRING* address) {
  const unsigned char* bytes = ASN1_STRING_get0_data(address);
  char text[INET6_ADDRSTRLEN] = {};
  switch (ASN1_STRING_length(address)) {
    case 4:
      return inet_ntop(AF_INET, bytes, text, sizeof text) ? text : "";
    case 16:
      return inet_ntop(AF_INET6, bytes, text, sizeof text) ? text : "";
    default:
      return {};
  }
}

void read_subject_alt_names(X509* cert, CertificateInfo& info) {
  auto* names = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  // A missing extension and a malformed one both return nullptr; neither
  // gives names, and the queue must not keep the decoding error.
  clear_openssl_errors();
  if (names == nullptr) return;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_DNS) {
      const ASN1_IA5STRING* dns = name->d.dNSName;
      std::string text(
          reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
          static_cast<std::size_t>(ASN1_STRING_length(dns)));
      std::transform(text.begin(), text.end(), text.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      });
      info.dns_names.push_back(std::move(text));
    } else if (name->type == GEN_IPADD) {
      std::string text = ip_address_text(name->d.iPAddress);
      if (!text.empty()) info.ip_addresses.push_back(std::move(text));
    }
  }
  GENERAL_NAMES_free(names);
}

std::int64_t to_unix_time(const ASN1_TIME* time) {
  std::tm broken_down{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &broken_down) != 1) {
    clear_openssl_errors();
    return 0;
  }
  return static_cast<std::int64_t>(timegm(&broken_down));
}

bool is_self_signed(X509* cert) {
  if (X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)) !=
      0) {
    return false;
  }
  EVP_PKEY* key = X509_get0_pubkey(cert);
  bool verified = key != nullptr && X509_verify(cert, key) == 1;
  clear_openssl_errors();
  return verified;
}

std::string signature_algorithm_name(const X509* cert) {
  int nid = X509_get_signature_nid(cert);
  if (nid != NID_undef) return OBJ_nid2ln(nid);
  // Unknown to this OpenSSL: show the OID in dotted form.
  const X509_ALGOR* algorithm = nullptr;
  X509_get0_signature(nullptr, &algorithm, cert);
  const ASN1_OBJECT* object = nullptr;
  X509_ALGOR_get0(&object, nullptr, nullptr, algorithm);
  char text[128] = {};
  if (object == nullptr || OBJ_obj2txt(text, sizeof text, object, 1) <= 0) {
    clear_openssl_errors();
    return {};
  }
  return text;
}

std::string signature_digest_name(X509* cert) {
  int digest_nid = NID_undef;
  // X509_get_signature_info also reads the digest out of RSA-PSS parameters,
  // which OBJ_find_sigid_algs cannot.
  if (X509_get_signature_info(cert, &digest_nid, nullptr, nullptr, nullptr) !=
      1) {
    clear_openssl_errors();
    if (OBJ_find_sigid_algs(X509_get_signature_nid(cert), &digest_nid,
                            nullptr) != 1) {
      return {};
    }
  }
  if (digest_nid == NID_undef) return {};
  const char* name = OBJ_nid2sn(digest_nid);
  return name != nullptr ? name : "";
}

std::string sha256_fingerprint(const X509* cert) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(cert, EVP_sha256(), digest, &length) != 1) {
    clear_openssl_errors();
    return {};
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    if (i > 0) text += ':';
    text += kHex[digest[i] >> 4];
    text += kHex[digest[i] & 0x0f];
  }
  return text;
}

std::string curve_name(const EVP_PKEY* key) {
  char group[80] = {};
  std::size_t length = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group,
                                     sizeof group, &length) != 1) {
    clear_openssl_errors();
    return {};
  }
  const char* nist = EC_curve_nid2nist(OBJ_txt2nid(group));
  return nist != nullptr ? nist : group;
}

/// The OCSP responder URLs of the Authority Information Access extension.
std::vector<std::string> ocsp_urls(X509* cert) {
  std::vector<std::string> urls;
  STACK_OF(OPENSSL_STRING)* found = X509_get1_ocsp(cert);
  for (int i = 0; i < sk_OPENSSL_STRING_num(found); ++i) {
    urls.emplace_back(sk_OPENSSL_STRING_value(found, i));
  }
  X509_email_free(found);
  return urls;
}

}  // namespace

PublicKeyInfo describe_public_key(const EVP_PKEY* key) {
  PublicKeyInfo info;
  if (key == nullptr) return info;
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      info.type = "RSA";
      break;
    case EVP_PKEY_EC:
      info.type = "EC";
      info.curve = curve_name(key);
      break;
    case EVP_PKEY_ED25519:
      info.type = "ED25519";
      break;
    case EVP_PKEY_ED448:
      info.type = "ED448";
      break;
    case EVP_PKEY_DSA:
      info.type = "DSA";
      break;
    default: {
      const char* name = EVP_PKEY_get0_type_name(key);
      info.type = name != nullptr ? name : "unknown";
      break;
    }
  }
  info.bits = EVP_PKEY_get_bits(key);
  return info;
}

std::string format_name(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  // RFC 2253 flags, but UTF-8 is written as is instead of as \XX escapes,
  // so that names read well in messages; control characters stay escaped.
  const unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
    clear_openssl_errors();
    return {};
  }
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(std::max(length, 0L)));
}

CertificateInfo describe_certificate(X509* cert) {
  CertificateInfo info;
  const X509_NAME* subject = X509_get_subject_name(cert);
  const X509_NAME* issuer = X509_get_issuer_name(cert);
  info.subject = format_name(subject);
  info.issuer = format_name(issuer);
  info.common_name = last_entry(subject, NID_commonName);
  info.issuer_common_name = last_entry(issuer, NID_commonName);
  read_subject_alt_names(cert, info);
  info.not_before = to_unix_time(X509_get0_notBefore(cert));
  info.not_after = to_unix_time(X509_get0_notAfter(cert));
  info.is_ca = (X509_get_extension_flags(cert) & EXFLAG_CA) != 0;
  info.self_signed = is_self_signed(cert);

  PublicKeyInfo key = describe_public_key(X509_get0_pubkey(cert));
  info.key_type = std::move(key.type);
  info.key_bits = key.bits;
  info.curve = std::move(key.curve);

  info.signature_algorithm = signature_algorithm_name(cert);
  info.signature_digest = signature_digest_name(cert);
  info.sha256_fingerprint = sha256_fingerprint(cert);
  info.ocsp_urls = ocsp_urls(cert);
  clear_openssl_errors();
  return info;
}

}  // namespace tlslint::certs
