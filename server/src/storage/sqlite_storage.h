// SqliteStorage: the embedded default Storage, one SQLite file in WAL mode.
#ifndef LEADQ_SERVER_STORAGE_SQLITE_STORAGE_H_
#define LEADQ_SERVER_STORAGE_SQLITE_STORAGE_H_

#include <memory>
#include <mutex>
#include <string>

#include "storage/forwarding_store.h"
#include "storage/sqlite_db.h"
#include "storage/storage.h"

namespace leadq {

// Also the ForwardingStore, so that an outcome and its outbox rows share a transaction;
// those methods live in the sqlite_destinations/outbox/handoffs .cc files.
class SqliteStorage : public Storage, public ForwardingStore {
 public:
  // Opens `path` and applies pending migrations.
  static Result<std::unique_ptr<SqliteStorage>> Open(const std::string& path);

  Status PutSite(const SiteRecord& site) override;
  Result<SiteRecord> GetSite(const std::string& site_key) override;
  Result<std::vector<SiteRecord>> ListSites() override;
  Result<FlowRecord> SaveFlowVersion(FlowRecord flow, bool publish) override;
  Result<FlowRecord> GetPublishedFlow(const std::string& site_key,
                                      const std::string& flow_id) override;
  Result<FlowRecord> GetFlowVersion(const std::string& site_key, const std::string& flow_id,
                                    int version) override;
  Status CreateSession(const SessionRecord& session) override;
  Result<SessionRecord> GetSession(const std::string& session_id) override;
  Result<bool> AppendAnswer(const AnswerRecord& answer) override;
  Result<std::vector<AnswerRecord>> ListAnswers(const std::string& session_id) override;
  Status SaveOutcome(const std::string& session_id, const Json& outcome, bool done,
                     const Json& fields, int64_t now_ms, const HandoffWrite& handoff) override;
  Result<Json> GetVisitorFields(const std::string& site_key,
                                const std::string& visitor_id) override;

  // ForwardingStore.
  Status PutDestination(const DestinationRecord& destination) override;
  Result<DestinationRecord> GetDestination(const std::string& destination_id) override;
  Result<std::vector<DestinationRecord>> ListDestinations(const std::string& site_key) override;
  Status DeleteDestination(const std::string& destination_id) override;
  Result<HandoffRecord> GetHandoff(const std::string& lead_id) override;
  Result<std::vector<HandoffRecord>> ListHandoffs(const HandoffFilter& filter) override;
  Result<std::optional<OutboxRecord>> ClaimDueDelivery(int64_t now_ms) override;
  Status ReleaseClaims() override;
  Status RecordAttempt(const AttemptResult& result) override;
  Result<int64_t> CountUndelivered() override;
  Result<std::vector<OutboxRecord>> ListDeliveries(const OutboxFilter& filter) override;
  Result<OutboxRecord> GetDelivery(int64_t delivery_id) override;
  Result<std::vector<AttemptRecord>> ListAttempts(const std::string& lead_id) override;
  Status Redeliver(int64_t delivery_id, int64_t now_ms) override;
  Result<std::vector<HandoffRecord>> ListPastDeadline(int64_t now_ms) override;
  Result<bool> MarkOverdue(const std::string& lead_id, int64_t now_ms,
                           const std::vector<OutboxRecord>& escalations) override;
  Status Enqueue(const std::vector<OutboxRecord>& deliveries) override;
  Status AddTouch(const TouchRecord& touch) override;
  Result<std::vector<TouchRecord>> ListTouches(const std::string& lead_id) override;
  Status SaveFeedback(const FeedbackRecord& feedback, const std::string& new_state) override;
  Result<std::vector<FeedbackRecord>> ListFeedback(const std::string& lead_id) override;
  Result<std::vector<ReportRow>> ListForReport(const std::string& site_key,
                                               const std::string& flow_id) override;

 private:
  explicit SqliteStorage(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  // Runs `body` inside BEGIN IMMEDIATE … COMMIT, rolling back on failure.
  template <typename Body>
  Status InTransaction(Body body);

  std::mutex mutex_;  // one connection, one statement at a time
  std::unique_ptr<Database> db_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SQLITE_STORAGE_H_
