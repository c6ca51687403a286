// Re-qualification on new data, with the real server and real receivers: events for a
// visitor re-decide its open sessions (queued with the events, made by the worker off the
// request path); a near miss in nurturing that now qualifies goes
// to sales; a lead sales sent back goes to sales again — as a new generation with new
// idempotency keys, retried under its own stable key — when events or an answer in
// another session arrive after the send-back; and racing events and answers leave the
// outcome that the final data gives.
#include <gtest/gtest.h>

#include <thread>

#include "handoff_test_util.h"
#include "services/session_decision.h"

namespace leadq::testing {
namespace {

// 0 + 10 + 25 + 10 = 45 points: nurture, done once the e-mail is given.
const std::vector<std::pair<std::string, Json>> kNearMiss = {{"budget", "under_10k"},
                                                             {"authority", "influencer"},
                                                             {"need", "losing_leads"},
                                                             {"timing", "within_6_months"},
                                                             {"email", "nina@example.com"}};

std::vector<std::string> CriterionIds(const Json& outcome) {
  std::vector<std::string> ids;
  for (const Json& criterion : outcome["criteria"]) ids.push_back(criterion["id"]);
  return ids;
}

bool Has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

class RequalificationTest : public ::testing::Test {
 protected:
  TempDir dir_;
  FakeEnvironment clock_;
  WebhookReceiver sales_{kSecret, [this] { return clock_.now.load() / 1000; }};
  WebhookReceiver nurture_{kSecret, [this] { return clock_.now.load() / 1000; }};
  HandoffServer server_{dir_.path(), clock_, TestHandoffConfig()};
  std::string sales_id_;

  void SetUp() override {
    int status = 0;
    Json published = server_.Admin("POST", "/api/v1/admin/flows?site=demo-site&publish=true",
                                   PricingFlow(), &status);
    ASSERT_EQ(status, 201) << published.dump();
    sales_id_ = CreateDestination(server_, sales_.url());
    CreateDestination(server_, nurture_.url(), "nurture");
  }

  std::string Start(const std::string& flow, const std::string& visitor) {
    auto client = server_.Client();
    auto res =
        client->Post("/api/v1/sessions",
                     Json{{"site", "demo-site"}, {"flow", flow}, {"visitor_id", visitor}}.dump(),
                     "application/json");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
    return res ? Json::parse(res->body)["session_id"].get<std::string>() : std::string();
  }

  std::string AnswerAll(const std::string& flow, const std::string& visitor,
                        const std::vector<std::pair<std::string, Json>>& answers) {
    const std::string session = Start(flow, visitor);
    for (const auto& [step, value] : answers) EXPECT_EQ(server_.Answer(session, step, value), 200);
    EXPECT_TRUE(server_.Settle());
    return session;
  }

  void PageView(const std::string& visitor, const std::string& path) {
    auto client = server_.Client();
    Json body{{"site", "demo-site"},
              {"visitor_id", visitor},
              {"events", {{{"type", "page_view"}, {"path", path}}}}};
    auto res = client->Post("/api/v1/events", body.dump(), "text/plain");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 202) << res->body;
    EXPECT_TRUE(server_.Settle()) << "the re-decisions the events queued were made";
  }

  Json Session(const std::string& session) {
    return server_.Admin("GET", "/api/v1/admin/sessions/" + session);
  }

  std::string Key(const std::string& lead, int generation) {
    return lead + "." + sales_id_ + ".qualified." + std::to_string(generation);
  }

