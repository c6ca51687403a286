// Rendering errors.
#include "http/api_error.h"

#include <nlohmann/json.hpp>

namespace leadq {

int HttpStatusFor(const std::string& code) {
  struct Entry {
    const char* code;
    int status;
  };
  static constexpr Entry kTable[] = {
      {"invalid_json", 400},       {"invalid_argument", 400},
      {"unauthorized", 401},       {"forbidden", 403},
      {"origin_not_allowed", 403}, {"not_found", 404},
      {"method_not_allowed", 405}, {"conflict", 409},
      {"payload_too_large", 413},  {"unsupported_media_type", 415},
      {"invalid_answer", 422},     {"invalid_flow", 422},
      {"rate_limited", 429},       {"internal", 500},
  };
  for (const Entry& entry : kTable) {
    if (code == entry.code) return entry.status;
  }
  return 400;
}

void RenderError(httplib::Response& res, int http_status, const std::string& code,
                 const std::string& message, const std::string& path) {
  nlohmann::json body{{"error", {{"code", code}, {"message", message}, {"path", path}}}};
  res.status = http_status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void RenderError(httplib::Response& res, const Status& status) {
  RenderError(res, HttpStatusFor(status.code()), status.code(), status.message(), status.path());
}

}  // namespace leadq
