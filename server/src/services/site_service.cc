// Site management.
#include "services/site_service.h"

namespace leadq {

bool IsValidOrigin(const std::string& origin) {
  std::string rest;
  if (origin.rfind("https://", 0) == 0) {
    rest = origin.substr(8);
  } else if (origin.rfind("http://", 0) == 0) {
    rest = origin.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.size() > 253) return false;
  for (char c : rest) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                    c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

Status SiteService::Check(const SiteRecord& site) {
  if (site.site_key.size() < 3 || site.site_key.size() > 64) {
    return Status::InvalidArgument("must be 3 to 64 letters, digits, '-' or '_'", "/site_key");
  }
  for (char c : site.site_key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) {
      return Status::InvalidArgument("must be 3 to 64 letters, digits, '-' or '_'", "/site_key");
    }
  }
  if (site.name.empty() || site.name.size() > 200) {
    return Status::InvalidArgument("must be 1 to 200 bytes", "/name");
  }
  if (site.allowed_origins.size() > 50) {
    return Status::InvalidArgument("at most 50 origins", "/allowed_origins");
  }
  for (size_t i = 0; i < site.allowed_origins.size(); ++i) {
    if (!IsValidOrigin(site.allowed_origins[i])) {
      return Status::InvalidArgument(
          "must be an origin such as https://www.example.com (lower case, no path)",
          "/allowed_origins/" + std::to_string(i));
    }
  }
  return Status::Ok();
}

Result<SiteRecord> SiteService::Create(SiteRecord site) {
  if (site.site_key.empty()) site.site_key = "site_" + env_.new_id().substr(12);
  Status status = Check(site);
  if (!status.ok()) return status;
  Result<SiteRecord> existing = store_.GetSite(site.site_key);
  if (existing.ok()) return Status::Conflict("a site with this key exists", "/site_key");
  if (!existing.status().IsNotFound()) return existing.status();
  site.created_ms = env_.now_ms();
  status = store_.PutSite(site);
  if (!status.ok()) return status;
  return site;
}

Result<SiteRecord> SiteService::Update(const SiteRecord& site, bool keep_business_hours) {
  Status status = Check(site);
  if (!status.ok()) return status;
  Result<SiteRecord> existing = store_.GetSite(site.site_key);
  if (!existing.ok()) return existing.status();
  SiteRecord updated = site;
  updated.created_ms = existing.value().created_ms;
  if (keep_business_hours) updated.business_hours = existing.value().business_hours;
  status = store_.PutSite(updated);
  if (!status.ok()) return status;
  return updated;
}

Result<SiteRecord> SiteService::Get(const std::string& site_key) {
  return store_.GetSite(site_key);
}

Result<std::vector<SiteRecord>> SiteService::List() { return store_.ListSites(); }

bool SiteService::AnyAllows(const std::string& origin) {
  Result<std::vector<SiteRecord>> sites = store_.ListSites();
  if (!sites.ok()) return false;
  for (const SiteRecord& site : sites.value()) {
    for (const std::string& allowed : site.allowed_origins) {
      if (allowed == origin) return true;
    }
  }
  return false;
}

}  // namespace leadq
