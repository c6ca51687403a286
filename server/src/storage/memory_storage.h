// MemoryStorage: every storage interface over plain in-process maps, so that service
// tests and benchmarks run without a SQLite file (as leveldb's MemEnv stands in for the
// file system). SqliteStorage is the reference: the same calls give the same records,
// orders, error codes and messages, and the same optimistic-concurrency answers. One body
// of contract tests (tests/server/store_contract_*_test.cc) runs against both.
//
// One mutex guards all state, so each call is one atomic step, as a SQLite transaction
// is. Every write checks whatever can make it fail before it changes anything, so a failed
// write leaves nothing behind (SQLite rolls the write's savepoint back).
//
// The SQL of each concept has its counterpart here: memory_storage.cc (sites, keys,
// flows, destinations, fault injection), memory_sessions.cc (sessions, answers, the
// profile merge, re-qualification, leads), memory_visitors.cc (events, consent, export,
// erasure) and memory_handoffs.cc (handoffs, outbox, SLA, touches, feedback).
#ifndef LEADQ_SERVER_STORAGE_MEMORY_STORAGE_H_
#define LEADQ_SERVER_STORAGE_MEMORY_STORAGE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "storage/storage.h"

namespace leadq {

class MemoryStorage : public Storage {
 public:
  MemoryStorage() = default;
  MemoryStorage(const MemoryStorage&) = delete;
  MemoryStorage& operator=(const MemoryStorage&) = delete;

  // Fault injection: the next `n` writes (calls that would change something, whether or
  // not they would) return `status` and change nothing; reads still work. Services are
  // tested with it to never acknowledge what was not stored. `n` 0 cancels.
  void FailNextWrites(int n, Status status);
  // Writes failed by injection so far.
  int64_t InjectedFailures() const;

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

  // HandoffStore
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

  // operations_total (every call) and injected_failures_total.
  std::vector<StorageFigure> Figures() const override;
  // Memory never fills; injected failures are a request's, not the storage's.
  bool WritesFailing() const override { return false; }

 private:
  // (site_key, visitor_id): visitors are per site.
  using VisitorKey = std::pair<std::string, std::string>;

  struct VisitorRow {
    Json fields = Json::object();
    Json signals = Json::object();
    std::string email;        // "" when none was given
    std::string merged_into;  // "" unless merged into another (canonical) visitor
    int64_t created_ms = 0;
    int64_t updated_ms = 0;
    int64_t revision = 0;
  };
  struct SessionRow {
    SessionRecord record;               // `outcome` as stored: null until the first answer
    std::vector<AnswerRecord> answers;  // in the order they were stored
    int64_t seq = 0;                    // creation order (SQLite's rowid)
  };
  struct FlowRow {
    int published_version = 0;  // 0: none
    std::map<int, FlowRecord> versions;
    std::vector<FlowEvent> events;  // oldest first
    std::optional<FlowTestsRecord> tests;
    std::optional<FlowDraft> draft;
  };
  // The row of a flow, created when missing (Internal for an unknown site, as SQLite's
  // foreign key). Under mutex_.
  Result<FlowRow*> EnsureFlow(const std::string& site_key, const std::string& flow_id);
  // The row of a flow whose draft has `revision` (NotFound, Conflict otherwise). Under mutex_.
  Result<FlowRow*> DraftOf(const std::string& site_key, const std::string& flow_id, int revision);
  struct EventRow {
    std::string site_key;
    std::string visitor_id;
    EventRecord event;
  };
  using TaskKey = std::tuple<std::string, std::string, bool, std::string>;

  // A JSON value as a SQLite column gives it back: written as text (invalid UTF-8
  // replaced) and parsed again, so numbers and strings come back as they do there.
  static Json Stored(const Json& value);
  // A stored JSON text; null when it does not parse (SQLite's readers fall back so too).
  static Json Parsed(const std::string& text);

  // Every method takes the lock first, then Admit() (a write) or Count() (a read).
  // Counts the call; for a write, the injected failure when one is pending.
  Status Admit();
  void Count() { ++operations_; }

