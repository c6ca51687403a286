// The services over the in-memory storage, without SQLite and HTTP: the whole
// Application wired over MemoryStorage and a fake clock, its workers not started (each
// test runs what a worker would, e.g. RequalificationService::Drain, itself). The
// storage's fault injection shows that a service never acknowledges what was not stored
// and that a failed re-decision is postponed with its backoff and made later.
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <utility>

#include "app/application.h"
#include "app/demo_seed.h"
#include "demo_flows.h"
#include "fake_environment.h"
#include "storage/memory_storage.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;
using Answers = std::vector<std::pair<std::string, Json>>;

// By value: a range-for over `storage_.List...().value()` would iterate a temporary.
template <typename T>
T ValueOf(Result<T> result) {
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? std::move(result).value() : T();
}

// 30 + 25 + 25 + 20 = 100 points: qualified, grade high.
const Answers kHighLead = {{"budget", "over_50k"},
                           {"authority", "decision_maker"},
                           {"need", "losing_leads"},
                           {"timing", "within_2_weeks"},
                           {"email", "ann@example.com"}};
// 0 + 10 + 25 + 10 = 45 points: nurture, done once the e-mail is given.
const Answers kNearMiss = {{"budget", "under_10k"},
                           {"authority", "influencer"},
                           {"need", "losing_leads"},
                           {"timing", "within_6_months"},
                           {"email", "nina@example.com"}};

class ServicesTest : public ::testing::Test {
 protected:
  FakeEnvironment clock_;
  Environment env_ = clock_.Make();
  MemoryStorage storage_;
  Application app_{storage_, env_, AppConfig()};
  int answer_ids_ = 0;

  void SetUp() override {
    Status seeded = SeedDemo(storage_, app_.flows, {}, DemoFlowsDir());
    ASSERT_TRUE(seeded.ok()) << seeded.message();
    std::vector<FlowProblem> problems;
    ASSERT_TRUE(app_.flows.Save(kDemoSiteKey, PricingFlow(), true, &problems).ok());
  }

  std::string Start(const std::string& visitor_id, const std::string& flow = "bant-demo",
                    const std::string& language = "en") {
    Result<StartResult> started =
        app_.sessions.Start({kDemoSiteKey, flow, visitor_id, "", language});
    EXPECT_TRUE(started.ok()) << started.status().message();
    return started.ok() ? started.value().session.session_id : std::string();
  }

  Result<AnswerResult> Answer(const std::string& session, const std::string& step,
                              const Json& value, const std::string& answer_id = "") {
    return app_.sessions.SubmitAnswer(
        {kDemoSiteKey, session,
         answer_id.empty() ? "answer-" + std::to_string(++answer_ids_) : answer_id, step, value});
  }

  // Starts a session and answers it; returns the session (= lead) id.
  std::string AnswerAll(const std::string& visitor_id, const Answers& answers,
                        const std::string& flow = "bant-demo") {
    const std::string session = Start(visitor_id, flow);
    for (const auto& [step, value] : answers) {
      Result<AnswerResult> answered = Answer(session, step, value);
      EXPECT_TRUE(answered.ok()) << step << ": " << answered.status().message();
    }
    return session;
  }

  std::string AddDestination(const std::string& kind) {
    DestinationRecord d;
    d.site_key = kDemoSiteKey;
    d.name = kind;
    d.kind = kind;
    d.url = "https://" + kind + ".example.test/hook";
    Result<DestinationRecord> saved = app_.destinations.Save(d, true);
    EXPECT_TRUE(saved.ok()) << saved.status().message();
    return saved.ok() ? saved.value().destination_id : std::string();
  }

  Status PageView(const std::string& visitor_id, const std::string& path) {
    Event event;
    event.type = Event::Type::kPageView;
    event.path = path;
    event.at_ms = clock_.now.load();
    return app_.visitors.RecordEvents(kDemoSiteKey, visitor_id, {event});
  }

  std::vector<std::string> DeliveryKeys(const std::string& lead_id) {
    OutboxFilter filter;
    filter.lead_id = lead_id;
    std::vector<std::string> keys;
    for (const OutboxRecord& row : ValueOf(storage_.ListDeliveries(filter))) {
      keys.push_back(row.idempotency_key);
    }
    return keys;
  }

  RequalificationTask OnlyTask() {
    std::vector<RequalificationTask> tasks =
        storage_.DueRequalifications(std::numeric_limits<int64_t>::max(), 10).value();
    EXPECT_EQ(tasks.size(), 1u);
    return tasks.empty() ? RequalificationTask() : tasks[0];
  }
};

