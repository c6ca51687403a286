// Admin API for handoffs: destinations, handed-over leads with their SLA and delivery
// log, dead letters and redelivery, follow-up touches, sales feedback and the feedback
// report.
//   GET/POST        /api/v1/admin/destinations?site=S
//   GET/PUT/DELETE  /api/v1/admin/destinations/{id}?site=S
//   GET             /api/v1/admin/handoffs?site=S&route=sales&state=open&overdue=1&limit=N
//   GET             /api/v1/admin/leads/{id}/handoff   (also .../forwarding, deprecated)
//   POST            /api/v1/admin/leads/{id}/touches    {"channel","note","by"}
//   POST            /api/v1/admin/leads/{id}/feedback   {"decision","reason","note"}
//   GET             /api/v1/admin/deliveries?site=S&state=dead&lead=L&limit=N
//   POST            /api/v1/admin/deliveries/{id}/redeliver
//   GET             /api/v1/admin/feedback-report?site=S&flow=F
//   POST            /api/v1/admin/sla/check
#include <cstdlib>
#include <initializer_list>
#include <tuple>

#include "http/api_error.h"
#include "http/handoff_json.h"
#include "http/render.h"
#include "http/request_json.h"
#include "http/route.h"
#include "http/routes.h"

namespace leadq {
namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;

constexpr const char* kId = "([A-Za-z0-9_-]{1,64})";
const std::vector<Role> kAdmins = {Role::kAdmin};
const std::vector<Role> kSales = {Role::kAdmin, Role::kSales};
const std::vector<Role> kReporting = {Role::kAdmin, Role::kMarketer};

// `limit`: 1 to 1000 items, 100 when absent; anything else is a 400.
Result<int> ListLimit(Req req) {
  Result<int64_t> limit = QueryInteger(req, "limit", 1, 1000, 100);
  if (!limit.ok()) return limit.status();
  return static_cast<int>(limit.value());
}

// `name` as one of `allowed` ("" when absent).
Result<std::string> OneOf(Req req, const char* name, std::initializer_list<const char*> allowed) {
  Result<std::string> value = QueryString(req, name, 32);
  if (!value.ok() || value.value().empty()) return value;
  std::string names;
  for (const char* option : allowed) {
    if (value.value() == option) return value;
    names += (names.empty() ? "" : ", ") + std::string(option);
  }
  return Status::InvalidArgument("must be one of " + names, std::string("/") + name);
}

// The body with a status other than 200 (201 created, 202 accepted).
void Created(Res res, const Json& body, int status) {
  RenderJson(res, body);
  res.status = status;
}

void ListDestinations(ApiContext& api, Req req, Res res) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return RenderError(res, site.status());
  auto list = api.destinations.List(site.value());
  if (!list.ok()) return RenderError(res, list.status());
  Json items = Json::array();
  for (const DestinationRecord& d : list.value()) items.push_back(DestinationJson(d, false));
  RenderJson(res, {{"destinations", items}});
}

void SaveDestination(ApiContext& api, Req req, Res res, bool create) {
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  Result<DestinationRecord> decoded = DecodeDestination(body.value());
  if (!decoded.ok()) return RenderError(res, decoded.status());
  DestinationRecord d = std::move(decoded).value();
  Result<std::string> site = ReadString(body.value(), "site", true, 64);
  if (!site.ok()) return RenderError(res, site.status());
  d.site_key = site.value();
  if (create) {
    Result<std::string> id = ReadString(body.value(), "destination_id", false, 64);
    if (!id.ok()) return RenderError(res, id.status());
    d.destination_id = id.value();
  } else {
    d.destination_id = req.matches[1];
  }
  const bool secret_given = !d.secret.empty();
  auto saved = api.destinations.Save(std::move(d), create);
  if (!saved.ok()) return RenderError(res, saved.status());
  Created(res, DestinationJson(saved.value(), create || secret_given), create ? 201 : 200);
}

void CreateDestination(ApiContext& api, Req req, Res res) { SaveDestination(api, req, res, true); }

