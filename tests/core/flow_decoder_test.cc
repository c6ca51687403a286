// Flow decoding: each kind of problem is reported with its path, all at once, and no
// input makes the decoder throw or abort.
#include <gtest/gtest.h>

#include <functional>

#include "leadq/flow_decoder.h"
#include "test_data.h"
#include "test_json.h"

namespace leadq {
namespace {

// A small valid flow that each case breaks in one way.
Json BaseFlow() {
  return Json::parse(R"({
    "format": "leadq.flow/1", "id": "base", "languages": ["en", "nl"],
    "steps": [
      {"id": "hi", "type": "message", "text": {"en": "Hi", "nl": "Hoi"}},
      {"id": "size", "type": "number", "field": "size", "text": {"en": "Size?", "nl": "Grootte?"}},
      {"id": "role", "type": "single_choice", "field": "role", "text": {"en": "Role?", "nl": "Rol?"},
       "choices": [{"value": "boss", "label": {"en": "Boss", "nl": "Baas"}}]},
      {"id": "ok", "type": "yes_no", "field": "ok", "text": {"en": "OK?", "nl": "OK?"}}
    ],
    "lead_definition": {
      "criteria": [{"id": "big", "category": "fit", "points": 10, "reason": {"en": "Big", "nl": "Groot"},
                    "when": {"field": "size", "op": "gte", "value": 100}}],
      "grades": {"high": 10, "medium": 5, "low": 1}
    }
  })");
}

struct Case {
  const char* name;
  std::function<void(Json&)> mutate;
  std::vector<FlowProblem> expected;
};

const Case kCases[] = {
    {"valid", [](Json&) {}, {}},
    {"not_an_object", [](Json& f) { f = Json::array(); }, {{"", "a flow must be a JSON object"}}},
    {"missing_steps",
     [](Json& f) { f.erase("steps"); },
     {{"/lead_definition/criteria/0/when/field", "unknown field \"size\""},
      {"/steps", "missing required member \"steps\""}}},
    {"unknown_top_level_member",
     [](Json& f) { f["stpes"] = 1; },
     {{"/stpes", "unknown member \"stpes\""}}},
    {"duplicate_step_id",
     [](Json& f) { f["steps"][2]["id"] = "size"; },
     {{"/steps/2/id", "duplicate step id \"size\""}}},
    {"jump_to_unknown_step",
     [](Json& f) {
       f["steps"][1]["jumps"] = {{{"to", "nope"}}};
     },
     {{"/steps/1/jumps/0/to", "unknown step \"nope\""}}},
    {"jump_backwards_loops",
     [](Json& f) {
       f["steps"][2]["jumps"] = {
           {{"when", {{"field", "role"}, {"op", "present"}}}, {"to", "size"}}};
     },
     {{"/steps/2/jumps/0/to",
       "jumps back to \"size\": a loop that can never end (jumps go forward)"}}},
    {"unconditional_jump_makes_unreachable",
     [](Json& f) {
       f["steps"][1]["jumps"] = {{{"to", "ok"}}};
     },
     {{"/steps/2", "step \"role\" can never be reached"}}},
    {"jump_from_conditional_step_keeps_next_reachable",
     [](Json& f) {
       f["steps"][1]["jumps"] = {{{"to", "ok"}}};
       f["steps"][1]["show_if"] = {{"field", "ok"}, {"op", "absent"}};
     },
     {}},
    {"unknown_field_in_condition",
     [](Json& f) {
       f["steps"][3]["show_if"] = {{"field", "colour"}, {"op", "present"}};
     },
     {{"/steps/3/show_if/field", "unknown field \"colour\""}}},
    {"profile_field_is_known",
     [](Json& f) {
       f["profile_fields"] = {"colour"};
       f["steps"][3]["show_if"] = {{"field", "colour"}, {"op", "present"}};
     },
     {}},
    {"unknown_signal",
     [](Json& f) {
       f["steps"][3]["show_if"] = {{"signal", "mood"}, {"op", "present"}};
     },
     {{"/steps/3/show_if/signal", "unknown signal \"mood\""}}},
    {"missing_translation",
     [](Json& f) { f["steps"][0]["text"].erase("nl"); },
     {{"/steps/0/text", "missing the \"nl\" translation"}}},
    {"missing_choice_translation",
     [](Json& f) { f["steps"][2]["choices"][0]["label"] = "Boss"; },
     {{"/steps/2/choices/0/label", "missing the \"nl\" translation"}}},
    {"equal_thresholds",
     [](Json& f) { f["lead_definition"]["grades"]["medium"] = 10; },
     {{"/lead_definition/grades",
       "thresholds must satisfy high > medium > low, or a grade is impossible"}}},
    {"high_above_reach",
     [](Json& f) { f["lead_definition"]["grades"]["high"] = 11; },
     {{"/lead_definition/grades/high",
       "grade high is impossible: the criteria give at most 10 points"}}},
    {"nurture_above_low",
     [](Json& f) { f["lead_definition"]["nurture_min"] = 2; },
     {{"/lead_definition/nurture_min", "must not be above the \"low\" threshold"}}},
    {"numeric_operator_on_choice",
     [](Json& f) {
       f["lead_definition"]["criteria"][0]["when"] = {
           {"field", "role"}, {"op", "gt"}, {"value", 1}};
     },
     {{"/lead_definition/criteria/0/when/op",
       "\"role\" is a single_choice question: its choices have no order; list the ones that "
       "count with in"}}},
    {"choice_value_not_offered",
     [](Json& f) {
       f["lead_definition"]["criteria"][0]["when"] = {
           {"field", "role"}, {"op", "in"}, {"value", {"boss", "intern"}}};
     },
     {{"/lead_definition/criteria/0/when/value",
       "\"role\" has no choice \"intern\"; its choices are boss"}}},
    {"yes_no_compared_with_text",
     [](Json& f) {
       f["lead_definition"]["criteria"][0]["when"] = {
           {"field", "ok"}, {"op", "eq"}, {"value", "yes"}};
     },
     {{"/lead_definition/criteria/0/when/value",
       "\"ok\" is a yes_no question: compare with true, not \"yes\""}}},
    {"text_operator_on_number_signal",
     [](Json& f) {
       f["lead_definition"]["criteria"][0]["when"] = {
           {"signal", "visits"}, {"op", "contains"}, {"value", "3"}};
     },
     {{"/lead_definition/criteria/0/when/op",
       "the signal \"visits\" holds a number: \"contains\" compares texts; use eq, gt, gte, "
       "lt, lte or between"}}},
    {"unknown_category",
     [](Json& f) { f["lead_definition"]["criteria"][0]["category"] = "luck"; },
     {{"/lead_definition/criteria/0/category", "unknown category \"luck\""}}},
    {"points_out_of_range",
     [](Json& f) { f["lead_definition"]["criteria"][0]["points"] = 1e9; },
     {{"/lead_definition/criteria/0/points", "must be between -1000000 and 1000000"},
      {"/lead_definition/grades/high",
       "grade high is impossible: the criteria give at most 0 points"}}},
    {"sla_too_long",
     [](Json& f) {
       f["sla"] = {{"high", {{"first_response_minutes", 99999999999LL}}}};
     },
     {{"/sla/high/first_response_minutes", "must be between 1 and 5256000"}}},
    {"variant_unknown_step",
     [](Json& f) {
       f["variants"] = {{{"id", "a"}, {"hide", {"nope"}}}};
     },
     {{"/variants/0/hide/0", "unknown step \"nope\""}}},
    {"variants_without_weight",
     [](Json& f) {
       f["variants"] = {{{"id", "a"}, {"weight", 0}}};
     },
     {{"/variants", "at least one variant needs a positive weight"}}},
    {"unknown_question_type",
     [](Json& f) { f["steps"][3]["type"] = "slider"; },
     {{"/steps/3/type", "unknown step type \"slider\""}}},
    {"member_of_other_type",
     [](Json& f) { f["steps"][3]["choices"] = Json::array(); },
     {{"/steps/3/choices", "unknown member \"choices\""}}},
    {"scale_bounds",
     [](Json& f) {
       f["steps"][1]["type"] = "scale";
       f["steps"][1]["max"] = 7;
     },
     {{"/steps/1/max", "a scale runs from 1 to 5 or from 0 to 10"}}},
    {"handoff_triggers_not_a_list",
     [](Json& f) { f["lead_definition"]["handoff_triggers"] = "hard_conversion"; },
     {{"/lead_definition/handoff_triggers", "must be an array of triggers"}}},
    {"handoff_trigger_unknown_and_twice",
     [](Json& f) {
       f["lead_definition"]["conversions"] = {
           {"hard", {{"field", "ok"}, {"op", "eq"}, {"value", true}}}};
       f["lead_definition"]["handoff_triggers"] = {"hard_conversion", "qualified",
                                                   "hard_conversion"};
     },
     {{"/lead_definition/handoff_triggers/1",
       "unknown trigger; the one trigger is \"hard_conversion\""},
      {"/lead_definition/handoff_triggers/2", "is listed twice"}}},
    {"handoff_trigger_without_hard_conversion",
     [](Json& f) { f["lead_definition"]["handoff_triggers"] = {"hard_conversion"}; },
     {{"/lead_definition/handoff_triggers",
       "names \"hard_conversion\" but conversions.hard is not defined"}}},
    {"default_language_not_declared",
     [](Json& f) { f["default_language"] = "de"; },
     {{"/default_language", "must be one of \"languages\""}}},
};

class FlowDecoderTest : public ::testing::TestWithParam<Case> {};

TEST_P(FlowDecoderTest, ReportsProblems) {
  Json flow = BaseFlow();
  GetParam().mutate(flow);
  const DecodedFlow decoded = DecodeFlow(testing::CoreValue(flow));
  std::vector<std::pair<std::string, std::string>> got, want;
  for (const FlowProblem& p : decoded.problems) got.emplace_back(p.path, p.message);
  for (const FlowProblem& p : GetParam().expected) want.emplace_back(p.path, p.message);
  EXPECT_EQ(got, want);
}

INSTANTIATE_TEST_SUITE_P(Problems, FlowDecoderTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(FlowDecoderHandoffTest, HandsOffQualifiedLeadsOnlyByDefault) {
  const DecodedFlow decoded = DecodeFlow(testing::CoreValue(BaseFlow()));
  ASSERT_TRUE(decoded.problems.empty());
  EXPECT_FALSE(decoded.flow.definition.handoff_on_hard_conversion);
}

TEST(FlowDecoderHandoffTest, ReadsTheHardConversionTrigger) {
  Json flow = BaseFlow();
  flow["lead_definition"]["conversions"] = {
      {"hard", {{"field", "ok"}, {"op", "eq"}, {"value", true}}}};
  flow["lead_definition"]["handoff_triggers"] = {"hard_conversion"};
  const DecodedFlow decoded = DecodeFlow(testing::CoreValue(flow));
  ASSERT_TRUE(decoded.problems.empty()) << decoded.problems[0].message;
  EXPECT_TRUE(decoded.flow.definition.handoff_on_hard_conversion);
}

// A member that is missing or mistyped is reported once, without the problems a check
// over its (absent) value would derive from it.
TEST(FlowDecoderTest, NoDerivedProblemsNextToAMissingOrMistypedMember) {
  DecodedFlow decoded = DecodeFlowText("{}");
  std::vector<std::string> paths;
  for (const FlowProblem& p : decoded.problems) paths.push_back(p.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"/format", "/id", "/languages", "/lead_definition",
                                             "/steps"}));

