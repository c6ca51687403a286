// Storage: everything the services persist, behind one small interface so that a
// PostgreSQL backend can replace the embedded SQLite one for several server nodes.
//
// Implementations are thread-safe. Every method returns a Status (or Result) and never
// throws; "not_found" is the only non-internal error code they produce.
#ifndef LEADQ_SERVER_STORAGE_STORAGE_H_
#define LEADQ_SERVER_STORAGE_STORAGE_H_

#include <string>
#include <vector>

#include "leadq/result.h"
#include "storage/forwarding_records.h"
#include "storage/records.h"

namespace leadq {

class Storage {
 public:
  virtual ~Storage() = default;

  // Creates or replaces the site with `site.site_key`.
  virtual Status PutSite(const SiteRecord& site) = 0;
  // NotFound when no site has that key.
  virtual Result<SiteRecord> GetSite(const std::string& site_key) = 0;
  virtual Result<std::vector<SiteRecord>> ListSites() = 0;

  // Stores `flow` as a new version (flow.version is assigned: previous + 1) and, when
  // `publish`, makes it the version visitors get. Returns the stored record.
  virtual Result<FlowRecord> SaveFlowVersion(FlowRecord flow, bool publish) = 0;
  // The published version; NotFound when the flow does not exist or has none.
  virtual Result<FlowRecord> GetPublishedFlow(const std::string& site_key,
                                              const std::string& flow_id) = 0;
  virtual Result<FlowRecord> GetFlowVersion(const std::string& site_key, const std::string& flow_id,
                                            int version) = 0;

  // Creates the session (and its visitor, when new).
  virtual Status CreateSession(const SessionRecord& session) = 0;
  virtual Result<SessionRecord> GetSession(const std::string& session_id) = 0;

  // Durably appends `answer` (committed when this returns ok). Returns false, storing
  // nothing, when an answer with the same answer_id exists for the session.
  virtual Result<bool> AppendAnswer(const AnswerRecord& answer) = 0;
  // The session's answers in the order they were stored.
  virtual Result<std::vector<AnswerRecord>> ListAnswers(const std::string& session_id) = 0;

  // Records the server's outcome for the session and merges `fields` into the visitor's
  // explicit profile, in one transaction — which also writes `handoff` (the lead handed
  // to sales or nurturing and its outbox rows) unless it is empty.
  virtual Status SaveOutcome(const std::string& session_id, const Json& outcome, bool done,
                             const Json& fields, int64_t now_ms, const HandoffWrite& handoff) = 0;

  // The visitor's known explicit fields ({} for an unknown visitor).
  virtual Result<Json> GetVisitorFields(const std::string& site_key,
                                        const std::string& visitor_id) = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_STORAGE_H_
