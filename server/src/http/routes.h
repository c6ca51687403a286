// Route registration, one function per audience. Handlers parse, call one service and
// render; they hold no SQL and make no qualification decision.
#ifndef LEADQ_SERVER_HTTP_ROUTES_H_
#define LEADQ_SERVER_HTTP_ROUTES_H_

#include <httplib.h>

#include "http/api_context.h"

namespace leadq {

// The visitor-facing API used by the widget: flows, sessions, answers.
void RegisterPublicRoutes(httplib::Server& server, ApiContext& api);

// The admin API (Bearer API key): sessions and their stored outcome.
void RegisterAdminRoutes(httplib::Server& server, ApiContext& api);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_ROUTES_H_
