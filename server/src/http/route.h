// Registering a route: every handler is wrapped the same way — timed and counted for
// /metrics, and for admin routes authenticated (401) and checked against the roles the
// route allows (403) before the handler runs.
#ifndef LEADQ_SERVER_HTTP_ROUTE_H_
#define LEADQ_SERVER_HTTP_ROUTE_H_

#include <httplib.h>

#include <functional>

#include "http/api_context.h"

namespace leadq {

using Handler = std::function<void(ApiContext&, const httplib::Request&, httplib::Response&)>;

// Registers `handler` for `info` on `server` and records `info` in api.routes.
void AddRoute(httplib::Server& server, ApiContext& api, RouteInfo info, Handler handler);

// The role of the request's Bearer API key; "unauthorized" when there is none, or it is
// unknown or revoked.
Result<Role> CallerRole(ApiContext& api, const httplib::Request& req);

// The name of the request's API key ("" when there is none): who did what.
std::string CallerName(ApiContext& api, const httplib::Request& req);

// Every role (for routes any admin API key may use).
inline const std::vector<Role> kAnyRole = {Role::kAdmin, Role::kMarketer, Role::kSales};

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_ROUTE_H_
