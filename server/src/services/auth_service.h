// AuthService: admin API keys and their roles.
//
// Roles: admin (everything), marketer (flows, leads, sites read), sales (leads). A key's
// secret is shown once when created; only its SHA-256 is stored. The key given on the
// command line (--admin-key) is an admin key that is never stored.
#ifndef LEADQ_SERVER_SERVICES_AUTH_SERVICE_H_
#define LEADQ_SERVER_SERVICES_AUTH_SERVICE_H_

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "services/environment.h"
#include "storage/site_store.h"

namespace leadq {

enum class Role { kAdmin, kMarketer, kSales };

const char* ToString(Role role);
// False for an unknown name.
bool ParseRole(const std::string& name, Role* role);

struct CreatedKey {
  ApiKeyRecord record;
  std::string secret;  // shown once
};

class AuthService {
 public:
  AuthService(SiteStore& store, const Environment& env, std::string bootstrap_admin_key)
      : store_(store), env_(env), bootstrap_(std::move(bootstrap_admin_key)) {}

  // The role of the key `secret`; "unauthorized" for an unknown or revoked key.
  Result<Role> Authenticate(const std::string& secret);
  // The name of the key `secret` as its creator gave it, for "who did what" ("admin" for
  // the bootstrap key); "" for a key that does not authenticate.
  std::string KeyName(const std::string& secret);

  Result<CreatedKey> CreateKey(const std::string& name, const std::string& role);
  Result<std::vector<ApiKeyRecord>> ListKeys();
  Status RevokeKey(const std::string& key_id);

 private:
  SiteStore& store_;
  const Environment& env_;
  const std::string bootstrap_;
  // Hash -> role of keys seen valid; cleared on revocation. Saves a read per request.
  std::mutex mutex_;
  std::map<std::string, Role> cache_;
};

// Hex SHA-256 of `text`.
std::string Sha256Hex(const std::string& text);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_AUTH_SERVICE_H_