TEST_F(ServicesTest, ASessionIsStartedAnsweredAndDecidedByTheServer) {
  Result<StartResult> started =
      app_.sessions.Start({kDemoSiteKey, "bant-demo", "visitor-ann-01", "", "en"});
  ASSERT_TRUE(started.ok());
  const std::string session = started.value().session.session_id;
  EXPECT_FALSE(started.value().resumed);
  EXPECT_EQ(started.value().session.visitor_id, "visitor-ann-01");
  EXPECT_EQ(started.value().known_fields, Json::object());

  for (size_t i = 0; i < kHighLead.size(); ++i) {
    Result<AnswerResult> answered = Answer(session, kHighLead[i].first, kHighLead[i].second);
    ASSERT_TRUE(answered.ok()) << answered.status().message();
    EXPECT_FALSE(answered.value().duplicate);
    EXPECT_EQ(answered.value().done, i + 1 == kHighLead.size());
  }
  const SessionRecord stored = storage_.GetSession(session).value();
  EXPECT_EQ(stored.answer_count, 5);
  EXPECT_TRUE(stored.done);
  EXPECT_EQ(stored.outcome["triage"], "qualified");
  EXPECT_EQ(stored.outcome["grade"], "high");
  EXPECT_EQ(storage_.GetLead(session).value().email, "ann@example.com");
  EXPECT_EQ(storage_.GetVisitor(kDemoSiteKey, "visitor-ann-01").value().fields["budget"],
            "over_50k");

  // The visitor's next session already knows what was answered.
  Result<StartResult> next =
      app_.sessions.Start({kDemoSiteKey, "bant-demo", "visitor-ann-01", "", "en"});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next.value().known_fields["email"], "ann@example.com");
  // Resuming by id returns the session with its answers.
  Result<StartResult> resumed =
      app_.sessions.Start({kDemoSiteKey, "bant-demo", "visitor-ann-01", session, "en"});
  ASSERT_TRUE(resumed.ok());
  EXPECT_TRUE(resumed.value().resumed);
  EXPECT_EQ(resumed.value().answers.size(), 5u);
}

TEST_F(ServicesTest, AnInvalidAnswerIsRefusedInTheSessionsLanguageAndStoresNothing) {
  const std::string english = Start("visitor-en-001", "bant-demo", "en");
  const std::string dutch = Start("visitor-nl-001", "bant-demo", "nl");
  Result<AnswerResult> en = Answer(english, "email", "not an address");
  Result<AnswerResult> nl = Answer(dutch, "email", "not an address");
  ASSERT_FALSE(en.ok());
  ASSERT_FALSE(nl.ok());
  EXPECT_EQ(en.status().code(), StatusCode::kInvalidAnswer);
  EXPECT_EQ(nl.status().code(), StatusCode::kInvalidAnswer);
  EXPECT_EQ(nl.status().path(), "/value");
  EXPECT_NE(en.status().message(), nl.status().message()) << "localised";
  EXPECT_TRUE(storage_.ListAnswers(dutch).value().empty());
  EXPECT_EQ(storage_.GetSession(dutch).value().answer_count, 0);

  Result<AnswerResult> unknown = Answer(english, "no-such-step", "x");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().path(), "/step");
  Result<AnswerResult> bad_id = Answer(english, "budget", "over_50k", "short");
  ASSERT_FALSE(bad_id.ok());
  EXPECT_EQ(bad_id.status().path(), "/answer_id");
}

TEST_F(ServicesTest, ARetriedAnswerReturnsTheStoredOutcome) {
  const std::string session = Start("visitor-retry-1");
  Result<AnswerResult> first = Answer(session, "budget", "over_50k", "answer-once-01");
  ASSERT_TRUE(first.ok());
  Result<AnswerResult> second = Answer(session, "need", "losing_leads");
  ASSERT_TRUE(second.ok());
  // The widget retries the first answer (even with another value): nothing changes, and
  // the answer is the outcome stored now.
  Result<AnswerResult> retry = Answer(session, "budget", "under_10k", "answer-once-01");
  ASSERT_TRUE(retry.ok());
  EXPECT_TRUE(retry.value().duplicate);
  EXPECT_EQ(retry.value().outcome, second.value().outcome);
  EXPECT_EQ(storage_.GetSession(session).value().answer_count, 2);
  EXPECT_EQ(storage_.ListAnswers(session).value()[0].value, "over_50k");
}

