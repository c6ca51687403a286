// ApiContext: what the route handlers reach — the services, the API's settings, the
// rate limiters and metrics, and the table of routes (for the OpenAPI check). Handlers
// call services only; no handler sees storage.
#ifndef LEADQ_SERVER_HTTP_API_CONTEXT_H_
#define LEADQ_SERVER_HTTP_API_CONTEXT_H_

#include <string>
#include <vector>

#include "http/metrics.h"
#include "http/rate_limiter.h"
#include "services/auth_service.h"
#include "services/backtest_service.h"
#include "services/destination_service.h"
#include "services/feedback_service.h"
#include "services/flow_service.h"
#include "services/flow_tests.h"
#include "services/handoff_service.h"
#include "services/lead_service.h"
#include "services/operations_service.h"
#include "services/session_service.h"
#include "services/site_service.h"
#include "services/sla_service.h"
#include "services/visitor_service.h"

namespace leadq {

struct ApiSettings {
  std::vector<std::string> extra_origins;  // allowed for every site (development)
  RateLimit per_ip{50, 300};               // public API requests per client IP
  RateLimit per_site{1000, 5000};          // public API requests per site key
};

// One registered route, as documented: the OpenAPI test compares these with the document.
struct RouteInfo {
  std::string method;       // GET, POST, PUT, DELETE
  std::string pattern;      // the regular expression httplib matches
  std::string doc_path;     // the OpenAPI path template, e.g. /api/v1/flows/{flow_id}
  std::vector<Role> roles;  // empty: public
};

// The services the API calls; they outlive the context.
struct ApiServices {
  FlowService& flows;
  SessionService& sessions;
  VisitorService& visitors;
  LeadService& leads;
  SiteService& sites;
  AuthService& auth;
  HandoffService& handoffs;
  DestinationService& destinations;
  SlaService& sla;
  FeedbackService& feedback;
  OperationsService& operations;
  BacktestService& backtests;
  FlowTestService& flow_tests;
};

struct ApiContext : ApiServices {
  ApiContext(ApiServices services, const Environment& env, ApiSettings settings)
      : ApiServices(services),
        env(env),
        settings(std::move(settings)),
        ip_limiter(this->settings.per_ip),
        site_limiter(this->settings.per_site) {}

  const Environment& env;
  const ApiSettings settings;
  RateLimiter ip_limiter;
  RateLimiter site_limiter;
  Metrics metrics;
  std::vector<RouteInfo> routes;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_API_CONTEXT_H_
