// Application: the services wired over one Storage and Environment, and the HTTP API
// context over them. `leadq serve` and the tests build the server the same way.
#ifndef LEADQ_SERVER_APP_APPLICATION_H_
#define LEADQ_SERVER_APP_APPLICATION_H_

#include <memory>
#include <string>

#include "http/api_context.h"
#include "services/requalification_service.h"

namespace leadq {

class Application {
 public:
  // `storage` and `env` must outlive the Application. `admin_key` is the bootstrap admin
  // API key ("" for none). With `handoffs`, outcomes hand leads over to sales.
  Application(Storage& storage, const Environment& env, const std::string& admin_key,
              ApiSettings settings, HandoffService* handoffs = nullptr)
      : flows(storage, env),
        requalification(storage, flows, env, handoffs),
        sessions(storage, flows, env, handoffs, &requalification),
        visitors(storage, env, &requalification),
        leads(storage),
        sites(storage, env),
        auth(storage, env, admin_key),
        api(storage, flows, sessions, visitors, leads, sites, auth, env, std::move(settings)) {}

  FlowService flows;
  RequalificationService requalification;
  SessionService sessions;
  VisitorService visitors;
  LeadService leads;
  SiteService sites;
  AuthService auth;
  ApiContext api;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_APP_APPLICATION_H_
