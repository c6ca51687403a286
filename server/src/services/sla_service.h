// SlaService: the service level agreement on a lead handed to sales. The deadline per
// grade comes from the flow's "sla" section and is fixed at handoff; a lead not accepted
// by then is marked overdue and escalated (a "lead.overdue" delivery to every
// destination subscribed to it: the same one again to re-notify, or a second one).
// Follow-up touches recorded by sales count against the SLA's target number.
//
// Time is the Environment's clock: the periodic check is driven by whoever calls
// CheckOverdue (the delivery worker, or a test that moved the clock).
#ifndef LEADQ_SERVER_SERVICES_SLA_SERVICE_H_
#define LEADQ_SERVER_SERVICES_SLA_SERVICE_H_

#include "services/handoff_service.h"

namespace leadq {

class SlaService {
 public:
  SlaService(HandoffStore& store, HandoffService& handoffs, const Environment& env)
      : store_(store), handoffs_(handoffs), env_(env) {}

  // Marks every open sales lead whose deadline is at or before now overdue, queueing its
  // escalations in the same transaction. Returns how many leads it marked.
  Result<int> CheckOverdue();

  // Records a follow-up touch (channel: call, email, meeting, chat, other) at now.
  // NotFound when the lead was never handed over.
  Result<HandoffRecord> RecordTouch(TouchRecord touch);

 private:
  HandoffStore& store_;
  HandoffService& handoffs_;
  const Environment& env_;
};

// The SLA's state for the API: deadline, overdue, answered in time, touches vs target.
Json SlaProgress(const HandoffRecord& handoff, int64_t now_ms);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_SLA_SERVICE_H_
