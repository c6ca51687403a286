// Right to erasure covers handoffs: erasing a visitor through the admin API deletes the
// handoffs, outbox rows, delivery log, touches and feedback of every lead of that visitor
// (and of visitors merged with it by e-mail), leaves other visitors' rows alone, and a
// delivery in flight while the visitor is erased does not write its log entry back.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>

#include "handoff_test_util.h"

namespace leadq::testing {
namespace {

// Handoff tables that hold rows keyed by lead_id.
const char* const kHandoffTables[] = {"handoffs", "delivery_outbox", "delivery_attempts",
                                      "lead_touches", "lead_feedback"};

// Rows per table for `lead`, read straight from the SQLite file on a connection of its own.
std::map<std::string, int64_t> RowsOf(const std::string& db_path, const std::string& lead) {
  std::map<std::string, int64_t> rows;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  for (const char* table : kHandoffTables) {
    const std::string sql = std::string("SELECT COUNT(*) FROM ") + table + " WHERE lead_id = ?1";
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    sqlite3_bind_text(stmt, 1, lead.c_str(), -1, SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW) << sql;
    rows[table] = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return rows;
}

class ErasureTest : public ::testing::Test {
 protected:
  TempDir dir_;
  FakeEnvironment clock_;
  WebhookReceiver sales_{kSecret, [this] { return clock_.now.load() / 1000; }};
  WebhookReceiver nurture_{kSecret, [this] { return clock_.now.load() / 1000; }};
  HandoffServer server_{dir_.path(), clock_, TestHandoffConfig()};

  std::string db() const { return dir_.path() + "/leadq.db"; }

  // A qualified lead of `visitor` with `email`, delivered, touched once, and sent back to
  // nurturing (so it has a nurture delivery and feedback too).
  std::string WorkedLead(const std::string& visitor, const std::string& email) {
    auto answers = HandoffServer::HighLead();
    answers.back().second = email;
    const std::string lead = server_.AnswerLead(answers, visitor);
    EXPECT_TRUE(WaitForState(server_, lead, "delivered"));
    int status = 0;
    server_.Admin("POST", "/api/v1/admin/leads/" + lead + "/touches",
                  {{"channel", "call"}, {"note", "voicemail"}, {"by", "kim"}}, &status);
    EXPECT_EQ(status, 201);
    server_.Admin("POST", "/api/v1/admin/leads/" + lead + "/feedback",
                  {{"decision", "nurture"}, {"note", "next quarter"}}, &status);
    EXPECT_EQ(status, 200);
    EXPECT_TRUE(WaitForState(server_, lead, "delivered"));
    return lead;
  }

  int Erase(const std::string& visitor) {
    int status = 0;
    server_.Admin("DELETE", "/api/v1/admin/visitors/" + visitor + "?site=demo-site", nullptr,
                  &status);
    return status;
  }
};

TEST_F(ErasureTest, ErasingAVisitorDeletesTheHandoffRowsOfAllItsLeads) {
  CreateDestination(server_, sales_.url());
  CreateDestination(server_, nurture_.url(), "nurture");
  const std::string erased = WorkedLead("visitor-erase-01", "erin@example.com");
  // Gives the same e-mail later: merged into the first visitor, so erased with it.
  const std::string merged = WorkedLead("visitor-erase-02", "erin@example.com");
  const std::string kept = WorkedLead("visitor-keeps-01", "kai@example.com");
  for (const std::string& lead : {erased, merged, kept}) {
    for (const auto& [table, count] : RowsOf(db(), lead)) {
      EXPECT_GT(count, 0) << table << " of " << lead << " before the erasure";
    }
  }

  EXPECT_EQ(Erase("visitor-erase-01"), 200);

  for (const std::string& lead : {erased, merged}) {
    for (const auto& [table, count] : RowsOf(db(), lead)) {
      EXPECT_EQ(count, 0) << table << " of " << lead << " after the erasure";
    }
    int status = 0;
    server_.Admin("GET", "/api/v1/admin/leads/" + lead + "/handoff", nullptr, &status);
    EXPECT_EQ(status, 404);
    Json deliveries = server_.Admin("GET", "/api/v1/admin/deliveries?lead=" + lead);
    EXPECT_TRUE(deliveries["deliveries"].empty()) << deliveries.dump();
  }
  for (const auto& [table, count] : RowsOf(db(), kept)) {
    EXPECT_GT(count, 0) << table << " of the other visitor's lead is kept";
  }
  EXPECT_EQ(Erase("visitor-erase-01"), 404) << "nothing is left to erase";
}

// Regression: the worker recorded the attempt of a delivery that was in flight while its
// visitor was erased, writing a delivery log row for a lead that no longer exists.
TEST_F(ErasureTest, ADeliveryInFlightDuringTheErasureLeavesNoLogBehind) {
  CreateDestination(server_, sales_.url());
  sales_.slow_ms = 1000;  // longer than the worker's read timeout: the attempt fails late
  const std::string lead = server_.AnswerLead(HandoffServer::HighLead(), "visitor-erase-03");
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] {
    Json sending = server_.Admin("GET", "/api/v1/admin/deliveries?state=sending&lead=" + lead);
    return sending["deliveries"].size() == 1;
  }));
  EXPECT_EQ(Erase("visitor-erase-03"), 200);
  // The worker gives up on the slow receiver after its read timeout and records what
  // happened; the receiver then finishes answering.
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return sales_.requests().size() == 1; }));
  server_.app().delivery.Wake();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (const auto& [table, count] : RowsOf(db(), lead)) {
    EXPECT_EQ(count, 0) << table << " after the erasure";
  }
}

}  // namespace
}  // namespace leadq::testing
