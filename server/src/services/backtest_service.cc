// Backtests: a draft's lead definition over the stored sessions.
#include "services/backtest_service.h"

#include <chrono>

#include "leadq/conversation.h"
#include "leadq/flow_decoder.h"
#include "platform/core_json.h"
#include "services/session_service.h"

namespace leadq {
namespace {

// How often an idle worker looks for a queued backtest (Queue wakes it at once).
constexpr int64_t kIdlePollMs = 1000;
constexpr int kMaxDays = 365;

BacktestClass StoredClass(const Json& outcome) {
  BacktestClass stored{ToString(Triage::kNotEnoughInformation), ToString(Grade::kNone), 0};
  if (!outcome.is_object()) return stored;
  auto triage = outcome.find("triage");
  if (triage != outcome.end() && triage->is_string()) stored.triage = triage->get<std::string>();
  auto grade = outcome.find("grade");
  if (grade != outcome.end() && grade->is_string()) stored.grade = grade->get<std::string>();
  auto points = outcome.find("total_points");
  if (points != outcome.end() && points->is_number()) stored.points = points->get<double>();
  return stored;
}

std::string TextField(const Json& fields, const char* name) {
  auto it = fields.find(name);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

const char* ToString(BacktestState state) {
  switch (state) {
    case BacktestState::kQueued:
      return "queued";
    case BacktestState::kRunning:
      return "running";
    case BacktestState::kDone:
      return "done";
    case BacktestState::kFailed:
      return "failed";
  }
  return "failed";
}

void Replay(const Flow& draft, const AnswerContext& stored, int64_t now_ms, BacktestTally& tally) {
  ConversationInput input = MakeInput(stored.session, stored.visitor, stored.answers);
  input.now_ms = now_ms;
  const Turn turn = NextTurn(draft, input);
  const BacktestClass from = StoredClass(stored.session.outcome);
  BacktestClass to{ToString(turn.outcome.triage), ToString(turn.outcome.grade),
                   turn.outcome.total_points};
  ++tally.replayed;
  ++tally.triage[{from.triage, to.triage}];
  ++tally.grade[{from.grade, to.grade}];
  if (from.triage == to.triage && from.grade == to.grade) return;
  ++tally.changed;
  const Json fields = FromCore(turn.fields);
  BacktestChange change;
  change.session_id = stored.session.session_id;
  change.started_ms = stored.session.started_ms;
  if (fields.is_object()) {
    change.email = TextField(fields, "email");
    change.company = TextField(fields, "company");
  }
  change.from = from;
  change.to = std::move(to);
  tally.changes.push_back(std::move(change));
  if (tally.changes.size() > kListedChanges) tally.changes.pop_front();
}

BacktestService::BacktestService(SessionScanStore& sessions, const Environment& env)
    : sessions_(sessions),
      env_(env),
      loop_("leadq-backtest", 1, kIdlePollMs, [this] { return RunOne(); }) {}

BacktestService::~BacktestService() { Stop(); }

void BacktestService::Start() {
  stopping_ = false;
  loop_.Start();
}

void BacktestService::Stop() {
  stopping_ = true;
  loop_.Stop();
}

Result<BacktestReport> BacktestService::Queue(BacktestRequest request,
                                              std::vector<FlowProblem>* problems) {
  if (request.days < 1 || request.days > kMaxDays) {
    return Status::InvalidArgument("must be a number of days from 1 to 365", "/days");
  }
  DecodedFlow decoded = DecodeFlow(ToCore(request.document));
  if (!decoded.ok()) {
    *problems = decoded.problems;
    return Status::InvalidFlow("the flow has " + std::to_string(decoded.problems.size()) +
                                   " problem(s); fix them to backtest it",
                               decoded.problems.front().path);
  }
  auto job = std::make_shared<Job>();
  job->flow = std::make_shared<const Flow>(std::move(decoded.flow));
  BacktestReport& report = job->report;
  report.site_key = request.site_key;
  report.flow_id = request.flow_id;
  report.draft_revision = request.draft_revision;
  report.days = request.days;
  report.requested_by = request.requested_by;
  report.requested_ms = env_.now_ms();
  report.since_ms = report.requested_ms - int64_t{request.days} * 86'400'000;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [id, other] : jobs_) {
      const BacktestReport& o = other->report;
      // A document given as such may differ from any other: only drafts are shared.
      if (request.draft_revision > 0 && o.site_key == report.site_key &&
          o.flow_id == report.flow_id && o.draft_revision == report.draft_revision &&
          o.days == report.days &&
          (o.state == BacktestState::kQueued || o.state == BacktestState::kRunning)) {
        return o;
      }
    }
    report.id = env_.new_id();
    jobs_[report.id] = job;
    order_.push_back(report.id);
    // Forget the oldest finished reports beyond the kept number.
    size_t finished = 0;
    for (const std::string& id : order_) {
      BacktestState state = jobs_[id]->report.state;
      finished += state == BacktestState::kDone || state == BacktestState::kFailed;
    }
    for (auto it = order_.begin(); finished > kKeptBacktests && it != order_.end();) {
      BacktestState state = jobs_[*it]->report.state;
      if (state == BacktestState::kDone || state == BacktestState::kFailed) {
        jobs_.erase(*it);
        it = order_.erase(it);
        --finished;
      } else {
        ++it;
      }
    }
  }
  loop_.Wake();
  return job->report;
}

Result<BacktestReport> BacktestService::Get(const std::string& site_key, const std::string& flow_id,
                                            const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->report.site_key != site_key ||
      it->second->report.flow_id != flow_id) {
    return Status::NotFound("no such backtest (reports are kept for the last " +
                                std::to_string(kKeptBacktests) + ", until a restart)",
                            "/backtest_id");
  }
  return it->second->report;
}

