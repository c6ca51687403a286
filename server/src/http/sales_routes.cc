// Routes of the handoff admin API:
//   GET/POST        /api/v1/admin/destinations?site=S
//   GET/PUT/DELETE  /api/v1/admin/destinations/{id}?site=S
//   GET             /api/v1/admin/handoffs?site=S&route=sales&state=open&overdue=1
//   GET             /api/v1/admin/leads/{id}/handoff
//   POST            /api/v1/admin/leads/{id}/touches    {"channel","note","by"}
//   POST            /api/v1/admin/leads/{id}/feedback   {"decision","reason","note"}
//   GET             /api/v1/admin/deliveries?site=S&state=dead&lead=L
//   POST            /api/v1/admin/deliveries/{id}/redeliver
//   GET             /api/v1/admin/feedback-report?site=S&flow=F
//   POST            /api/v1/admin/sla/check
#include "http/sales_routes.h"

#include <functional>

#include "http/route.h"

#include <cstdlib>

#include "http/api_error.h"
#include "http/request_json.h"
#include "http/sales_json.h"

namespace leadq {
namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;

constexpr const char* kId = "([A-Za-z0-9_-]{1,64})";

void Send(Res res, const Json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

// The `site` query parameter, required where a site's data is listed or created.
Result<std::string> SiteParam(Req req, bool required) {
  const std::string site = req.get_param_value("site");
  if (site.size() > 256) return Status::InvalidArgument("must be at most 256 bytes", "/site");
  if (site.empty() && required) {
    return Status::InvalidArgument("the query parameter \"site\" is required", "/site");
  }
  return site;
}

int ListLimit(Req req) {
  const std::string text = req.get_param_value("limit");
  const long limit = text.empty() || text.size() > 6 ? 100 : std::strtol(text.c_str(), nullptr, 10);
  return limit < 1 ? 1 : limit > 1000 ? 1000 : static_cast<int>(limit);
}

void ListDestinations(SalesApi& api, Req req, Res res) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return RenderError(res, site.status());
  auto list = api.destinations.List(site.value());
  if (!list.ok()) return RenderError(res, list.status());
  Json items = Json::array();
  for (const DestinationRecord& d : list.value()) items.push_back(DestinationJson(d, false));
  Send(res, {{"destinations", items}});
}

void SaveDestination(SalesApi& api, Req req, Res res, bool create) {
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  Result<DestinationRecord> decoded = DecodeDestination(body.value());
  if (!decoded.ok()) return RenderError(res, decoded.status());
  DestinationRecord d = std::move(decoded).value();
  Result<std::string> site = ReadString(body.value(), "site", true, 256);
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
  Send(res, DestinationJson(saved.value(), create || secret_given), create ? 201 : 200);
}

void GetDestination(SalesApi& api, Req req, Res res) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return RenderError(res, site.status());
  auto found = api.destinations.Get(site.value(), req.matches[1]);
  if (!found.ok()) return RenderError(res, found.status());
  Send(res, DestinationJson(found.value(), false));
}

void DeleteDestination(SalesApi& api, Req req, Res res) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return RenderError(res, site.status());
  Status deleted = api.destinations.Delete(site.value(), req.matches[1]);
  if (!deleted.ok()) return RenderError(res, deleted);
  res.status = 204;
}

void ListHandoffs(SalesApi& api, Req req, Res res) {
  Result<std::string> site = SiteParam(req, false);
  if (!site.ok()) return RenderError(res, site.status());
  HandoffFilter filter;
  filter.site_key = site.value();
  filter.state = req.get_param_value("state");
  if (!filter.state.empty() && filter.state != "open" && filter.state != "accepted" &&
      filter.state != "rejected" && filter.state != "nurturing") {
    return RenderError(
        res, Status::InvalidArgument("must be open, accepted, rejected or nurturing", "/state"));
  }
  filter.route = req.get_param_value("route");
  if (!filter.route.empty() && filter.route != "sales" && filter.route != "nurture") {
    return RenderError(res, Status::InvalidArgument("must be sales or nurture", "/route"));
  }
  filter.overdue_only = req.get_param_value("overdue") == "1";
  filter.limit = ListLimit(req);
  auto handoffs = api.handoffs.Handoffs(filter);
  if (!handoffs.ok()) return RenderError(res, handoffs.status());
  Json items = Json::array();
  const int64_t now = api.env.now_ms();
  for (const HandoffRecord& h : handoffs.value()) items.push_back(HandoffJson(h, now));
  Send(res, {{"handoffs", items}});
}

void GetLeadHandoff(SalesApi& api, Req req, Res res) {
  auto lead = api.handoffs.Lead(req.matches[1]);
  if (!lead.ok()) return RenderError(res, lead.status());
  Send(res, LeadHandoffJson(lead.value(), api.env.now_ms()));
}

void AddTouch(SalesApi& api, Req req, Res res) {
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
  Send(res, HandoffJson(handoff.value(), api.env.now_ms()), 201);
}

void GiveFeedback(SalesApi& api, Req req, Res res) {
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
  Send(res, HandoffJson(handoff.value(), api.env.now_ms()));
}

