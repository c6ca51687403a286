// SessionStore: conversations, their answers, and the outcome write of the answer path.
#ifndef LEADQ_SERVER_STORAGE_SESSION_STORE_H_
#define LEADQ_SERVER_STORAGE_SESSION_STORE_H_

#include <string>
#include <vector>

#include "leadq/result.h"
#include "storage/lead_records.h"
#include "storage/visitor_records.h"

namespace leadq {

// What deciding an answer needs, read in one consistent snapshot.
struct AnswerContext {
  SessionRecord session;
  std::vector<AnswerRecord> answers;
  VisitorProfile visitor;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  // Creates the session (and its visitor, when new).
  virtual Status CreateSession(const SessionRecord& session) = 0;
  virtual Result<SessionRecord> GetSession(const std::string& session_id) = 0;
  // The session's answers in the order they were stored.
  virtual Result<std::vector<AnswerRecord>> ListAnswers(const std::string& session_id) = 0;

  // The session, its answers and its visitor's profile from one snapshot (one read
  // transaction); NotFound when the session does not exist.
  virtual Result<AnswerContext> LoadForAnswer(const std::string& session_id) = 0;

  // In ONE transaction: stores the answer, and — only when the session still has
  // `expected_answer_count` answers — the outcome, the lead row, the visitor's merged
  // fields (merging visitors that share an e-mail) and the outbox rows. Committed
  // durably when this returns kStored.
  virtual Result<AnswerStored> StoreAnswer(const AnswerWrite& write) = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SESSION_STORE_H_
