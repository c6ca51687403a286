// Deciding a session: the server's own run of the core over everything stored about a
// lead — the session's answers and its visitor's profile — giving what is written with
// the outcome: the outcome itself, the lead row, the fields merged into the profile and,
// with handoffs, the handoff the outcome causes. The answer path decides with its new
// answer; re-qualification decides again when new data about the visitor arrives.
#ifndef LEADQ_SERVER_SERVICES_SESSION_DECISION_H_
#define LEADQ_SERVER_SERVICES_SESSION_DECISION_H_

#include <memory>
#include <optional>
#include <vector>

#include "leadq/business_time.h"
#include "services/flow_service.h"
#include "storage/session_store.h"

namespace leadq {

class HandoffService;

struct SessionDecisionInput {
  const SessionRecord& session;
  const LoadedFlow& flow;
  const VisitorProfile& visitor;               // the visitor's profile as stored
  const std::vector<AnswerRecord>& answers;    // the session's stored answers, in order
  const std::optional<PriorHandoff>& handoff;  // its lead's handoff, if it was handed over
  const AnswerRecord* new_answer = nullptr;    // the answer being stored, if any
  int64_t now_ms = 0;                          // the decision's time
  int64_t last_data_ms = 0;                    // see HandoffInput::last_data_ms
  // The site's business hours, for SLAs stated in them (null: none).
  std::shared_ptr<const WorkingTime> business_hours = nullptr;
};

// The outcome write for `input`; with `handoffs` (may be null) it carries the handoff
// and outbox rows to commit with it. Fails only when planning the handoff cannot read
// storage.
Result<OutcomeWrite> DecideSession(const SessionDecisionInput& input, HandoffService* handoffs);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_SESSION_DECISION_H_
