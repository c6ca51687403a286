// The in-memory HandoffStore: handoffs (upserted only to a newer generation), the
// delivery outbox with its claim/attempt/dead-letter states and its log, SLA deadlines,
// follow-up touches, feedback and the feedback report — as sqlite_handoff_util.cc,
// sqlite_handoffs.cc and sqlite_outbox.cc do them.
#include <algorithm>
#include <tuple>

#include "storage/memory_storage.h"

namespace leadq {
namespace {

bool Limited(size_t size, int limit) { return limit >= 0 && size >= static_cast<size_t>(limit); }

}  // namespace

HandoffRecord MemoryStorage::HandoffLocked(const HandoffRecord& stored) const {
  HandoffRecord handoff = stored;
  auto touches = touches_.find(stored.lead_id);
  handoff.touches = touches == touches_.end() ? 0 : static_cast<int>(touches->second.size());
  return handoff;
}

void MemoryStorage::InsertOutboxLocked(const std::vector<OutboxRecord>& rows) {
  for (const OutboxRecord& row : rows) {
    // A key queued before stays as it is: once per destination, event and generation.
    if (outbox_keys_.count(row.idempotency_key) != 0) continue;
    OutboxRecord stored;
    stored.delivery_id = next_delivery_id_++;
    stored.idempotency_key = row.idempotency_key;
    stored.lead_id = row.lead_id;
    stored.generation = row.generation;
    stored.destination_id = row.destination_id;
    stored.event = row.event;
    stored.payload = Stored(row.payload);
    stored.state = "pending";
    stored.created_ms = stored.horizon_start_ms = stored.next_attempt_ms = row.created_ms;
    outbox_keys_[stored.idempotency_key] = stored.delivery_id;
    outbox_[stored.delivery_id] = std::move(stored);
  }
}

void MemoryStorage::WriteHandoffLocked(const HandoffWrite& write) {
  const HandoffRecord& h = write.handoff;
  if (!h.lead_id.empty()) {
    auto it = handoffs_.find(h.lead_id);
    if (it == handoffs_.end()) {
      HandoffRecord stored = h;
      stored.snapshot = Stored(h.snapshot);
      stored.overdue_ms = stored.accepted_ms = 0;
      stored.updated_ms = h.handed_ms;
      stored.touches = 0;
      handoffs_[h.lead_id] = std::move(stored);
    } else if (h.generation > it->second.generation) {
      // A new generation: handed over afresh (its site, flow, variant, visitor and
      // send-back time stay).
      HandoffRecord& stored = it->second;
      stored.flow_version = h.flow_version;
      stored.generation = h.generation;
      stored.route = h.route;
      stored.state = h.state;
      stored.triage = h.triage;
      stored.grade = h.grade;
      stored.total_points = h.total_points;
      stored.criteria = h.criteria;
      stored.snapshot = Stored(h.snapshot);
      stored.handed_ms = h.handed_ms;
      stored.sla_deadline_ms = h.sla_deadline_ms;
      stored.follow_up_target = h.follow_up_target;
      stored.overdue_ms = stored.accepted_ms = 0;
      stored.updated_ms = h.handed_ms;
    } else {
      // Lost the race to this or a newer generation: no stale deliveries are queued.
      return;
    }
  }
  InsertOutboxLocked(write.outbox);
}

Result<HandoffRecord> MemoryStorage::GetHandoff(const std::string& lead_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = handoffs_.find(lead_id);
  if (it == handoffs_.end()) {
    return Status::NotFound("no lead was handed over with this id", "/lead_id");
  }
  return HandoffLocked(it->second);
}

Result<std::vector<HandoffRecord>> MemoryStorage::ListHandoffs(const HandoffFilter& filter) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<const HandoffRecord*> found;
  for (const auto& [id, h] : handoffs_) {
    if (!filter.site_key.empty() && h.site_key != filter.site_key) continue;
    if (!filter.state.empty() && h.state != filter.state) continue;
    if (filter.overdue_only && h.overdue_ms <= 0) continue;
    if (!filter.route.empty() && h.route != filter.route) continue;
    found.push_back(&h);
  }
  // Newest handed first, then by lead id (the map's order).
  std::stable_sort(found.begin(), found.end(), [](const HandoffRecord* a, const HandoffRecord* b) {
    return a->handed_ms > b->handed_ms;
  });
  std::vector<HandoffRecord> list;
  for (const HandoffRecord* h : found) {
    if (Limited(list.size(), filter.limit)) break;
    list.push_back(HandoffLocked(*h));
  }
  return list;
}

