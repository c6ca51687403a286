// Cross-origin rules for the public API: a browser request is served only for origins
// on the site's allowlist.
#ifndef LEADQ_SERVER_HTTP_CORS_H_
#define LEADQ_SERVER_HTTP_CORS_H_

#include <httplib.h>

#include "http/api_context.h"

namespace leadq {

// OK when the request has no Origin header (not a browser) or its origin is allowed for
// `site`; then also adds the Access-Control-Allow-Origin header. Otherwise an
// origin_not_allowed error (403).
Status CheckOrigin(const ApiContext& api, const SiteRecord& site, const httplib::Request& req,
                   httplib::Response& res);

// Answers a CORS preflight for /api/v1/...: allowed when some site allows the origin.
void AnswerPreflight(ApiContext& api, const httplib::Request& req, httplib::Response& res);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_CORS_H_