  int SalesRequestsFor(const std::string& key) {
    int count = 0;
    for (const auto& request : sales_.requests()) count += request.idempotency_key == key;
    return count;
  }
};

TEST_F(RequalificationTest, EventsReDecideTheVisitorsOpenSession) {
  auto first_four = kNearMiss;
  first_four.pop_back();
  const std::string session = AnswerAll("bant-pricing", "visitor-open-01", first_four);
  const std::string other = AnswerAll("bant-pricing", "visitor-other-1", first_four);
  Json before = Session(session)["outcome"];
  EXPECT_EQ(before["total_points"], 45.0);
  EXPECT_FALSE(Session(session)["done"].get<bool>());

  clock_.now += 60'000;
  PageView("visitor-open-01", "/pricing/teams");

  Json after = Session(session)["outcome"];
  EXPECT_EQ(after["total_points"], 60.0) << after.dump();
  EXPECT_TRUE(Has(CriterionIds(after), "pricing_pages"));
  Json lead = server_.Admin("GET", "/api/v1/admin/leads/" + session);
  EXPECT_EQ(lead["outcome"]["total_points"], 60.0) << "the lead row is re-decided too";
  EXPECT_EQ(Session(other)["outcome"]["total_points"], 45.0) << "another visitor is untouched";
  // Still open (the e-mail is missing), so nothing was handed over.
  EXPECT_TRUE(sales_.requests().empty());
  EXPECT_TRUE(nurture_.requests().empty());
}

TEST_F(RequalificationTest, ANearMissInNurturingThatNowQualifiesIsHandedToSales) {
  const std::string lead = AnswerAll("bant-pricing", "visitor-near-01", kNearMiss);
  ASSERT_TRUE(WaitForState(server_, lead, "delivered"));
  Json view = LeadView(server_, lead);
  EXPECT_EQ(view["route"], "nurture");
  ASSERT_EQ(nurture_.requests().size(), 1u);
  EXPECT_TRUE(sales_.requests().empty());

  clock_.now += 3'600'000;
  const int64_t requalified_at = clock_.now.load();
  PageView("visitor-near-01", "/blog/lead-routing");  // no points: nothing changes
  EXPECT_EQ(LeadView(server_, lead)["generation"], 1);
  PageView("visitor-near-01", "/pricing");
  view = LeadView(server_, lead);
  EXPECT_EQ(view["route"], "sales");
  EXPECT_EQ(view["generation"], 2);
  EXPECT_EQ(view["triage"], "qualified");
  EXPECT_EQ(view["grade"], "low");
  EXPECT_EQ(view["sla"]["deadline_ms"], requalified_at + 2880 * 60'000) << "low: 2 days";
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return sales_.Accepted(Key(lead, 2)) == 1; }));
  const auto request = sales_.requests()[0];
  EXPECT_TRUE(request.signature_ok);
  EXPECT_EQ(request.event, "lead.qualified");
  Json body = Json::parse(request.body);
  EXPECT_EQ(body["lead"]["generation"], 2);
  EXPECT_TRUE(Has(CriterionIds(body["lead"]), "pricing_pages"));
  EXPECT_EQ(body["lead"]["profile"]["implicit"]["page_views"], 2);

  // More page views change nothing more: the lead is with sales now.
  PageView("visitor-near-01", "/pricing/enterprise");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(LeadView(server_, lead)["generation"], 2);
  EXPECT_EQ(sales_.requests().size(), 1u);
  EXPECT_EQ(nurture_.requests().size(), 1u);
}

TEST_F(RequalificationTest, ALeadSentBackGoesToSalesAgainWhenEventsArriveAfterwards) {
  const std::string lead = AnswerAll("bant-demo", "visitor-back-01", HandoffServer::HighLead());
  ASSERT_TRUE(WaitForState(server_, lead, "delivered"));
  // Data before the send-back does not count.
  clock_.now += 1000;
  PageView("visitor-back-01", "/case-studies");
  EXPECT_EQ(LeadView(server_, lead)["generation"], 1);
  clock_.now += 1000;
  Json back = server_.Admin("POST", "/api/v1/admin/leads/" + lead + "/feedback",
                            {{"decision", "nurture"}, {"note", "budget in Q3"}});
  EXPECT_EQ(back["state"], "nurturing");
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return nurture_.requests().size() == 1; }));

  // The visitor comes back; the receiver fails the first try of the new hand-over.
  sales_.fail_first = 1;
  clock_.now += 86'400'000;
  PageView("visitor-back-01", "/pricing");
  Json view = LeadView(server_, lead);
  EXPECT_EQ(view["generation"], 2);
  EXPECT_EQ(view["state"], "open");
  EXPECT_TRUE(view["sent_back_ms"].is_number());
  ASSERT_TRUE(WaitForAttempts(server_, lead, 3));  // gen 1, nurture, first try of gen 2
  clock_.now += 60'000;
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return sales_.Accepted(Key(lead, 2)) == 1; }));
  // The retry carried the same key as the failed try; each generation has its own key
  // and reached sales exactly once.
  EXPECT_EQ(SalesRequestsFor(Key(lead, 2)), 2);
  EXPECT_EQ(sales_.Accepted(Key(lead, 1)), 1);
  EXPECT_EQ(SalesRequestsFor(Key(lead, 1)), 1);
  for (const auto& request : sales_.requests()) EXPECT_TRUE(request.signature_ok);
}