// The outbox.

Result<std::optional<OutboxRecord>> MemoryStorage::ClaimDueDelivery(int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  OutboxRecord* due = nullptr;
  for (auto& [id, row] : outbox_) {  // by delivery id
    if (row.state != "pending" || row.next_attempt_ms > now_ms) continue;
    if (due == nullptr || row.next_attempt_ms < due->next_attempt_ms) due = &row;
  }
  if (due == nullptr) return std::optional<OutboxRecord>();
  due->state = "sending";
  return std::optional<OutboxRecord>(*due);
}

Status MemoryStorage::ReleaseClaims() {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  for (auto& [id, row] : outbox_) {
    if (row.state == "sending") row.state = "pending";
  }
  return Status::Ok();
}

Status MemoryStorage::RecordAttempt(const AttemptResult& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  const AttemptRecord& a = result.attempt;
  auto it = outbox_.find(a.delivery_id);
  // Deleted meanwhile (its visitor erased): no log entry.
  if (it == outbox_.end()) return Status::Ok();
  attempts_[a.lead_id].push_back(a);
  OutboxRecord& row = it->second;
  if (row.state == "delivered") return Status::Ok();  // never changed again
  row.state = result.state;
  row.attempts = a.attempt;
  row.next_attempt_ms = result.next_attempt_ms;
  if (result.state == "delivered") row.delivered_ms = a.at_ms;
  row.last_error = a.error;
  return Status::Ok();
}

Result<int64_t> MemoryStorage::CountUndelivered() {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  int64_t count = 0;
  for (const auto& [id, row] : outbox_) count += row.state == "pending" || row.state == "sending";
  return count;
}

Result<std::vector<OutboxRecord>> MemoryStorage::ListDeliveries(const OutboxFilter& filter) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<OutboxRecord> list;
  for (const auto& [id, row] : outbox_) {
    if (Limited(list.size(), filter.limit)) break;
    if (!filter.lead_id.empty() && row.lead_id != filter.lead_id) continue;
    if (!filter.state.empty() && row.state != filter.state) continue;
    if (!filter.site_key.empty()) {
      // The site is the handoff's: a delivery of a lead without one belongs to none.
      auto handoff = handoffs_.find(row.lead_id);
      if (handoff == handoffs_.end() || handoff->second.site_key != filter.site_key) continue;
    }
    list.push_back(row);
  }
  return list;
}

Result<OutboxRecord> MemoryStorage::GetDelivery(int64_t delivery_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = outbox_.find(delivery_id);
  if (it == outbox_.end()) return Status::NotFound("no delivery with this id", "/delivery_id");
  return it->second;
}

Result<std::vector<AttemptRecord>> MemoryStorage::ListAttempts(const std::string& lead_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = attempts_.find(lead_id);
  if (it == attempts_.end()) return std::vector<AttemptRecord>();
  return it->second;
}

Status MemoryStorage::Redeliver(int64_t delivery_id, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = outbox_.find(delivery_id);
  if (it == outbox_.end()) return Status::NotFound("no delivery with this id", "/delivery_id");
  OutboxRecord& row = it->second;
  if (row.state != "dead") {
    return Status::Conflict("only a dead letter can be redelivered; this delivery is " + row.state,
                            "/delivery_id");
  }
  row.state = "pending";
  row.next_attempt_ms = row.horizon_start_ms = now_ms;
  return Status::Ok();
}

Status MemoryStorage::Enqueue(const std::vector<OutboxRecord>& deliveries) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  InsertOutboxLocked(deliveries);
  return Status::Ok();
}

// SLA.

