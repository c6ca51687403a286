// BacktestService: what a draft's lead definition would do to the leads already stored,
// before it is published.
//
// A backtest replays every stored session of the flow on the site of the last N days —
// its answers and its visitor's profile as they stand — through the draft with the core,
// at one moment (the backtest's start), and sets the result beside the session's stored
// outcome (the lead as the inbox shows it today, kept current by re-qualification and
// the time sweep): a from -> to matrix of triage and of grade, and the leads whose triage
// or grade would change. Answers to questions the draft no longer has are ignored, as
// the engine ignores them; questions it adds are missing, as for any lead that has not
// answered them yet.
//
// It runs off the request path, on its own thread, one backtest at a time, reading the
// sessions in pages (no snapshot held across pages); Start() answers at once with the
// backtest's id, and Get() shows its progress until it is done. Reports live in this
// process's memory (the most recent kKeptBacktests): a restart forgets them, and they
// are cheap to run again.
#ifndef LEADQ_SERVER_SERVICES_BACKTEST_SERVICE_H_
#define LEADQ_SERVER_SERVICES_BACKTEST_SERVICE_H_

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "leadq/flow.h"
#include "platform/background_loop.h"
#include "services/environment.h"
#include "services/flow_service.h"
#include "storage/session_scan_store.h"

namespace leadq {

// Finished reports kept (the oldest go first).
inline constexpr size_t kKeptBacktests = 20;
// Changed leads listed in a report (the most recent); the matrix counts them all.
inline constexpr size_t kListedChanges = 500;
// Sessions read per page.
inline constexpr int kBacktestPage = 1000;

// A lead's triage, grade and points as stored or as the draft decides them.
struct BacktestClass {
  std::string triage;
  std::string grade;
  double points = 0;
};

// A lead whose triage or grade the draft changes.
struct BacktestChange {
  std::string session_id;
  int64_t started_ms = 0;
  std::string email;    // the lead's e-mail field, "" when unknown
  std::string company;  // its company field, "" when unknown
  BacktestClass from;
  BacktestClass to;
};

// The counts of a replay: pure, so that it can be checked without a thread or a store.
struct BacktestTally {
  int64_t replayed = 0;
  int64_t changed = 0;
  std::map<std::pair<std::string, std::string>, int64_t> triage;  // (from, to) -> leads
  std::map<std::pair<std::string, std::string>, int64_t> grade;
  std::deque<BacktestChange> changes;  // oldest first, the last kListedChanges
};

// Decides `stored` with `draft` at `now_ms` and counts the result in `tally`.
void Replay(const Flow& draft, const AnswerContext& stored, int64_t now_ms, BacktestTally& tally);

enum class BacktestState { kQueued, kRunning, kDone, kFailed };
const char* ToString(BacktestState state);

struct BacktestRequest {
  std::string site_key;
  std::string flow_id;
  Json document;           // the flow to try (a draft's document)
  int draft_revision = 0;  // the draft revision it is, 0: a document given as such
  int days = 30;           // sessions started in the last `days` days
  std::string requested_by;
};

struct BacktestReport {
  std::string id;
  std::string site_key;
  std::string flow_id;
  int draft_revision = 0;
  int days = 0;
  int64_t since_ms = 0;
  int64_t decided_at_ms = 0;  // the moment every session is decided at
  BacktestState state = BacktestState::kQueued;
  std::string error;  // kFailed: why
  int64_t total = 0;  // sessions to replay, counted when it started
  BacktestTally tally;
  std::string requested_by;
  int64_t requested_ms = 0;
  int64_t finished_ms = 0;
  int64_t elapsed_ms = 0;  // real time the replay took
};

class BacktestService {
 public:
  BacktestService(SessionScanStore& sessions, const Environment& env);
  ~BacktestService();
  BacktestService(const BacktestService&) = delete;
  BacktestService& operator=(const BacktestService&) = delete;

  void Start();
  // Stops the worker: a running backtest ends at its next page, failed ("stopped").
  void Stop();

  // Queues a backtest of `request.document`: InvalidFlow with `problems` when the flow
  // has any (nothing queued), InvalidArgument for `days` outside 1..365. A request equal
  // to one queued or running (same site, flow, draft revision and days) gets that one.
  // Returns the report as queued.
  Result<BacktestReport> Queue(BacktestRequest request, std::vector<FlowProblem>* problems);
  // The report as it stands; NotFound for an unknown id or another site's or flow's.
  Result<BacktestReport> Get(const std::string& site_key, const std::string& flow_id,
                             const std::string& id);
  // Runs queued backtests now, on the calling thread (for tests without the worker).
  void RunQueued();

 private:
  struct Job {
    BacktestReport report;  // guarded by mutex_
    std::shared_ptr<const Flow> flow;
  };
  // Runs the oldest queued job; false when there was none.
  bool RunOne();
  Status Replay(Job& job);

  SessionScanStore& sessions_;
  const Environment& env_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::string> order_;  // ids, oldest first
  std::atomic<bool> stopping_{false};
  BackgroundLoop loop_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_BACKTEST_SERVICE_H_
