// Handoff rules as tables: routes, generations, destination filters and the whole
// decision, over typed outcomes.
#include "leadq/handoff.h"

#include <gtest/gtest.h>

namespace leadq {
namespace {

Outcome Make(Triage triage, Conversion conversion = Conversion::kNone, Grade grade = Grade::kNone) {
  Outcome outcome;
  outcome.triage = triage;
  outcome.conversion = conversion;
  outcome.grade = grade;
  return outcome;
}

TEST(HandoffTest, RouteForOutcomes) {
  struct Case {
    const char* name;
    Outcome outcome;
    bool done;
    bool hard_conversion_wanted;
    Route route;
  };
  const Case cases[] = {
      {"qualified", Make(Triage::kQualified), false, false, Route::kSales},
      {"nurture not done", Make(Triage::kNurture), false, false, Route::kNone},
      {"nurture done", Make(Triage::kNurture), true, false, Route::kNurture},
      {"disqualified", Make(Triage::kDisqualified), true, false, Route::kNone},
      {"hard conversion nobody wants", Make(Triage::kNotEnoughInformation, Conversion::kHard),
       false, false, Route::kNone},
      {"hard conversion wanted", Make(Triage::kNotEnoughInformation, Conversion::kHard), false,
       true, Route::kSales},
      {"hard conversion of a near miss", Make(Triage::kNurture, Conversion::kHard), true, true,
       Route::kSales},
      {"hard conversion but disqualified", Make(Triage::kDisqualified, Conversion::kHard), true,
       true, Route::kNone},
      {"soft conversion", Make(Triage::kNotEnoughInformation, Conversion::kSoft), true, true,
       Route::kNone},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RouteFor(c.outcome, c.done, c.hard_conversion_wanted), c.route) << c.name;
    EXPECT_EQ(MayHandOff(c.outcome, c.done), RouteFor(c.outcome, c.done, true) != Route::kNone)
        << c.name;
  }
}

TEST(HandoffTest, GenerationOnlyGrowsOnPromotionOrNewDataAfterASendBack) {
  PriorHandoff sales{1, Route::kSales, LeadState::kOpen, 0};
  PriorHandoff nurture = sales;
  nurture.route = Route::kNurture;
  PriorHandoff sent_back = sales;
  sent_back.state = LeadState::kNurturing;
  sent_back.sent_back_ms = 1000;
  struct Case {
    const char* name;
    std::optional<PriorHandoff> prior;
    Route route;
    int64_t last_data_ms;
    std::optional<int> generation;
  };
  const Case cases[] = {
      {"first handoff", std::nullopt, Route::kSales, 5, 1},
      {"first handoff to nurturing", std::nullopt, Route::kNurture, 5, 1},
      {"no route", std::nullopt, Route::kNone, 5, std::nullopt},
      {"already with sales", sales, Route::kSales, 5000, std::nullopt},
      {"nurture lead qualifies", nurture, Route::kSales, 5, 2},
      {"nurture lead nurture again", nurture, Route::kNurture, 5000, std::nullopt},
      {"sent back, no new data", sent_back, Route::kSales, 1000, std::nullopt},
      {"sent back, new data", sent_back, Route::kSales, 1001, 2},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NextGeneration(c.prior, c.route, c.last_data_ms), c.generation) << c.name;
  }
}

TEST(HandoffTest, DestinationFilters) {
  DestinationFilter d;
  d.events = {HandoffEvent::kQualified};
  d.grades = {Grade::kHigh, Grade::kMedium};
  d.flows = {"bant-demo"};
  const HandoffSubject high{"bant-demo", Grade::kHigh, Triage::kQualified, false};
  HandoffSubject low = high;
  low.grade = Grade::kLow;
  HandoffSubject other_flow = high;
  other_flow.flow_id = "other-flow";
  HandoffSubject hard = high;
  hard.triage = Triage::kNurture;
  HandoffSubject hard_flow = hard;
  hard_flow.flow_hands_off_hard_conversions = true;
  EXPECT_TRUE(Accepts(d, HandoffEvent::kQualified, high));
  EXPECT_FALSE(Accepts(d, HandoffEvent::kQualified, low));
  EXPECT_FALSE(Accepts(d, HandoffEvent::kQualified, other_flow));
  EXPECT_FALSE(Accepts(d, HandoffEvent::kOverdue, high));
  d.triage = {Triage::kNurture};
  EXPECT_FALSE(Accepts(d, HandoffEvent::kQualified, high));
  d.triage.clear();
  EXPECT_FALSE(Accepts(d, HandoffEvent::kQualified, hard))
      << "a hard conversion that did not qualify needs the trigger";
  EXPECT_TRUE(Accepts(d, HandoffEvent::kQualified, hard_flow))
      << "unless the flow hands off hard conversions to every sales destination";
  d.takes_hard_conversions = true;
  EXPECT_TRUE(Accepts(d, HandoffEvent::kQualified, hard));
  d.enabled = false;
  EXPECT_FALSE(Accepts(d, HandoffEvent::kQualified, high));
  DestinationFilter none;
  EXPECT_FALSE(Accepts(none, HandoffEvent::kQualified, high)) << "no events: takes nothing";
}