// A SessionStore that lets another answer of the session land between the answer path's
// read and its write, once: the write is then stale.
class RacingSessionStore : public SessionStore {
 public:
  RacingSessionStore(SessionStore& store, std::function<void()> race)
      : store_(store), race_(std::move(race)) {}
  Status CreateSession(const SessionRecord& s) override { return store_.CreateSession(s); }
  Result<SessionRecord> GetSession(const std::string& id) override { return store_.GetSession(id); }
  Result<std::vector<AnswerRecord>> ListAnswers(const std::string& id) override {
    return store_.ListAnswers(id);
  }
  Result<AnswerContext> LoadForAnswer(const std::string& id) override {
    return store_.LoadForAnswer(id);
  }
  Result<AnswerContext> LoadForRedecision(const std::string& id) override {
    return store_.LoadForRedecision(id);
  }
  Result<AnswerStored> StoreAnswer(const AnswerWrite& write) override {
    if (race_) std::exchange(race_, nullptr)();
    Result<AnswerStored> stored = store_.StoreAnswer(write);
    if (stored.ok()) outcomes_.push_back(stored.value());
    return stored;
  }
  Result<std::vector<std::string>> ListSessionsToRequalify(const std::string& site,
                                                           const std::string& visitor,
                                                           int limit) override {
    return store_.ListSessionsToRequalify(site, visitor, limit);
  }
  Result<AnswerStored> StoreRedecision(const RedecisionWrite& write) override {
    return store_.StoreRedecision(write);
  }
  std::vector<AnswerStored> outcomes_;

 private:
  SessionStore& store_;
  std::function<void()> race_;
};

TEST_F(ServicesTest, AnAnswerThatLostARaceIsDecidedAgainOverTheWinner) {
  const std::string session = Start("visitor-race-01");
  RacingSessionStore racing(storage_, [&] {
    ASSERT_TRUE(Answer(session, "budget", "over_50k").ok());  // the other answer wins
  });
  SessionService sessions(storage_, racing, storage_, app_.flows, env_);
  Result<AnswerResult> answered =
      sessions.SubmitAnswer({kDemoSiteKey, session, "answer-loser-01", "need", "losing_leads"});
  ASSERT_TRUE(answered.ok()) << answered.status().message();
  EXPECT_EQ(racing.outcomes_,
            (std::vector<AnswerStored>{AnswerStored::kStale, AnswerStored::kStored}));
  const SessionRecord stored = storage_.GetSession(session).value();
  EXPECT_EQ(stored.answer_count, 2);
  EXPECT_EQ(stored.outcome["total_points"], 55.0) << "both answers count: 30 + 25";
  EXPECT_EQ(answered.value().outcome, stored.outcome);
}

TEST_F(ServicesTest, AnAnswerWhoseWriteFailsIsNotAcknowledgedAndLeavesNothing) {
  const std::string session = Start("visitor-fail-01");
  storage_.FailNextWrites(1, Status::Unavailable("the disk is full"));
  Result<AnswerResult> failed = Answer(session, "budget", "over_50k", "answer-fail-01");
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(failed.status().IsUnavailable());
  EXPECT_EQ(storage_.InjectedFailures(), 1);
  EXPECT_TRUE(storage_.ListAnswers(session).value().empty());
  EXPECT_EQ(storage_.GetSession(session).value().answer_count, 0);
  EXPECT_TRUE(storage_.GetLead(session).status().IsNotFound());
  EXPECT_EQ(storage_.GetVisitor(kDemoSiteKey, "visitor-fail-01").value().fields, Json::object());

  // The widget's retry of the same answer is stored then, once.
  Result<AnswerResult> retried = Answer(session, "budget", "over_50k", "answer-fail-01");
  ASSERT_TRUE(retried.ok());
  EXPECT_FALSE(retried.value().duplicate);
  EXPECT_EQ(storage_.GetSession(session).value().answer_count, 1);

  // A session whose creation failed was not started.
  storage_.FailNextWrites(1, Status::Unavailable("the disk is full"));
  Result<StartResult> start =
      app_.sessions.Start({kDemoSiteKey, "bant-demo", "visitor-fail-02", "", "en"});
  EXPECT_TRUE(start.status().IsUnavailable());
  EXPECT_EQ(storage_.GetVisitor(kDemoSiteKey, "visitor-fail-02").value().created_ms, 0);
}

