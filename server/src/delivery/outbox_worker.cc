// The delivery loop.
#include "delivery/outbox_worker.h"

#include <iostream>
#include <memory>
#include <random>

#include "delivery/payload.h"
#include "delivery/signature.h"

namespace leadq {

OutboxWorker::OutboxWorker(HandoffStore& store, SlaService& sla, WebhookSender& sender,
                           const Environment& env, std::function<double()> random_unit,
                           WorkerOptions options)
    : store_(store),
      sla_(sla),
      sender_(sender),
      env_(env),
      random_unit_(std::move(random_unit)),
      options_(options),
      loop_("leadq-delivery", options.threads, options.idle_poll_ms, [this] { return Step(); }) {}

OutboxWorker::~OutboxWorker() { Stop(); }

Status OutboxWorker::Start() {
  Status released = store_.ReleaseClaims();
  if (!released.ok()) return released;
  loop_.Start();
  return Status::Ok();
}

bool OutboxWorker::Step() {
  Result<bool> delivered = DeliverOne();
  if (!delivered.ok()) {
    std::cerr << "leadq: delivery worker: " << delivered.status().message() << "\n";
  }
  if (delivered.ok() && delivered.value()) return true;  // more may be due
  Result<int> overdue = sla_.CheckOverdue();
  if (!overdue.ok()) std::cerr << "leadq: SLA check: " << overdue.status().message() << "\n";
  return false;
}

Result<bool> OutboxWorker::DeliverOne() {
  Result<std::optional<OutboxRecord>> claimed = store_.ClaimDueDelivery(env_.now_ms());
  if (!claimed.ok()) return claimed.status();
  if (!claimed.value()) return false;
  Status recorded = store_.RecordAttempt(Attempt(*claimed.value()));
  if (!recorded.ok()) return recorded;
  return true;
}

AttemptResult OutboxWorker::Attempt(const OutboxRecord& delivery) {
  AttemptResult result;
  AttemptRecord& attempt = result.attempt;
  attempt.delivery_id = delivery.delivery_id;
  attempt.lead_id = delivery.lead_id;
  attempt.destination_id = delivery.destination_id;
  attempt.attempt = delivery.attempts + 1;
  attempt.at_ms = env_.now_ms();

  Result<DestinationRecord> destination = store_.GetDestination(delivery.destination_id);
  if (!destination.ok() || !destination.value().enabled) {
    // Nowhere to send it; kept as a dead letter so it can be redelivered once fixed.
    attempt.error = destination.ok() ? "destination disabled" : "destination deleted";
    result.state = "dead";
    return result;
  }
  const DestinationRecord& d = destination.value();
  WebhookRequest request;
  request.url = d.url;
  request.body = RenderDeliveryBody(d, delivery);
  const int64_t timestamp_s = attempt.at_ms / 1000;
  request.headers = {{kIdempotencyHeader, delivery.idempotency_key},
                     {kTimestampHeader, std::to_string(timestamp_s)},
                     {kSignatureHeader, SignWebhook(d.secret, timestamp_s, request.body)},
                     {kEventHeader, delivery.event},
                     {kDeliveryHeader, std::to_string(delivery.delivery_id)},
                     {kAttemptHeader, std::to_string(attempt.attempt)},
                     {"User-Agent", "leadq-webhooks/1"}};
  const WebhookResponse response = sender_.Send(request);
  attempt.status_code = response.status_code;
  attempt.latency_ms = response.latency_ms;
  if (response.status_code >= 200 && response.status_code < 300) {
    result.state = "delivered";
    return result;
  }
  attempt.error =
      !response.error.empty() ? response.error : "HTTP " + std::to_string(response.status_code);
  double jitter;
  {
    std::lock_guard<std::mutex> lock(random_mutex_);
    jitter = random_unit_();
  }
  const int64_t next = NextAttemptMs(options_.retry, attempt.attempt, jitter, env_.now_ms(),
                                     delivery.horizon_start_ms);
  if (next < 0) {
    result.state = "dead";
  } else {
    result.state = "pending";
    result.next_attempt_ms = next;
  }
  return result;
}

std::function<double()> SystemRandomUnit() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  auto mutex = std::make_shared<std::mutex>();
  return [engine, mutex] {
    std::lock_guard<std::mutex> lock(*mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
  };
}

}  // namespace leadq
