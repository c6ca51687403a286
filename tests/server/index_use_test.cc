// What the widget's requests run finds its rows by index: on a site with thousands of
// visitors, while visitors start and resume sessions, answer every question (e-mail
// addresses that merge visitors included), send events and record consent, no statement
// reads a whole table or walks a long stretch of an index. Such a statement costs time
// in proportion to the site's visitors: one once stalled the writer of a server with
// 20,000 visitors at ~300 answers/s (the planner had taken the merge index for
// "merged_into IS NULL", which every visitor never merged matches).
#include <gtest/gtest.h>

#include <algorithm>

#include "storage/sqlite_db.h"
#include "test_server.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;

class IndexUseTest : public ::testing::Test {
 protected:
  TestServer server_{DemoFlowsDir()};
  std::unique_ptr<httplib::Client> client_ = server_.Client();

  std::string Start(const std::string& visitor) {
    auto res = PostJson(*client_, "/api/v1/sessions",
                        {{"site", "demo-site"}, {"flow", "bant-demo"}, {"visitor_id", visitor}});
    EXPECT_EQ(res->status, 200) << res->body;
    return Body(res)["session_id"].get<std::string>();
  }

  void AnswerAll(const std::string& session, const std::string& email) {
    const std::pair<const char*, Json> answers[] = {{"budget", "over_50k"},
                                                    {"authority", "decision_maker"},
                                                    {"need", "losing_leads"},
                                                    {"timing", "within_2_weeks"},
                                                    {"email", email}};
    for (const auto& [step, value] : answers) {
      auto res = PostJson(*client_, "/api/v1/sessions/" + session + "/answers",
                          {{"site", "demo-site"},
                           {"answer_id", session + "-" + step},
                           {"step", step},
                           {"value", value}});
      EXPECT_EQ(res->status, 200) << res->body;
      // A returning visitor's known answers are skipped: the conversation may end early.
      if (Body(res)["done"] == true) return;
    }
  }
};

// One run of a statement on these paths takes a few hundred steps of SQLite's virtual
// machine at most; walking the 3,000 visitors seeded below takes over ten thousand.
constexpr int64_t kMostSteps = 2000;

TEST_F(IndexUseTest, TheWidgetsRequestsStayIndexedOnALargeSite) {
  // What the server's start-up read (the whole, small table of sites, say) is not counted.
  const std::vector<std::string> before = Database::FullScanStatements();
  {
    // 3,000 visitors with a session each, none merged, each with an e-mail address.
    Result<std::unique_ptr<Database>> db = Database::Open(server_.data_dir() + "/leadq.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db.value()
                    ->Exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                           "WHERE i < 3000) "
                           "INSERT INTO visitors (site_key, visitor_id, email, created_ms, "
                           "updated_ms) SELECT 'demo-site', 'bulk-' || i, 'bulk-' || i || "
                           "'@example.com', i, i FROM n; "
                           "INSERT INTO sessions (session_id, site_key, flow_id, flow_version, "
                           "visitor_id, started_ms, updated_ms) SELECT 'bulk-session-' || "
                           "visitor_id, site_key, 'bant-demo', 1, visitor_id, 1, 1 FROM "
                           "visitors WHERE visitor_id LIKE 'bulk-%'")
                    .ok());
  }
  Database::ResetHeaviestStatement();
  for (int i = 0; i < 6; ++i) {
    const std::string visitor = "visitor-seed-" + std::to_string(i);
    AnswerAll(Start(visitor), visitor + "@example.com");
  }

  for (int i = 0; i < 6; ++i) {
    const std::string visitor = "visitor-" + std::to_string(i);
    PostJson(*client_, "/api/v1/consent",
             {{"site", "demo-site"}, {"visitor_id", visitor}, {"version", "v1"}, {"given", true}});
    auto events = client_->Post(
        "/api/v1/events",
        R"({"site":"demo-site","visitor_id":")" + visitor +
            R"(","events":[{"type":"page_view","path":"/pricing"},{"type":"page_view","path":"/"}]})",
        "text/plain");
    EXPECT_EQ(events->status, 202) << events->body;
    // Even visitors give the address of a seeded visitor: the two are merged.
    AnswerAll(Start(visitor), i % 2 == 0 ? "visitor-seed-" + std::to_string(i) + "@example.com"
                                         : visitor + "@example.com");
    // A second visit resumes nothing: a new session for a known visitor.
    AnswerAll(Start(visitor), visitor + "@example.com");
  }

  std::vector<std::string> scanned;
  for (const std::string& sql : Database::FullScanStatements()) {
    if (std::find(before.begin(), before.end(), sql) == before.end()) scanned.push_back(sql);
  }
  EXPECT_TRUE(scanned.empty()) << "statements that scanned a table:\n"
                               << ::testing::PrintToString(scanned);
  const Database::HeaviestStatement heaviest = Database::Heaviest();
  EXPECT_LT(heaviest.steps, kMostSteps) << heaviest.sql;
  EXPECT_GT(heaviest.steps, 0) << "statements ran and were counted";

  // The merge index holds the merged visitors alone: an answer moves its visitor's
  // updated_ms, and an entry per visitor would move with every answer, for no lookup.
  Result<std::unique_ptr<Database>> db = Database::Open(server_.data_dir() + "/leadq.db");
  ASSERT_TRUE(db.ok());
  Result<Statement> merged = db.value()->Prepare(
      "SELECT (SELECT count(*) FROM visitors WHERE merged_into IS NOT NULL), "
      "(SELECT sum(ncell) FROM dbstat WHERE name = 'visitors_by_merge' AND pagetype = 'leaf')");
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  ASSERT_TRUE(merged.value().Step().value());
  EXPECT_EQ(merged.value().Integer(0), 3) << "the three even visitors were merged";
  EXPECT_EQ(merged.value().Integer(1), merged.value().Integer(0));
}

