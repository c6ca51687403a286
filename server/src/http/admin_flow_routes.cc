// Admin API for flows: validate, save versions, publish, roll back, diff.
#include "http/api_error.h"
#include "http/render.h"
#include "http/request_json.h"
#include "http/route.h"
#include "http/routes.h"

namespace leadq {
namespace {

const std::vector<Role> kFlowRoles = {Role::kAdmin, Role::kMarketer};
constexpr const char* kFlowId = "([A-Za-z0-9_.-]{1,64})";

Json ProblemsJson(const std::vector<FlowProblem>& problems) {
  Json list = Json::array();
  for (const FlowProblem& problem : problems) {
    list.push_back({{"path", problem.path}, {"message", problem.message}});
  }
  return list;
}

// The `site` query parameter, which must name an existing site.
Result<std::string> ExistingSite(ApiContext& api, const httplib::Request& req) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return site;
  Result<SiteRecord> found = api.sites.Get(site.value());
  if (!found.ok()) return found.status();
  return site;
}

Json VersionJson(const FlowRecord& record, bool with_document) {
  Json item{
      {"flow", record.flow_id}, {"version", record.version}, {"created_ms", record.created_ms}};
  if (with_document) item["document"] = Json::parse(record.document, nullptr, false);
  return item;
}

void ListFlows(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<std::vector<FlowSummary>> flows = api.flows.List(site.value());
  if (!flows.ok()) return RenderError(res, flows.status());
  Json list = Json::array();
  for (const FlowSummary& flow : flows.value()) {
    list.push_back({{"flow", flow.flow_id},
                    {"published_version", flow.published_version},
                    {"latest_version", flow.latest_version}});
  }
  RenderJson(res, {{"flows", list}});
}

void ValidateFlow(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  std::vector<FlowProblem> problems = api.flows.Validate(body.value());
  RenderJson(res, {{"valid", problems.empty()}, {"problems", ProblemsJson(problems)}});
}

void SaveFlow(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  const std::string publish_text = req.get_param_value("publish");
  if (!publish_text.empty() && publish_text != "true" && publish_text != "false") {
    return RenderError(res, Status::InvalidArgument("must be true or false", "/publish"));
  }
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  std::vector<FlowProblem> problems;
  Result<FlowRecord> saved =
      api.flows.Save(site.value(), body.value(), publish_text == "true", &problems);
  if (!saved.ok()) {
    RenderError(res, saved.status());
    if (!problems.empty()) {
      Json error = Json::parse(res.body, nullptr, false);
      error["error"]["problems"] = ProblemsJson(problems);
      RenderJson(res, error);
    }
    return;
  }
  res.status = 201;
  Json out = VersionJson(saved.value(), false);
  out["published"] = publish_text == "true";
  RenderJson(res, out);
}

void ListVersions(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<std::vector<FlowRecord>> versions = api.flows.Versions(site.value(), req.matches[1]);
  if (!versions.ok()) return RenderError(res, versions.status());
  Json list = Json::array();
  for (const FlowRecord& record : versions.value()) list.push_back(VersionJson(record, false));
  RenderJson(res, {{"versions", list}});
}

void GetVersion(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<std::vector<FlowRecord>> versions = api.flows.Versions(site.value(), req.matches[1]);
  if (!versions.ok()) return RenderError(res, versions.status());
  const std::string wanted = req.matches[2];
  for (const FlowRecord& record : versions.value()) {
    if (std::to_string(record.version) == wanted) return RenderJson(res, VersionJson(record, true));
  }
  RenderError(res, Status::NotFound("no such flow version", "/version"));
}

void Publish(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  Result<int64_t> version = ReadInteger(body.value(), "version", true, 1, 1'000'000);
  if (!version.ok()) return RenderError(res, version.status());
  Status status =
      api.flows.Publish(site.value(), req.matches[1], static_cast<int>(version.value()));
  if (!status.ok()) return RenderError(res, status);
  RenderJson(res, {{"flow", req.matches[1].str()}, {"published_version", version.value()}});
}

void RollBack(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<int> version = api.flows.RollBack(site.value(), req.matches[1]);
  if (!version.ok()) return RenderError(res, version.status());
  RenderJson(res, {{"flow", req.matches[1].str()}, {"published_version", version.value()}});
}

void Diff(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<int64_t> from = QueryInteger(req, "from", 1, 1'000'000, 0);
  if (!from.ok()) return RenderError(res, from.status());
  Result<int64_t> to = QueryInteger(req, "to", 1, 1'000'000, 0);
  if (!to.ok()) return RenderError(res, to.status());
  if (from.value() == 0 || to.value() == 0) {
    return RenderError(res, Status::InvalidArgument("from and to are required",
                                                    from.value() == 0 ? "/from" : "/to"));
  }
  Result<Json> patch = api.flows.Diff(site.value(), req.matches[1], static_cast<int>(from.value()),
                                      static_cast<int>(to.value()));
  if (!patch.ok()) return RenderError(res, patch.status());
  RenderJson(res, {{"flow", req.matches[1].str()},
                   {"from", from.value()},
                   {"to", to.value()},
                   {"changes", patch.value()}});
}

}  // namespace

void RegisterAdminFlowRoutes(httplib::Server& server, ApiContext& api) {
  const std::string flow = std::string("/api/v1/admin/flows/") + kFlowId;
  AddRoute(server, api, {"GET", "/api/v1/admin/flows", "/api/v1/admin/flows", kFlowRoles},
           ListFlows);
  AddRoute(server, api, {"POST", "/api/v1/admin/flows", "/api/v1/admin/flows", kFlowRoles},
           SaveFlow);
  AddRoute(server, api,
           {"POST", "/api/v1/admin/flows/validate", "/api/v1/admin/flows/validate", kFlowRoles},
           ValidateFlow);
  AddRoute(server, api,
           {"GET", flow + "/versions", "/api/v1/admin/flows/{flow_id}/versions", kFlowRoles},
           ListVersions);
  AddRoute(server, api,
           {"GET", flow + "/versions/([0-9]{1,7})",
            "/api/v1/admin/flows/{flow_id}/versions/{version}", kFlowRoles},
           GetVersion);
  AddRoute(server, api,
           {"POST", flow + "/publish", "/api/v1/admin/flows/{flow_id}/publish", kFlowRoles},
           Publish);
  AddRoute(server, api,
           {"POST", flow + "/rollback", "/api/v1/admin/flows/{flow_id}/rollback", kFlowRoles},
           RollBack);
  AddRoute(server, api, {"GET", flow + "/diff", "/api/v1/admin/flows/{flow_id}/diff", kFlowRoles},
           Diff);
}

}  // namespace leadq
