// Sales feedback: accept, reject with a reason, back to nurturing (and re-qualifying on
// new data as a new delivery), nurture leads to nurture destinations, and the report per
// flow, variant and criterion.
#include <gtest/gtest.h>

#include "handoff_test_util.h"

namespace leadq::testing {
namespace {

class FeedbackTest : public ::testing::Test {
 protected:
  TempDir dir_;
  FakeEnvironment clock_;
  WebhookReceiver sales_{kSecret, [this] { return clock_.now.load() / 1000; }};
  WebhookReceiver nurture_{kSecret, [this] { return clock_.now.load() / 1000; }};
  HandoffServer server_{dir_.path(), clock_, TestHandoffConfig()};

  void SetUp() override {
    CreateDestination(server_, sales_.url());
    CreateDestination(server_, nurture_.url(), "nurture");
  }

  // A near miss that left its e-mail (the demo flow's hard conversion), delivered as a
  // sales lead although its outcome is nurture.
  void AnswerHardConversionHandedToSales() {
    const std::string lead = server_.AnswerLead({{"budget", "under_10k"},
                                                 {"authority", "influencer"},
                                                 {"need", "exploring"},
                                                 {"timing", "within_6_months"},
                                                 {"email", "dee@example.com"}});
    ASSERT_TRUE(WaitForState(server_, lead, "delivered"));
    Json view = LeadView(server_, lead);
    EXPECT_EQ(view["route"], "sales");
    EXPECT_EQ(view["triage"], "nurture");
  }

  Json Feedback(const std::string& lead, const Json& body, int* status = nullptr) {
    return server_.Admin("POST", "/api/v1/admin/leads/" + lead + "/feedback", body, status);
  }
};

TEST_F(FeedbackTest, SentBackToNurturingRequalifiesAsANewDeliveryWhenNewDataArrives) {
  const std::string lead = server_.AnswerLead(HandoffServer::HighLead(), "visitor-sent-back");
  ASSERT_TRUE(WaitForState(server_, lead, "delivered"));
  clock_.now += 1000;
  Json back = Feedback(lead, {{"decision", "nurture"}, {"note", "not now"}});
  EXPECT_EQ(back["state"], "nurturing");
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return nurture_.requests().size() == 1; }));
  EXPECT_EQ(nurture_.requests()[0].event, "lead.nurture");

  // Nothing new yet: another outcome without new data does not hand it over again.
  EXPECT_EQ(LeadView(server_, lead)["generation"], 1);
  clock_.now += 1000;
  // New data: the visitor is back on the site (the conversation itself has ended).
  auto events = server_.Client()->Post(
      "/api/v1/events",
      R"({"site":"demo-site","visitor_id":"visitor-sent-back","events":[{"type":"page_view","path":"/pricing"}]})",
      "text/plain");
  ASSERT_TRUE(events);
  ASSERT_EQ(events->status, 202) << events->body;
  ASSERT_TRUE(server_.Settle());
  Json view = LeadView(server_, lead);
  EXPECT_EQ(view["generation"], 2);
  EXPECT_EQ(view["state"], "open");
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return sales_.requests().size() == 2; }));
  EXPECT_NE(sales_.requests()[0].idempotency_key, sales_.requests()[1].idempotency_key);
  EXPECT_EQ(sales_.requests()[1].idempotency_key.back(), '2');
}

