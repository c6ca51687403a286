// SessionStore: conversations, their answers, and the outcome write of the answer path.
#ifndef LEADQ_SERVER_STORAGE_SESSION_STORE_H_
#define LEADQ_SERVER_STORAGE_SESSION_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "leadq/result.h"
#include "storage/handoff_records.h"
#include "storage/lead_records.h"
#include "storage/visitor_records.h"

namespace leadq {

// What deciding an answer needs, read in one consistent snapshot.
struct AnswerContext {
  SessionRecord session;
  std::vector<AnswerRecord> answers;
  VisitorProfile visitor;
  // The session's lead's last handoff, if it was handed over: read in the same snapshot,
  // so that deciding the next handoff needs no read of its own.
  std::optional<PriorHandoff> handoff;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  // Creates the session (and its visitor, when new).
  virtual Status CreateSession(const SessionRecord& session) = 0;
  virtual Result<SessionRecord> GetSession(const std::string& session_id) = 0;
  // The session's answers in the order they were stored.
  virtual Result<std::vector<AnswerRecord>> ListAnswers(const std::string& session_id) = 0;

  // The session, its answers, its visitor's profile and its lead's handoff state from one
  // snapshot (one read transaction); NotFound when the session does not exist. The
  // answer path decides afresh, so its context leaves the session's stored outcome null;
  // a re-decision compares with it, so its context has it.
  virtual Result<AnswerContext> LoadForAnswer(const std::string& session_id) = 0;
  virtual Result<AnswerContext> LoadForRedecision(const std::string& session_id) = 0;

  // In ONE transaction: stores the answer, and — only when the session still has
  // `expected_answer_count` answers — the outcome, the lead row, the visitor's merged
  // fields (merging visitors that share an e-mail), the outbox rows and the
  // re-decisions the answer asks for (RequalificationStore): the visitor's other
  // sessions when `changes_fields` and there are any, and this session itself when the
  // profile's revision is no longer `expected_visitor_revision` (+ 1 for a change of its
  // own: another write changed the profile after the decision read it). Committed
  // durably when this returns kStored.
  virtual Result<AnswerStored> StoreAnswer(const AnswerWrite& write) = 0;

  // The sessions of the visitor `visitor_id` resolves to (and of the
  // visitors merged into it, the 50 most recently active) that new data about the
  // visitor can change: those with an answer that are still open, and those whose lead is
  // in nurturing (sent back by sales, or handed to nurturing as a near miss). Most
  // recently updated first, at most `limit`.
  virtual Result<std::vector<std::string>> ListSessionsToRequalify(const std::string& site_key,
                                                                   const std::string& visitor_id,
                                                                   int limit) = 0;
  // In ONE transaction, when the session and the visitor's profile are still as the
  // decision saw them: the outcome, the lead row, and the handoff with its outbox rows.
  // kStored (committed durably) or kStale (nothing written; decide again).
  virtual Result<AnswerStored> StoreRedecision(const RedecisionWrite& write) = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SESSION_STORE_H_
