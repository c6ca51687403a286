// SLA tracking: the deadline per grade from the flow, overdue marking exactly at the
// deadline on the injected clock, escalation to a second destination, follow-up touches
// counted against the target.
#include <gtest/gtest.h>

#include "demo_flows.h"
#include "handoff_test_util.h"

namespace leadq::testing {
namespace {

class SlaTest : public ::testing::Test {
 protected:
  TempDir dir_;
  FakeEnvironment clock_;
  WebhookReceiver sales_{kSecret, [this] { return clock_.now.load() / 1000; }};
  WebhookReceiver escalation_{kSecret, [this] { return clock_.now.load() / 1000; }};
  HandoffServer server_{dir_.path(), clock_, TestHandoffConfig()};

  int CheckSla() {
    Json marked = server_.Admin("POST", "/api/v1/admin/sla/check", Json::object());
    return marked["marked_overdue"].get<int>();
  }
};

TEST_F(SlaTest, OverdueAtTheDeadlineIsEscalatedToTheSecondDestination) {
  CreateDestination(server_, sales_.url());
  CreateDestination(server_, escalation_.url(), "webhook", {"lead.overdue"});
  const int64_t handed = clock_.now.load();
  const std::string lead = server_.AnswerLead(HandoffServer::HighLead());
  Json view = LeadView(server_, lead);
  const int64_t deadline = handed + 5 * 60'000;  // grade high: 5 minutes in the demo flow
  EXPECT_EQ(view["sla"]["deadline_ms"], deadline);
  EXPECT_EQ(view["sla"]["follow_up"]["target"], 6);

  clock_.now = deadline - 1;
  EXPECT_EQ(CheckSla(), 0);
  EXPECT_FALSE(LeadView(server_, lead)["sla"]["overdue"].get<bool>());
  clock_.now = deadline;
  // The worker's own periodic check (same injected clock) may mark it first; either
  // way it is marked at the deadline, once, and escalated once (checked below).
  EXPECT_LE(CheckSla(), 1);
  view = LeadView(server_, lead);
  EXPECT_TRUE(view["sla"]["overdue"].get<bool>());
  EXPECT_EQ(view["sla"]["overdue_ms"], deadline);
  EXPECT_EQ(view["sla"]["met"], false);
  EXPECT_EQ(CheckSla(), 0) << "marked once";

  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return escalation_.requests().size() == 1; }));
  EXPECT_EQ(escalation_.requests()[0].event, "lead.overdue");
  EXPECT_TRUE(escalation_.requests()[0].signature_ok);
  Json body = Json::parse(escalation_.requests()[0].body, nullptr, false);
  EXPECT_EQ(body["lead"]["overdue_ms"], deadline);
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return sales_.requests().size() == 1; }));
  EXPECT_EQ(sales_.requests()[0].event, "lead.qualified") << "sales got only the lead itself";
  Json overdue = server_.Admin("GET", "/api/v1/admin/handoffs?site=demo-site&overdue=1");
  ASSERT_EQ(overdue["handoffs"].size(), 1u);
}

TEST_F(SlaTest, TheWorkersPeriodicCheckMarksOverdueWithoutBeingAsked) {
  const std::string lead = server_.AnswerLead(HandoffServer::HighLead());
  clock_.now += 5 * 60'000;
  EXPECT_TRUE(WebhookReceiver::WaitFor(
      [&] { return LeadView(server_, lead)["sla"]["overdue"].get<bool>(); }));
}

