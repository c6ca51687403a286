// HMAC-SHA256 with OpenSSL's one-shot HMAC().
#include "delivery/signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>

namespace leadq {

std::string HmacSha256Hex(const std::string& key, const std::string& message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

std::string SignWebhook(const std::string& secret, int64_t timestamp_s, const std::string& body) {
  return "v1=" + HmacSha256Hex(secret, std::to_string(timestamp_s) + "." + body);
}

bool VerifyWebhook(const std::string& secret, const std::string& timestamp,
                   const std::string& signature, const std::string& body, int64_t now_s,
                   int64_t window_s) {
  if (timestamp.empty() || timestamp.size() > 12) return false;
  for (char c : timestamp) {
    if (c < '0' || c > '9') return false;
  }
  const int64_t sent_s = std::strtoll(timestamp.c_str(), nullptr, 10);
  if (sent_s < now_s - window_s || sent_s > now_s + window_s) return false;
  const std::string expected = "v1=" + HmacSha256Hex(secret, timestamp + "." + body);
  if (expected.size() != signature.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    diff |= static_cast<unsigned char>(expected[i] ^ signature[i]);
  }
  return diff == 0;
}

}  // namespace leadq