void ListDeliveries(SalesApi& api, Req req, Res res) {
  Result<std::string> site = SiteParam(req, false);
  if (!site.ok()) return RenderError(res, site.status());
  OutboxFilter filter;
  filter.site_key = site.value();
  filter.state = req.get_param_value("state");
  if (!filter.state.empty() && filter.state != "pending" && filter.state != "sending" &&
      filter.state != "delivered" && filter.state != "dead") {
    return RenderError(
        res, Status::InvalidArgument("must be pending, sending, delivered or dead", "/state"));
  }
  filter.lead_id = req.get_param_value("lead");
  if (filter.lead_id.size() > 64) {
    return RenderError(res, Status::InvalidArgument("must be at most 64 bytes", "/lead"));
  }
  filter.limit = ListLimit(req);
  auto list = api.handoffs.Deliveries(filter);
  if (!list.ok()) return RenderError(res, list.status());
  Json items = Json::array();
  for (const OutboxRecord& o : list.value()) items.push_back(DeliveryJson(o, false));
  Send(res, {{"deliveries", items}});
}

void Redeliver(SalesApi& api, Req req, Res res) {
  const std::string id = req.matches[1];
  Status status = api.handoffs.Redeliver("", std::strtoll(id.c_str(), nullptr, 10));
  if (!status.ok()) return RenderError(res, status);
  Send(res, {{"delivery_id", std::strtoll(id.c_str(), nullptr, 10)}, {"state", "pending"}}, 202);
}

void FeedbackReport(SalesApi& api, Req req, Res res) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return RenderError(res, site.status());
  const std::string flow = req.get_param_value("flow");
  if (flow.size() > 64) return RenderError(res, Status::InvalidArgument("too long", "/flow"));
  auto report = api.feedback.Report(site.value(), flow);
  if (!report.ok()) return RenderError(res, report.status());
  Send(res, report.value());
}

void CheckSla(SalesApi& api, Res res) {
  auto marked = api.sla.CheckOverdue();
  if (!marked.ok()) return RenderError(res, marked.status());
  Send(res, {{"marked_overdue", marked.value()}});
}

}  // namespace

void RegisterSalesRoutes(httplib::Server& server, ApiContext& context, SalesApi& api) {
  const std::string admin = "/api/v1/admin";
  const std::string id = "{lead_id}";
  const std::vector<Role> admins = {Role::kAdmin};
  const std::vector<Role> sales = {Role::kAdmin, Role::kSales};
  const std::vector<Role> readers = {Role::kAdmin, Role::kMarketer, Role::kSales};
  const std::vector<Role> reporting = {Role::kAdmin, Role::kMarketer};
  auto add = [&](const char* method, const std::string& pattern, const std::string& doc_path,
                 const std::vector<Role>& roles, std::function<void(Req, Res)> handler) {
    AddRoute(server, context, {method, pattern, doc_path, roles},
             [handler](ApiContext&, Req req, Res res) { handler(req, res); });
  };
  add("GET", admin + "/destinations", admin + "/destinations", admins,
      [&api](Req req, Res res) { ListDestinations(api, req, res); });
  add("POST", admin + "/destinations", admin + "/destinations", admins,
      [&api](Req req, Res res) { SaveDestination(api, req, res, true); });
  const std::string destination = admin + "/destinations/" + kId;
  const std::string destination_doc = admin + "/destinations/{destination_id}";
  add("GET", destination, destination_doc, admins,
      [&api](Req req, Res res) { GetDestination(api, req, res); });
  add("PUT", destination, destination_doc, admins,
      [&api](Req req, Res res) { SaveDestination(api, req, res, false); });
  add("DELETE", destination, destination_doc, admins,
      [&api](Req req, Res res) { DeleteDestination(api, req, res); });
  add("GET", admin + "/handoffs", admin + "/handoffs", readers,
      [&api](Req req, Res res) { ListHandoffs(api, req, res); });
  add("GET", admin + "/leads/" + kId + "/handoff", admin + "/leads/" + id + "/handoff", readers,
      [&api](Req req, Res res) { GetLeadHandoff(api, req, res); });
  // The name this view had before "handoff" became the one word for it (deprecated).
  add("GET", admin + "/leads/" + kId + "/forwarding", admin + "/leads/" + id + "/forwarding",
      readers, [&api](Req req, Res res) { GetLeadHandoff(api, req, res); });
  add("POST", admin + "/leads/" + kId + "/touches", admin + "/leads/" + id + "/touches", sales,
      [&api](Req req, Res res) { AddTouch(api, req, res); });
  add("POST", admin + "/leads/" + kId + "/feedback", admin + "/leads/" + id + "/feedback", sales,
      [&api](Req req, Res res) { GiveFeedback(api, req, res); });
  add("GET", admin + "/deliveries", admin + "/deliveries", admins,
      [&api](Req req, Res res) { ListDeliveries(api, req, res); });
  add("POST", admin + "/deliveries/([0-9]{1,18})/redeliver",
      admin + "/deliveries/{delivery_id}/redeliver", admins,
      [&api](Req req, Res res) { Redeliver(api, req, res); });
  add("GET", admin + "/feedback-report", admin + "/feedback-report", reporting,
      [&api](Req req, Res res) { FeedbackReport(api, req, res); });
  add("POST", admin + "/sla/check", admin + "/sla/check", admins,
      [&api](Req, Res res) { CheckSla(api, res); });
}

}  // namespace leadq
