// Backtests through the admin API, as the console runs them before publishing: a draft
// whose lead definition asks more moves known leads from qualified to nurture — the same
// outcome `leadq simulate` gives for their answers — counted in the from -> to matrices,
// off the request path; and every bad request answered with a precise error.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "demo_flows.h"
#include "leadq_cli.h"
#include "test_server.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;
using Answers = std::vector<std::pair<std::string, Json>>;

const Answers kHigh = {{"budget", "over_50k"},
                       {"authority", "decision_maker"},
                       {"need", "losing_leads"},
                       {"timing", "within_2_weeks"},
                       {"email", "ann@example.com"}};  // 100 points
const Answers kMedium = {{"budget", "10k_50k"},
                         {"authority", "influencer"},
                         {"need", "losing_leads"},
                         {"timing", "within_3_months"},
                         {"email", "bob@example.com"}};  // 75 points
const Answers kNurture = {{"budget", "10k_50k"},
                          {"authority", "researcher"},
                          {"need", "exploring"},
                          {"timing", "within_6_months"},
                          {"email", "cy@example.com"}};  // 35 points

class BacktestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    marketer_ = Bearer(CreateApiKey(*client_, "Marketing team", "marketer"));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Lead(const Answers& answers) {
    const std::string session = StartSession(*client_);
    int n = 0;
    for (const auto& [step, value] : answers) {
      auto res = Answer(*client_, session, "answer-" + std::to_string(++n), step, value);
      EXPECT_EQ(res->status, 200) << res->body;
    }
    return session;
  }

  // The demo flow with the grade thresholds raised: a 75-point lead no longer qualifies.
  static Json StricterDraft() {
    Json flow = DemoFlow();
    flow["lead_definition"]["grades"] = {{"high", 95}, {"medium", 90}, {"low", 80}};
    return flow;
  }

  void SaveDraft(const Json& document) {
    auto res = client_->Put("/api/v1/admin/flows/bant-demo/draft?site=demo-site", marketer_,
                            document.dump(), "application/json");
    ASSERT_EQ(res->status, 201) << res->body;
  }

  httplib::Result Start(const Json& body, const httplib::Headers* auth = nullptr) {
    return PostJson(*client_, "/api/v1/admin/flows/bant-demo/backtests?site=demo-site", body,
                    auth ? *auth : marketer_);
  }

  // Polls the report until it is done (bounded: 20 s).
  Json WaitDone(const std::string& id) {
    Json report;
    for (int i = 0; i < 400; ++i) {
      report = Body(client_->Get(
          ("/api/v1/admin/flows/bant-demo/backtests/" + id + "?site=demo-site").c_str(),
          marketer_));
      if (report["state"] == "done" || report["state"] == "failed") return report;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "the backtest did not end: " << report.dump();
    return report;
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories(dir_);
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  static std::string Iso(int64_t ms) {
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
  }

  TestServer server_{DemoFlowsDir()};
  std::unique_ptr<httplib::Client> client_ = server_.Client();
  httplib::Headers marketer_;
  std::string dir_ = server_.data_dir() + "-backtest";
};

TEST_F(BacktestTest, AStricterDraftMovesAKnownLeadFromQualifiedToNurtureAsSimulateSays) {
  Lead(kHigh);
  const std::string medium = Lead(kMedium);
  Lead(kNurture);
  StartSession(*client_);  // no answer: not a lead
  SaveDraft(StricterDraft());

  server_.app().backtests.Start();
  auto res = Start({{"days", 30}});
  ASSERT_EQ(res->status, 202) << res->body;
  const Json queued = Body(res);
  EXPECT_EQ(queued["draft_revision"], 1);
  EXPECT_EQ(queued["requested_by"], "Marketing team");
  EXPECT_NE(res->get_header_value("Location").find(queued["id"].get<std::string>()),
            std::string::npos);

  const Json report = WaitDone(queued["id"]);
  ASSERT_EQ(report["state"], "done") << report.dump();
  EXPECT_EQ(report["leads"], 3);
  EXPECT_EQ(report["progress"], Json({{"replayed", 3}, {"total", 3}}));
  EXPECT_EQ(report["changed"], 1);
  EXPECT_NEAR(report["changed_share"].get<double>(), 1.0 / 3, 1e-9);
  EXPECT_EQ(report["triage"], Json::parse(R"([
    {"from": "nurture", "to": "nurture", "leads": 1},
    {"from": "qualified", "to": "nurture", "leads": 1},
    {"from": "qualified", "to": "qualified", "leads": 1}])"));
  EXPECT_EQ(report["grade"], Json::parse(R"([
    {"from": "high", "to": "high", "leads": 1},
    {"from": "medium", "to": "none", "leads": 1},
    {"from": "none", "to": "none", "leads": 1}])"));
  ASSERT_EQ(report["changes"].size(), 1u);
  const Json& change = report["changes"][0];
  EXPECT_EQ(change["session_id"], medium);
  EXPECT_EQ(change["email"], "bob@example.com");
  EXPECT_EQ(change["from"], Json({{"triage", "qualified"}, {"grade", "medium"}, {"points", 75}}));
  EXPECT_EQ(change["to"]["triage"], "nurture");

  // `leadq simulate` over the same answers with the draft, at the backtest's moment.
  Json answers = Json::object();
  for (const auto& [step, value] : kMedium) answers[step] = value;
  Ran run = Leadq("simulate " + Write("draft.json", StricterDraft().dump()) + " --answers " +
                  Write("answers.json", answers.dump()) + " --now " +
                  Iso(report["decided_at_ms"].get<int64_t>()));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::ostringstream expected;
  expected << "outcome: " << change["to"]["triage"].get<std::string>() << ", grade "
           << change["to"]["grade"].get<std::string>() << ", "
           << change["to"]["points"].get<double>() << " points";
  EXPECT_NE(run.output.find(expected.str()), std::string::npos) << expected.str() << "\n"
                                                                << run.output;
  server_.app().backtests.Stop();
}

TEST_F(BacktestTest, TheSameDraftAskedForAgainBeforeItRunsIsTheSameBacktest) {
  SaveDraft(StricterDraft());
  const Json first = Body(Start({{"days", 30}}));
  EXPECT_EQ(first["state"], "queued");
  EXPECT_EQ(Body(Start({{"days", 30}}))["id"], first["id"]);
  EXPECT_NE(Body(Start({{"days", 7}}))["id"], first["id"]) << "other days, another backtest";
  EXPECT_NE(Body(Start({{"days", 30}, {"document", StricterDraft()}}))["id"], first["id"])
      << "a document given as such is its own backtest";
  server_.app().backtests.RunQueued();
  EXPECT_EQ(WaitDone(first["id"])["state"], "done");
  EXPECT_NE(Body(Start({{"days", 30}}))["id"], first["id"]) << "once done, a new one runs";
}

TEST_F(BacktestTest, OnlyTheSessionsOfTheChosenDaysAreReplayedAndAGivenDocumentNeedsNoDraft) {
  Lead(kMedium);
  server_.clock().now += 10 * 86'400'000LL;
  Lead(kHigh);
  auto res = Start({{"days", 7}, {"document", StricterDraft()}});
  ASSERT_EQ(res->status, 202) << res->body;
  EXPECT_EQ(Body(res)["draft_revision"], 0);
  server_.app().backtests.RunQueued();
  Json report = WaitDone(Body(res)["id"]);
  EXPECT_EQ(report["leads"], 1) << "the lead of ten days ago is older than seven days";
  EXPECT_EQ(report["changed"], 0);
  EXPECT_EQ(report["changed_share"], 0.0);

  res = Start({{"document", StricterDraft()}});
  server_.app().backtests.RunQueued();
  report = WaitDone(Body(res)["id"]);
  EXPECT_EQ(report["days"], 30) << "thirty days unless asked";
  EXPECT_EQ(report["leads"], 2);
  EXPECT_EQ(report["changed"], 1);
}

TEST_F(BacktestTest, BadRequestsGetPreciseErrors) {
  ExpectError(Start(Json::object()), 404, "not_found", "/document");
  ExpectError(Start({{"days", 0}, {"document", DemoFlow()}}), 400, "invalid_argument", "/days");
  ExpectError(Start({{"days", 366}, {"document", DemoFlow()}}), 400, "invalid_argument", "/days");
  ExpectError(Start({{"days", "thirty"}, {"document", DemoFlow()}}), 400, "invalid_argument",
              "/days");
  ExpectError(Start({{"document", "a flow"}}), 400, "invalid_argument", "/document");
  Json broken = DemoFlow();
  broken["steps"][2]["type"] = "no_such_type";
  auto res = Start({{"document", broken}});
  ExpectError(res, 422, "invalid_flow");
  EXPECT_FALSE(Body(res)["error"]["problems"].empty());
  // A draft saved with problems can be saved, not backtested.
  SaveDraft(broken);
  ExpectError(Start(Json::object()), 422, "invalid_flow");
  res = client_->Post("/api/v1/admin/flows/bant-demo/backtests?site=demo-site", marketer_,
                      "{\"days\": ", "application/json");
  ExpectError(res, 400, "invalid_json");
  ExpectError(PostJson(*client_, "/api/v1/admin/flows/bant-demo/backtests?site=nowhere",
                       {{"document", DemoFlow()}}, marketer_),
              404, "not_found");

  const httplib::Headers sales = Bearer(CreateApiKey(*client_, "Sales", "sales"));
  ExpectError(Start({{"document", DemoFlow()}}, &sales), 403, "forbidden");

  res = Start({{"document", DemoFlow()}});
  ASSERT_EQ(res->status, 202) << res->body;
  const std::string id = Body(res)["id"];
  ExpectError(
      client_->Get(("/api/v1/admin/flows/other/backtests/" + id + "?site=demo-site").c_str(),
                   marketer_),
      404, "not_found", "/backtest_id");
  ExpectError(
      client_->Get("/api/v1/admin/flows/bant-demo/backtests/unknown?site=demo-site", marketer_),
      404, "not_found", "/backtest_id");
  ExpectError(
      client_->Get(("/api/v1/admin/flows/bant-demo/backtests/" + id + "?site=demo-site").c_str(),
                   sales),
      403, "forbidden");
}

}  // namespace
}  // namespace leadq::testing