TEST_F(RequalificationTest, ALeadSentBackGoesToSalesAgainWhenAnotherSessionAnswers) {
  const std::string lead = AnswerAll("bant-demo", "visitor-back-02", HandoffServer::HighLead());
  ASSERT_TRUE(WaitForState(server_, lead, "delivered"));
  clock_.now += 1000;
  server_.Admin("POST", "/api/v1/admin/leads/" + lead + "/feedback", {{"decision", "nurture"}});
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return nurture_.requests().size() == 1; }));

  // A week later the same visitor starts the other flow and gives a new answer there.
  clock_.now += 7 * 86'400'000LL;
  const std::string later = Start("bant-pricing", "visitor-back-02");
  EXPECT_EQ(server_.Answer(later, "budget", "10k_50k"), 200);
  ASSERT_TRUE(server_.Settle());
  Json view = LeadView(server_, lead);
  EXPECT_EQ(view["generation"], 2);
  EXPECT_EQ(view["route"], "sales");
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return sales_.Accepted(Key(lead, 2)) == 1; }));
  EXPECT_EQ(SalesRequestsFor(Key(lead, 1)), 1);
  for (const auto& request : sales_.requests()) {
    if (request.idempotency_key != Key(lead, 2)) continue;
    // The lead's own answers still decide it (budget over 50k): its grade is unchanged.
    EXPECT_EQ(Json::parse(request.body)["lead"]["grade"], "high");
  }
}

TEST_F(RequalificationTest, AVisitorBackOnAnotherDeviceIsKnownByEmailAndRequalifies) {
  const std::string lead = AnswerAll("bant-demo", "visitor-laptop-1", HandoffServer::HighLead());
  ASSERT_TRUE(WaitForState(server_, lead, "delivered"));
  clock_.now += 1000;
  server_.Admin("POST", "/api/v1/admin/leads/" + lead + "/feedback", {{"decision", "nurture"}});
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return nurture_.requests().size() == 1; }));

  // Another device: a new visitor id, until the e-mail merges it with the first one.
  clock_.now += 86'400'000;
  const std::string phone = Start("bant-pricing", "visitor-phone-01");
  EXPECT_EQ(server_.Answer(phone, "budget", "over_50k"), 200);
  ASSERT_TRUE(server_.Settle());
  EXPECT_EQ(LeadView(server_, lead)["generation"], 1) << "not known as the same visitor yet";
  EXPECT_EQ(server_.Answer(phone, "email", "ann@example.com"), 200);
  ASSERT_TRUE(server_.Settle());
  EXPECT_EQ(LeadView(server_, lead)["generation"], 2);
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return sales_.Accepted(Key(lead, 2)) == 1; }));
}

TEST_F(RequalificationTest, RacingEventsAndAnswersLeaveTheOutcomeOfTheFinalData) {
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE(round);
    const std::string visitor = "visitor-race-0" + std::to_string(round);
    const std::string session = Start("bant-pricing", visitor);
    std::thread answers([&] {
      for (const auto& [step, value] : kNearMiss)
        EXPECT_EQ(server_.Answer(session, step, value), 200);
    });
    std::thread events([&] {
      for (int i = 0; i < 8; ++i) PageView(visitor, "/blog/" + std::to_string(i));
      PageView(visitor, "/pricing");
      for (int i = 0; i < 4; ++i) PageView(visitor, "/docs/" + std::to_string(i));
    });
    answers.join();
    events.join();
    ASSERT_TRUE(server_.Settle());
    // Whatever the interleaving, the stored outcome is the one the final answers and
    // signals give: 45 points from the answers plus 15 for the pricing page.
    Json outcome = Session(session)["outcome"];
    EXPECT_EQ(outcome["total_points"], 60.0) << outcome.dump();
    EXPECT_EQ(outcome["triage"], "qualified");
    EXPECT_EQ(server_.Admin("GET", "/api/v1/admin/leads/" + session)["outcome"], outcome);
    ASSERT_TRUE(WebhookReceiver::WaitFor([&] {
      Json view = LeadView(server_, session);
      return view.is_object() && view["route"] == "sales";
    }));
  }
}