void ReplaceDestination(ApiContext& api, Req req, Res res) {
  SaveDestination(api, req, res, false);
}

void GetDestination(ApiContext& api, Req req, Res res) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return RenderError(res, site.status());
  auto found = api.destinations.Get(site.value(), req.matches[1]);
  if (!found.ok()) return RenderError(res, found.status());
  RenderJson(res, DestinationJson(found.value(), false));
}

void DeleteDestination(ApiContext& api, Req req, Res res) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return RenderError(res, site.status());
  Status deleted = api.destinations.Delete(site.value(), req.matches[1]);
  if (!deleted.ok()) return RenderError(res, deleted);
  res.status = 204;
}

void ListHandoffs(ApiContext& api, Req req, Res res) {
  HandoffFilter filter;
  Result<std::string> site = SiteParam(req, false);
  Result<std::string> state = OneOf(req, "state", {"open", "accepted", "rejected", "nurturing"});
  Result<std::string> route = OneOf(req, "route", {"sales", "nurture"});
  Result<std::string> overdue = OneOf(req, "overdue", {"0", "1"});
  Result<int> limit = ListLimit(req);
  for (const Status& status :
       {site.status(), state.status(), route.status(), overdue.status(), limit.status()}) {
    if (!status.ok()) return RenderError(res, status);
  }
  filter.site_key = site.value();
  filter.state = state.value();
  filter.route = route.value();
  filter.overdue_only = overdue.value() == "1";
  filter.limit = limit.value();
  auto handoffs = api.handoffs.Handoffs(filter);
  if (!handoffs.ok()) return RenderError(res, handoffs.status());
  Json items = Json::array();
  const int64_t now = api.env.now_ms();
  for (const HandoffRecord& h : handoffs.value()) items.push_back(HandoffJson(h, now));
  RenderJson(res, {{"handoffs", items}});
}

void GetLeadHandoff(ApiContext& api, Req req, Res res) {
  auto lead = api.handoffs.Lead(req.matches[1]);
  if (!lead.ok()) return RenderError(res, lead.status());
  RenderJson(res, LeadHandoffJson(lead.value(), api.env.now_ms()));
}

void AddTouch(ApiContext& api, Req req, Res res) {
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  TouchRecord touch;
  touch.lead_id = req.matches[1];
  for (auto [key, target, required, max] :
       {std::make_tuple("channel", &touch.channel, true, size_t{16}),
        std::make_tuple("note", &touch.note, false, size_t{2000}),
        std::make_tuple("by", &touch.by, false, size_t{200})}) {
    Result<std::string> value = ReadString(body.value(), key, required, max);
    if (!value.ok()) return RenderError(res, value.status());
    *target = value.value();
  }
  auto handoff = api.sla.RecordTouch(touch);
  if (!handoff.ok()) return RenderError(res, handoff.status());
  Created(res, HandoffJson(handoff.value(), api.env.now_ms()), 201);
}

void GiveFeedback(ApiContext& api, Req req, Res res) {
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  FeedbackRecord feedback;
  feedback.lead_id = req.matches[1];
  for (auto [key, target, required, max] :
       {std::make_tuple("decision", &feedback.decision, true, size_t{16}),
        std::make_tuple("reason", &feedback.reason, false, size_t{32}),
        std::make_tuple("note", &feedback.note, false, size_t{2000})}) {
    Result<std::string> value = ReadString(body.value(), key, required, max);
    if (!value.ok()) return RenderError(res, value.status());
    *target = value.value();
  }
  auto handoff = api.feedback.Give("", feedback);
  if (!handoff.ok()) return RenderError(res, handoff.status());
  RenderJson(res, HandoffJson(handoff.value(), api.env.now_ms()));
}