  Json flow = BaseFlow();
  flow["lead_definition"]["grades"] = {{"high", "ten"}, {"medium", 5}, {"low", 1}};
  decoded = DecodeFlow(testing::CoreValue(flow));
  ASSERT_EQ(decoded.problems.size(), 1u);
  EXPECT_EQ(decoded.problems[0].path, "/lead_definition/grades/high");
}

TEST(FlowDecoderTextTest, NotJson) {
  const DecodedFlow decoded = DecodeFlowText("{\"format\":");
  ASSERT_EQ(decoded.problems.size(), 1u);
  EXPECT_EQ(decoded.problems[0].message, "the flow is not valid JSON (line 1, column 11)");
}

TEST(FlowDecoderTextTest, TooDeep) {
  const DecodedFlow decoded = DecodeFlowText(std::string(100000, '[') + std::string(100000, ']'));
  ASSERT_EQ(decoded.problems.size(), 1u);
  EXPECT_EQ(decoded.problems[0].message, "the flow nests deeper than 64 levels");
}

// Every flow that is meant to be valid decodes without problems: the shared test flows
// (except invalid-*) and the demo flows the widget ships with.
class ValidFlowTest : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(ValidFlowTest, DecodesWithoutProblems) {
  const DecodedFlow decoded = DecodeFlowText(testing::ReadText(GetParam()));
  for (const FlowProblem& p : decoded.problems) ADD_FAILURE() << p.path << ": " << p.message;
}

std::vector<std::filesystem::path> ValidFlows() {
  std::vector<std::filesystem::path> flows;
  for (const auto& path : testing::JsonFiles(testing::DataDir() / "flows")) {
    if (path.filename().string().rfind("invalid-", 0) != 0) flows.push_back(path);
  }
  for (const auto& path : testing::JsonFiles(LEADQ_DEMO_FLOWS_DIR)) flows.push_back(path);
  return flows;
}

INSTANTIATE_TEST_SUITE_P(Files, ValidFlowTest, ::testing::ValuesIn(ValidFlows()),
                         [](const auto& info) {
                           return info.param.parent_path().filename().string() + "_" +
                                  testing::TestName(info.param);
                         });

}  // namespace
}  // namespace leadq
