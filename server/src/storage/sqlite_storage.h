// SqliteStorage: the embedded default Storage, one SQLite file in WAL mode.
//
// Writes go through one writer thread with group commit (sqlite_writer.h); reads use a
// pool of their own connections (sqlite_readers.h), so request threads never contend
// for SQLite's write lock and never see SQLITE_BUSY. The SQL of each interface lives in
// its own file: sqlite_sites.cc, sqlite_flows.cc, sqlite_sessions.cc,
// sqlite_requalify.cc, sqlite_visitors.cc, sqlite_leads.cc.
#ifndef LEADQ_SERVER_STORAGE_SQLITE_STORAGE_H_
#define LEADQ_SERVER_STORAGE_SQLITE_STORAGE_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "storage/read_through_cache.h"
#include "storage/sqlite_checkpointer.h"
#include "storage/sqlite_readers.h"
#include "storage/sqlite_writer.h"
#include "storage/storage.h"

namespace leadq {

class SqliteStorage : public Storage {
 public:
  // Opens `path` and applies pending migrations.
  static Result<std::unique_ptr<SqliteStorage>> Open(const std::string& path);

  // SiteStore
  Status PutSite(const SiteRecord& site) override;
  Result<SiteRecord> GetSite(const std::string& site_key) override;
  Result<std::vector<SiteRecord>> ListSites() override;
  Status PutApiKey(const ApiKeyRecord& key) override;
  Result<ApiKeyRecord> FindApiKey(const std::string& key_hash) override;
  Result<std::vector<ApiKeyRecord>> ListApiKeys() override;
  Status RevokeApiKey(const std::string& key_id, int64_t now_ms) override;

  // FlowStore
  Result<FlowRecord> SaveFlowVersion(FlowRecord flow, bool publish) override;
  Result<FlowRecord> GetPublishedFlow(const std::string& site_key,
                                      const std::string& flow_id) override;
  Result<FlowRecord> GetFlowVersion(const std::string& site_key, const std::string& flow_id,
                                    int version) override;
  Status PublishFlowVersion(const FlowEvent& event) override;
  Result<std::vector<FlowSummary>> ListFlows(const std::string& site_key,
                                             int64_t activity_since_ms = 0) override;
  Result<std::vector<FlowRecord>> ListFlowVersions(const std::string& site_key,
                                                   const std::string& flow_id) override;
  Result<std::vector<FlowEvent>> ListFlowEvents(const std::string& site_key,
                                                const std::string& flow_id, int limit) override;
  Result<FlowDraft> GetFlowDraft(const std::string& site_key, const std::string& flow_id) override;
  Result<FlowDraft> PutFlowDraft(FlowDraft draft, int expected_revision) override;
  Status DeleteFlowDraft(const std::string& site_key, const std::string& flow_id,
                         int revision) override;
  Result<FlowRecord> PublishFlowDraft(const FlowEvent& event, int revision) override;
  Result<FlowTestsRecord> GetFlowTests(const std::string& site_key,
                                       const std::string& flow_id) override;
  Result<FlowTestsRecord> PutFlowTests(FlowTestsRecord tests, int expected_revision) override;

  // SessionStore
  Status CreateSession(const SessionRecord& session) override;
  Result<SessionRecord> GetSession(const std::string& session_id) override;
  Result<std::vector<AnswerRecord>> ListAnswers(const std::string& session_id) override;
  Result<AnswerContext> LoadForAnswer(const std::string& session_id) override;
  Result<AnswerContext> LoadForRedecision(const std::string& session_id) override;
  Result<AnswerStored> StoreAnswer(const AnswerWrite& write) override;
  Result<std::vector<std::string>> ListSessionsToRequalify(const std::string& site_key,
                                                           const std::string& visitor_id,
                                                           int limit) override;
  Result<AnswerStored> StoreRedecision(const RedecisionWrite& write) override;
  Result<std::vector<AnswerContext>> ScanFlowSessions(const std::string& site_key,
                                                      const std::string& flow_id, int64_t since_ms,
                                                      const SessionScanCursor& after,
                                                      int limit) override;
  Result<int64_t> CountFlowSessions(const std::string& site_key, const std::string& flow_id,
                                    int64_t since_ms) override;