TEST_F(ServicesTest, EventsFoldIntoSignalsAndQueueTheVisitorsReDecision) {
  Answers first_four = kNearMiss;
  first_four.pop_back();
  const std::string session = AnswerAll("visitor-open-01", first_four, "bant-pricing");
  EXPECT_EQ(storage_.GetSession(session).value().outcome["total_points"], 45.0);
  EXPECT_EQ(storage_.CountRequalifications().value(), 0);

  clock_.now += 60'000;
  ASSERT_TRUE(PageView("visitor-open-01", "/pricing/teams").ok());
  const VisitorProfile visitor = storage_.GetVisitor(kDemoSiteKey, "visitor-open-01").value();
  EXPECT_EQ(visitor.signals["page_views"], 1);
  EXPECT_EQ(visitor.signals["pages"], (Json{"/pricing/teams"}));
  const RequalificationTask task = OnlyTask();
  EXPECT_EQ(task.visitor_id, "visitor-open-01");
  EXPECT_TRUE(task.whole_visitor);
  EXPECT_EQ(storage_.GetSession(session).value().outcome["total_points"], 45.0)
      << "decided again off the request path";

  Result<int> made = app_.requalification.Drain();
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made.value(), 1);
  EXPECT_EQ(storage_.GetSession(session).value().outcome["total_points"], 60.0);
  EXPECT_EQ(storage_.GetLead(session).value().outcome["total_points"], 60.0);
  EXPECT_EQ(storage_.CountRequalifications().value(), 0);

  // An events batch that is not stored is not acknowledged.
  storage_.FailNextWrites(1, Status::Unavailable("down"));
  EXPECT_TRUE(PageView("visitor-open-01", "/pricing").IsUnavailable());
  EXPECT_EQ(storage_.GetVisitor(kDemoSiteKey, "visitor-open-01").value().signals["page_views"], 1);
  EXPECT_EQ(storage_.CountRequalifications().value(), 0);
}

TEST_F(ServicesTest, ANearMissThatNowQualifiesIsHandedToSales) {
  const std::string sales = AddDestination("webhook");
  const std::string nurture = AddDestination("nurture");
  const std::string lead = AnswerAll("visitor-near-01", kNearMiss, "bant-pricing");
  HandoffRecord handoff = storage_.GetHandoff(lead).value();
  EXPECT_EQ(handoff.route, "nurture");
  EXPECT_EQ(handoff.generation, 1);
  EXPECT_EQ(DeliveryKeys(lead), (std::vector<std::string>{lead + "." + nurture + ".nurture.1"}));

  clock_.now += 3'600'000;
  const int64_t requalified_at = clock_.now.load();
  ASSERT_TRUE(PageView("visitor-near-01", "/blog/lead-routing").ok());
  Result<int> made = app_.requalification.Drain();
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(storage_.GetHandoff(lead).value().generation, 1) << "a page without points";
  ASSERT_TRUE(PageView("visitor-near-01", "/pricing").ok());
  made = app_.requalification.Drain();
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made.value(), 1);

  handoff = storage_.GetHandoff(lead).value();
  EXPECT_EQ(handoff.route, "sales");
  EXPECT_EQ(handoff.generation, 2);
  EXPECT_EQ(handoff.state, "open");
  EXPECT_EQ(handoff.triage, "qualified");
  EXPECT_EQ(handoff.grade, "low");
  EXPECT_EQ(handoff.sla_deadline_ms, requalified_at + 2880 * 60'000) << "low: 2 days";
  EXPECT_EQ(DeliveryKeys(lead), (std::vector<std::string>{lead + "." + nurture + ".nurture.1",
                                                          lead + "." + sales + ".qualified.2"}));
  EXPECT_EQ(storage_.GetSession(lead).value().outcome["triage"], "qualified");
}

