// Application: the whole of leadq over one Storage and Environment — every service, the
// background workers (deliveries with the SLA check, re-decisions) and the HTTP API's
// context — wired once, so that `leadq serve`, the tests and the benchmarks build the
// same thing. The workers run only between Start() and Stop(); Stop() comes before the
// storage closes (the destructor stops them too).
#ifndef LEADQ_SERVER_APP_APPLICATION_H_
#define LEADQ_SERVER_APP_APPLICATION_H_

#include <functional>
#include <string>

#include "delivery/outbox_worker.h"
#include "delivery/webhook_sender.h"
#include "http/api_context.h"
#include "platform/background_loop.h"
#include "services/business_hours.h"
#include "services/requalification_service.h"

namespace leadq {

struct AppConfig {
  std::string admin_key;  // the bootstrap admin API key ("" for none)
  ApiSettings api;
  HandoffOptions handoff;  // the inbox link's base URL
  WorkerOptions delivery;
  WebhookTimeouts timeouts;
  std::function<double()> random_unit;  // delivery jitter; SystemRandomUnit() when empty
  // Real time between looks at an empty re-decision queue (an events batch wakes it at
  // once; an answer's re-decisions wait at most this long).
  int64_t requalification_poll_ms = 250;
};

class Application {
 public:
  // `storage` and `env` must outlive the Application.
  Application(Storage& storage, const Environment& env, AppConfig config);
  ~Application();
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  // Starts the workers (releasing deliveries a stopped process left half-sent).
  Status Start();
  // Stops them: in-flight deliveries end within their timeouts; the rest stay queued.
  void Stop();
  // Before Start() and before requests arrive (the server's own origin, once bound).
  void SetInboxBaseUrl(std::string url) { handoffs.SetInboxBaseUrl(std::move(url)); }

 private:
  HttpWebhookSender sender_;

 public:
  FlowService flows;
  HandoffService handoffs;
  DestinationService destinations;
  SlaService sla;
  FeedbackService feedback;
  BusinessHoursCache business_hours;
  RequalificationService requalification;
  SessionService sessions;
  VisitorService visitors;
  LeadService leads;
  SiteService sites;
  AuthService auth;
  OperationsService operations;
  BacktestService backtests;
  FlowTestService flow_tests;
  OutboxWorker delivery;
  ApiContext api;

 private:
  BackgroundLoop requalifier_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_APP_APPLICATION_H_