TEST(HandoffTest, DecisionPicksRouteGenerationDestinationsAndTheOutcomesSla) {
  DestinationFilter sales;
  sales.events = {HandoffEvent::kQualified, HandoffEvent::kOverdue};
  DestinationFilter hard_only = sales;
  hard_only.takes_hard_conversions = true;
  hard_only.triage = {Triage::kNotEnoughInformation};
  DestinationFilter nurturing;
  nurturing.events = {HandoffEvent::kNurture};
  const std::vector<DestinationFilter> destinations = {sales, hard_only, nurturing};

  Outcome qualified = Make(Triage::kQualified, Conversion::kNone, Grade::kHigh);
  qualified.has_sla = true;
  qualified.sla_deadline_ms = 1'300'000;
  qualified.follow_up_touches = 6;
  HandoffContext context;
  context.flow_id = "f";
  HandoffDecision d = DecideHandoff(qualified, context, destinations);
  EXPECT_EQ(d.route, Route::kSales);
  EXPECT_EQ(d.generation, 1);
  EXPECT_EQ(d.event, HandoffEvent::kQualified);
  EXPECT_EQ(d.destinations, (std::vector<size_t>{0}));
  EXPECT_EQ(d.sla_deadline_ms, 1'300'000) << "the core's own, overflow-safe deadline";
  EXPECT_EQ(d.follow_up_touches, 6);

  // A demo request without enough information goes only where it is wanted.
  const Outcome hard = Make(Triage::kNotEnoughInformation, Conversion::kHard);
  d = DecideHandoff(hard, context, destinations);
  EXPECT_EQ(d.route, Route::kSales);
  EXPECT_EQ(d.destinations, (std::vector<size_t>{1}));
  EXPECT_EQ(d.sla_deadline_ms, 0);
  EXPECT_EQ(DecideHandoff(hard, context, {sales, nurturing}).route, Route::kNone)
      << "nobody asked for hard conversions";

  // A near miss goes to nurturing once the conversation is done.
  const Outcome near_miss = Make(Triage::kNurture);
  EXPECT_EQ(DecideHandoff(near_miss, context, destinations).route, Route::kNone);
  context.done = true;
  d = DecideHandoff(near_miss, context, destinations);
  EXPECT_EQ(d.route, Route::kNurture);
  EXPECT_EQ(d.event, HandoffEvent::kNurture);
  EXPECT_EQ(d.destinations, (std::vector<size_t>{2}));

  // Already with sales: nothing new.
  context.prior = PriorHandoff{1, Route::kSales, LeadState::kOpen, 0};
  EXPECT_EQ(DecideHandoff(qualified, context, destinations).route, Route::kNone);
  // Sent back, then new data: the next generation.
  context.prior = PriorHandoff{1, Route::kSales, LeadState::kNurturing, 500};
  context.last_data_ms = 900;
  d = DecideHandoff(qualified, context, destinations);
  EXPECT_EQ(d.route, Route::kSales);
  EXPECT_EQ(d.generation, 2);
}

TEST(HandoffTest, NamesRoundTrip) {
  for (Route r : {Route::kNone, Route::kSales, Route::kNurture}) {
    EXPECT_EQ(RouteFromString(ToString(r)), r);
  }
  for (LeadState s :
       {LeadState::kOpen, LeadState::kAccepted, LeadState::kRejected, LeadState::kNurturing}) {
    EXPECT_EQ(LeadStateFromString(ToString(s)), s);
  }
  for (HandoffEvent e :
       {HandoffEvent::kQualified, HandoffEvent::kNurture, HandoffEvent::kOverdue}) {
    EXPECT_EQ(HandoffEventFromString(ToString(e)), e);
  }
  EXPECT_EQ(HandoffEventFromString("lead.unknown"), std::nullopt);
  EXPECT_EQ(LeadStateFromString("OPEN"), std::nullopt);
  for (Triage t : {Triage::kQualified, Triage::kNurture, Triage::kDisqualified,
                   Triage::kNotEnoughInformation}) {
    EXPECT_EQ(TriageFromString(ToString(t)), t);
  }
  for (Grade g : {Grade::kNone, Grade::kLow, Grade::kMedium, Grade::kHigh}) {
    EXPECT_EQ(GradeFromString(ToString(g)), g);
  }
  EXPECT_EQ(GradeFromString("excellent"), std::nullopt);
}

}  // namespace
}  // namespace leadq