TEST_F(ServicesTest, AFailedReDecisionIsPostponedWithItsBackoffAndMadeLater) {
  AddDestination("webhook");
  AddDestination("nurture");
  const std::string lead = AnswerAll("visitor-retry-2", kNearMiss, "bant-pricing");
  ASSERT_TRUE(PageView("visitor-retry-2", "/pricing").ok());

  // The re-decision's write fails, twice: each time the task waits longer.
  const int64_t first_try = clock_.now.load();
  storage_.FailNextWrites(1, Status::Unavailable("down"));
  Result<int> made = app_.requalification.Drain();
  ASSERT_TRUE(made.ok()) << "a failed task is postponed, not an error of the worker";
  EXPECT_EQ(made.value(), 0);
  RequalificationTask task = OnlyTask();
  EXPECT_EQ(task.attempts, 1);
  EXPECT_EQ(task.due_ms, RequalificationRetryMs(0, first_try));
  EXPECT_EQ(task.due_ms, first_try + 1000);
  EXPECT_EQ(storage_.GetHandoff(lead).value().route, "nurture") << "nothing was stored";
  EXPECT_EQ(app_.requalification.Drain().value(), 0) << "not due yet";

  clock_.now = task.due_ms;
  storage_.FailNextWrites(1, Status::Unavailable("down"));
  ASSERT_TRUE(app_.requalification.Drain().ok());
  task = OnlyTask();
  EXPECT_EQ(task.attempts, 2);
  EXPECT_EQ(task.due_ms, clock_.now.load() + 2000) << "the backoff doubles";

  clock_.now = task.due_ms;
  made = app_.requalification.Drain();
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made.value(), 1);
  EXPECT_EQ(storage_.CountRequalifications().value(), 0);
  EXPECT_EQ(storage_.GetHandoff(lead).value().route, "sales");
  EXPECT_EQ(storage_.GetHandoff(lead).value().generation, 2);
}

TEST_F(ServicesTest, SlaAndFeedbackFollowALeadHandedToSales) {
  const std::string sales = AddDestination("webhook");
  const std::string nurture = AddDestination("nurture");
  const std::string lead = AnswerAll("visitor-sla-001", kHighLead);
  HandoffRecord handoff = storage_.GetHandoff(lead).value();
  EXPECT_EQ(handoff.route, "sales");
  EXPECT_EQ(handoff.grade, "high");
  EXPECT_EQ(handoff.sla_deadline_ms, clock_.now.load() + 5 * 60'000) << "high: 5 minutes";

  // Overdue once the deadline passed, and only once.
  EXPECT_EQ(app_.sla.CheckOverdue().value(), 0);
  clock_.now += 5 * 60'000;
  EXPECT_EQ(app_.sla.CheckOverdue().value(), 1);
  EXPECT_EQ(app_.sla.CheckOverdue().value(), 0);
  EXPECT_EQ(storage_.GetHandoff(lead).value().overdue_ms, clock_.now.load());

  Result<HandoffRecord> touched = app_.sla.RecordTouch({lead, "call", "left a message", "sam", 0});
  ASSERT_TRUE(touched.ok());
  EXPECT_EQ(touched.value().touches, 1);
  EXPECT_EQ(app_.sla.RecordTouch({lead, "fax", "", "", 0}).status().path(), "/channel");
  EXPECT_TRUE(app_.sla.RecordTouch({"lead-none-0001", "call", "", "", 0}).status().IsNotFound());

  // Sales send it back to nurturing: nurture destinations get it.
  EXPECT_EQ(app_.feedback.Give(kDemoSiteKey, {lead, 0, "reject", "", "", 0}).status().path(),
            "/reason");
  clock_.now += 1000;
  Result<HandoffRecord> back = app_.feedback.Give(kDemoSiteKey, {lead, 0, "nurture", "", "Q3", 0});
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back.value().state, "nurturing");
  EXPECT_EQ(back.value().sent_back_ms, clock_.now.load());
  EXPECT_EQ(DeliveryKeys(lead), (std::vector<std::string>{lead + "." + sales + ".qualified.1",
                                                          lead + "." + nurture + ".nurture.1"}));
  EXPECT_EQ(storage_.ListFeedback(lead).value().size(), 1u);
  EXPECT_TRUE(
      app_.feedback.Give("other-site", {lead, 0, "accept", "", "", 0}).status().IsNotFound());

  // A feedback that is not stored changes nothing.
  storage_.FailNextWrites(1, Status::Unavailable("down"));
  EXPECT_TRUE(
      app_.feedback.Give(kDemoSiteKey, {lead, 0, "accept", "", "", 0}).status().IsUnavailable());
  EXPECT_EQ(storage_.GetHandoff(lead).value().state, "nurturing");

  Result<Json> report = app_.feedback.Report(kDemoSiteKey, "");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report.value()["totals"]["handed_over"], 1);
  EXPECT_EQ(report.value()["totals"]["with_feedback"], 1);
  EXPECT_EQ(report.value()["totals"]["nurtured"], 1);
}

}  // namespace
}  // namespace leadq::testing
