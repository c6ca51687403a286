// ForwardingService: handing leads over to sales (and near-misses to nurturing).
//
// SessionService asks Plan() what to write with each outcome; the answer (a handoff and
// its outbox rows) is written by Storage::SaveOutcome in the outcome's own transaction,
// then Committed() wakes the delivery worker. Delivery itself never happens here: it is
// the worker's job, off the request path. This service also serves the admin views of
// deliveries: the delivery log of a lead, dead letters, and manual redelivery.
#ifndef LEADQ_SERVER_SERVICES_FORWARDING_SERVICE_H_
#define LEADQ_SERVER_SERVICES_FORWARDING_SERVICE_H_

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "services/environment.h"
#include "services/flow_service.h"
#include "storage/forwarding_store.h"

namespace leadq {

struct ForwardingOptions {
  // Where the lead inbox is reached, for the link in every delivery
  // ("https://leads.example.com"); the link is <base>/console/#/leads/<lead_id>.
  std::string inbox_base_url;
};

// Everything Plan() looks at; the session's state right after the core re-decided it.
struct HandoffInput {
  const SessionRecord& session;
  const LoadedFlow& flow;
  // EncodeOutcome of the server's decision, as the core made it: most outcomes hand
  // nothing over, and only a handover's snapshot copies parts of it.
  const JsonValue& outcome;
  bool done = false;
  const std::vector<AnswerRecord>& answers;  // the stored answers
  const AnswerRecord* new_answer;            // the answer being stored, if any
  const Json& fields;                        // explicit profile merged with the answers
  // The implicit profile ({} when unknown); only a handover's snapshot needs it, so it
  // is made only then.
  std::function<Json()> signals;
  int64_t now_ms = 0;
  // When data about the visitor last arrived (an answer in any of its sessions, events);
  // the answers' own times count too. A lead sent back by sales is handed over again
  // only for data newer than the send-back.
  int64_t last_data_ms = 0;
  // The lead's stored handoff, read in the session's snapshot (AnswerContext::handoff).
  const std::optional<HandoffState>& stored;
};

// A lead's forwarding, for the admin API.
struct LeadForwarding {
  HandoffRecord handoff;
  std::vector<OutboxRecord> deliveries;
  std::vector<AttemptRecord> attempts;  // the delivery log, oldest first
  std::vector<TouchRecord> touches;
  std::vector<FeedbackRecord> feedback;
};

class ForwardingService {
 public:
  ForwardingService(ForwardingStore& store, const Environment& env, ForwardingOptions options)
      : store_(store), env_(env), options_(std::move(options)) {}

  // What to write with this outcome: empty when it hands nothing over (the common case,
  // which costs no storage read).
  Result<HandoffWrite> Plan(const HandoffInput& input);
  // Call after the write of Plan()'s result committed: wakes the worker.
  void Committed(const HandoffWrite& write);
  // Wiring only, before requests arrive.
  void SetInboxBaseUrl(std::string url) { options_.inbox_base_url = std::move(url); }
  // The worker's wake-up; set once when wiring.
  void SetWakeup(std::function<void()> wake);

  // Deliveries of `event` about `handoff` to every destination that accepts it.
  Result<std::vector<OutboxRecord>> DeliveriesFor(const HandoffRecord& handoff,
                                                  const std::string& event, int64_t now_ms);

  Result<LeadForwarding> Lead(const std::string& lead_id);
  Result<std::vector<HandoffRecord>> Handoffs(const HandoffFilter& filter) {
    return store_.ListHandoffs(filter);
  }
  Result<std::vector<OutboxRecord>> Deliveries(const OutboxFilter& filter);
  // A dead letter is tried again now, with a fresh retry horizon; Conflict otherwise.
  // `site_key` "" skips the check that the delivery belongs to that site.
  Status Redeliver(const std::string& site_key, int64_t delivery_id);
  Result<int64_t> OutboxDepth() { return store_.CountUndelivered(); }

 private:
  Json Snapshot(const HandoffInput& input, const HandoffRecord& handoff) const;

  ForwardingStore& store_;
  const Environment& env_;
  ForwardingOptions options_;
  std::mutex wake_mutex_;
  std::function<void()> wake_;
};

// The deliveries of `event` about `handoff` among `destinations` (pure);
// `flow_hands_off_hard_conversions` as for Accepts.
std::vector<OutboxRecord> DeliveriesTo(const std::vector<DestinationRecord>& destinations,
                                       const HandoffRecord& handoff, const std::string& event,
                                       int64_t now_ms, bool flow_hands_off_hard_conversions);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_FORWARDING_SERVICE_H_
