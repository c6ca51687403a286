// SiteService: the sites a leadq installation serves — each with a public site key (what
// the widget sends) and the browser origins allowed to use it.
#ifndef LEADQ_SERVER_SERVICES_SITE_SERVICE_H_
#define LEADQ_SERVER_SERVICES_SITE_SERVICE_H_

#include <string>
#include <vector>

#include "services/environment.h"
#include "storage/site_store.h"

namespace leadq {

class SiteService {
 public:
  SiteService(SiteStore& store, const Environment& env) : store_(store), env_(env) {}

  // Creates a site; a key is generated when `site.site_key` is empty. Conflict when the
  // key exists; InvalidArgument for a malformed key, name or origin.
  Result<SiteRecord> Create(SiteRecord site);
  // Replaces name, origins and business hours of an existing site (NotFound otherwise);
  // with `keep_business_hours` the site keeps the business hours it has.
  Result<SiteRecord> Update(const SiteRecord& site, bool keep_business_hours = false);
  Result<SiteRecord> Get(const std::string& site_key);
  Result<std::vector<SiteRecord>> List();
  // Whether some site allows `origin` (a CORS preflight names no site).
  bool AnyAllows(const std::string& origin);

 private:
  Status Check(const SiteRecord& site);

  SiteStore& store_;
  const Environment& env_;
};

// "https://shop.example" or "http://localhost:8080": a scheme, a host, maybe a port,
// and nothing else (a browser's Origin header never has a path).
bool IsValidOrigin(const std::string& origin);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_SITE_SERVICE_H_
