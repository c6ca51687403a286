// FeedbackService: the closed loop. Sales accept a lead, reject it with a reason, or send
// it back to nurturing (it then re-enters qualification when new data arrives for it, and
// nurture destinations receive it). The report tells marketers which parts of their lead
// definition predict acceptance.
#ifndef LEADQ_SERVER_SERVICES_FEEDBACK_SERVICE_H_
#define LEADQ_SERVER_SERVICES_FEEDBACK_SERVICE_H_

#include <string>
#include <vector>

#include "services/handoff_service.h"

namespace leadq {

// The reasons a lead may be rejected for.
const std::vector<std::string>& RejectReasons();

class FeedbackService {
 public:
  FeedbackService(HandoffStore& store, HandoffService& handoffs, const Environment& env)
      : store_(store), handoffs_(handoffs), env_(env) {}

  // decision "accept", "reject" (reason one of RejectReasons(); "other" needs a note) or
  // "nurture". Stores it at now and returns the handoff's new state. NotFound for a lead
  // never handed over (or of another site when site_key is not "").
  Result<HandoffRecord> Give(const std::string& site_key, FeedbackRecord feedback);

  // Acceptance per flow, per variant and per criterion for a site (one flow, or all
  // when flow_id is ""). See BuildFeedbackReport.
  Result<Json> Report(const std::string& site_key, const std::string& flow_id);

 private:
  HandoffStore& store_;
  HandoffService& handoffs_;
  const Environment& env_;
};

// The report over handoffs with their latest feedback:
//   {"totals": C, "flows": [{"flow_id", ...C}], "variants": [{"flow_id", "variant", ...C}],
//    "criteria": [{"flow_id", "criterion", "met": R, "not_met": R, "difference"}]}
// where C = {"handed_over", "with_feedback", "accepted", "rejected", "nurtured",
// "acceptance_rate", "reject_reasons": {reason: n}} and R = {"leads", "with_feedback",
// "accepted", "acceptance_rate"}. A rate is accepted / with_feedback, null when no lead
// has feedback; "difference" is met minus not_met, null unless both are known.
Json BuildFeedbackReport(const std::vector<HandoffStore::ReportRow>& rows);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_FEEDBACK_SERVICE_H_