  // The helpers below run with mutex_ held.
  std::string CanonicalLocked(const std::string& site_key, const std::string& visitor_id) const;
  VisitorProfile ProfileLocked(const std::string& site_key, const std::string& visitor_id) const;
  // Inserts the visitor when new (SQLite: INSERT ... ON CONFLICT DO NOTHING).
  void EnsureVisitorLocked(const std::string& site_key, const std::string& visitor_id,
                           int64_t now_ms);
  // Internal (SQLite's foreign key on sites) when inserting `visitor_id` would need an
  // unknown site.
  Status CheckVisitorSiteLocked(const std::string& site_key, const std::string& visitor_id) const;
  // Sets a visitor's fields and signals in one step: its revision moves when either
  // changed (the trigger of migration 4).
  static void SetProfile(VisitorRow& row, Json fields, Json signals);
  void SetEmailLocked(const VisitorKey& key, VisitorRow& row, const std::string& email);
  void MergeFieldsLocked(const AnswerWrite& write);
  void MergeVisitorsLocked(const std::string& site_key, const std::string& from,
                           const std::string& into, int64_t now_ms);
  struct ProfileState {
    std::string visitor_id;
    int64_t revision = 0;
    bool other_sessions = false;
  };
  ProfileState ProfileStateLocked(const std::string& site_key, const std::string& visitor_id,
                                  const std::string& session_id) const;
  void QueueLocked(const std::string& site_key, const std::string& visitor_id, bool whole_visitor,
                   const std::string& session_id, int64_t due_ms);
  void QueueRequalificationsLocked(const AnswerWrite& write);
  Result<AnswerContext> LoadContext(const std::string& session_id, bool with_outcome);
  bool MayRequalifyLocked(const SessionRow& session) const;
  // The leads matching `filter`, newest first (limit and offset not applied).
  std::vector<const LeadRecord*> MatchLeadsLocked(const LeadFilter& filter) const;
  HandoffRecord HandoffLocked(const HandoffRecord& stored) const;
  void WriteHandoffLocked(const HandoffWrite& write);
  void InsertOutboxLocked(const std::vector<OutboxRecord>& rows);
  void EraseLeadLocked(const std::string& lead_id);
  // Writes the lead row of `outcome` (creating it only when `create`) and records a
  // change of its triage or grade.
  void WriteLeadLocked(const OutcomeWrite& outcome, bool create);
  std::vector<std::string> VisitorIdsLocked(const std::string& site_key,
                                            const std::string& canonical) const;

  mutable std::mutex mutex_;
  mutable int64_t operations_ = 0;
  int failures_left_ = 0;
  Status failure_;
  int64_t injected_failures_ = 0;

  std::map<std::string, SiteRecord> sites_;
  std::map<std::string, ApiKeyRecord> api_keys_;  // by key_id
  std::map<VisitorKey, FlowRow> flows_;           // by (site_key, flow_id)

  std::map<VisitorKey, VisitorRow> visitors_;
  // Indexes over visitors_, kept with it: by e-mail, and the visitors merged into one.
  std::map<VisitorKey, std::set<std::string>> visitors_by_email_;  // (site, email) -> ids
  std::map<VisitorKey, std::set<std::string>> merged_into_;        // canonical -> merged ids
  std::map<std::string, SessionRow> sessions_;
  std::map<VisitorKey, std::set<std::string>> sessions_by_visitor_;
  int64_t next_session_seq_ = 1;
  std::map<std::string, LeadRecord> leads_;  // by session_id
  std::vector<LeadChange> lead_changes_;     // in the order recorded
  std::vector<EventRow> events_;             // in arrival order
  std::vector<ConsentRecord> consents_;      // in arrival order

  std::map<int64_t, RequalificationTask> tasks_;  // by task_id
  std::map<TaskKey, int64_t> task_ids_;

  std::map<std::string, DestinationRecord> destinations_;
  std::map<std::string, HandoffRecord> handoffs_;  // by lead_id; `touches` not kept here
  std::map<int64_t, OutboxRecord> outbox_;         // by delivery_id
  std::map<std::string, int64_t> outbox_keys_;     // idempotency key -> delivery_id
  int64_t next_delivery_id_ = 1;
  // By lead id, each in the order stored.
  std::map<std::string, std::vector<AttemptRecord>> attempts_;
  std::map<std::string, std::vector<TouchRecord>> touches_;
  std::map<std::string, std::vector<FeedbackRecord>> feedback_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_MEMORY_STORAGE_H_
