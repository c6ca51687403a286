// SiteStore: sites (a site key and its allowed browser origins) and admin API keys.
#ifndef LEADQ_SERVER_STORAGE_SITE_STORE_H_
#define LEADQ_SERVER_STORAGE_SITE_STORE_H_

#include <string>
#include <vector>

#include "leadq/result.h"
#include "storage/records.h"

namespace leadq {

class SiteStore {
 public:
  virtual ~SiteStore() = default;
  // Creates or replaces the site with `site.site_key` (created_ms kept when it exists).
  virtual Status PutSite(const SiteRecord& site) = 0;
  // NotFound when no site has that key.
  virtual Result<SiteRecord> GetSite(const std::string& site_key) = 0;
  virtual Result<std::vector<SiteRecord>> ListSites() = 0;

  virtual Status PutApiKey(const ApiKeyRecord& key) = 0;
  // The key whose hash is `key_hash`, revoked or not; NotFound otherwise.
  virtual Result<ApiKeyRecord> FindApiKey(const std::string& key_hash) = 0;
  virtual Result<std::vector<ApiKeyRecord>> ListApiKeys() = 0;
  // NotFound when no key has that id.
  virtual Status RevokeApiKey(const std::string& key_id, int64_t now_ms) = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SITE_STORE_H_
