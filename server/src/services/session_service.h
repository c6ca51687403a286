// SessionService: the visitor-facing use cases — start or resume a conversation, and
// submit an answer, which is stored durably and then re-decided by the server's own run
// of the core. Whatever a client claims about points or outcome is never read.
#ifndef LEADQ_SERVER_SERVICES_SESSION_SERVICE_H_
#define LEADQ_SERVER_SERVICES_SESSION_SERVICE_H_

#include <string>
#include <vector>

#include "leadq/conversation.h"
#include "leadq/outcome.h"
#include "services/flow_service.h"
#include "storage/session_store.h"
#include "storage/site_store.h"
#include "storage/visitor_store.h"

namespace leadq {

class BusinessHoursCache;
class HandoffService;

struct StartRequest {
  std::string site_key;
  std::string flow_id;
  std::string visitor_id;  // optional: client-generated, or "" for a new visitor
  std::string session_id;  // optional: resume this session when it exists
  std::string language;
};

struct StartResult {
  SessionRecord session;
  Json known_fields = Json::object();  // what progressive profiling needs to skip
  std::vector<AnswerRecord> answers;   // of a resumed session
  bool resumed = false;
};

struct AnswerRequest {
  std::string site_key;
  std::string session_id;
  std::string answer_id;
  std::string step_id;
  Json value;
};

struct AnswerResult {
  bool duplicate = false;  // the answer_id was stored before; nothing changed
  bool done = false;
  Json outcome;  // the server's outcome after this answer
};

// The core's input for a session: the visitor's profile (explicit fields without this
// session's own, implicit signals) and the session's stored answers.
ConversationInput MakeInput(const SessionRecord& session, const VisitorProfile& visitor,
                            const std::vector<AnswerRecord>& answers);

// The lead row for a session after the core decided `turn`. Its `outcome` stays empty:
// the row is written with the outcome beside it in OutcomeWrite.
LeadRecord MakeLead(const SessionRecord& session, const Turn& turn, const std::string& channel,
                    int64_t now_ms);

class SessionService {
 public:
  // With `handoffs`, each outcome also carries the lead's handoff (and its outbox rows)
  // into the answer's transaction, and the delivery worker is woken after the commit.
  // An answer that brings new data about the visitor queues the re-decision of the
  // visitor's other open and nurturing leads in its own transaction (SessionStore::
  // StoreAnswer); the requalification worker takes it from there.
  // With `business_hours`, SLAs stated in business time count the site's working time.
  SessionService(SiteStore& sites, SessionStore& sessions, VisitorStore& visitors,
                 FlowService& flows, const Environment& env, HandoffService* handoffs = nullptr,
                 BusinessHoursCache* business_hours = nullptr)
      : sites_(sites),
        sessions_(sessions),
        visitors_(visitors),
        flows_(flows),
        env_(env),
        handoffs_(handoffs),
        business_hours_(business_hours) {}

  // NotFound for an unknown site or flow; InvalidArgument for malformed ids.
  Result<StartResult> Start(const StartRequest& request);

  // Validates the answer with the core (InvalidAnswer, localised, when it fails), decides
  // the outcome over every stored answer plus this one and the visitor's profile, and
  // stores answer and outcome in one transaction before returning. A retried answer_id
  // stores nothing and returns the stored outcome with duplicate = true.
  Result<AnswerResult> SubmitAnswer(const AnswerRequest& request);

  // The session with its answers (admin view).
  Result<std::pair<SessionRecord, std::vector<AnswerRecord>>> Get(const std::string& session_id);

 private:
  // One attempt: kStale when another answer of the session was stored meanwhile.
  Result<AnswerStored> TryStore(const AnswerRequest& request, AnswerResult* result);

  SiteStore& sites_;
  SessionStore& sessions_;
  VisitorStore& visitors_;
  FlowService& flows_;
  const Environment& env_;
  HandoffService* handoffs_;
  BusinessHoursCache* business_hours_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_SESSION_SERVICE_H_
