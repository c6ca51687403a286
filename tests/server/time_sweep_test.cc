// The time sweep over the in-memory storage and a fake clock: behaviour points fade, and
// a lead whose grade they change is decided again when the core says it changes — not
// before, not after every poll — with the change in its timeline and no second handoff.
#include <gtest/gtest.h>

#include <string>

#include "app/application.h"
#include "app/demo_seed.h"
#include "demo_flows.h"
#include "fake_environment.h"
#include "storage/memory_storage.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;
constexpr int64_t kDay = 86'400'000;

class TimeSweepTest : public ::testing::Test {
 protected:
  FakeEnvironment clock_;
  Environment env_ = clock_.Make();
  MemoryStorage storage_;
  Application app_{storage_, env_, AppConfig()};
  int answer_ids_ = 0;

  void SetUp() override {
    Status seeded = SeedDemo(storage_, app_.flows, {}, DemoFlowsDir());
    ASSERT_TRUE(seeded.ok()) << seeded.message();
    // The demo flow with pricing-page points (15) that halve every 14 days.
    Json flow = PricingFlow();
    flow["lead_definition"]["decay_half_life_days"] = 14;
    std::vector<FlowProblem> problems;
    ASSERT_TRUE(app_.flows.Save(kDemoSiteKey, flow, true, &problems).ok());
  }

  // 20 + 25 + 25 + 10 = 80 points from the answers (medium), 95 with the pricing page
  // seen now (high); the pricing points fall below 5 after 14 * log2(3) = 22.2 days.
  std::string HighThanksToPricing() {
    Event event;
    event.type = Event::Type::kPageView;
    event.path = "/pricing";
    event.at_ms = clock_.now.load();
    EXPECT_TRUE(app_.visitors.RecordEvents(kDemoSiteKey, "visitor-fade-1", {event}).ok());
    Result<StartResult> started =
        app_.sessions.Start({kDemoSiteKey, "bant-pricing", "visitor-fade-1", "", "en"});
    EXPECT_TRUE(started.ok());
    const std::string session = started.value().session.session_id;
    for (const auto& [step, value] :
         std::vector<std::pair<std::string, Json>>{{"budget", "10k_50k"},
                                                   {"authority", "decision_maker"},
                                                   {"need", "losing_leads"},
                                                   {"timing", "within_6_months"},
                                                   {"email", "fay@example.com"}}) {
      Result<AnswerResult> answered = app_.sessions.SubmitAnswer(
          {kDemoSiteKey, session, "answer-" + std::to_string(++answer_ids_), step, value});
      EXPECT_TRUE(answered.ok()) << step << ": " << answered.status().message();
    }
    EXPECT_TRUE(app_.requalification.Drain().ok());
    return session;
  }
};

TEST_F(TimeSweepTest, AGradeThatFadesIsDecidedAgainWhenItChanges) {
  const int64_t start = clock_.now.load();
  const std::string lead = HighThanksToPricing();
  LeadRecord stored = storage_.GetLead(lead).value();
  ASSERT_EQ(stored.grade, "high");
  ASSERT_EQ(stored.total_points, 95);
  const double days = static_cast<double>(stored.changes_ms - start) / kDay;
  // When 15 * 2^(-t/14), rounded to 0.01, drops below 5: 14 * log2(15 / 4.995) days.
  EXPECT_NEAR(days, 22.21, 0.01);
  const HandoffRecord handed = storage_.GetHandoff(lead).value();

  // Before then, the sweep finds nothing to do.
  clock_.now = start + 20 * kDay;
  EXPECT_EQ(app_.requalification.ReviewDue().value(), 0);
  EXPECT_EQ(storage_.GetLead(lead).value().grade, "high");

  clock_.now = start + 23 * kDay;
  EXPECT_EQ(app_.requalification.ReviewDue().value(), 1);
  stored = storage_.GetLead(lead).value();
  EXPECT_EQ(stored.grade, "medium");
  EXPECT_EQ(stored.total_points, 84.8) << "80 + 15 * 2^(-23/14), to two decimals";
  EXPECT_EQ(stored.changes_ms, 0) << "the answers alone keep it medium";
  std::vector<LeadChange> changes;
  const std::vector<LeadChange> all = storage_.ListLeadChanges(lead).value();
  for (const LeadChange& change : all) {
    if (change.cause == "time") changes.push_back(change);  // the answers made the others
  }
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].from_grade, "high");
  EXPECT_EQ(changes[0].to_grade, "medium");
  EXPECT_EQ(changes[0].cause, "time");
  EXPECT_EQ(changes[0].at_ms, start + 23 * kDay);
  // Still sales' lead: the handoff rules hand nothing over again.
  EXPECT_EQ(storage_.GetHandoff(lead).value().generation, handed.generation);

  // The lead's timeline shows the change.
  Result<Json> detail = app_.leads.Get(lead);
  ASSERT_TRUE(detail.ok());
  bool shown = false;
  for (const Json& item : detail.value()["timeline"]) {
    if (item["type"] == "grade_changed" && item["cause"] == "time") {
      shown = true;
      EXPECT_EQ(item["from"]["grade"], "high");
      EXPECT_EQ(item["to"]["grade"], "medium");
      EXPECT_EQ(item["at_ms"], start + 23 * kDay);
    }
  }
  EXPECT_TRUE(shown) << detail.value().dump();

  // Nothing is due any more.
  clock_.now = start + 400 * kDay;
  EXPECT_EQ(app_.requalification.ReviewDue().value(), 0);
}

TEST_F(TimeSweepTest, ALeadTheSweepCannotDecideIsLookedAtAgainLater) {
  const int64_t start = clock_.now.load();
  const std::string lead = HighThanksToPricing();
  clock_.now = start + 23 * kDay;
  storage_.FailNextWrites(1, Status::Unavailable("disk full"));  // the re-decision's write
  EXPECT_EQ(app_.requalification.ReviewDue().value(), 0);
  EXPECT_EQ(storage_.GetLead(lead).value().grade, "high") << "nothing half-written";
  const int64_t retry = storage_.GetLead(lead).value().changes_ms;
  EXPECT_EQ(retry, start + 23 * kDay + 5 * 60'000) << "postponed by 5 minutes";
  clock_.now = retry;
  EXPECT_EQ(app_.requalification.ReviewDue().value(), 1);
  EXPECT_EQ(storage_.GetLead(lead).value().grade, "medium");
}

}  // namespace
}  // namespace leadq::testing
