// Overdue marking, escalation and follow-up touches.
#include "services/sla_service.h"

#include <algorithm>

namespace leadq {

Result<int> SlaService::CheckOverdue() {
  const int64_t now = env_.now_ms();
  Result<std::vector<HandoffRecord>> due = store_.ListPastDeadline(now);
  if (!due.ok()) return due.status();
  int marked = 0;
  HandoffWrite queued;
  for (HandoffRecord& handoff : due.value()) {
    handoff.snapshot["overdue_ms"] = now;
    Result<std::vector<OutboxRecord>> escalations =
        handoffs_.DeliveriesFor(handoff, HandoffEvent::kOverdue, now);
    if (!escalations.ok()) return escalations.status();
    Result<bool> done = store_.MarkOverdue(handoff.lead_id, now, escalations.value());
    if (!done.ok()) return done.status();
    if (!done.value()) continue;  // accepted (or marked) meanwhile
    ++marked;
    for (OutboxRecord& row : escalations.value()) queued.outbox.push_back(std::move(row));
  }
  handoffs_.Committed(queued);
  return marked;
}

Result<HandoffRecord> SlaService::RecordTouch(TouchRecord touch) {
  static const char* const kChannels[] = {"call", "email", "meeting", "chat", "other"};
  if (std::none_of(std::begin(kChannels), std::end(kChannels),
                   [&](const char* channel) { return touch.channel == channel; })) {
    return Status::InvalidArgument("must be call, email, meeting, chat or other", "/channel");
  }
  if (touch.note.size() > 2000)
    return Status::InvalidArgument("must be at most 2000 bytes", "/note");
  if (touch.by.size() > 200) return Status::InvalidArgument("must be at most 200 bytes", "/by");
  touch.at_ms = env_.now_ms();
  Status added = store_.AddTouch(touch);
  if (!added.ok()) return added;
  return store_.GetHandoff(touch.lead_id);
}

Json SlaProgress(const HandoffRecord& h, int64_t now_ms) {
  const bool has_deadline = h.sla_deadline_ms > 0;
  Json progress{{"deadline_ms", has_deadline ? Json(h.sla_deadline_ms) : Json()},
                {"overdue", h.overdue_ms > 0},
                {"overdue_ms", h.overdue_ms > 0 ? Json(h.overdue_ms) : Json()},
                {"accepted_ms", h.accepted_ms > 0 ? Json(h.accepted_ms) : Json()},
                {"remaining_ms", Json()},
                {"follow_up",
                 {{"target", h.follow_up_target},
                  {"done", h.touches},
                  {"remaining", std::max(0, h.follow_up_target - h.touches)}}}};
  if (has_deadline && h.state == "open" && h.overdue_ms == 0) {
    progress["remaining_ms"] = std::max<int64_t>(0, h.sla_deadline_ms - now_ms);
  }
  // Answered in time: accepted before the deadline; null while that is still open.
  if (has_deadline) {
    if (h.accepted_ms > 0) {
      progress["met"] = h.accepted_ms <= h.sla_deadline_ms;
    } else {
      progress["met"] = h.overdue_ms > 0 ? Json(false) : Json();
    }
  }
  return progress;
}

}  // namespace leadq