TEST_F(FeedbackTest, TheLeadViewKeepsItsEarlierNameAsAnAlias) {
  const std::string lead = server_.AnswerLead(HandoffServer::HighLead());
  ASSERT_TRUE(WaitForState(server_, lead, "delivered"));
  int status = 0;
  const Json alias =
      server_.Admin("GET", "/api/v1/admin/leads/" + lead + "/forwarding", nullptr, &status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(alias, LeadView(server_, lead));
}

// What deciding the next answer reads of a lead sent back: the handoff's state in the
// session's snapshot, and (for the answer path) not the stored outcome it replaces.
TEST_F(FeedbackTest, TheAnswerSnapshotCarriesTheHandoffStateOfALeadSentBack) {
  const std::string lead = server_.AnswerLead(HandoffServer::HighLead());
  ASSERT_TRUE(WaitForState(server_, lead, "delivered"));
  Result<AnswerContext> handed = server_.storage().LoadForAnswer(lead);
  ASSERT_TRUE(handed.ok());
  ASSERT_TRUE(handed.value().handoff.has_value());
  EXPECT_EQ(handed.value().handoff->generation, 1);
  EXPECT_EQ(handed.value().handoff->route, Route::kSales);
  EXPECT_EQ(handed.value().handoff->state, LeadState::kOpen);
  EXPECT_EQ(handed.value().handoff->sent_back_ms, 0);

  clock_.now += 1000;
  ASSERT_EQ(Feedback(lead, {{"decision", "nurture"}})["state"], "nurturing");
  Result<AnswerContext> answer = server_.storage().LoadForAnswer(lead);
  ASSERT_TRUE(answer.ok());
  ASSERT_TRUE(answer.value().handoff.has_value());
  EXPECT_EQ(answer.value().handoff->state, LeadState::kNurturing);
  EXPECT_EQ(answer.value().handoff->sent_back_ms, clock_.now.load());
  EXPECT_EQ(answer.value().answers.size(), 5u);
  EXPECT_EQ(answer.value().session.answer_count, 5);
  EXPECT_TRUE(answer.value().session.outcome.is_null()) << "the answer path decides afresh";

  Result<AnswerContext> redecision = server_.storage().LoadForRedecision(lead);
  ASSERT_TRUE(redecision.ok());
  EXPECT_EQ(redecision.value().session.outcome["triage"], "qualified");
  EXPECT_EQ(redecision.value().handoff->state, LeadState::kNurturing);
  EXPECT_EQ(redecision.value().answers.size(), 5u);

  // A session never handed over has no handoff state.
  const std::string other = server_.AnswerLead({{"budget", "over_50k"}});
  Result<AnswerContext> fresh = server_.storage().LoadForAnswer(other);
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(fresh.value().handoff.has_value());
  EXPECT_STREQ(server_.storage().LoadForAnswer("no-such-session").status().code_name(),
               "not_found");
}

TEST_F(FeedbackTest, NearMissesGoToNurtureDestinationsWhenTheConversationEnds) {
  const std::string lead = server_.AnswerLead({{"budget", "under_10k"},
                                               {"authority", "influencer"},
                                               {"need", "exploring"},
                                               {"timing", "within_6_months"},
                                               {"email", "bob@example.com"}});
  ASSERT_TRUE(WaitForState(server_, lead, "delivered"));
  Json view = LeadView(server_, lead);
  EXPECT_EQ(view["route"], "nurture");
  EXPECT_TRUE(view["sla"]["deadline_ms"].is_null());
  ASSERT_EQ(nurture_.requests().size(), 1u);
  EXPECT_EQ(nurture_.requests()[0].event, "lead.nurture");
  EXPECT_TRUE(sales_.requests().empty());
}

TEST_F(FeedbackTest, AHardConversionGoesToSalesOnlyWhereThatTriggerIsWanted) {
  WebhookReceiver demo_desk(kSecret, [this] { return clock_.now.load() / 1000; });
  CreateDestination(server_, demo_desk.url(), "webhook", Json::array(),
                    {{"triggers", {"qualified", "hard_conversion"}}});
  AnswerHardConversionHandedToSales();
  ASSERT_EQ(demo_desk.requests().size(), 1u);
  EXPECT_EQ(demo_desk.requests()[0].event, "lead.qualified");
  EXPECT_TRUE(sales_.requests().empty()) << "the plain sales webhook wants qualified leads only";
}

TEST_F(FeedbackTest, AFlowWithTheHardConversionTriggerSendsItToEverySalesDestination) {
  Json flow = DemoFlow();
  flow["lead_definition"]["handoff_triggers"] = {"hard_conversion"};
  int status = 0;
  Json saved =
      server_.Admin("POST", "/api/v1/admin/flows?site=demo-site&publish=true", flow, &status);
  ASSERT_EQ(status, 201) << saved.dump();
  AnswerHardConversionHandedToSales();
  ASSERT_EQ(sales_.requests().size(), 1u) << "the plain sales webhook, by the flow's trigger";
  EXPECT_EQ(sales_.requests()[0].event, "lead.qualified");
  EXPECT_TRUE(nurture_.requests().empty()) << "handed to sales, not to nurturing";
}

TEST_F(FeedbackTest, TheInboxListsSalesLeadsWithTheirContactApartFromNurtureLeads) {
  const std::string sales = server_.AnswerLead(HandoffServer::HighLead());
  clock_.now += 1000;
  const std::string nurture = server_.AnswerLead({{"budget", "under_10k"},
                                                  {"authority", "influencer"},
                                                  {"need", "exploring"},
                                                  {"timing", "within_6_months"},
                                                  {"email", "bob@example.com"}});
  struct Case {
    const char* query;
    std::vector<std::string> leads;
  };
  const Case cases[] = {
      {"route=sales", {sales}},
      {"route=nurture", {nurture}},
      {"route=sales&state=open", {sales}},
      {"route=sales&state=accepted", {}},
      {"", {nurture, sales}},  // newest first
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    Json list =
        server_.Admin("GET", std::string("/api/v1/admin/handoffs?site=demo-site&") + c.query);
    std::vector<std::string> leads;
    for (const Json& h : list["handoffs"]) leads.push_back(h["lead_id"]);
    EXPECT_EQ(leads, c.leads);
  }
  Json inbox = server_.Admin("GET", "/api/v1/admin/handoffs?route=sales");
  ASSERT_EQ(inbox["handoffs"].size(), 1u);
  EXPECT_EQ(inbox["handoffs"][0]["contact"], Json({{"email", "ann@example.com"}}));
  int status = 0;
  Json bad = server_.Admin("GET", "/api/v1/admin/handoffs?route=marketing", nullptr, &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(bad["error"]["path"], "/route");
}

TEST_F(FeedbackTest, RejectionsNeedAKnownReason) {
  const std::string lead = server_.AnswerLead(HandoffServer::HighLead());
  int status = 0;
  Json bad = Feedback(lead, {{"decision", "reject"}}, &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(bad["error"]["path"], "/reason");
  bad = Feedback(lead, {{"decision", "reject"}, {"reason", "other"}}, &status);
  EXPECT_EQ(bad["error"]["path"], "/note");
  bad = Feedback(lead, {{"decision", "maybe"}}, &status);
  EXPECT_EQ(bad["error"]["path"], "/decision");
  Json ok = Feedback(lead, {{"decision", "reject"}, {"reason", "no_budget"}}, &status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(ok["state"], "rejected");
  Feedback("nosuchlead1", {{"decision", "accept"}}, &status);
  EXPECT_EQ(status, 404);
}

TEST_F(FeedbackTest, ReportShowsAcceptancePerFlowVariantAndCriterion) {
  // Two leads that decide within 2 weeks (accepted), one that decides within 3 months
  // with an influencer (rejected): decision_maker predicts acceptance here.
  const std::string a = server_.AnswerLead(HandoffServer::HighLead());
  const std::string b = server_.AnswerLead(HandoffServer::HighLead());
  const std::string c = server_.AnswerLead({{"budget", "over_50k"},
                                            {"authority", "influencer"},
                                            {"need", "losing_leads"},
                                            {"timing", "within_3_months"},
                                            {"email", "cy@example.com"}});
  const std::string d = server_.AnswerLead(HandoffServer::HighLead());  // no feedback yet
  Feedback(a, {{"decision", "accept"}});
  Feedback(b, {{"decision", "accept"}});
  Feedback(c, {{"decision", "reject"}, {"reason", "no_authority"}});
  Json report = server_.Admin("GET", "/api/v1/admin/feedback-report?site=demo-site&flow=bant-demo");
  const Json& totals = report["totals"];
  EXPECT_EQ(totals["handed_over"], 4);
  EXPECT_EQ(totals["with_feedback"], 3);
  EXPECT_EQ(totals["accepted"], 2);
  EXPECT_EQ(totals["reject_reasons"]["no_authority"], 1);
  ASSERT_EQ(report["flows"].size(), 1u);
  ASSERT_GE(report["variants"].size(), 1u);
  Json decision_maker;
  for (const Json& row : report["criteria"]) {
    if (row["criterion"] == "decision_maker") decision_maker = row;
  }
  ASSERT_TRUE(decision_maker.is_object()) << report.dump();
  EXPECT_EQ(decision_maker["met"]["leads"], 3);
  EXPECT_EQ(decision_maker["met"]["acceptance_rate"], 1.0);
  EXPECT_EQ(decision_maker["not_met"]["acceptance_rate"], 0.0);
  EXPECT_EQ(decision_maker["difference"], 1.0);
  (void)d;
}

}  // namespace
}  // namespace leadq::testing