TEST_F(SlaTest, AcceptedInTimeIsNeverOverdueAndTouchesCountAgainstTheTarget) {
  const std::string lead = server_.AnswerLead(HandoffServer::HighLead());
  clock_.now += 60'000;
  Json accepted =
      server_.Admin("POST", "/api/v1/admin/leads/" + lead + "/feedback", {{"decision", "accept"}});
  EXPECT_EQ(accepted["state"], "accepted");
  for (const char* channel : {"call", "email"}) {
    int status = 0;
    Json touched = server_.Admin("POST", "/api/v1/admin/leads/" + lead + "/touches",
                                 {{"channel", channel}, {"note", "left a message"}}, &status);
    EXPECT_EQ(status, 201) << touched.dump();
  }
  clock_.now += 3'600'000;
  EXPECT_EQ(CheckSla(), 0);
  Json view = LeadView(server_, lead);
  EXPECT_FALSE(view["sla"]["overdue"].get<bool>());
  EXPECT_EQ(view["sla"]["met"], true);
  EXPECT_EQ(view["sla"]["follow_up"], Json({{"target", 6}, {"done", 2}, {"remaining", 4}}));
  ASSERT_EQ(view["touches"].size(), 2u);
  EXPECT_EQ(view["touches"][1]["channel"], "email");

  int status = 0;
  Json bad = server_.Admin("POST", "/api/v1/admin/leads/" + lead + "/touches",
                           {{"channel", "pigeon"}}, &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(bad["error"]["path"], "/channel");
  server_.Admin("POST", "/api/v1/admin/leads/nosuchlead1/touches", {{"channel", "call"}}, &status);
  EXPECT_EQ(status, 404);
}

// A grade whose SLA counts business time, on a site whose sales team works 09:00-17:30
// on weekdays in Amsterdam: the deadline falls in working time, through the whole server
// (site setting, answer, handoff, webhook, overdue check).
TEST_F(SlaTest, ABusinessHoursDeadlineAtNightOnSaturdayFallsOnMondayMorning) {
  Json flow = DemoFlow();
  flow["sla"]["high"]["business_hours"] = true;
  int status = 0;
  Json saved =
      server_.Admin("POST", "/api/v1/admin/flows?site=demo-site&publish=true", flow, &status);
  ASSERT_EQ(status, 201) << saved.dump();
  Json site = server_.Admin("GET", "/api/v1/admin/sites/demo-site");
  site["business_hours"] = {{"time_zone", "Europe/Amsterdam"},
                            {"days", {"mon", "tue", "wed", "thu", "fri"}},
                            {"hours", {"09:00", "17:30"}}};
  Json updated = server_.Admin("PUT", "/api/v1/admin/sites/demo-site",
                               {{"name", site["name"]},
                                {"allowed_origins", site["allowed_origins"]},
                                {"business_hours", site["business_hours"]}},
                               &status);
  ASSERT_EQ(status, 200) << updated.dump();
  CreateDestination(server_, sales_.url());

  clock_.now = 1772848800000;  // 2026-03-07T02:00:00Z: Saturday, 03:00 in Amsterdam
  const std::string lead = server_.AnswerLead(HandoffServer::HighLead());
  const int64_t deadline = 1773043500000;  // 2026-03-09T08:05:00Z: Monday 09:05 CET
  Json view = LeadView(server_, lead);
  EXPECT_EQ(view["sla"]["deadline_ms"], deadline);
  ASSERT_TRUE(WebhookReceiver::WaitFor([&] { return sales_.requests().size() == 1; }));
  Json body = Json::parse(sales_.requests()[0].body, nullptr, false);
  EXPECT_EQ(body["lead"]["sla"]["deadline_ms"], deadline);
  EXPECT_EQ(body["lead"]["sla"]["business_hours"], true);

  clock_.now = 1772848800000 + 10 * 60'000;  // calendar time would be overdue by now
  EXPECT_EQ(CheckSla(), 0);
  clock_.now = deadline - 1;
  EXPECT_EQ(CheckSla(), 0);
  EXPECT_FALSE(LeadView(server_, lead)["sla"]["overdue"].get<bool>());
  clock_.now = deadline;
  EXPECT_LE(CheckSla(), 1);
  EXPECT_TRUE(LeadView(server_, lead)["sla"]["overdue"].get<bool>());

  // A site without business hours: the same grade counts calendar time.
  updated = server_.Admin("PUT", "/api/v1/admin/sites/demo-site",
                          {{"name", site["name"]},
                           {"allowed_origins", site["allowed_origins"]},
                           {"business_hours", nullptr}},
                          &status);
  ASSERT_EQ(status, 200) << updated.dump();
  const std::string second = server_.AnswerLead(HandoffServer::HighLead(), "visitor-2");
  EXPECT_EQ(LeadView(server_, second)["sla"]["deadline_ms"], deadline + 5 * 60'000);
}

}  // namespace
}  // namespace leadq::testing
