// Storage under stress and over time: many writers at once lose nothing and store
// nothing twice; a database of an older schema version is migrated with its data.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "storage/migrations.h"
#include "storage/sqlite_db.h"
#include "test_server.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;

int64_t CountRows(const std::string& db_path, const std::string& sql) {
  auto db = Database::Open(db_path);
  EXPECT_TRUE(db.ok());
  auto stmt = db.value()->Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status().message();
  auto row = stmt.value().Step();
  EXPECT_TRUE(row.ok() && row.value());
  return stmt.value().Integer(0);
}

// 8 threads x 1,000 answers over HTTP, each thread on its own 200 sessions (five answers
// each, the last one ending the conversation), some answers retried: every acknowledged
// answer is stored exactly once, none fail with a busy database.
TEST(ConcurrentWritersTest, EveryAcknowledgedAnswerIsStoredOnce) {
  TestServer server(DemoFlowsDir());
  constexpr int kThreads = 8;
  constexpr int kAnswers = 1000;
  constexpr int kSessionsPerThread = 200;
  const char* steps[][2] = {{"budget", "over_50k"},
                            {"authority", "decision_maker"},
                            {"need", "losing_leads"},
                            {"timing", "within_2_weeks"},
                            {"email", "load@example.com"}};
  std::atomic<int> acknowledged{0}, duplicates{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto client = server.Client();
      std::vector<std::string> sessions;
      for (int s = 0; s < kSessionsPerThread; ++s) sessions.push_back(StartSession(*client));
      for (int i = 0; i < kAnswers; ++i) {
        const std::string& session = sessions[i % kSessionsPerThread];
        const auto& step = steps[(i / kSessionsPerThread) % 5];
        const std::string id = "answer-" + std::to_string(t) + "-" + std::to_string(i);
        auto res = Answer(*client, session, id, step[0], step[1]);
        if (!res || res->status != 200) {
          ++failures;
          continue;
        }
        ++acknowledged;
        // Every tenth answer is retried, as a widget on a flaky network would.
        if (i % 10 == 0) {
          auto retry = Answer(*client, session, id, step[0], step[1]);
          if (retry && retry->status == 200 && Body(retry)["duplicate"] == true) ++duplicates;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(acknowledged.load(), kThreads * kAnswers);
  EXPECT_EQ(duplicates.load(), kThreads * kAnswers / 10);
  // The checkpoint thread copied the log into the database file while the server ran
  // (the writer's own automatic checkpoints are off): an empty database is ~0.1 MB.
  const std::string db = server.data_dir() + "/leadq.db";
  EXPECT_GT(server.storage().Checkpoints(), 0);
  EXPECT_GT(std::filesystem::file_size(db), 1u << 20);
  server.Stop();
  EXPECT_EQ(CountRows(db, "SELECT COUNT(*) FROM answers"), kThreads * kAnswers);
  EXPECT_EQ(
      CountRows(db, "SELECT COUNT(*) FROM (SELECT DISTINCT session_id, answer_id FROM answers)"),
      kThreads * kAnswers);
  // Each session's outcome covers all of its answers.
  EXPECT_EQ(CountRows(db,
                      "SELECT COUNT(*) FROM sessions s WHERE answer_count <> "
                      "(SELECT COUNT(*) FROM answers a WHERE a.session_id = s.session_id)"),
            0);
  // ... and numbers them 1, 2, ... in the order they were stored.
  EXPECT_EQ(CountRows(db,
                      "SELECT COUNT(*) FROM sessions s WHERE (SELECT MIN(seq) = 1 AND "
                      "MAX(seq) = s.answer_count AND COUNT(DISTINCT seq) = s.answer_count "
                      "FROM answers a WHERE a.session_id = s.session_id) IS NOT 1"),
            0);
  EXPECT_EQ(CountRows(db, "SELECT COUNT(*) FROM leads"), kThreads * kSessionsPerThread);
  EXPECT_EQ(CountRows(db, "SELECT COUNT(*) FROM leads WHERE triage = 'qualified'"),
            kThreads * kSessionsPerThread);
}

// Answers racing on ONE session: the optimistic re-decision keeps the stored outcome
// consistent with all stored answers.
TEST(ConcurrentWritersTest, RacingAnswersOnOneSessionAreAllDecided) {
  TestServer server(DemoFlowsDir());
  auto setup = server.Client();
  const std::string session = StartSession(*setup);
  const char* steps[][2] = {{"budget", "over_50k"},
                            {"authority", "decision_maker"},
                            {"need", "losing_leads"},
                            {"timing", "within_2_weeks"},
                            {"email", "race@example.com"}};
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 5; ++t) {
    threads.emplace_back([&, t] {
      auto client = server.Client();
      auto res =
          Answer(*client, session, "answer-race-" + std::to_string(t), steps[t][0], steps[t][1]);
      ok += res && res->status == 200;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 5);
  Json stored = Body(setup->Get(("/api/v1/admin/sessions/" + session).c_str(), Bearer(kAdminKey)));
  EXPECT_EQ(stored["answers"].size(), 5u);
  EXPECT_EQ(stored["outcome"]["triage"], "qualified") << stored.dump();
  EXPECT_TRUE(stored["done"].get<bool>());
  // The racing answers took the places 1 to 5 of the session, one each.
  server.Stop();
  EXPECT_EQ(CountRows(server.data_dir() + "/leadq.db",
                      "SELECT COUNT(DISTINCT seq) FROM answers WHERE seq BETWEEN 1 AND 5"),
            5);
}

// Many first requests for one client-chosen session id at once: one creates it, the
// others resume it; none fails.
TEST(ConcurrentWritersTest, RacingStartsOfOneSessionIdAllSucceed) {
  TestServer server(DemoFlowsDir());
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, resumed{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto client = server.Client();
      auto res = PostJson(*client, "/api/v1/sessions",
                          {{"site", "demo-site"},
                           {"flow", "bant-demo"},
                           {"session_id", "session-raced-01"},
                           {"visitor_id", "visitor-raced-1"}});
      if (res && res->status == 200) {
        ++ok;
        resumed += Body(res)["resumed"] == true;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 8);
  EXPECT_EQ(resumed.load(), 7);
}

TEST(MigrationTest, AVersionOneDatabaseIsMigratedWithItsData) {
  char pattern[] = "/tmp/leadq-migrate-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  const std::string path = dir + "/leadq.db";
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(MigrateTo(*db.value(), 1).ok());
    ASSERT_EQ(SchemaVersion(*db.value()).value(), 1);
    Status seeded = db.value()->Exec(R"sql(
INSERT INTO sites VALUES ('old-site', 'Old', '[]', 1);
INSERT INTO visitors VALUES ('old-site', 'visitor-old-01', '{"budget":"over_50k"}', 1, 2);
INSERT INTO flows VALUES ('old-site', 'f', NULL);
INSERT INTO sessions (session_id, site_key, flow_id, flow_version, visitor_id, started_ms,
  updated_ms, outcome, triage, grade, total_points, done)
VALUES ('session-old-01', 'old-site', 'f', 1, 'visitor-old-01', 10, 20,
  '{"triage":"qualified","grade":"high","total_points":90,"stage":"sales_ready","conversion":"hard","sla":{"deadline_ms":99}}',
  'qualified', 'high', 90, 1);
INSERT INTO sessions (session_id, site_key, flow_id, flow_version, visitor_id, started_ms,
  updated_ms)
VALUES ('session-old-02', 'old-site', 'f', 1, 'visitor-old-01', 11, 21);
INSERT INTO answers (session_id, answer_id, step_id, field, value, received_ms)
VALUES ('session-old-01', 'answer-old-zz', 'budget', 'budget', '"under_10k"', 12),
  ('session-old-02', 'answer-old-02', 'need', 'need', '"losing_leads"', 13),
  ('session-old-01', 'answer-old-01', 'budget', 'budget', '"over_50k"', 15);
)sql");
    ASSERT_TRUE(seeded.ok()) << seeded.message();
  }
  auto storage = SqliteStorage::Open(path);
  ASSERT_TRUE(storage.ok()) << storage.status().message();
  auto session = storage.value()->GetSession("session-old-01");
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session.value().answer_count, 2) << "answer counts are back-filled";
  // Answers keep their order within their session (the revision, stored last, counts)
  // when version 7 renumbers them per session.
  auto answers = storage.value()->ListAnswers("session-old-01");
  ASSERT_TRUE(answers.ok());
  ASSERT_EQ(answers.value().size(), 2u);
  EXPECT_EQ(answers.value()[0].answer_id, "answer-old-zz");
  EXPECT_EQ(answers.value()[1].answer_id, "answer-old-01");
  EXPECT_EQ(answers.value()[1].value, "over_50k");
  ASSERT_EQ(storage.value()->ListAnswers("session-old-02").value().size(), 1u);
  auto lead = storage.value()->GetLead("session-old-01");
  ASSERT_TRUE(lead.ok()) << "leads are back-filled from v1 outcomes";
  EXPECT_EQ(lead.value().triage, "qualified");
  EXPECT_EQ(lead.value().sla_deadline_ms, 99);
  auto visitor = storage.value()->GetVisitor("old-site", "visitor-old-01");
  ASSERT_TRUE(visitor.ok());
  EXPECT_EQ(visitor.value().fields["budget"], "over_50k");
  storage.value().reset();
  auto db = Database::Open(path);
  EXPECT_EQ(SchemaVersion(*db.value()).value(), LatestSchemaVersion());
  db.value().reset();
  // A database newer than this build is refused, not damaged.
  {
    auto newer = Database::Open(path);
    ASSERT_TRUE(newer.value()->Exec("PRAGMA user_version = 999").ok());
  }
  auto refused = SqliteStorage::Open(path);
  EXPECT_FALSE(refused.ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace leadq::testing
