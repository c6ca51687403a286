// Admin API for flows: validate, save versions, publish, roll back, diff, and drafts
// (saved with their problems; every save names its revision, by If-Match).
#include <algorithm>

#include "http/api_error.h"
#include "http/flow_routes_util.h"
#include "http/render.h"
#include "http/request_json.h"
#include "http/route.h"
#include "http/routes.h"

namespace leadq {
namespace {

// The longest note a publish or roll-back may carry.
constexpr size_t kMaxNote = 500;

Json VersionJson(const FlowRecord& record, bool with_document) {
  Json item{{"flow", record.flow_id},
            {"version", record.version},
            {"created_ms", record.created_ms},
            {"created_by", record.created_by},
            {"note", record.note}};
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
    Json draft = nullptr;
    if (flow.draft_revision > 0) {
      draft = {{"revision", flow.draft_revision}, {"updated_ms", flow.draft_updated_ms}};
    }
    list.push_back({{"flow", flow.flow_id},
                    {"published_version", flow.published_version},
                    {"latest_version", flow.latest_version},
                    {"draft", draft},
                    {"last_change_ms", std::max(flow.latest_version_ms, flow.draft_updated_ms)},
                    {"activity",
                     {{"days", kFlowActivityDays},
                      {"sessions", flow.sessions},
                      {"qualified", flow.qualified}}}});
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
  Result<FlowRecord> saved = api.flows.Save(site.value(), body.value(), publish_text == "true",
                                            &problems, CallerName(api, req));
  if (!saved.ok()) {
    RenderError(res, saved.status());
    return RenderWithProblems(res, problems);
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
  Result<std::string> note = ReadString(body.value(), "note", false, kMaxNote);
  if (!note.ok()) return RenderError(res, note.status());
  Status status = api.flows.Publish(site.value(), req.matches[1], static_cast<int>(version.value()),
                                    CallerName(api, req), note.value());
  if (!status.ok()) return RenderError(res, status);
  RenderJson(res, {{"flow", req.matches[1].str()}, {"published_version", version.value()}});
}

void RollBack(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<Json> body = ParseJsonObject(req.body.empty() ? "{}" : req.body);
  if (!body.ok()) return RenderError(res, body.status());
  Result<std::string> note = ReadString(body.value(), "note", false, kMaxNote);
  if (!note.ok()) return RenderError(res, note.status());
  Result<int> version =
      api.flows.RollBack(site.value(), req.matches[1], CallerName(api, req), note.value());
  if (!version.ok()) return RenderError(res, version.status());
  RenderJson(res, {{"flow", req.matches[1].str()}, {"published_version", version.value()}});
}

void History(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<std::vector<FlowEvent>> events = api.flows.History(site.value(), req.matches[1]);
  if (!events.ok()) return RenderError(res, events.status());
  Json list = Json::array();
  for (const FlowEvent& event : events.value()) {
    list.push_back({{"at_ms", event.at_ms},
                    {"actor", event.actor},
                    {"action", event.action},
                    {"version", event.version},
                    {"note", event.note}});
  }
  RenderJson(res, {{"flow", req.matches[1].str()}, {"events", list}});
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

void RenderDraft(httplib::Response& res, const DraftView& view) {
  const FlowDraft& draft = view.draft;
  res.set_header("ETag", "\"" + std::to_string(draft.revision) + "\"");
  RenderJson(res, {{"flow", draft.flow_id},
                   {"revision", draft.revision},
                   {"base_version", draft.base_version},
                   {"updated_ms", draft.updated_ms},
                   {"updated_by", draft.updated_by},
                   {"document", view.document},
                   {"valid", view.problems.empty()},
                   {"problems", ProblemsJson(view.problems)}});
}

// A Conflict carries the revision stored now, so a client can say what happened.
void RenderDraftError(ApiContext& api, const std::string& site, const std::string& flow,
                      httplib::Response& res, const Status& status) {
  RenderRevisionError(res, status, [&] {
    Result<DraftView> current = api.flows.GetDraft(site, flow);
    return current.ok() ? current.value().draft.revision : 0;
  });
}

void GetDraft(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<DraftView> view = api.flows.GetDraft(site.value(), req.matches[1]);
  if (!view.ok()) return RenderError(res, view.status());
  RenderDraft(res, view.value());
}

void PutDraft(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<int> revision = IfMatchRevision(req);
  if (!revision.ok()) return RenderError(res, revision.status());
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  Result<DraftView> view = api.flows.SaveDraft(site.value(), req.matches[1], body.value(),
                                               revision.value(), CallerName(api, req));
  if (!view.ok()) return RenderDraftError(api, site.value(), req.matches[1], res, view.status());
  RenderDraft(res, view.value());
  if (revision.value() == 0) res.status = 201;
}

void DeleteDraft(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<int> revision = IfMatchRevision(req);
  if (!revision.ok()) return RenderError(res, revision.status());
  if (revision.value() == 0) {
    return RenderError(
        res, Status::InvalidArgument("If-Match with the draft's ETag is required to discard it",
                                     "/revision"));
  }
  Status status = api.flows.DiscardDraft(site.value(), req.matches[1], revision.value());
  if (!status.ok()) return RenderDraftError(api, site.value(), req.matches[1], res, status);
  RenderJson(res, {{"flow", req.matches[1].str()}, {"discarded", true}});
}

void PublishDraft(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  Result<int64_t> revision = ReadInteger(body.value(), "revision", true, 1, 999'999'999);
  if (!revision.ok()) return RenderError(res, revision.status());
  Result<std::string> note = ReadString(body.value(), "note", false, kMaxNote);
  if (!note.ok()) return RenderError(res, note.status());
  std::vector<FlowProblem> problems;
  Result<FlowRecord> published =
      api.flows.PublishDraft(site.value(), req.matches[1], static_cast<int>(revision.value()),
                             &problems, CallerName(api, req), note.value());
  if (!published.ok()) {
    RenderDraftError(api, site.value(), req.matches[1], res, published.status());
    return RenderWithProblems(res, problems);
  }
  res.status = 201;
  Json out = VersionJson(published.value(), false);
  out["published"] = true;
  RenderJson(res, out);
}

}  // namespace

void RegisterAdminFlowRoutes(httplib::Server& server, ApiContext& api) {
  const std::string flow = std::string("/api/v1/admin/flows/") + kFlowIdPattern;
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
  AddRoute(server, api, {"GET", flow + "/draft", "/api/v1/admin/flows/{flow_id}/draft", kFlowRoles},
           GetDraft);
  AddRoute(server, api, {"PUT", flow + "/draft", "/api/v1/admin/flows/{flow_id}/draft", kFlowRoles},
           PutDraft);
  AddRoute(server, api,
           {"DELETE", flow + "/draft", "/api/v1/admin/flows/{flow_id}/draft", kFlowRoles},
           DeleteDraft);
  AddRoute(
      server, api,
      {"POST", flow + "/draft/publish", "/api/v1/admin/flows/{flow_id}/draft/publish", kFlowRoles},
      PublishDraft);
  AddRoute(server, api, {"GET", flow + "/diff", "/api/v1/admin/flows/{flow_id}/diff", kFlowRoles},
           Diff);
  AddRoute(server, api,
           {"GET", flow + "/history", "/api/v1/admin/flows/{flow_id}/history", kFlowRoles},
           History);
}

}  // namespace leadq
