// Backtest: the demo flow with stricter grade thresholds replayed over N stored sessions
// of the demo site (a real SQLite file in WAL mode), as the console's backtest runs it —
// the BacktestService reading pages of sessions with their answers and visitors, and the
// core deciding each. Prints the time for the scan alone and for the whole backtest.
//
//   build/native/bench/leadq_bench_backtest [SESSIONS=100000]
//
// The sessions are written straight into the file first (one transaction, with the
// outcome the published flow gives them), so that generating them is not measured.
// A benchmark, not a test: it asserts nothing and is never run by ctest.
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "app/demo_seed.h"
#include "leadq/codec.h"
#include "leadq/conversation.h"
#include "leadq/flow_decoder.h"
#include "platform/core_json.h"
#include "services/backtest_service.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kSite = "demo-site";
constexpr const char* kFlow = "bant-demo";
constexpr int64_t kNow = 1'790'000'000'000;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

Json ReadJson(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return Json::parse(text.str());
}

// Writes `count` sessions of the demo flow, 80% of them answered to the end, each with
// its visitor and the outcome `flow` decides for it.
Status Generate(const std::string& path, const Flow& flow, int count) {
  Result<std::unique_ptr<Database>> opened = Database::Open(path, Database::Durability::kNormal);
  if (!opened.ok()) return opened.status();
  Database& db = *opened.value();
  Status status = db.Exec("BEGIN");
  if (!status.ok()) return status;
  std::mt19937 random(42);
  const std::vector<std::pair<std::string, std::vector<std::string>>> steps = {
      {"budget", {"under_10k", "10k_50k", "over_50k"}},
      {"authority", {"decision_maker", "influencer", "researcher"}},
      {"need", {"losing_leads", "exploring", "no_need"}},
      {"timing", {"within_2_weeks", "within_3_months", "within_6_months", "later"}},
      {"email", {"lead@example.com"}}};
  for (int i = 0; i < count; ++i) {
    const std::string id = "session-" + std::to_string(i);
    const std::string visitor = "visitor-" + std::to_string(i);
    const int64_t started = kNow - (static_cast<int64_t>(i) * 25 * 86'400'000LL) / count;
    const size_t answered = random() % 5 == 0 ? 1 + random() % 4 : steps.size();
    ConversationInput input;
    input.now_ms = kNow;
    Json fields = Json::object();
    for (size_t s = 0; s < answered; ++s) {
      const auto& [step, values] = steps[s];
      const std::string& value = values[random() % values.size()];
      input.answers.push_back({step, JsonValue(value)});
      fields[step] = value;
    }
    const Turn turn = NextTurn(flow, input);
    Result<Statement> v = db.Prepare(
        "INSERT INTO visitors (site_key, visitor_id, fields, created_ms, updated_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?4)");
    if (!v.ok()) return v.status();
    status =
        v.value().Bind(1, kSite).Bind(2, visitor).Bind(3, fields.dump()).Bind(4, started).Run();
    if (!status.ok()) return status;
    Result<Statement> s = db.Prepare(
        "INSERT INTO sessions (session_id, site_key, flow_id, flow_version, visitor_id, variant, "
        "language, started_ms, updated_ms, outcome, triage, grade, total_points, done, "
        "answer_count) VALUES (?1, ?2, ?3, 1, ?4, '', 'en', ?5, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!s.ok()) return s.status();
    status = s.value()
                 .Bind(1, id)
                 .Bind(2, kSite)
                 .Bind(3, kFlow)
                 .Bind(4, visitor)
                 .Bind(5, started)
                 .Bind(6, EncodeOutcome(turn.outcome).Dump())
                 .Bind(7, std::string(ToString(turn.outcome.triage)))
                 .Bind(8, std::string(ToString(turn.outcome.grade)))
                 .Bind(9, turn.outcome.total_points)
                 .Bind(10, turn.done ? 1 : 0)
                 .Bind(11, static_cast<int64_t>(answered))
                 .Run();
    if (!status.ok()) return status;
    for (size_t a = 0; a < answered; ++a) {
      Result<Statement> ins = db.Prepare(
          "INSERT INTO answers (session_id, answer_id, seq, step_id, field, value, received_ms) "
          "VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)");
      if (!ins.ok()) return ins.status();
      status = ins.value()
                   .Bind(1, id)
                   .Bind(2, "answer-" + std::to_string(a))
                   .Bind(3, static_cast<int64_t>(a + 1))
                   .Bind(4, steps[a].first)
                   .Bind(5, Json(fields[steps[a].first]).dump())
                   .Bind(6, started + static_cast<int64_t>(a) * 5000)
                   .Run();
      if (!status.ok()) return status;
    }
  }
  return db.Exec("COMMIT");
}

int Run(int count) {
  char pattern[] = "/tmp/leadq-bench-backtest-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  const std::string path = dir + "/leadq.db";
  const std::string flows_dir = std::string(LEADQ_SOURCE_DIR) + "/web/demo/flows";
  Environment env;
  env.now_ms = [] { return kNow; };
  int id = 0;
  env.new_id = [&id] { return "backtest-" + std::to_string(++id); };
  {
    Result<std::unique_ptr<SqliteStorage>> storage = SqliteStorage::Open(path);
    if (!storage.ok()) return std::fprintf(stderr, "%s\n", storage.status().message().c_str()), 1;
    FlowService flows(*storage.value(), env);
    Status seeded = SeedDemo(*storage.value(), flows, {}, flows_dir);
    if (!seeded.ok()) return std::fprintf(stderr, "%s\n", seeded.message().c_str()), 1;
  }
  Json published = ReadJson(flows_dir + "/bant-demo.json");
  DecodedFlow flow = DecodeFlow(ToCore(published));
  auto began = Clock::now();
  Status generated = Generate(path, flow.flow, count);
  if (!generated.ok()) return std::fprintf(stderr, "%s\n", generated.message().c_str()), 1;
  std::printf("generated %d sessions in %.1f s\n", count, Seconds(began));

  Result<std::unique_ptr<SqliteStorage>> storage = SqliteStorage::Open(path);
  if (!storage.ok()) return std::fprintf(stderr, "%s\n", storage.status().message().c_str()), 1;
  // The scan alone: every page read, nothing decided.
  began = Clock::now();
  int64_t scanned = 0;
  SessionScanCursor cursor;
  for (;;) {
    Result<std::vector<AnswerContext>> page =
        storage.value()->ScanFlowSessions(kSite, kFlow, 0, cursor, kBacktestPage);
    if (!page.ok()) return std::fprintf(stderr, "%s\n", page.status().message().c_str()), 1;
    scanned += static_cast<int64_t>(page.value().size());
    if (static_cast<int>(page.value().size()) < kBacktestPage) break;
    cursor = {page.value().back().session.started_ms, page.value().back().session.session_id};
  }
  const double scan_s = Seconds(began);

  Json stricter = published;
  stricter["lead_definition"]["grades"] = {{"high", 95}, {"medium", 90}, {"low", 80}};
  BacktestService backtests(*storage.value(), env);
  std::vector<FlowProblem> problems;
  BacktestRequest request{kSite, kFlow, stricter, 1, 30, "bench"};
  began = Clock::now();
  Result<BacktestReport> queued = backtests.Queue(request, &problems);
  if (!queued.ok()) return std::fprintf(stderr, "%s\n", queued.status().message().c_str()), 1;
  backtests.RunQueued();
  const double total_s = Seconds(began);
  Result<BacktestReport> report = backtests.Get(kSite, kFlow, queued.value().id);
  const BacktestTally& tally = report.value().tally;
  std::printf("scan only: %lld sessions in %.2f s\n", static_cast<long long>(scanned), scan_s);
  std::printf("backtest:  %lld sessions in %.2f s (%.1f us per session), %lld changed, state %s\n",
              static_cast<long long>(tally.replayed), total_s,
              tally.replayed > 0 ? total_s * 1e6 / static_cast<double>(tally.replayed) : 0.0,
              static_cast<long long>(tally.changed), ToString(report.value().state));
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace leadq

int main(int argc, char** argv) { return leadq::Run(argc > 1 ? std::atoi(argv[1]) : 100'000); }
