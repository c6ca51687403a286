// Deciding a session.
#include "services/session_decision.h"

#include "leadq/codec.h"
#include "leadq/conversation.h"
#include "platform/core_json.h"
#include "services/handoff_service.h"
#include "services/session_service.h"

namespace leadq {

Result<OutcomeWrite> DecideSession(const SessionDecisionInput& in, HandoffService* handoffs) {
  ConversationInput input = MakeInput(in.session, in.visitor, in.answers);
  if (in.new_answer != nullptr) {
    input.answers.push_back({in.new_answer->step_id, ToCore(in.new_answer->value)});
  }
  input.now_ms = in.now_ms;
  input.business_hours = in.business_hours;
  const Turn turn = NextTurn(in.flow.flow, input);

  OutcomeWrite write;
  write.outcome_text = EncodeOutcome(turn.outcome).Dump();
  write.done = turn.done;
  write.fields = FromCore(turn.fields);
  write.lead = MakeLead(in.session, turn, input.profile.signals.channel, in.now_ms);
  if (handoffs != nullptr) {
    // A lead handed over is queued in the outcome's own transaction: never lost, and
    // never queued for an outcome that did not commit.
    Result<HandoffWrite> planned = handoffs->Plan(
        {in.session, in.flow, turn.outcome, turn.done, in.answers, in.new_answer, write.fields,
         [&input] { return FromCore(EncodeProfile(input.profile)["signals"]); }, in.now_ms,
         in.last_data_ms, in.handoff});
    if (!planned.ok()) return planned.status();
    write.handoff = std::move(planned).value();
  }
  return write;
}

}  // namespace leadq
