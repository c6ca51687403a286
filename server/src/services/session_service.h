// SessionService: the visitor-facing use cases — start or resume a conversation, and
// submit an answer, which is stored durably and then re-decided by the server's own run
// of the core. Whatever a client claims about points or outcome is never read.
#ifndef LEADQ_SERVER_SERVICES_SESSION_SERVICE_H_
#define LEADQ_SERVER_SERVICES_SESSION_SERVICE_H_

#include <string>
#include <vector>

#include "services/flow_service.h"
#include "services/forwarding_service.h"

namespace leadq {

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

class SessionService {
 public:
  // With `forwarding`, an outcome that hands the lead over is written together with its
  // outbox rows; without it (nullptr) nothing is ever forwarded.
  SessionService(Storage& storage, FlowService& flows, const Environment& env,
                 ForwardingService* forwarding = nullptr)
      : storage_(storage), flows_(flows), env_(env), forwarding_(forwarding) {}

  // NotFound for an unknown site or flow; InvalidArgument for malformed ids.
  Result<StartResult> Start(const StartRequest& request);

  // Validates the answer with the core (InvalidAnswer, localised, when it fails), stores
  // it before returning, and stores the server's re-decided outcome.
  Result<AnswerResult> SubmitAnswer(const AnswerRequest& request);

  // The session with its answers (admin view).
  Result<std::pair<SessionRecord, std::vector<AnswerRecord>>> Get(const std::string& session_id);

 private:
  // Re-runs the core over the stored answers and stores the outcome.
  Result<AnswerResult> Redecide(const SessionRecord& session, const LoadedFlow& flow);

  Storage& storage_;
  FlowService& flows_;
  const Environment& env_;
  ForwardingService* forwarding_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_SESSION_SERVICE_H_
