// Admin API for backtests: a flow's draft (or any flow document) over the stored
// sessions of the last N days, queued off the request path and read back as it runs.
#include "http/api_error.h"
#include "http/flow_routes_util.h"
#include "http/render.h"
#include "http/request_json.h"
#include "http/route.h"
#include "http/routes.h"

namespace leadq {
namespace {

Json ClassJson(const BacktestClass& c) {
  return {{"triage", c.triage}, {"grade", c.grade}, {"points", c.points}};
}

Json MatrixJson(const std::map<std::pair<std::string, std::string>, int64_t>& matrix) {
  Json list = Json::array();
  for (const auto& [key, count] : matrix) {
    list.push_back({{"from", key.first}, {"to", key.second}, {"leads", count}});
  }
  return list;
}

Json ReportJson(const BacktestReport& report) {
  const BacktestTally& tally = report.tally;
  Json changes = Json::array();
  for (auto it = tally.changes.rbegin(); it != tally.changes.rend(); ++it) {
    changes.push_back({{"session_id", it->session_id},
                       {"started_ms", it->started_ms},
                       {"email", it->email},
                       {"company", it->company},
                       {"from", ClassJson(it->from)},
                       {"to", ClassJson(it->to)}});
  }
  Json out{{"id", report.id},
           {"flow", report.flow_id},
           {"state", ToString(report.state)},
           {"draft_revision", report.draft_revision},
           {"days", report.days},
           {"since_ms", report.since_ms},
           {"decided_at_ms", report.decided_at_ms},
           {"progress", {{"replayed", tally.replayed}, {"total", report.total}}},
           {"leads", tally.replayed},
           {"changed", tally.changed},
           {"changed_share",
            tally.replayed > 0 ? static_cast<double>(tally.changed) / tally.replayed : 0.0},
           {"triage", MatrixJson(tally.triage)},
           {"grade", MatrixJson(tally.grade)},
           {"changes", changes},
           {"changes_listed", changes.size()},
           {"requested_by", report.requested_by},
           {"requested_ms", report.requested_ms},
           {"finished_ms", report.finished_ms},
           {"elapsed_ms", report.elapsed_ms}};
  if (report.state == BacktestState::kFailed) out["error"] = report.error;
  return out;
}

void StartBacktest(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<Json> body = ParseJsonObject(req.body.empty() ? "{}" : req.body);
  if (!body.ok()) return RenderError(res, body.status());
  Result<int64_t> days = ReadInteger(body.value(), "days", false, 1, 365);
  if (!days.ok()) return RenderError(res, days.status());
  BacktestRequest request;
  request.site_key = site.value();
  request.flow_id = req.matches[1];
  request.days = days.value() > 0 ? static_cast<int>(days.value()) : 30;
  request.requested_by = CallerName(api, req);
  auto document = body.value().find("document");
  if (document != body.value().end()) {
    if (!document->is_object()) {
      return RenderError(res, Status::InvalidArgument("must be a flow object", "/document"));
    }
    request.document = *document;
  } else {
    Result<DraftView> draft = api.flows.GetDraft(site.value(), request.flow_id);
    if (!draft.ok()) {
      if (!draft.status().IsNotFound()) return RenderError(res, draft.status());
      return RenderError(res, Status::NotFound("the flow has no draft: save one, or give the "
                                               "flow to try as \"document\"",
                                               "/document"));
    }
    request.document = draft.value().document;
    request.draft_revision = draft.value().draft.revision;
  }
  std::vector<FlowProblem> problems;
  Result<BacktestReport> queued = api.backtests.Queue(std::move(request), &problems);
  if (!queued.ok()) {
    RenderError(res, queued.status());
    return RenderWithProblems(res, problems);
  }
  res.status = 202;
  res.set_header("Location", "/api/v1/admin/flows/" + queued.value().flow_id + "/backtests/" +
                                 queued.value().id + "?site=" + site.value());
  RenderJson(res, ReportJson(queued.value()));
}

void GetBacktest(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site = ExistingSite(api, req);
  if (!site.ok()) return RenderError(res, site.status());
  Result<BacktestReport> report = api.backtests.Get(site.value(), req.matches[1], req.matches[2]);
  if (!report.ok()) return RenderError(res, report.status());
  RenderJson(res, ReportJson(report.value()));
}

}  // namespace

void RegisterAdminBacktestRoutes(httplib::Server& server, ApiContext& api) {
  const std::string backtests = std::string("/api/v1/admin/flows/") + kFlowIdPattern + "/backtests";
  AddRoute(server, api, {"POST", backtests, "/api/v1/admin/flows/{flow_id}/backtests", kFlowRoles},
           StartBacktest);
  AddRoute(server, api,
           {"GET", backtests + "/([A-Za-z0-9_-]{1,64})",
            "/api/v1/admin/flows/{flow_id}/backtests/{backtest_id}", kFlowRoles},
           GetBacktest);
}

}  // namespace leadq
