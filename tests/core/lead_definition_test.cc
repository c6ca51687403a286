// The lead definition as marketers write it: named conditions used everywhere, must-have
// criteria, amounts compared with money bands, timeframes in order, typed amounts and
// translated units. The flow is tests/data/flows/definition.json (the general lead definition
// of the source articles).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "leadq/conversation.h"
#include "leadq/flow_decoder.h"
#include "leadq/outcome.h"
#include "test_data.h"
#include "test_json.h"

namespace leadq {
namespace {

Flow DefinitionFlow() {
  DecodedFlow decoded =
      DecodeFlowText(testing::ReadText(testing::DataDir() / "flows" / "definition.json"));
  EXPECT_TRUE(decoded.ok()) << decoded.problems[0].path << ": " << decoded.problems[0].message;
  return decoded.flow;
}

// The problems of `document` (a flow whose base is a one-question flow plus `extra`).
std::vector<FlowProblem> ProblemsOf(const Json& document) {
  return DecodeFlow(testing::CoreValue(document)).problems;
}

Json SmallFlow() {
  return Json::parse(R"({
    "format": "leadq.flow/1", "id": "t", "languages": ["en"],
    "steps": [
      {"id": "size", "type": "number", "field": "size", "required": true, "text": "Size?"},
      {"id": "when", "type": "timeframe", "field": "when", "required": true, "text": "When?"},
      {"id": "bye", "type": "message", "text": "Bye"}
    ],
    "lead_definition": {
      "criteria": [{"id": "c", "category": "fit", "points": 10, "reason": "r",
                    "when": {"field": "size", "op": "gte", "value": 1}}],
      "grades": {"high": 10, "medium": 5, "low": 1}
    }
  })");
}

std::vector<std::string> Ids(const std::vector<CriterionResult>& results) {
  std::vector<std::string> ids;
  for (const CriterionResult& result : results) ids.push_back(result.id);
  return ids;
}

// A lead that meets every must-have of the general lead definition.
Json FullFit() {
  return {{"segment", "it_services"},
          {"revenue", "10m_50m"},
          {"employees", 20},
          {"role", "director"},
          {"need", true},
          {"evaluate_within", "within_2_weeks"},
          {"buy_within", "half_year"},
          {"talk_within", "within_2_weeks"},
          {"email", "a@b.example"}};
}

Outcome DecideFields(const Json& fields, const std::string& language = "en") {
  return Decide(DefinitionFlow(), testing::CoreValue(fields), Signals{}, 0, language);
}

TEST(MustHave, AllMetQualifiesAndPointsStillGrade) {
  const Outcome outcome = DecideFields(FullFit());
  EXPECT_EQ(outcome.triage, Triage::kQualified);
  EXPECT_EQ(outcome.grade, Grade::kMedium);  // 100 points: medium, not high
  EXPECT_EQ(outcome.total_points, 100);
  EXPECT_TRUE(outcome.unmet.empty());
  Json big = FullFit();
  big["revenue"] = "over_50m";
  EXPECT_EQ(DecideFields(big).grade, Grade::kHigh);  // 120 points
}

TEST(MustHave, OneMissedIsANearMissNamedWhateverThePoints) {
  Json fields = FullFit();
  fields["revenue"] = "over_50m";  // 20 extra points: 110 without the authority criterion
  fields["role"] = "staff";
  const Outcome outcome = DecideFields(fields, "nl");
  EXPECT_EQ(outcome.triage, Triage::kNurture);
  EXPECT_EQ(outcome.grade, Grade::kNone);
  EXPECT_EQ(outcome.total_points, 100);
  EXPECT_EQ(outcome.stage, Stage::kMarketingQualified);
  ASSERT_EQ(outcome.unmet.size(), 1u);
  EXPECT_EQ(outcome.unmet[0].id, "decision_level");
  EXPECT_EQ(outcome.unmet[0].reason, "Beslisniveau");
  EXPECT_FALSE(outcome.has_sla);
}

TEST(MustHave, EveryMissedOneIsListedInFlowOrder) {
  Json fields = FullFit();
  fields["need"] = false;
  fields["buy_within"] = "unsure";
  fields["talk_within"] = "within_3_months";
  EXPECT_EQ(Ids(DecideFields(fields).unmet),
            (std::vector<std::string>{"need", "buys_soon", "talks_soon"}));
}

TEST(MustHave, KnockoutsAndMissingFieldsComeFirst) {
  Json fields = FullFit();
  fields["role"] = "staff";
  fields.erase("email");
  EXPECT_EQ(DecideFields(fields).triage, Triage::kNotEnoughInformation);
}

TEST(MustHave, OnlyCriteriaTakeIt) {
  Json flow = SmallFlow();
  flow["lead_definition"]["knockouts"] = {
      {{"id", "k"},
       {"reason", "r"},
       {"must_have", true},
       {"when", {{"field", "size"}, {"op", "eq"}, {"value", 0}}}}};
  const auto problems = ProblemsOf(flow);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "/lead_definition/knockouts/0/must_have");
}