Result<std::vector<HandoffRecord>> MemoryStorage::ListPastDeadline(int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<const HandoffRecord*> found;
  for (const auto& [id, h] : handoffs_) {
    if (h.state == "open" && h.overdue_ms == 0 && h.route == "sales" && h.sla_deadline_ms > 0 &&
        h.sla_deadline_ms <= now_ms) {
      found.push_back(&h);
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const HandoffRecord* a, const HandoffRecord* b) {
    return a->sla_deadline_ms < b->sla_deadline_ms;
  });
  // As SQLite's query: at most 500 per look.
  if (found.size() > 500) found.resize(500);
  std::vector<HandoffRecord> list;
  for (const HandoffRecord* h : found) list.push_back(HandoffLocked(*h));
  return list;
}

Result<bool> MemoryStorage::MarkOverdue(const std::string& lead_id, int64_t now_ms,
                                        const std::vector<OutboxRecord>& escalations) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = handoffs_.find(lead_id);
  if (it == handoffs_.end() || it->second.state != "open" || it->second.overdue_ms != 0) {
    return false;
  }
  it->second.overdue_ms = it->second.updated_ms = now_ms;
  InsertOutboxLocked(escalations);
  return true;
}

// Touches and feedback.

Status MemoryStorage::AddTouch(const TouchRecord& touch) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  if (handoffs_.count(touch.lead_id) == 0) {
    return Status::NotFound("no lead was handed over with this id", "/lead_id");
  }
  touches_[touch.lead_id].push_back(touch);
  return Status::Ok();
}

Result<std::vector<TouchRecord>> MemoryStorage::ListTouches(const std::string& lead_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = touches_.find(lead_id);
  if (it == touches_.end()) return std::vector<TouchRecord>();
  return it->second;
}

Status MemoryStorage::SaveFeedback(const FeedbackRecord& feedback, const std::string& new_state) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = handoffs_.find(feedback.lead_id);
  if (it == handoffs_.end()) {
    return Status::NotFound("no lead was handed over with this id", "/lead_id");
  }
  HandoffRecord& h = it->second;
  h.state = new_state;
  h.updated_ms = feedback.at_ms;
  if (new_state == "accepted") h.accepted_ms = feedback.at_ms;
  if (new_state == "nurturing") h.sent_back_ms = feedback.at_ms;
  // The feedback is about the generation sales have now.
  FeedbackRecord stored = feedback;
  stored.generation = h.generation;
  feedback_[feedback.lead_id].push_back(std::move(stored));
  return Status::Ok();
}

Result<std::vector<FeedbackRecord>> MemoryStorage::ListFeedback(const std::string& lead_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = feedback_.find(lead_id);
  if (it == feedback_.end()) return std::vector<FeedbackRecord>();
  return it->second;
}

Result<std::vector<HandoffStore::ReportRow>> MemoryStorage::ListForReport(
    const std::string& site_key, const std::string& flow_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<ReportRow> rows;
  for (const auto& [id, h] : handoffs_) {
    if (h.site_key != site_key || h.route != "sales") continue;
    if (!flow_id.empty() && h.flow_id != flow_id) continue;
    ReportRow row;
    row.handoff = HandoffLocked(h);
    // The latest feedback on the current generation. As in SQLite's report query, the
    // row carries its decision, reason, note and time (generation left 0).
    row.latest.lead_id = h.lead_id;
    auto feedback = feedback_.find(h.lead_id);
    if (feedback != feedback_.end()) {
      for (auto f = feedback->second.rbegin(); f != feedback->second.rend(); ++f) {
        if (f->generation != h.generation) continue;
        row.latest.decision = f->decision;
        row.latest.reason = f->reason;
        row.latest.note = f->note;
        row.latest.at_ms = f->at_ms;
        break;
      }
    }
    rows.push_back(std::move(row));
  }
  // By flow, variant, then lead id (the map's order).
  std::stable_sort(rows.begin(), rows.end(), [](const ReportRow& a, const ReportRow& b) {
    return std::tie(a.handoff.flow_id, a.handoff.variant) <
           std::tie(b.handoff.flow_id, b.handoff.variant);
  });
  return rows;
}

}  // namespace leadq
