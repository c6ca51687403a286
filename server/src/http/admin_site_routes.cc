// Admin API for sites (key, allowed origins) and API keys (roles, and the caller's own).
#include "http/api_error.h"
#include "http/render.h"
#include "http/request_json.h"
#include "http/route.h"
#include "http/routes.h"
#include "services/business_hours.h"

namespace leadq {
namespace {

const std::vector<Role> kAdminOnly = {Role::kAdmin};
const std::vector<Role> kSiteReaders = {Role::kAdmin, Role::kMarketer};

Json SiteJson(const SiteRecord& site) {
  return Json{{"site_key", site.site_key},
              {"name", site.name},
              {"allowed_origins", site.allowed_origins},
              {"business_hours", site.business_hours.empty()
                                     ? Json(nullptr)
                                     : Json::parse(site.business_hours, nullptr, false)},
              {"created_ms", site.created_ms}};
}

Json KeyJson(const ApiKeyRecord& key) {
  return Json{{"key_id", key.key_id},
              {"name", key.name},
              {"role", key.role},
              {"created_ms", key.created_ms},
              {"revoked", key.revoked}};
}

// {"name", "allowed_origins": [...], "business_hours": {...} or null} (and "site_key"
// when creating). `*with_hours` tells whether the body has business hours (null among
// them: none); a site updated without them keeps its own.
Result<SiteRecord> SiteFromBody(const std::string& body_text, bool with_key, bool* with_hours) {
  Result<Json> body = ParseJsonObject(body_text);
  if (!body.ok()) return body.status();
  SiteRecord site;
  if (with_key) {
    Result<std::string> key = ReadString(body.value(), "site_key", false, 64);
    if (!key.ok()) return key.status();
    site.site_key = key.value();
  }
  Result<std::string> name = ReadString(body.value(), "name", true, 200);
  if (!name.ok()) return name.status();
  site.name = name.value();
  auto origins = body.value().find("allowed_origins");
  if (origins != body.value().end() && !origins->is_null()) {
    if (!origins->is_array()) {
      return Status::InvalidArgument("must be an array of origins", "/allowed_origins");
    }
    for (size_t i = 0; i < origins->size(); ++i) {
      const Json& origin = (*origins)[i];
      if (!origin.is_string() || origin.get_ref<const std::string&>().size() > 300) {
        return Status::InvalidArgument("must be an origin string",
                                       "/allowed_origins/" + std::to_string(i));
      }
      site.allowed_origins.push_back(origin.get<std::string>());
    }
  }
  auto hours = body.value().find("business_hours");
  *with_hours = hours != body.value().end();
  if (*with_hours && !hours->is_null()) {
    Result<std::string> checked = CheckBusinessHours(*hours, "/business_hours");
    if (!checked.ok()) return checked.status();
    site.business_hours = checked.value();
  }
  return site;
}

void ListSites(ApiContext& api, const httplib::Request&, httplib::Response& res) {
  Result<std::vector<SiteRecord>> sites = api.sites.List();
  if (!sites.ok()) return RenderError(res, sites.status());
  Json list = Json::array();
  for (const SiteRecord& site : sites.value()) list.push_back(SiteJson(site));
  RenderJson(res, {{"sites", list}});
}

void CreateSite(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  bool with_hours = false;
  Result<SiteRecord> site = SiteFromBody(req.body, true, &with_hours);
  if (!site.ok()) return RenderError(res, site.status());
  Result<SiteRecord> created = api.sites.Create(site.value());
  if (!created.ok()) return RenderError(res, created.status());
  res.status = 201;
  RenderJson(res, SiteJson(created.value()));
}

void GetSite(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<SiteRecord> site = api.sites.Get(req.matches[1]);
  if (!site.ok()) return RenderError(res, site.status());
  RenderJson(res, SiteJson(site.value()));
}

void UpdateSite(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  bool with_hours = false;
  Result<SiteRecord> site = SiteFromBody(req.body, false, &with_hours);
  if (!site.ok()) return RenderError(res, site.status());
  site.value().site_key = req.matches[1];
  Result<SiteRecord> updated = api.sites.Update(site.value(), !with_hours);
  if (!updated.ok()) return RenderError(res, updated.status());
  RenderJson(res, SiteJson(updated.value()));
}

void ListKeys(ApiContext& api, const httplib::Request&, httplib::Response& res) {
  Result<std::vector<ApiKeyRecord>> keys = api.auth.ListKeys();
  if (!keys.ok()) return RenderError(res, keys.status());
  Json list = Json::array();
  for (const ApiKeyRecord& key : keys.value()) list.push_back(KeyJson(key));
  RenderJson(res, {{"keys", list}});
}

void CreateKey(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  Result<std::string> name = ReadString(body.value(), "name", true, 100);
  if (!name.ok()) return RenderError(res, name.status());
  Result<std::string> role = ReadString(body.value(), "role", true, 16);
  if (!role.ok()) return RenderError(res, role.status());
  Result<CreatedKey> created = api.auth.CreateKey(name.value(), role.value());
  if (!created.ok()) return RenderError(res, created.status());
  res.status = 201;
  Json out = KeyJson(created.value().record);
  out["key"] = created.value().secret;
  RenderJson(res, out);
}

void RevokeKey(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Status status = api.auth.RevokeKey(req.matches[1]);
  if (!status.ok()) return RenderError(res, status);
  RenderJson(res, {{"key_id", req.matches[1].str()}, {"revoked", true}});
}

// The caller's own key: its role, so a client (the console) offers only what it may do.
void GetMe(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<Role> role = CallerRole(api, req);
  if (!role.ok()) return RenderError(res, role.status());
  RenderJson(res, {{"role", ToString(role.value())}});
}

}  // namespace

void RegisterAdminSiteRoutes(httplib::Server& server, ApiContext& api) {
  const std::string site = R"(/api/v1/admin/sites/([A-Za-z0-9_-]{1,64}))";
  AddRoute(server, api, {"GET", "/api/v1/admin/sites", "/api/v1/admin/sites", kSiteReaders},
           ListSites);
  AddRoute(server, api, {"POST", "/api/v1/admin/sites", "/api/v1/admin/sites", kAdminOnly},
           CreateSite);
  AddRoute(server, api, {"GET", site, "/api/v1/admin/sites/{site_key}", kSiteReaders}, GetSite);
  AddRoute(server, api, {"PUT", site, "/api/v1/admin/sites/{site_key}", kAdminOnly}, UpdateSite);
  AddRoute(server, api, {"GET", "/api/v1/admin/me", "/api/v1/admin/me", kAnyRole}, GetMe);
  AddRoute(server, api, {"GET", "/api/v1/admin/keys", "/api/v1/admin/keys", kAdminOnly}, ListKeys);
  AddRoute(server, api, {"POST", "/api/v1/admin/keys", "/api/v1/admin/keys", kAdminOnly},
           CreateKey);
  AddRoute(server, api,
           {"DELETE", R"(/api/v1/admin/keys/([A-Za-z0-9_-]{1,64}))", "/api/v1/admin/keys/{key_id}",
            kAdminOnly},
           RevokeKey);
}

}  // namespace leadq
