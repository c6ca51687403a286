// Admin API for leads and sessions: filtered lists, one lead in full, CSV export.
#include "http/api_error.h"
#include "http/render.h"
#include "http/request_json.h"
#include "http/route.h"
#include "http/routes.h"

namespace leadq {
namespace {

// The filter from the query string: site, triage, grade, flow, variant, channel, from,
// to (ms since the epoch, on the last update), q (text), limit, offset.
Result<LeadFilter> FilterFrom(const httplib::Request& req) {
  LeadFilter filter;
  for (auto [name, target] :
       {std::make_pair("site", &filter.site_key), std::make_pair("triage", &filter.triage),
        std::make_pair("grade", &filter.grade), std::make_pair("flow", &filter.flow_id),
        std::make_pair("variant", &filter.variant), std::make_pair("channel", &filter.channel),
        std::make_pair("q", &filter.text)}) {
    Result<std::string> value = QueryString(req, name, 200);
    if (!value.ok()) return value.status();
    *target = value.value();
  }
  constexpr int64_t kMaxMs = int64_t{1} << 50;
  Result<int64_t> from = QueryInteger(req, "from", 0, kMaxMs, 0);
  if (!from.ok()) return from.status();
  Result<int64_t> to = QueryInteger(req, "to", 0, kMaxMs, 0);
  if (!to.ok()) return to.status();
  Result<int64_t> limit = QueryInteger(req, "limit", 1, 500, 50);
  if (!limit.ok()) return limit.status();
  Result<int64_t> offset = QueryInteger(req, "offset", 0, 1'000'000'000, 0);
  if (!offset.ok()) return offset.status();
  filter.from_ms = from.value();
  filter.to_ms = to.value();
  filter.limit = static_cast<int>(limit.value());
  filter.offset = static_cast<int>(offset.value());
  return filter;
}

void ListLeads(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<LeadFilter> filter = FilterFrom(req);
  if (!filter.ok()) return RenderError(res, filter.status());
  Result<LeadPage> page = api.leads.List(filter.value());
  if (!page.ok()) return RenderError(res, page.status());
  Json list = Json::array();
  for (const LeadRecord& lead : page.value().leads) list.push_back(LeadJson(lead));
  RenderJson(res, {{"leads", list},
                   {"total", page.value().total},
                   {"limit", filter.value().limit},
                   {"offset", filter.value().offset}});
}

void GetLead(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<Json> lead = api.leads.Get(req.matches[1]);
  if (!lead.ok()) return RenderError(res, lead.status());
  RenderJson(res, lead.value());
}

// Streamed: rows are read page by page and written as they come, so an export of any
// size needs constant memory.
void ExportLeads(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<LeadFilter> filter = FilterFrom(req);
  if (!filter.ok()) return RenderError(res, filter.status());
  Result<LeadPage> check = api.leads.List(filter.value());  // validates the filter values
  if (!check.ok()) return RenderError(res, check.status());
  res.set_header("Content-Disposition", "attachment; filename=\"leads.csv\"");
  LeadService* leads = &api.leads;
  res.set_chunked_content_provider(
      "text/csv; charset=utf-8", [leads, filter = filter.value()](size_t, httplib::DataSink& sink) {
        const std::string header = LeadCsvHeader();
        if (!sink.write(header.data(), header.size())) return false;
        Status status = leads->ForEach(filter, [&sink](const LeadRecord& lead) {
          const std::string line = LeadCsvLine(lead);
          return sink.write(line.data(), line.size());
        });
        sink.done();
        return status.ok();
      });
}

void GetSession(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  auto found = api.sessions.Get(req.matches[1]);
  if (!found.ok()) return RenderError(res, found.status());
  const auto& [session, answers] = found.value();
  Json list = Json::array();
  for (const AnswerRecord& answer : answers) {
    list.push_back({{"answer_id", answer.answer_id},
                    {"step", answer.step_id},
                    {"field", answer.field},
                    {"value", answer.value},
                    {"received_ms", answer.received_ms}});
  }
  RenderJson(res, {{"session_id", session.session_id},
                   {"site", session.site_key},
                   {"flow", session.flow_id},
                   {"flow_version", session.flow_version},
                   {"visitor_id", session.visitor_id},
                   {"variant", session.variant},
                   {"language", session.language},
                   {"started_ms", session.started_ms},
                   {"updated_ms", session.updated_ms},
                   {"done", session.done},
                   {"outcome", session.outcome},
                   {"answers", list}});
}

}  // namespace

void RegisterAdminLeadRoutes(httplib::Server& server, ApiContext& api) {
  AddRoute(server, api, {"GET", "/api/v1/admin/leads", "/api/v1/admin/leads", kAnyRole}, ListLeads);
  AddRoute(server, api, {"GET", "/api/v1/admin/leads.csv", "/api/v1/admin/leads.csv", kAnyRole},
           ExportLeads);
  AddRoute(server, api,
           {"GET", R"(/api/v1/admin/leads/([A-Za-z0-9_-]{1,64}))", "/api/v1/admin/leads/{lead_id}",
            kAnyRole},
           GetLead);
  AddRoute(server, api,
           {"GET", R"(/api/v1/admin/sessions/([A-Za-z0-9_-]{1,64}))",
            "/api/v1/admin/sessions/{session_id}", kAnyRole},
           GetSession);
}

}  // namespace leadq
