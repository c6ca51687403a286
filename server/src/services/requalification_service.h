// RequalificationService: new data about a visitor re-decides the leads it can change.
//
// New data is an events batch (page views, time on page: the implicit profile) or an
// answer in one of the visitor's sessions (its fields join the explicit profile). The
// write that stores it also queues a task (RequalificationStore, in the same
// transaction); this service works the queue, off the request path: it runs the core
// again for the visitor's sessions that are still open and for its leads in nurturing
// (sent back by sales, or handed to nurturing as near misses), and stores each new
// outcome and, when the outcome now hands the lead over, its handoff and outbox rows in
// the same transaction. Whether it hands over is the core's rule (DecideHandoff): a
// nurture lead that now qualifies goes to sales, and a lead sales sent back goes to sales
// again (a new generation, with new idempotency keys) only for data that arrived after
// the send-back.
//
// Writes are optimistic: a re-decision is stored only while the session still has the
// answers and the visitor's profile still has the revision it was decided on; otherwise
// it is decided again over what changed (a bounded number of times). A task is removed
// only when it was worked without failure; a failed one is tried again later.
#ifndef LEADQ_SERVER_SERVICES_REQUALIFICATION_SERVICE_H_
#define LEADQ_SERVER_SERVICES_REQUALIFICATION_SERVICE_H_

#include <string>

#include "services/flow_service.h"
#include "storage/lead_store.h"
#include "storage/requalification_store.h"
#include "storage/session_store.h"

namespace leadq {

class BusinessHoursCache;
class HandoffService;

// At most this many of a visitor's sessions are re-decided for one task (the most
// recently active ones).
inline constexpr int kMaxSessionsToRequalify = 10;

class RequalificationService {
 public:
  // `handoffs` may be null (outcomes are then re-decided but hand nothing over);
  // `business_hours` too (SLAs stated in business time then count calendar time).
  RequalificationService(SessionStore& sessions, LeadStore& leads, RequalificationStore& queue,
                         FlowService& flows, const Environment& env, HandoffService* handoffs,
                         BusinessHoursCache* business_hours = nullptr)
      : sessions_(sessions),
        leads_(leads),
        queue_(queue),
        flows_(flows),
        env_(env),
        handoffs_(handoffs),
        business_hours_(business_hours) {}

  // Works every task due now, in batches, until none is left (or a storage error);
  // returns how many outcomes it stored. Failed tasks are postponed with a backoff.
  Result<int> Drain();

  // One task: the sessions it names, decided again. Returns how many outcomes it stored.
  Result<int> Run(const RequalificationTask& task);

  // The time sweep: decides again every lead whose fading points are due to move it to
  // another grade or triage now (its changes_ms, from the core), as any new outcome — a
  // grade change lands in the lead's timeline and the lead is handed over or not as the
  // handoff rules say. A lead that cannot be decided now is looked at again in 5 minutes.
  // Returns how many outcomes it stored.
  Result<int> ReviewDue();

  // Decides `session_id` again over its stored answers and its visitor's current profile
  // and stores the outcome when it changed anything (outcome, completion, the lead row's
  // channel or e-mail, or a handoff). True when it stored something. Conflict when the
  // session kept changing under it. `cause` names why, for the lead's timeline.
  Result<bool> Redecide(const std::string& session_id, const std::string& cause = "new_data");

 private:
  SessionStore& sessions_;
  LeadStore& leads_;
  RequalificationStore& queue_;
  FlowService& flows_;
  const Environment& env_;
  HandoffService* handoffs_;
  BusinessHoursCache* business_hours_;
};

// Whether merging `after` into the profile fields `before` changes a value (an answer
// that does not brings nothing new to the visitor's other leads).
bool ChangesFields(const Json& before, const Json& after);

// When a task that failed `attempts` times is tried again: 1 s, doubling, at most 5 min.
int64_t RequalificationRetryMs(int attempts, int64_t now_ms);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_REQUALIFICATION_SERVICE_H_
