// HandoffService: handing leads over to sales (and near-misses to nurturing).
//
// SessionService asks Plan() what to write with each outcome; the answer (a handoff and
// its outbox rows) is written with the outcome, in its transaction (SessionStore::
// StoreAnswer, StoreRedecision), then Committed() wakes the delivery worker. Which lead
// goes where is the core's decision (leadq/handoff.h); this service reads the
// destinations it needs and turns the decision into records. Delivery itself never happens here: it
// is the worker's job, off the request path. This service also serves the admin views of
// deliveries: the delivery log of a lead, dead letters, and manual redelivery.
#ifndef LEADQ_SERVER_SERVICES_HANDOFF_SERVICE_H_
#define LEADQ_SERVER_SERVICES_HANDOFF_SERVICE_H_

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "leadq/handoff.h"
#include "services/environment.h"
#include "services/flow_service.h"
#include "storage/handoff_store.h"

namespace leadq {

struct HandoffOptions {
  // Where the lead inbox is reached, for the link in every delivery
  // ("https://leads.example.com"); the link is <base>/console/#/leads/<lead_id>.
  std::string inbox_base_url;
};

// Everything Plan() looks at; the session's state right after the core re-decided it.
struct HandoffInput {
  const SessionRecord& session;
  const LoadedFlow& flow;
  const Outcome& outcome;  // the server's decision, as the core made it
  bool done = false;
  const std::vector<AnswerRecord>& answers;  // the stored answers
  const AnswerRecord* new_answer;            // the answer being stored, if any
  const Json& fields;                        // explicit profile merged with the answers
  // The implicit profile ({} when unknown); only a handoff's snapshot needs it, so it is
  // made only then.
  std::function<Json()> signals;
  int64_t now_ms = 0;
  // When data about the visitor last arrived (an answer in any of its sessions, events);
  // the answers' own times count too. A lead sent back by sales is handed over again
  // only for data newer than the send-back.
  int64_t last_data_ms = 0;
  // The lead's last handoff, read in the session's snapshot (AnswerContext::handoff).
  const std::optional<PriorHandoff>& prior;
};

// A lead's handoff, for the admin API.
struct LeadHandoff {
  HandoffRecord handoff;
  std::vector<OutboxRecord> deliveries;
  std::vector<AttemptRecord> attempts;  // the delivery log, oldest first
  std::vector<TouchRecord> touches;
  std::vector<FeedbackRecord> feedback;
};

class HandoffService {
 public:
  HandoffService(HandoffStore& store, const Environment& env, HandoffOptions options)
      : store_(store), env_(env), options_(std::move(options)) {}

  // What to write with this outcome, as the core's DecideHandoff decides it: empty when it
  // hands nothing over (the common case, which costs no storage read).
  Result<HandoffWrite> Plan(const HandoffInput& input);
  // Call after the write of Plan()'s result committed: wakes the worker.
  void Committed(const HandoffWrite& write);
  // Wiring only, before requests arrive.
  void SetInboxBaseUrl(std::string url) { options_.inbox_base_url = std::move(url); }
  // The worker's wake-up; set once when wiring.
  void SetWakeup(std::function<void()> wake);

  // Deliveries of `event` about `handoff` to every destination that accepts it (escalation
  // of an overdue lead, a lead sent back to nurturing).
  Result<std::vector<OutboxRecord>> DeliveriesFor(const HandoffRecord& handoff, HandoffEvent event,
                                                  int64_t now_ms);

  Result<LeadHandoff> Lead(const std::string& lead_id);
  Result<std::vector<HandoffRecord>> Handoffs(const HandoffFilter& filter) {
    return store_.ListHandoffs(filter);
  }
  Result<std::vector<OutboxRecord>> Deliveries(const OutboxFilter& filter);
  // A dead letter is tried again now, with a fresh retry horizon; Conflict otherwise.
  // `site_key` "" skips the check that the delivery belongs to that site.
  Status Redeliver(const std::string& site_key, int64_t delivery_id);

 private:
  Json Snapshot(const HandoffInput& input, const HandoffRecord& handoff) const;

  HandoffStore& store_;
  const Environment& env_;
  HandoffOptions options_;
  std::mutex wake_mutex_;
  std::function<void()> wake_;
};

// "<lead>.<destination>.<event>.<generation>": stable across retries and restarts, new
// for every generation; ids hold only [A-Za-z0-9_-], so the dots keep it unambiguous.
std::string IdempotencyKey(const std::string& lead_id, const std::string& destination_id,
                           HandoffEvent event, int generation);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_HANDOFF_SERVICE_H_
