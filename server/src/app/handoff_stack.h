// HandoffStack: everything handoffs need, wired once — the destination, handoffs,
// SLA and feedback services, the HTTP sender and the outbox worker — so that `serve`, the
// tests and the benchmark build the same thing. The worker runs only between Start() and
// Stop(); Stop() must come before the storage closes.
#ifndef LEADQ_SERVER_APP_HANDOFF_STACK_H_
#define LEADQ_SERVER_APP_HANDOFF_STACK_H_

#include <httplib.h>

#include <functional>
#include <memory>

#include "delivery/outbox_worker.h"
#include "http/sales_routes.h"

namespace leadq {

struct HandoffConfig {
  HandoffOptions handoff;  // the inbox link's base URL
  WorkerOptions worker;
  WebhookTimeouts timeouts;
  std::function<double()> random_unit;  // jitter; SystemRandomUnit() when empty
};

class HandoffStack {
 public:
  HandoffStack(HandoffStore& store, const Environment& env, HandoffConfig config);
  ~HandoffStack();

  // For SessionService: plans handoffs with each outcome.
  HandoffService* handoffs() { return &handoffs_; }
  SlaService& sla() { return sla_; }
  OutboxWorker& worker() { return worker_; }
  // Registers the handoff admin routes beside the rest of the API in `context`.
  void RegisterRoutes(httplib::Server& server, ApiContext& context);
  // Before Start() and before requests arrive (the server's own origin, once bound).
  void SetInboxBaseUrl(const std::string& url) { handoffs_.SetInboxBaseUrl(url); }

  Status Start();
  void Stop();

 private:
  HttpWebhookSender sender_;
  DestinationService destinations_;
  HandoffService handoffs_;
  SlaService sla_;
  FeedbackService feedback_;
  OutboxWorker worker_;
  SalesApi api_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_APP_HANDOFF_STACK_H_
