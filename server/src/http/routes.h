// Route registration, one function per audience. Handlers parse, call one service and
// render; they hold no SQL and make no qualification decision.
#ifndef LEADQ_SERVER_HTTP_ROUTES_H_
#define LEADQ_SERVER_HTTP_ROUTES_H_

#include <httplib.h>

#include "http/api_context.h"

namespace leadq {

// The visitor-facing API used by the widget: flows, sessions, answers, events, consent.
void RegisterPublicRoutes(httplib::Server& server, ApiContext& api);
// The admin API (Bearer API key with a role).
void RegisterAdminFlowRoutes(httplib::Server& server, ApiContext& api);
void RegisterAdminBacktestRoutes(httplib::Server& server, ApiContext& api);
void RegisterAdminFlowTestRoutes(httplib::Server& server, ApiContext& api);
void RegisterAdminLeadRoutes(httplib::Server& server, ApiContext& api);
void RegisterAdminVisitorRoutes(httplib::Server& server, ApiContext& api);
void RegisterAdminSiteRoutes(httplib::Server& server, ApiContext& api);
void RegisterAdminHandoffRoutes(httplib::Server& server, ApiContext& api);
// /healthz, /metrics, /api/v1/openapi.json.
void RegisterSystemRoutes(httplib::Server& server, ApiContext& api);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_ROUTES_H_