// A re-decision is queued in the transaction of the data that asks for it, so a process
// that stops before its worker got to it loses nothing: the next one makes it.
TEST(RequalificationRestartTest, AReDecisionQueuedBeforeARestartIsMadeAfterIt) {
  TempDir dir;
  FakeEnvironment clock;
  std::string session;
  {
    HandoffServer stopped(dir.path(), clock, TestHandoffConfig(), /*start_workers=*/false);
    int status = 0;
    stopped.Admin("POST", "/api/v1/admin/flows?site=demo-site&publish=true", PricingFlow(),
                  &status);
    ASSERT_EQ(status, 201);
    auto client = stopped.Client();
    auto res = client->Post(
        "/api/v1/sessions",
        Json{{"site", "demo-site"}, {"flow", "bant-pricing"}, {"visitor_id", "visitor-crash1"}}
            .dump(),
        "application/json");
    ASSERT_TRUE(res && res->status == 200);
    session = Json::parse(res->body)["session_id"];
    for (size_t i = 0; i + 1 < kNearMiss.size(); ++i) {
      ASSERT_EQ(stopped.Answer(session, kNearMiss[i].first, kNearMiss[i].second), 200);
    }
    res = client->Post("/api/v1/events",
                       Json{{"site", "demo-site"},
                            {"visitor_id", "visitor-crash1"},
                            {"events", {{{"type", "page_view"}, {"path", "/pricing"}}}}}
                           .dump(),
                       "text/plain");
    ASSERT_TRUE(res && res->status == 202);
    EXPECT_EQ(stopped.storage().CountRequalifications().value(), 1);
    EXPECT_EQ(stopped.storage().GetSession(session).value().outcome["total_points"], 45.0);
  }
  HandoffServer restarted(dir.path(), clock, TestHandoffConfig());
  ASSERT_TRUE(restarted.Settle());
  EXPECT_EQ(restarted.storage().GetSession(session).value().outcome["total_points"], 60.0);
}

// The interleavings the test above can only hope to hit, made on purpose: a decision is
// taken over a snapshot, then the profile changes, then the decision is written.
class RequalificationRaceTest : public ::testing::Test {
 protected:
  TestServer server_{DemoFlowsDir()};
  std::unique_ptr<httplib::Client> client_ = server_.Client();
  std::string session_;

  void SetUp() override {
    auto res = PostJson(*client_, "/api/v1/admin/flows?site=demo-site&publish=true", PricingFlow(),
                        Bearer(kAdminKey));
    ASSERT_EQ(res->status, 201) << res->body;
    res =
        PostJson(*client_, "/api/v1/sessions",
                 {{"site", "demo-site"}, {"flow", "bant-pricing"}, {"visitor_id", "visitor-r-1"}});
    session_ = Body(res)["session_id"];
    for (size_t i = 0; i + 1 < kNearMiss.size(); ++i) {
      auto answered = Answer(*client_, session_, "answer-r-" + std::to_string(i),
                             kNearMiss[i].first, kNearMiss[i].second);
      ASSERT_EQ(answered->status, 200) << answered->body;
    }
  }

  void PricingPageView() {
    auto res = PostJson(*client_, "/api/v1/events",
                        {{"site", "demo-site"},
                         {"visitor_id", "visitor-r-1"},
                         {"events", {{{"type", "page_view"}, {"path", "/pricing"}}}}});
    ASSERT_EQ(res->status, 202) << res->body;
    // This server runs no worker: the queued re-decision is made here.
    Result<int> made = server_.app().requalification.Drain();
    ASSERT_TRUE(made.ok());
    EXPECT_EQ(made.value(), 1);
  }

  AnswerContext Snapshot() {
    Result<AnswerContext> context = server_.storage().LoadForRedecision(session_);
    EXPECT_TRUE(context.ok());
    return context.value();
  }

