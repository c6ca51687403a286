// Admin API for a flow's test cases (services/flow_tests.h): read them, and save them
// naming the revision the save was made on (If-Match), as drafts are saved.
#include "http/api_error.h"
#include "http/flow_routes_util.h"
#include "http/render.h"
#include "http/request_json.h"
#include "http/route.h"
#include "http/routes.h"

namespace leadq {
namespace {

void RenderTests(httplib::Response& res, const std::string& flow_id, const FlowTestsView& view) {
  res.set_header("ETag", "\"" + std::to_string(view.revision) + "\"");
  RenderJson(res, {{"flow", flow_id},
                   {"revision", view.revision},
                   {"updated_ms", view.updated_ms},
                   {"updated_by", view.updated_by},
                   {"document", view.document}});
}

void GetTests(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<FlowTestsView> view = api.flow_tests.Get(site.value(), req.matches[1]);
  if (!view.ok()) return RenderError(res, view.status());
  RenderTests(res, req.matches[1], view.value());
}

void PutTests(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<int> revision = IfMatchRevision(req);
  if (!revision.ok()) return RenderError(res, revision.status());
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  Result<FlowTestsView> view = api.flow_tests.Save(site.value(), req.matches[1], body.value(),
                                                   revision.value(), CallerName(api, req));
  if (!view.ok()) {
    return RenderRevisionError(res, view.status(), [&] {
      Result<FlowTestsView> current = api.flow_tests.Get(site.value(), req.matches[1]);
      return current.ok() ? current.value().revision : 0;
    });
  }
  RenderTests(res, req.matches[1], view.value());
  if (revision.value() == 0) res.status = 201;
}

}  // namespace

void RegisterAdminFlowTestRoutes(httplib::Server& server, ApiContext& api) {
  const std::string tests = std::string("/api/v1/admin/flows/") + kFlowIdPattern + "/tests";
  AddRoute(server, api, {"GET", tests, "/api/v1/admin/flows/{flow_id}/tests", kFlowRoles},
           GetTests);
  AddRoute(server, api, {"PUT", tests, "/api/v1/admin/flows/{flow_id}/tests", kFlowRoles},
           PutTests);
}

}  // namespace leadq