void BacktestService::RunQueued() {
  while (RunOne()) {
  }
}

bool BacktestService::RunOne() {
  std::shared_ptr<Job> job;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const std::string& id : order_) {
      if (jobs_[id]->report.state == BacktestState::kQueued) {
        job = jobs_[id];
        job->report.state = BacktestState::kRunning;
        job->report.decided_at_ms = env_.now_ms();
        break;
      }
    }
  }
  if (!job) return false;
  const auto began = std::chrono::steady_clock::now();
  Status status = Replay(*job);
  const int64_t elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - began)
                              .count();
  std::lock_guard<std::mutex> lock(mutex_);
  BacktestReport& report = job->report;
  report.state = status.ok() ? BacktestState::kDone : BacktestState::kFailed;
  report.error = status.ok() ? "" : status.message();
  report.finished_ms = env_.now_ms();
  report.elapsed_ms = elapsed;
  return true;
}

Status BacktestService::Replay(Job& job) {
  std::string site_key, flow_id;
  int64_t since_ms = 0, now_ms = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    site_key = job.report.site_key;
    flow_id = job.report.flow_id;
    since_ms = job.report.since_ms;
    now_ms = job.report.decided_at_ms;
  }
  Result<int64_t> total = sessions_.CountFlowSessions(site_key, flow_id, since_ms);
  if (!total.ok()) return total.status();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job.report.total = total.value();
  }
  BacktestTally tally;
  SessionScanCursor cursor;
  for (;;) {
    if (stopping_) return Status::Unavailable("the server stopped before the backtest ended");
    Result<std::vector<AnswerContext>> page =
        sessions_.ScanFlowSessions(site_key, flow_id, since_ms, cursor, kBacktestPage);
    if (!page.ok()) return page.status();
    for (const AnswerContext& stored : page.value()) {
      leadq::Replay(*job.flow, stored, now_ms, tally);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    job.report.tally = tally;
    // Sessions that started while it ran are counted too.
    job.report.total = std::max(job.report.total, tally.replayed);
    if (static_cast<int>(page.value().size()) < kBacktestPage) return Status::Ok();
    cursor = {page.value().back().session.started_ms, page.value().back().session.session_id};
  }
}

}  // namespace leadq
