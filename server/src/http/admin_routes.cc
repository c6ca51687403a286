// The admin API. Authentication happens before routing (see http_server.cc).
#include "http/api_error.h"
#include "http/routes.h"

namespace leadq {
namespace {

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
  Json body{{"session_id", session.session_id}, {"site", session.site_key},
            {"flow", session.flow_id},          {"flow_version", session.flow_version},
            {"visitor_id", session.visitor_id}, {"variant", session.variant},
            {"language", session.language},     {"started_ms", session.started_ms},
            {"updated_ms", session.updated_ms}, {"done", session.done},
            {"outcome", session.outcome},       {"answers", list}};
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

}  // namespace

void RegisterAdminRoutes(httplib::Server& server, ApiContext& api) {
  server.Get(
      R"(/api/v1/admin/sessions/([A-Za-z0-9_-]{1,64}))",
      [&api](const httplib::Request& req, httplib::Response& res) { GetSession(api, req, res); });
}

}  // namespace leadq