// The flows list's seven-day figures count index ranges: 3,000 sessions and leads older
// than that are neither read nor scanned.
TEST_F(IndexUseTest, TheFlowsListCountsRecentActivityByIndex) {
  server_.clock().now = 100LL * 86'400'000;
  {
    Result<std::unique_ptr<Database>> db = Database::Open(server_.data_dir() + "/leadq.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db.value()
                    ->Exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                           "WHERE i < 3000) "
                           "INSERT INTO visitors (site_key, visitor_id, created_ms, updated_ms) "
                           "SELECT 'demo-site', 'old-' || i, i, i FROM n; "
                           "INSERT INTO sessions (session_id, site_key, flow_id, flow_version, "
                           "visitor_id, started_ms, updated_ms) SELECT 'old-session-' || "
                           "visitor_id, site_key, 'bant-demo', 1, visitor_id, 1, 1 FROM "
                           "visitors WHERE visitor_id LIKE 'old-%'; "
                           "INSERT INTO leads (session_id, site_key, flow_id, flow_version, "
                           "variant, visitor_id, triage, grade, total_points, stage, conversion, "
                           "sla_deadline_ms, channel, email, search_text, outcome, created_ms, "
                           "updated_ms) SELECT session_id, site_key, flow_id, 1, '', visitor_id, "
                           "'qualified', 'high', 100, 'sales_ready', 'none', 0, '', '', '', '{}', "
                           "1, 1 FROM sessions WHERE session_id LIKE 'old-session-%'")
                    .ok());
  }
  AnswerAll(Start("visitor-recent"), "recent@example.com");
  const std::vector<std::string> before = Database::FullScanStatements();
  Database::ResetHeaviestStatement();
  auto res = client_->Get("/api/v1/admin/flows?site=demo-site", Bearer(kAdminKey));
  ASSERT_EQ(res->status, 200) << res->body;
  const Json flow = Body(res)["flows"][0];
  EXPECT_EQ(flow["activity"]["sessions"], 1);
  EXPECT_EQ(flow["activity"]["qualified"], 1);
  std::vector<std::string> scanned;
  for (const std::string& sql : Database::FullScanStatements()) {
    if (std::find(before.begin(), before.end(), sql) == before.end()) scanned.push_back(sql);
  }
  EXPECT_TRUE(scanned.empty()) << ::testing::PrintToString(scanned);
  EXPECT_LT(Database::Heaviest().steps, kMostSteps) << Database::Heaviest().sql;
}

}  // namespace
}  // namespace leadq::testing
