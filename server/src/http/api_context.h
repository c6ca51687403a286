// ApiContext: what the route handlers reach — the services and the API's settings.
#ifndef LEADQ_SERVER_HTTP_API_CONTEXT_H_
#define LEADQ_SERVER_HTTP_API_CONTEXT_H_

#include <string>
#include <vector>

#include "services/flow_service.h"
#include "services/session_service.h"

namespace leadq {

struct ApiContext {
  Storage& storage;
  FlowService& flows;
  SessionService& sessions;
  std::string admin_key;                   // Bearer token for /api/v1/admin
  std::vector<std::string> extra_origins;  // allowed for every site (development)
};

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_API_CONTEXT_H_
