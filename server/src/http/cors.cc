// CORS checks against each site's allowlist.
#include "http/cors.h"

#include <algorithm>

#include "http/api_error.h"

namespace leadq {
namespace {

bool Listed(const std::vector<std::string>& list, const std::string& origin) {
  return std::find(list.begin(), list.end(), origin) != list.end();
}

void AllowOrigin(httplib::Response& res, const std::string& origin) {
  res.set_header("Access-Control-Allow-Origin", origin);
  res.set_header("Vary", "Origin");
}

}  // namespace

Status CheckOrigin(const ApiContext& api, const SiteRecord& site, const httplib::Request& req,
                   httplib::Response& res) {
  if (!req.has_header("Origin")) return Status::Ok();
  const std::string origin = req.get_header_value("Origin");
  if (Listed(site.allowed_origins, origin) || Listed(api.settings.extra_origins, origin)) {
    AllowOrigin(res, origin);
    return Status::Ok();
  }
  return Status::Make(StatusCode::kOriginNotAllowed,
                      "the origin " + origin + " is not allowed for this site", "");
}

void AnswerPreflight(ApiContext& api, const httplib::Request& req, httplib::Response& res) {
  const std::string origin = req.get_header_value("Origin");
  const bool allowed = Listed(api.settings.extra_origins, origin) || api.sites.AnyAllows(origin);
  if (origin.empty() || !allowed) {
    RenderError(res, Status::Make(StatusCode::kOriginNotAllowed, "the origin is not allowed"));
    return;
  }
  AllowOrigin(res, origin);
  res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  res.set_header("Access-Control-Allow-Headers", "Content-Type");
  res.set_header("Access-Control-Max-Age", "600");
  res.status = 204;
}

}  // namespace leadq