  // VisitorStore
  Result<VisitorProfile> GetVisitor(const std::string& site_key,
                                    const std::string& visitor_id) override;
  Status RecordEvents(const std::string& site_key, const std::string& visitor_id,
                      const std::vector<EventRecord>& events, const SignalsFold& fold,
                      int64_t now_ms) override;
  Status RecordConsent(const ConsentRecord& consent) override;
  Result<VisitorExport> ExportVisitor(const std::string& site_key,
                                      const std::string& visitor_id) override;
  Status EraseVisitor(const std::string& site_key, const std::string& visitor_id) override;
  Result<int64_t> PurgeEvents(int64_t before_ms) override;

  // LeadStore
  Result<std::vector<LeadRecord>> ListLeads(const LeadFilter& filter, int64_t* total) override;
  Result<LeadRecord> GetLead(const std::string& session_id) override;
  Status ForEachLead(const LeadFilter& filter,
                     const std::function<bool(const LeadRecord&)>& row) override;
  Result<std::map<std::string, int64_t>> CountLeadsByTriage() override;
  Result<std::vector<LeadChange>> ListLeadChanges(const std::string& session_id) override;
  Result<std::vector<std::string>> LeadsChangingBy(int64_t now_ms, int limit) override;
  Status PostponeLeadChange(const std::string& session_id, int64_t at_ms) override;

  // RequalificationStore
  Result<std::vector<RequalificationTask>> DueRequalifications(int64_t now_ms, int limit) override;
  Status FinishRequalification(const RequalificationTask& task) override;
  Status PostponeRequalification(const RequalificationTask& task, int64_t retry_ms) override;
  Result<int64_t> CountRequalifications() override;

  // A consistent copy of the whole database in a new file at `path`, taken while the
  // server keeps serving (leadq backup).
  Status Backup(const std::string& path);

  // HandoffStore.
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

  // write_transactions_total, full_scans_total, checkpoints_total.
  std::vector<StorageFigure> Figures() const override;
  bool WritesFailing() const override;
  // Caps the database file at its size now or `pages` pages, whichever is more (SQLite's
  // max_page_count on the writer): beyond it writes fail as on a full disk. For the tests
  // of a full disk, and for an operator who wants a hard cap.
  Status LimitPages(int64_t pages);
  // WAL checkpoints run by the checkpoint thread (for tests).
  int64_t Checkpoints() const { return checkpointer_->checkpoints(); }

 private:
  SqliteStorage(std::string path, std::unique_ptr<SqliteCheckpointer> checkpointer,
                std::unique_ptr<Database> writer)
      : readers_(std::move(path)),
        checkpointer_(std::move(checkpointer)),
        writer_(std::make_unique<SqliteWriter>(std::move(writer))) {}

  // Runs `body(db)` on a borrowed read connection.
  template <typename T, typename Body>
  Result<T> Read(Body body) {
    Result<SqliteReaders::Lease> lease = readers_.Borrow();
    if (!lease.ok()) return lease.status();
    return body(*lease.value());
  }
  Status Write(SqliteWriter::Job job) { return writer_->Submit(std::move(job)); }
  Result<std::vector<DestinationRecord>> LoadDestinations(const std::string& site_key);
  Result<AnswerContext> LoadContext(const std::string& session_id, bool with_outcome);
  // A write that also yields a value; the value is returned only once committed.
  template <typename T, typename Body>
  Result<T> WriteResult(Body body) {
    std::optional<T> value;
    Status status = Write([&](Database& db) -> Status {
      Result<T> result = body(db);
      if (!result.ok()) return result.status();
      value = std::move(result).value();
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*value);
  }

  SqliteReaders readers_;
  std::unique_ptr<SqliteCheckpointer> checkpointer_;  // outlives the writer it watches
  std::unique_ptr<SqliteWriter> writer_;
  // Sites are read on every public request, a site's destinations with every outcome
  // that may hand a lead over; both change rarely.
  ReadThroughCache<SiteRecord> sites_;
  ReadThroughCache<std::vector<DestinationRecord>> destinations_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SQLITE_STORAGE_H_