void ListDeliveries(ApiContext& api, Req req, Res res) {
  OutboxFilter filter;
  Result<std::string> site = SiteParam(req, false);
  Result<std::string> state = OneOf(req, "state", {"pending", "sending", "delivered", "dead"});
  Result<std::string> lead = QueryString(req, "lead", 64);
  Result<int> limit = ListLimit(req);
  for (const Status& status : {site.status(), state.status(), lead.status(), limit.status()}) {
    if (!status.ok()) return RenderError(res, status);
  }
  filter.site_key = site.value();
  filter.state = state.value();
  filter.lead_id = lead.value();
  filter.limit = limit.value();
  auto list = api.handoffs.Deliveries(filter);
  if (!list.ok()) return RenderError(res, list.status());
  Json items = Json::array();
  for (const OutboxRecord& o : list.value()) items.push_back(DeliveryJson(o, false));
  RenderJson(res, {{"deliveries", items}});
}

void Redeliver(ApiContext& api, Req req, Res res) {
  const int64_t id = std::strtoll(req.matches[1].str().c_str(), nullptr, 10);
  Status status = api.handoffs.Redeliver("", id);
  if (!status.ok()) return RenderError(res, status);
  Created(res, {{"delivery_id", id}, {"state", "pending"}}, 202);
}

void FeedbackReport(ApiContext& api, Req req, Res res) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return RenderError(res, site.status());
  Result<std::string> flow = QueryString(req, "flow", 64);
  if (!flow.ok()) return RenderError(res, flow.status());
  auto report = api.feedback.Report(site.value(), flow.value());
  if (!report.ok()) return RenderError(res, report.status());
  RenderJson(res, report.value());
}

void CheckSla(ApiContext& api, Req, Res res) {
  auto marked = api.sla.CheckOverdue();
  if (!marked.ok()) return RenderError(res, marked.status());
  RenderJson(res, {{"marked_overdue", marked.value()}});
}

}  // namespace

void RegisterAdminHandoffRoutes(httplib::Server& server, ApiContext& api) {
  const std::string admin = "/api/v1/admin";
  const std::string lead = admin + "/leads/" + kId;
  const std::string lead_doc = admin + "/leads/{lead_id}";
  const std::string destination = admin + "/destinations/" + kId;
  const std::string destination_doc = admin + "/destinations/{destination_id}";
  AddRoute(server, api, {"GET", admin + "/destinations", admin + "/destinations", kAdmins},
           ListDestinations);
  AddRoute(server, api, {"POST", admin + "/destinations", admin + "/destinations", kAdmins},
           CreateDestination);
  AddRoute(server, api, {"GET", destination, destination_doc, kAdmins}, GetDestination);
  AddRoute(server, api, {"PUT", destination, destination_doc, kAdmins}, ReplaceDestination);
  AddRoute(server, api, {"DELETE", destination, destination_doc, kAdmins}, DeleteDestination);
  AddRoute(server, api, {"GET", admin + "/handoffs", admin + "/handoffs", kAnyRole}, ListHandoffs);
  AddRoute(server, api, {"GET", lead + "/handoff", lead_doc + "/handoff", kAnyRole},
           GetLeadHandoff);
  // The name this view had before "handoff" became the one word for it (deprecated).
  AddRoute(server, api, {"GET", lead + "/forwarding", lead_doc + "/forwarding", kAnyRole},
           GetLeadHandoff);
  AddRoute(server, api, {"POST", lead + "/touches", lead_doc + "/touches", kSales}, AddTouch);
  AddRoute(server, api, {"POST", lead + "/feedback", lead_doc + "/feedback", kSales}, GiveFeedback);
  AddRoute(server, api, {"GET", admin + "/deliveries", admin + "/deliveries", kAdmins},
           ListDeliveries);
  AddRoute(server, api,
           {"POST", admin + "/deliveries/([0-9]{1,18})/redeliver",
            admin + "/deliveries/{delivery_id}/redeliver", kAdmins},
           Redeliver);
  AddRoute(server, api, {"GET", admin + "/feedback-report", admin + "/feedback-report", kReporting},
           FeedbackReport);
  AddRoute(server, api, {"POST", admin + "/sla/check", admin + "/sla/check", kAdmins}, CheckSla);
}

}  // namespace leadq
