// The public API used by the widget: flows, sessions, answers, events, consent. Each
// handler parses, calls one service and renders.
#include "http/api_error.h"
#include "http/cors.h"
#include "http/event_decoder.h"
#include "http/render.h"
#include "http/request_json.h"
#include "http/route.h"
#include "http/routes.h"

namespace leadq {
namespace {

// Looks up the site named by `site_key`, applies its origin rules and its rate limit.
Result<SiteRecord> SiteFor(ApiContext& api, const std::string& site_key,
                           const httplib::Request& req, httplib::Response& res) {
  Result<SiteRecord> site = api.sites.Get(site_key);
  if (!site.ok()) {
    if (site.status().IsNotFound()) {
      return Status::Make(StatusCode::kUnauthorized, "unknown site key", "/site");
    }
    return site.status();
  }
  Status origin = CheckOrigin(api, site.value(), req, res);
  if (!origin.ok()) return origin;
  int retry_after = 0;
  if (!api.site_limiter.Allow(site_key, api.env.now_ms(), &retry_after)) {
    api.metrics.RateLimited();
    res.set_header("Retry-After", std::to_string(retry_after));
    return Status::Make(StatusCode::kRateLimited, "too many requests for this site; retry later");
  }
  return site;
}

// The body as an object, its honeypot empty, and its site allowed.
Result<Json> PublicBody(ApiContext& api, const httplib::Request& req, httplib::Response& res,
                        std::string* site_key) {
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return body;
  Result<std::string> site = ReadString(body.value(), "site", true, 64);
  if (!site.ok()) return site.status();
  *site_key = site.value();
  Status honeypot = CheckHoneypot(body.value());
  if (!honeypot.ok()) return honeypot;
  Result<SiteRecord> allowed = SiteFor(api, *site_key, req, res);
  if (!allowed.ok()) return allowed.status();
  return body;
}

Json AnswersJson(const std::vector<AnswerRecord>& answers) {
  Json list = Json::array();
  for (const AnswerRecord& answer : answers) {
    list.push_back(
        {{"answer_id", answer.answer_id}, {"step", answer.step_id}, {"value", answer.value}});
  }
  return list;
}

void GetFlow(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<std::string> site_key = SiteParam(req, true);
  if (!site_key.ok()) return RenderError(res, site_key.status());
  // "document" (the flow as saved) or "compiled" (what the widget's runtime reads).
  Result<std::string> form = QueryString(req, "form", 16);
  if (!form.ok()) return RenderError(res, form.status());
  const bool compiled = form.value() == "compiled";
  if (!compiled && !form.value().empty() && form.value() != "document") {
    return RenderError(res,
                       Status::InvalidArgument("must be \"document\" or \"compiled\"", "/form"));
  }
  Result<SiteRecord> site = SiteFor(api, site_key.value(), req, res);
  if (!site.ok()) return RenderError(res, site.status());
  Result<std::shared_ptr<const LoadedFlow>> flow =
      api.flows.Published(site_key.value(), req.matches[1]);
  if (!flow.ok()) return RenderError(res, flow.status());
  const FlowRecord& record = flow.value()->record;
  const std::string etag = "\"" + record.flow_id + "-v" + std::to_string(record.version) +
                           (compiled ? "-compiled" : "") + "\"";
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", "public, max-age=60, must-revalidate");
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    return;
  }
  RenderJson(res, {{"flow", compiled ? flow.value()->compiled : flow.value()->document},
                   {"flow_version", record.version}});
}

void StartSession(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  StartRequest start;
  Result<Json> body = PublicBody(api, req, res, &start.site_key);
  if (!body.ok()) return RenderError(res, body.status());
  for (auto [key, target, required] : {std::make_tuple("flow", &start.flow_id, true),
                                       std::make_tuple("visitor_id", &start.visitor_id, false),
                                       std::make_tuple("session_id", &start.session_id, false),
                                       std::make_tuple("language", &start.language, false)}) {
    Result<std::string> value = ReadString(body.value(), key, required, 64);
    if (!value.ok()) return RenderError(res, value.status());
    *target = value.value();
  }
  Result<StartResult> started = api.sessions.Start(start);
  if (!started.ok()) return RenderError(res, started.status());
  const StartResult& result = started.value();
  RenderJson(res, {{"session_id", result.session.session_id},
                   {"visitor_id", result.session.visitor_id},
                   {"variant", result.session.variant},
                   {"flow_version", result.session.flow_version},
                   {"resumed", result.resumed},
                   {"profile", {{"fields", result.known_fields}}},
                   {"answers", AnswersJson(result.answers)}});
}

void SubmitAnswer(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  AnswerRequest answer;
  Result<Json> body = PublicBody(api, req, res, &answer.site_key);
  if (!body.ok()) return RenderError(res, body.status());
  answer.session_id = req.matches[1];
  for (auto [key, target] :
       {std::make_pair("answer_id", &answer.answer_id), std::make_pair("step", &answer.step_id)}) {
    Result<std::string> value = ReadString(body.value(), key, true, 64);
    if (!value.ok()) return RenderError(res, value.status());
    *target = value.value();
  }
  auto value = body.value().find("value");
  if (value == body.value().end()) {
    return RenderError(res, Status::InvalidArgument("missing required member \"value\"", "/value"));
  }
  answer.value = *value;
  Result<AnswerResult> result = api.sessions.SubmitAnswer(answer);
  if (!result.ok()) return RenderError(res, result.status());
  if (!result.value().duplicate) api.metrics.AnswerStored();
  RenderJson(res, {{"answer_id", answer.answer_id},
                   {"duplicate", result.value().duplicate},
                   {"done", result.value().done},
                   {"outcome", result.value().outcome}});
}

// Sent with navigator.sendBeacon, so the body arrives as text/plain: the content type is
// not checked, the body must still be a JSON object.
void RecordEvents(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  std::string site_key;
  Result<Json> body = PublicBody(api, req, res, &site_key);
  if (!body.ok()) return RenderError(res, body.status());
  Result<std::string> visitor = ReadString(body.value(), "visitor_id", true, 64);
  if (!visitor.ok()) return RenderError(res, visitor.status());
  Result<std::vector<Event>> events = DecodeEventBatch(body.value());
  if (!events.ok()) return RenderError(res, events.status());
  const size_t count = events.value().size();
  Status stored = api.visitors.RecordEvents(site_key, visitor.value(), std::move(events).value());
  if (!stored.ok()) return RenderError(res, stored);
  res.status = 202;
  RenderJson(res, {{"accepted", count}});
}

void RecordConsent(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  std::string site_key;
  Result<Json> body = PublicBody(api, req, res, &site_key);
  if (!body.ok()) return RenderError(res, body.status());
  Result<std::string> visitor = ReadString(body.value(), "visitor_id", true, 64);
  if (!visitor.ok()) return RenderError(res, visitor.status());
  Result<std::string> version = ReadString(body.value(), "version", true, 64);
  if (!version.ok()) return RenderError(res, version.status());
  Result<bool> given = ReadBool(body.value(), "given", true);
  if (!given.ok()) return RenderError(res, given.status());
  Status stored =
      api.visitors.RecordConsent(site_key, visitor.value(), version.value(), given.value());
  if (!stored.ok()) return RenderError(res, stored);
  RenderJson(res, {{"recorded", true}, {"version", version.value()}, {"given", given.value()}});
}

}  // namespace

void RegisterPublicRoutes(httplib::Server& server, ApiContext& api) {
  AddRoute(server, api,
           {"GET", R"(/api/v1/flows/([A-Za-z0-9_.-]{1,64}))", "/api/v1/flows/{flow_id}", {}},
           GetFlow);
  AddRoute(server, api, {"POST", "/api/v1/sessions", "/api/v1/sessions", {}}, StartSession);
  AddRoute(server, api,
           {"POST",
            R"(/api/v1/sessions/([A-Za-z0-9_-]{1,64})/answers)",
            "/api/v1/sessions/{session_id}/answers",
            {}},
           SubmitAnswer);
  AddRoute(server, api, {"POST", "/api/v1/events", "/api/v1/events", {}}, RecordEvents);
  AddRoute(server, api, {"POST", "/api/v1/consent", "/api/v1/consent", {}}, RecordConsent);
  server.Options(R"(/api/v1/.*)", [&api](const httplib::Request& req, httplib::Response& res) {
    AnswerPreflight(api, req, res);
  });
}

}  // namespace leadq
