// The handoff part of the admin API: destinations, handed-over leads with their SLA
// and delivery log, dead letters and redelivery, follow-up touches, sales feedback and
// the feedback report. Authentication is the admin API's (see http_server.cc).
#ifndef LEADQ_SERVER_HTTP_SALES_ROUTES_H_
#define LEADQ_SERVER_HTTP_SALES_ROUTES_H_

#include <httplib.h>

#include "http/api_context.h"
#include "services/destination_service.h"
#include "services/feedback_service.h"
#include "services/sla_service.h"

namespace leadq {

struct SalesApi {
  DestinationService& destinations;
  HandoffService& handoffs;
  SlaService& sla;
  FeedbackService& feedback;
  const Environment& env;
};

// Registers the routes through AddRoute (roles, metrics, OpenAPI list); `context` and
// `api` must outlive `server`.
void RegisterSalesRoutes(httplib::Server& server, ApiContext& context, SalesApi& api);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_SALES_ROUTES_H_