TEST(NamedConditions, OneDefinitionServesCriteriaShowIfAndJumps) {
  const Flow flow = DefinitionFlow();
  ASSERT_EQ(flow.conditions.count("fit"), 1u);
  EXPECT_EQ(flow.definition.criteria[0].when.ref, "fit");
  EXPECT_EQ(flow.definition.criteria[0].when.kind, Condition::Kind::kAll);
  const Step& not_a_fit = flow.steps[flow.StepIndex("not_a_fit")];
  ASSERT_EQ(not_a_fit.show_if.kind, Condition::Kind::kNot);
  EXPECT_EQ(not_a_fit.show_if.children[0].ref, "fit");
  // A small company outside the segments is not a fit: the message shows and the
  // conversation jumps over the sales questions to the e-mail.
  ConversationInput input;
  input.answers = {{"segment", testing::ParseCore(R"("other")")},
                   {"revenue", testing::ParseCore(R"("under_1m")")},
                   {"employees", testing::ParseCore("5")}};
  const Turn turn = NextTurn(flow, input);
  ASSERT_TRUE(turn.question.has_value());
  EXPECT_EQ(turn.question->step->id, "email");
  ASSERT_EQ(turn.messages.size(), 1u);
  EXPECT_EQ(turn.messages[0], "Thanks! We mostly help larger IT and manufacturing firms.");
}

TEST(NamedConditions, UnknownNameListsTheKnownOnes) {
  Json flow = SmallFlow();
  flow["conditions"] = {{"big", {{"field", "size"}, {"op", "gte"}, {"value", 100}}}};
  flow["steps"][2]["show_if"] = {{"ref", "bigg"}};
  const auto problems = ProblemsOf(flow);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "/steps/2/show_if/ref");
  EXPECT_EQ(problems[0].message, "unknown condition \"bigg\"; the flow's conditions are big");
}

TEST(NamedConditions, ACycleIsNamedOnce) {
  Json flow = SmallFlow();
  flow["conditions"] = {{"a", {{"all", {{{"ref", "b"}}, {{"field", "size"}, {"op", "present"}}}}}},
                        {"b", {{"not", {{"ref", "a"}}}}}};
  flow["steps"][2]["show_if"] = {{"ref", "a"}};
  const auto problems = ProblemsOf(flow);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "/conditions/b/not/ref");
  EXPECT_EQ(problems[0].message, "\"a\" refers to itself (a → b → a)");
}

TEST(NamedConditions, ASelfReferenceIsACycle) {
  Json flow = SmallFlow();
  flow["conditions"] = {{"a", {{"ref", "a"}}}};
  const auto problems = ProblemsOf(flow);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "\"a\" refers to itself (a → a)");
}

TEST(NamedConditions, ATypeProblemIsReportedWhereItIsDefinedNotAtEachUse) {
  Json flow = SmallFlow();
  flow["conditions"] = {{"big", {{"field", "size"}, {"op", "contains"}, {"value", "1"}}}};
  flow["steps"][2]["show_if"] = {{"ref", "big"}};
  flow["lead_definition"]["criteria"][0]["when"] = {{"ref", "big"}};
  const auto problems = ProblemsOf(flow);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "/conditions/big/op");
}

