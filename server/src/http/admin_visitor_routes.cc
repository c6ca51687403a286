// Admin API for visitors: export everything, erase, and the retention purge.
#include "http/api_error.h"
#include "http/render.h"
#include "http/request_json.h"
#include "http/route.h"
#include "http/routes.h"

namespace leadq {
namespace {

const std::vector<Role> kPrivacyRoles = {Role::kAdmin};

void ExportVisitor(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return RenderError(res, site.status());
  Result<Json> exported = api.visitors.Export(site.value(), req.matches[1]);
  if (!exported.ok()) return RenderError(res, exported.status());
  res.set_header("Content-Disposition", "attachment; filename=\"visitor.json\"");
  RenderJson(res, exported.value());
}

void EraseVisitor(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return RenderError(res, site.status());
  Status erased = api.visitors.Erase(site.value(), req.matches[1]);
  if (!erased.ok()) return RenderError(res, erased);
  RenderJson(res, {{"erased", true}, {"visitor_id", req.matches[1].str()}});
}

void PurgeEvents(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  Result<int64_t> days = ReadInteger(body.value(), "days", true, 1, 36500);
  if (!days.ok()) return RenderError(res, days.status());
  Result<int64_t> purged = api.visitors.PurgeEventsOlderThan(static_cast<int>(days.value()));
  if (!purged.ok()) return RenderError(res, purged.status());
  RenderJson(res, {{"purged_events", purged.value()}, {"days", days.value()}});
}

}  // namespace

void RegisterAdminVisitorRoutes(httplib::Server& server, ApiContext& api) {
  const std::string visitor = R"(/api/v1/admin/visitors/([A-Za-z0-9_-]{1,64}))";
  AddRoute(server, api, {"GET", visitor, "/api/v1/admin/visitors/{visitor_id}", kPrivacyRoles},
           ExportVisitor);
  AddRoute(server, api, {"DELETE", visitor, "/api/v1/admin/visitors/{visitor_id}", kPrivacyRoles},
           EraseVisitor);
  AddRoute(
      server, api,
      {"POST", "/api/v1/admin/retention/purge", "/api/v1/admin/retention/purge", kPrivacyRoles},
      PurgeEvents);
}

}  // namespace leadq
