// The public API: GET /api/v1/flows/{id}, POST /api/v1/sessions,
// POST /api/v1/sessions/{id}/answers.
#include "http/api_error.h"
#include "http/cors.h"
#include "http/request_json.h"
#include "http/routes.h"
#include "leadq/codec.h"

namespace leadq {
namespace {

constexpr const char* kJson = "application/json";

std::string Dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Looks up the site named by `site_key` and applies its origin rules.
Result<SiteRecord> SiteFor(ApiContext& api, const std::string& site_key,
                           const httplib::Request& req, httplib::Response& res) {
  Result<SiteRecord> site = api.storage.GetSite(site_key);
  if (!site.ok()) {
    if (site.status().code() == "not_found") {
      return Status::WithCode("unauthorized", "unknown site key", "/site");
    }
    return site.status();
  }
  Status origin = CheckOrigin(api, site.value(), req, res);
  if (!origin.ok()) return origin;
  return site;
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
  const std::string site_key = req.get_param_value("site");
  if (site_key.empty() || site_key.size() > 256) {
    return RenderError(
        res, Status::InvalidArgument("the query parameter \"site\" is required", "/site"));
  }
  Result<SiteRecord> site = SiteFor(api, site_key, req, res);
  if (!site.ok()) return RenderError(res, site.status());
  Result<std::shared_ptr<const LoadedFlow>> flow = api.flows.Published(site_key, req.matches[1]);
  if (!flow.ok()) return RenderError(res, flow.status());
  const FlowRecord& record = flow.value()->record;
  const std::string etag = "\"" + record.flow_id + "-v" + std::to_string(record.version) + "\"";
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", "public, max-age=60, must-revalidate");
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    return;
  }
  res.set_content(Dump({{"flow", flow.value()->document}, {"flow_version", record.version}}),
                  kJson);
}

void StartSession(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  StartRequest start;
  for (auto [key, target, required] : {std::make_tuple("site", &start.site_key, true),
                                       std::make_tuple("flow", &start.flow_id, true),
                                       std::make_tuple("visitor_id", &start.visitor_id, false),
                                       std::make_tuple("session_id", &start.session_id, false),
                                       std::make_tuple("language", &start.language, false)}) {
    Result<std::string> value = ReadString(body.value(), key, required, 64);
    if (!value.ok()) return RenderError(res, value.status());
    *target = value.value();
  }
  Result<SiteRecord> site = SiteFor(api, start.site_key, req, res);
  if (!site.ok()) return RenderError(res, site.status());
  Result<StartResult> started = api.sessions.Start(start);
  if (!started.ok()) return RenderError(res, started.status());
  const StartResult& result = started.value();
  res.set_content(Dump({{"session_id", result.session.session_id},
                        {"visitor_id", result.session.visitor_id},
                        {"variant", result.session.variant},
                        {"flow_version", result.session.flow_version},
                        {"resumed", result.resumed},
                        {"profile", {{"fields", result.known_fields}}},
                        {"answers", AnswersJson(result.answers)}}),
                  kJson);
}

void SubmitAnswer(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  Result<Json> body = ParseJsonObject(req.body);
  if (!body.ok()) return RenderError(res, body.status());
  AnswerRequest answer;
  answer.session_id = req.matches[1];
  for (auto [key, target] :
       {std::make_pair("site", &answer.site_key), std::make_pair("answer_id", &answer.answer_id),
        std::make_pair("step", &answer.step_id)}) {
    Result<std::string> value = ReadString(body.value(), key, true, 64);
    if (!value.ok()) return RenderError(res, value.status());
    *target = value.value();
  }
  auto value = body.value().find("value");
  if (value == body.value().end()) {
    return RenderError(res, Status::InvalidArgument("missing required member \"value\"", "/value"));
  }
  answer.value = *value;
  Result<SiteRecord> site = SiteFor(api, answer.site_key, req, res);
  if (!site.ok()) return RenderError(res, site.status());
  Result<AnswerResult> result = api.sessions.SubmitAnswer(answer);
  if (!result.ok()) return RenderError(res, result.status());
  res.set_content(Dump({{"answer_id", answer.answer_id},
                        {"duplicate", result.value().duplicate},
                        {"done", result.value().done},
                        {"outcome", result.value().outcome}}),
                  kJson);
}

}  // namespace

void RegisterPublicRoutes(httplib::Server& server, ApiContext& api) {
  server.Get(
      R"(/api/v1/flows/([A-Za-z0-9_.-]{1,64}))",
      [&api](const httplib::Request& req, httplib::Response& res) { GetFlow(api, req, res); });
  server.Post("/api/v1/sessions", [&api](const httplib::Request& req, httplib::Response& res) {
    StartSession(api, req, res);
  });
  server.Post(
      R"(/api/v1/sessions/([A-Za-z0-9_-]{1,64})/answers)",
      [&api](const httplib::Request& req, httplib::Response& res) { SubmitAnswer(api, req, res); });
  server.Options(R"(/api/v1/.*)", [&api](const httplib::Request& req, httplib::Response& res) {
    AnswerPreflight(api, req, res);
  });
}

}  // namespace leadq