TEST(NamedConditions, ExpansionIsBounded) {
  // Each level doubles the size: 2^12 comparisons once copied in.
  Json flow = SmallFlow();
  Json conditions = Json::object();
  conditions["c0"] = {{"field", "size"}, {"op", "gte"}, {"value", 1}};
  for (int i = 1; i <= 12; ++i) {
    const std::string previous = "c" + std::to_string(i - 1);
    conditions["c" + std::to_string(i)] = {{"all", {{{"ref", previous}}, {{"ref", previous}}}}};
  }
  flow["conditions"] = conditions;
  const auto problems = ProblemsOf(flow);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].path, "/conditions/c10");
  EXPECT_NE(problems[0].message.find("grows beyond 2000 parts"), std::string::npos);
}

TEST(NamedConditions, TheConditionsMemberMustBeAnObject) {
  Json flow = SmallFlow();
  flow["conditions"] = Json::array();
  const auto problems = ProblemsOf(flow);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "/conditions");
}

TEST(OrderedAnswers, AnAmountSelectsTheBandsWhollyAboveIt) {
  const Flow flow = DefinitionFlow();
  const Condition& gte = flow.conditions.at("size_fit").children[0];
  EXPECT_EQ(gte.op, Operator::kIn);
  EXPECT_EQ(gte.operand.Dump(), R"(["10m_50m","over_50m"])");
  // Bands run from min up to (not including) max: lt 10M is every band ending at 10M.
  struct Case {
    const char* op;
    Json value;
    const char* bands;
  };
  const Case cases[] = {
      {"gte", 10000000, R"(["10m_50m","over_50m"])"},
      {"gt", 10000000, R"(["over_50m"])"},
      {"gte", 5000000, R"(["10m_50m","over_50m"])"},
      {"lt", 10000000, R"(["under_1m","1m_10m"])"},
      {"lte", 50000000, R"(["under_1m","1m_10m","10m_50m"])"},
      {"between", {1000000, 50000000}, R"(["1m_10m","10m_50m"])"},
      {"gte", 1e12, "[]"},
  };
  for (const Case& c : cases) {
    Json document =
        Json::parse(testing::ReadText(testing::DataDir() / "flows" / "definition.json"));
    document["conditions"]["size_fit"]["any"][0] = {
        {"field", "revenue"}, {"op", c.op}, {"value", c.value}};
    DecodedFlow decoded = DecodeFlow(testing::CoreValue(document));
    ASSERT_TRUE(decoded.ok()) << c.op << ": " << decoded.problems[0].message;
    EXPECT_EQ(decoded.flow.conditions.at("size_fit").children[0].operand.Dump(), c.bands)
        << c.op << " " << c.value;
  }
}

TEST(OrderedAnswers, TimeframesCompareByTheirPlaceInTheList) {
  const Flow flow = DefinitionFlow();
  // Built-in choices: within_2_weeks, within_3_months, within_6_months, later, no_plan.
  EXPECT_EQ(flow.conditions.at("evaluates_soon").operand.Dump(),
            R"(["within_2_weeks","within_3_months"])");
  // Custom choices are in the order the flow lists them (soonest first).
  const Criterion& buys = flow.definition.criteria[4];
  EXPECT_EQ(buys.when.op, Operator::kIn);
  EXPECT_EQ(buys.when.operand.Dump(), R"(["this_quarter","half_year"])");
  Json fields = FullFit();
  fields["evaluate_within"] = "within_6_months";
  EXPECT_EQ(Ids(DecideFields(fields).unmet), std::vector<std::string>{"evaluates_soon"});
}

TEST(OrderedAnswers, RefusalsNameTheFix) {
  struct Case {
    const char* name;
    Json when;
    const char* path;
    const char* message;
  };
  const Case cases[] = {
      {"timeframe_with_days",
       {{"field", "when"}, {"op", "lte"}, {"value", 90}},
       "value",
       "\"when\" is a timeframe question: compare with one of its choices (within_2_weeks, "
       "within_3_months, within_6_months, later, no_plan), not 90"},
      {"timeframe_unknown_choice",
       {{"field", "when"}, {"op", "lte"}, {"value", "within_a_year"}},
       "value",
       "\"when\" is a timeframe question: compare with one of its choices (within_2_weeks, "
       "within_3_months, within_6_months, later, no_plan), not \"within_a_year\""},
      {"timeframe_between_reversed",
       {{"field", "when"}, {"op", "between"}, {"value", {"later", "within_2_weeks"}}},
       "value",
       "\"when\" is a timeframe question: give the sooner choice first (its choices run "
       "within_2_weeks, within_3_months, within_6_months, later, no_plan)"},
      {"number_with_text",
       {{"field", "size"}, {"op", "gte"}, {"value", "50"}},
       "value",
       "\"size\" is a number question: compare with a number, not \"50\""},
  };
  for (const Case& c : cases) {
    Json flow = SmallFlow();
    flow["lead_definition"]["criteria"][0]["when"] = c.when;
    const auto problems = ProblemsOf(flow);
    ASSERT_EQ(problems.size(), 1u) << c.name;
    EXPECT_EQ(problems[0].path, std::string("/lead_definition/criteria/0/when/") + c.path)
        << c.name;
    EXPECT_EQ(problems[0].message, c.message) << c.name;
  }
}

