// HandoffStore: what handoffs, SLA tracking and sales feedback persist. The handoff and
// outbox rows of a newly qualified lead are NOT written here but with the outcome that
// caused them, in its transaction (SessionStore::StoreAnswer and StoreRedecision carry
// a HandoffWrite).
//
// Implementations are thread-safe, never throw, and report "not_found" and "conflict"
// as the only non-internal error codes.
#ifndef LEADQ_SERVER_STORAGE_HANDOFF_STORE_H_
#define LEADQ_SERVER_STORAGE_HANDOFF_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "leadq/result.h"
#include "storage/handoff_records.h"

namespace leadq {

struct OutboxFilter {
  std::string site_key;  // "" for every site
  std::string lead_id;   // "" for every lead
  std::string state;     // "" for every state
  int limit = 100;
};

struct HandoffFilter {
  std::string site_key;  // "" for every site
  std::string route;     // "sales", "nurture", or "" for both
  std::string state;     // "" for every state
  bool overdue_only = false;
  int limit = 100;
};

class HandoffStore {
 public:
  virtual ~HandoffStore() = default;

  // Destinations. PutDestination creates or replaces by destination_id.
  virtual Status PutDestination(const DestinationRecord& destination) = 0;
  virtual Result<DestinationRecord> GetDestination(const std::string& destination_id) = 0;
  // Every destination of `site_key` ("" for all sites), enabled or not.
  virtual Result<std::vector<DestinationRecord>> ListDestinations(const std::string& site_key) = 0;
  // NotFound when absent. Pending deliveries to it become dead letters when tried.
  virtual Status DeleteDestination(const std::string& destination_id) = 0;

  // Handoffs (one per lead).
  virtual Result<HandoffRecord> GetHandoff(const std::string& lead_id) = 0;
  virtual Result<std::vector<HandoffRecord>> ListHandoffs(const HandoffFilter& filter) = 0;

  // The worker's side of the outbox. Marks one due pending delivery (next_attempt_ms <=
  // now_ms) as "sending" and returns it; nullopt when none is due.
  virtual Result<std::optional<OutboxRecord>> ClaimDueDelivery(int64_t now_ms) = 0;
  // Deliveries left "sending" by a process that stopped mid-send become pending again
  // (at least once: the receiver deduplicates by idempotency key). Call at start.
  virtual Status ReleaseClaims() = 0;
  // Appends the attempt to the delivery log and moves the delivery to result.state, in
  // one transaction. A delivery already "delivered" is never changed again; one deleted
  // meanwhile (its visitor erased) gets no log entry.
  virtual Status RecordAttempt(const AttemptResult& result) = 0;
  // Pending (or sending) deliveries, for the metrics' outbox depth.
  virtual Result<int64_t> CountUndelivered() = 0;

  virtual Result<std::vector<OutboxRecord>> ListDeliveries(const OutboxFilter& filter) = 0;
  virtual Result<OutboxRecord> GetDelivery(int64_t delivery_id) = 0;
  virtual Result<std::vector<AttemptRecord>> ListAttempts(const std::string& lead_id) = 0;
  // A dead letter becomes pending again, due at now_ms, with a fresh retry horizon.
  // Conflict when the delivery is not dead (a delivered one is never sent again).
  virtual Status Redeliver(int64_t delivery_id, int64_t now_ms) = 0;

  // SLA: open sales handoffs whose deadline is at or before now_ms and that are not yet
  // marked overdue.
  virtual Result<std::vector<HandoffRecord>> ListPastDeadline(int64_t now_ms) = 0;
  // Marks the handoff overdue at now_ms and enqueues `escalations`, in one transaction;
  // false (writing nothing) when it was already overdue or no longer open.
  virtual Result<bool> MarkOverdue(const std::string& lead_id, int64_t now_ms,
                                   const std::vector<OutboxRecord>& escalations) = 0;
  // Enqueues extra deliveries (manual escalation); duplicates by key are ignored.
  virtual Status Enqueue(const std::vector<OutboxRecord>& deliveries) = 0;

  // Follow-up touches and feedback.
  virtual Status AddTouch(const TouchRecord& touch) = 0;
  virtual Result<std::vector<TouchRecord>> ListTouches(const std::string& lead_id) = 0;
  // Stores the feedback and moves the handoff to `new_state` (accepted_ms / sent_back_ms
  // set from feedback.at_ms), in one transaction.
  virtual Status SaveFeedback(const FeedbackRecord& feedback, const std::string& new_state) = 0;
  virtual Result<std::vector<FeedbackRecord>> ListFeedback(const std::string& lead_id) = 0;
  // Sales handoffs of a site (optionally one flow) with their latest feedback decision
  // ("" when none), for the feedback report.
  struct ReportRow {
    HandoffRecord handoff;
    FeedbackRecord latest;  // decision "" when sales gave no feedback yet
  };
  virtual Result<std::vector<ReportRow>> ListForReport(const std::string& site_key,
                                                       const std::string& flow_id) = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_HANDOFF_STORE_H_
