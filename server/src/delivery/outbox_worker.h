// OutboxWorker: the background side of handoffs. Its threads take due deliveries from
// the outbox, render and sign them, POST them with explicit timeouts, and record every
// attempt; failures are retried with backoff and jitter until the horizon, then become
// dead letters. Between deliveries it runs the SLA's overdue check.
//
// Decisions use the Environment's clock (so tests move time by hand); only the idle wait
// between polls is real time. The random source for jitter is injected too. The outbox
// lives in storage, so a restarted worker carries on where the last one stopped.
#ifndef LEADQ_SERVER_DELIVERY_OUTBOX_WORKER_H_
#define LEADQ_SERVER_DELIVERY_OUTBOX_WORKER_H_

#include <functional>
#include <mutex>

#include "delivery/retry_policy.h"
#include "delivery/webhook_sender.h"
#include "platform/background_loop.h"
#include "services/sla_service.h"

namespace leadq {

struct WorkerOptions {
  int threads = 2;             // concurrent deliveries (a slow receiver holds one)
  int64_t idle_poll_ms = 200;  // real time between looks at an empty outbox
  RetryPolicy retry;
};

class OutboxWorker {
 public:
  // `random_unit` returns numbers in [0, 1); calls to it are serialised.
  OutboxWorker(HandoffStore& store, SlaService& sla, WebhookSender& sender, const Environment& env,
               std::function<double()> random_unit, WorkerOptions options);
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Releases deliveries a stopped process left half-sent, then starts the threads.
  Status Start();
  // Wakes the threads, lets in-flight sends finish (bounded by their timeouts), joins.
  void Stop() { loop_.Stop(); }
  // Looks at the outbox now instead of at the next poll.
  void Wake() { loop_.Wake(); }

  // Delivers one due delivery on the calling thread: true when there was one.
  Result<bool> DeliverOne();

 private:
  // One delivery, or when none is due the SLA check; true when more may be due.
  bool Step();
  AttemptResult Attempt(const OutboxRecord& delivery);

  HandoffStore& store_;
  SlaService& sla_;
  WebhookSender& sender_;
  const Environment& env_;
  std::function<double()> random_unit_;
  WorkerOptions options_;
  std::mutex random_mutex_;  // random_unit_ is called under it
  BackgroundLoop loop_;
};

// A thread-safe uniform [0, 1) source seeded from std::random_device, for production.
std::function<double()> SystemRandomUnit();

}  // namespace leadq

#endif  // LEADQ_SERVER_DELIVERY_OUTBOX_WORKER_H_