TEST(OrderedAnswers, AMoneyBandTakesAnAmountNotABandName) {
  Json document = Json::parse(testing::ReadText(testing::DataDir() / "flows" / "definition.json"));
  document["conditions"]["size_fit"]["any"][0]["value"] = "10m_50m";
  const auto problems = ProblemsOf(document);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "/conditions/size_fit/any/0/value");
  EXPECT_EQ(problems[0].message,
            "\"revenue\" is a money_range question: compare with an amount (gte 10000), not "
            "\"10m_50m\", or list its bands with in");
}

TEST(TypedAmount, MapsToItsBand) {
  const Flow flow = DefinitionFlow();
  const struct {
    Json typed;
    const char* band;
  } cases[] = {
      {12000000, "10m_50m"},   {"12000000", "10m_50m"}, {"€ 12,000,000", "10m_50m"},
      {"12.5m", "10m_50m"},    {"250k", "under_1m"},    {"250.000", "under_1m"},
      {"1.250.000", "1m_10m"}, {"1000000", "1m_10m"},   {"999999.99", "under_1m"},
      {"£75M", "over_50m"},    {0, "under_1m"},         {"0010", "under_1m"},
      {"10m_50m", "10m_50m"},
  };
  for (const auto& c : cases) {
    const Result<JsonValue> checked =
        CheckAnswer(flow, "revenue", testing::CoreValue(c.typed), "en");
    ASSERT_TRUE(checked.ok()) << c.typed << ": " << checked.status().message();
    EXPECT_EQ(checked.value().as_string(), c.band) << c.typed;
  }
  for (const Json& bad : {Json(-5), Json("lots"), Json("1.2.3"), Json("5k5"), Json("12 euro"),
                          Json("."), Json(true)}) {
    EXPECT_FALSE(CheckAnswer(flow, "revenue", testing::CoreValue(bad), "en").ok()) << bad;
  }
}

TEST(Units, TranslatedPerLanguageOrOneForAll) {
  const Flow flow = DefinitionFlow();
  ConversationInput input;
  input.language = "nl";
  input.answers = {{"segment", testing::ParseCore(R"("it_services")")},
                   {"revenue", testing::ParseCore(R"("under_1m")")}};
  Turn turn = NextTurn(flow, input);
  ASSERT_TRUE(turn.question.has_value());
  EXPECT_EQ(turn.question->step->id, "employees");
  EXPECT_EQ(turn.question->unit, "medewerkers");

  Json document = SmallFlow();
  document["languages"] = {"en", "nl"};
  document["steps"] = {{{"id", "size"},
                        {"type", "number"},
                        {"field", "size"},
                        {"required", true},
                        {"unit", "m²"},
                        {"text", {{"en", "Size?"}, {"nl", "Grootte?"}}}}};
  document["lead_definition"]["criteria"][0]["reason"] = {{"en", "r"}, {"nl", "r"}};
  DecodedFlow decoded = DecodeFlow(testing::CoreValue(document));
  ASSERT_TRUE(decoded.ok()) << decoded.problems[0].message;
  input = ConversationInput{};
  input.language = "nl";
  turn = NextTurn(decoded.flow, input);
  ASSERT_TRUE(turn.question.has_value());
  EXPECT_EQ(turn.question->unit, "m²");  // one string: the same in every language

  document["steps"][0]["unit"] = {{"en", "square metres"}};
  const auto problems = ProblemsOf(document);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "/steps/0/unit");
  EXPECT_EQ(problems[0].message, "missing the \"nl\" translation");
}

}  // namespace
}  // namespace leadq
