// RequalificationService: new data about a visitor re-decides the leads it can change.
//
// New data is an events batch (page views, time on page: the implicit profile) or an
// answer in one of the visitor's sessions (its fields join the explicit profile). Either
// way the server runs the core again for the visitor's sessions that are still open and
// for its leads in nurturing (sent back by sales, or handed to nurturing as near misses),
// stores each new outcome and, when the outcome now hands the lead over, its handoff and
// outbox rows in the same transaction. Whether it hands over is HandoffService::Plan's
// rule: a nurture lead that now qualifies goes to sales, and a lead sales sent back goes
// to sales again (a new generation, with new idempotency keys) only for data that
// arrived after the send-back.
//
// Writes are optimistic: a re-decision is stored only while the session still has the
// answers and the visitor's profile still has the revision it was decided on; otherwise
// it is decided again over what changed (a bounded number of times).
#ifndef LEADQ_SERVER_SERVICES_REQUALIFICATION_SERVICE_H_
#define LEADQ_SERVER_SERVICES_REQUALIFICATION_SERVICE_H_

#include <string>

#include "services/flow_service.h"

namespace leadq {

class HandoffService;

// At most this many of a visitor's sessions are re-decided for one piece of new data
// (the most recently active ones).
inline constexpr int kMaxSessionsToRequalify = 10;

class RequalificationService {
 public:
  // `handoffs` may be null (outcomes are then re-decided but hand nothing over).
  RequalificationService(Storage& storage, FlowService& flows, const Environment& env,
                         HandoffService* handoffs)
      : storage_(storage), flows_(flows), env_(env), handoffs_(handoffs) {}

  // After an events batch for `visitor_id` was stored: re-decides the visitor's open and
  // nurturing sessions. Returns how many outcomes it stored.
  Result<int> AfterEvents(const std::string& site_key, const std::string& visitor_id);

  // After an answer in `session` was stored, decided over `visitor` (the profile as read
  // before the answer) with the merged fields `fields`. When the answer changed the
  // visitor's fields, the visitor's other open and nurturing sessions are re-decided;
  // when the profile also changed under the answer (another session's answer or an
  // events batch committed between its read and its write), `session` itself is too.
  // `after` is the profile's state as the answer's transaction left it.
  Result<int> AfterAnswer(const SessionRecord& session, const VisitorProfile& visitor,
                          const Json& fields, const ProfileState& after);

  // Decides `session_id` again over its stored answers and its visitor's current profile
  // and stores the outcome when it changed anything (outcome, completion, the lead row's
  // channel or e-mail, or a handoff). True when it stored something. Conflict when the
  // session kept changing under it.
  Result<bool> Redecide(const std::string& session_id);

 private:
  Result<int> RedecideAll(const std::vector<std::string>& session_ids);

  Storage& storage_;
  FlowService& flows_;
  const Environment& env_;
  HandoffService* handoffs_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_REQUALIFICATION_SERVICE_H_