  Json StoredOutcome() { return server_.storage().GetSession(session_).value().outcome; }
};

TEST_F(RequalificationRaceTest, AReDecisionOverAStaleSessionOrProfileIsNotStored) {
  const AnswerContext before = Snapshot();
  auto flow = server_.app().flows.Version("demo-site", "bant-pricing", before.session.flow_version);
  ASSERT_TRUE(flow.ok());
  Result<OutcomeWrite> decided = DecideSession({before.session, *flow.value(), before.visitor,
                                                before.answers, before.handoff, nullptr, 1, 1},
                                               nullptr);
  ASSERT_TRUE(decided.ok());
  RedecisionWrite write;
  write.session_id = session_;
  write.expected_answer_count = before.session.answer_count;
  write.visitor_id = before.visitor.visitor_id;
  write.expected_visitor_revision = before.visitor.revision;
  write.outcome = decided.value();

  PricingPageView();  // the profile moves on (and the session is re-decided with it)
  const Json current = StoredOutcome();
  EXPECT_EQ(current["total_points"], 60.0);
  EXPECT_GT(Snapshot().visitor.revision, before.visitor.revision);
  EXPECT_EQ(server_.storage().StoreRedecision(write).value(), AnswerStored::kStale);
  EXPECT_EQ(StoredOutcome(), current) << "the stale decision wrote nothing";

  write.expected_visitor_revision = Snapshot().visitor.revision;
  write.expected_answer_count -= 1;
  EXPECT_EQ(server_.storage().StoreRedecision(write).value(), AnswerStored::kStale);
  write.expected_answer_count += 1;
  EXPECT_EQ(server_.storage().StoreRedecision(write).value(), AnswerStored::kStored);
  EXPECT_EQ(StoredOutcome()["total_points"], 45.0) << "a current write is stored";
}

TEST_F(RequalificationRaceTest, AnAnswerDecidedOverAProfileThatChangedMeanwhileIsDecidedAgain) {
  // The answer path reads its snapshot...
  const AnswerContext before = Snapshot();
  // ...an events batch commits (and re-decides the session)...
  PricingPageView();
  // ...then the answer, decided over the old snapshot, is written.
  auto flow = server_.app().flows.Version("demo-site", "bant-pricing", before.session.flow_version);
  ASSERT_TRUE(flow.ok());
  AnswerWrite write;
  write.expected_answer_count = before.session.answer_count;
  write.answer = {"answer-r-last", session_, "email", "email", "nina@example.com", 2};
  Result<OutcomeWrite> decided =
      DecideSession({before.session, *flow.value(), before.visitor, before.answers, before.handoff,
                     &write.answer, 2, 2},
                    nullptr);
  ASSERT_TRUE(decided.ok());
  write.outcome = decided.value();
  write.changes_fields = true;
  write.expected_visitor_revision = before.visitor.revision;
  ASSERT_EQ(server_.storage().StoreAnswer(write).value(), AnswerStored::kStored);
  EXPECT_EQ(StoredOutcome()["total_points"], 45.0) << "the lost update, before the fix-up";
  EXPECT_EQ(Snapshot().visitor.revision, before.visitor.revision + 2)
      << "the events batch and the answer";

  // The answer's own transaction saw the profile move under it and queued its session
  // (alone: the visitor has no other session) for another decision.
  Result<std::vector<RequalificationTask>> queued =
      server_.storage().DueRequalifications(server_.clock().now.load(), 10);
  ASSERT_TRUE(queued.ok());
  ASSERT_EQ(queued.value().size(), 1u);
  EXPECT_FALSE(queued.value()[0].whole_visitor);
  EXPECT_EQ(queued.value()[0].session_id, session_);
  Result<int> redecided = server_.app().requalification.Drain();
  ASSERT_TRUE(redecided.ok());
  EXPECT_EQ(redecided.value(), 1);
  EXPECT_EQ(StoredOutcome()["total_points"], 60.0);
  EXPECT_EQ(StoredOutcome()["triage"], "qualified");
  EXPECT_EQ(server_.storage().CountRequalifications().value(), 0);
}

}  // namespace
}  // namespace leadq::testing
