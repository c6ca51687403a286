// API key checks and management.
#include "services/auth_service.h"

#include <openssl/sha.h>

namespace leadq {
namespace {

// Compares in time independent of where the strings differ.
bool SameSecret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

Status Unauthorized() {
  return Status::Make(StatusCode::kUnauthorized,
                      "a valid API key is required (Authorization: Bearer KEY)");
}

}  // namespace

const char* ToString(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kMarketer:
      return "marketer";
    case Role::kSales:
      return "sales";
  }
  return "sales";
}

bool ParseRole(const std::string& name, Role* role) {
  for (Role candidate : {Role::kAdmin, Role::kMarketer, Role::kSales}) {
    if (name == ToString(candidate)) {
      *role = candidate;
      return true;
    }
  }
  return false;
}

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0xF];
  }
  return hex;
}

std::string AuthService::KeyName(const std::string& secret) {
  if (secret.empty() || secret.size() > 256) return "";
  if (!bootstrap_.empty() && SameSecret(secret, bootstrap_)) return "admin";
  Result<ApiKeyRecord> key = store_.FindApiKey(Sha256Hex(secret));
  if (!key.ok() || key.value().revoked) return "";
  return key.value().name;
}

Result<Role> AuthService::Authenticate(const std::string& secret) {
  if (secret.empty() || secret.size() > 256) return Unauthorized();
  if (!bootstrap_.empty() && SameSecret(secret, bootstrap_)) return Role::kAdmin;
  const std::string hash = Sha256Hex(secret);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(hash);
    if (it != cache_.end()) return it->second;
  }
  Result<ApiKeyRecord> key = store_.FindApiKey(hash);
  if (!key.ok()) return key.status().IsNotFound() ? Unauthorized() : key.status();
  Role role;
  if (key.value().revoked || !ParseRole(key.value().role, &role)) return Unauthorized();
  std::lock_guard<std::mutex> lock(mutex_);
  cache_[hash] = role;
  return role;
}

Result<CreatedKey> AuthService::CreateKey(const std::string& name, const std::string& role) {
  Role parsed;
  if (!ParseRole(role, &parsed)) {
    return Status::InvalidArgument("must be admin, marketer or sales", "/role");
  }
  if (name.empty() || name.size() > 100) {
    return Status::InvalidArgument("must be 1 to 100 bytes", "/name");
  }
  CreatedKey created;
  created.secret = "lq_" + env_.new_id() + env_.new_id();
  created.record.key_id = env_.new_id().substr(16);
  created.record.name = name;
  created.record.role = ToString(parsed);
  created.record.key_hash = Sha256Hex(created.secret);
  created.record.created_ms = env_.now_ms();
  Status stored = store_.PutApiKey(created.record);
  if (!stored.ok()) return stored;
  return created;
}

Result<std::vector<ApiKeyRecord>> AuthService::ListKeys() { return store_.ListApiKeys(); }

Status AuthService::RevokeKey(const std::string& key_id) {
  Status status = store_.RevokeApiKey(key_id, env_.now_ms());
  std::lock_guard<std::mutex> lock(mutex_);
  cache_.clear();
  return status;
}

}  // namespace leadq
