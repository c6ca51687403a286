// Conditions: every operator, every signal source, the combinators, and absent values.
#include <gtest/gtest.h>

#include "decoding.h"
#include "leadq/codec.h"
#include "leadq/condition.h"
#include "test_json.h"

namespace leadq {
namespace {

struct Case {
  const char* name;
  const char* condition;
  const char* fields;
  const char* signals;
  bool expected;
};

const Case kCases[] = {
    {"eq_string", R"({"field":"a","op":"eq","value":"x"})", R"({"a":"x"})", "{}", true},
    {"eq_is_case_sensitive", R"({"field":"a","op":"eq","value":"X"})", R"({"a":"x"})", "{}", false},
    {"eq_int_equals_double", R"({"field":"a","op":"eq","value":3})", R"({"a":3.0})", "{}", true},
    {"eq_bool", R"({"field":"a","op":"eq","value":true})", R"({"a":true})", "{}", true},
    {"eq_absent_is_false", R"({"field":"a","op":"eq","value":"x"})", "{}", "{}", false},
    {"neq", R"({"field":"a","op":"neq","value":"x"})", R"({"a":"y"})", "{}", true},
    {"neq_absent_is_false", R"({"field":"a","op":"neq","value":"x"})", "{}", "{}", false},
    {"in", R"({"field":"a","op":"in","value":["x","y"]})", R"({"a":"y"})", "{}", true},
    {"in_list_value_any_item", R"({"field":"a","op":"in","value":["x"]})", R"({"a":["z","x"]})",
     "{}", true},
    {"not_in", R"({"field":"a","op":"not_in","value":["x"]})", R"({"a":"y"})", "{}", true},
    {"not_in_member", R"({"field":"a","op":"not_in","value":["x"]})", R"({"a":"x"})", "{}", false},
    {"gt", R"({"field":"n","op":"gt","value":5})", R"({"n":6})", "{}", true},
    {"gt_equal_is_false", R"({"field":"n","op":"gt","value":5})", R"({"n":5})", "{}", false},
    {"gte_equal", R"({"field":"n","op":"gte","value":5})", R"({"n":5})", "{}", true},
    {"lt", R"({"field":"n","op":"lt","value":5})", R"({"n":4.99})", "{}", true},
    {"lte_equal", R"({"field":"n","op":"lte","value":5})", R"({"n":5})", "{}", true},
    {"gt_on_text_is_false", R"({"field":"n","op":"gt","value":5})", R"({"n":"9"})", "{}", false},
    {"between_inclusive_low", R"({"field":"n","op":"between","value":[1,2]})", R"({"n":1})", "{}",
     true},
    {"between_inclusive_high", R"({"field":"n","op":"between","value":[1,2]})", R"({"n":2})", "{}",
     true},
    {"between_outside", R"({"field":"n","op":"between","value":[1,2]})", R"({"n":2.5})", "{}",
     false},
    {"contains_ignores_case", R"({"field":"t","op":"contains","value":"CEO"})",
     R"({"t":"Acting ceo"})", "{}", true},
    {"contains_missing", R"({"field":"t","op":"contains","value":"cto"})", R"({"t":"ceo"})", "{}",
     false},
    {"contains_list_item", R"({"field":"t","op":"contains","value":"crm"})",
     R"({"t":["erp","crm"]})", "{}", true},
    {"starts_with_ignores_case", R"({"field":"t","op":"starts_with","value":"head"})",
     R"({"t":"Head of IT"})", "{}", true},
    {"starts_with_not_prefix", R"({"field":"t","op":"starts_with","value":"IT"})",
     R"({"t":"Head of IT"})", "{}", false},
    {"present", R"({"field":"a","op":"present"})", R"({"a":0})", "{}", true},
    {"present_empty_string_is_absent", R"({"field":"a","op":"present"})", R"({"a":""})", "{}",
     false},
    {"present_empty_list_is_absent", R"({"field":"a","op":"present"})", R"({"a":[]})", "{}", false},
    {"absent_null", R"({"field":"a","op":"absent"})", R"({"a":null})", "{}", true},
    {"absent_missing", R"({"field":"a","op":"absent"})", "{}", "{}", true},
    {"signal_page_views", R"({"signal":"page_views","op":"gte","value":3})", "{}",
     R"({"page_views":3})", true},
    {"signal_visits", R"({"signal":"visits","op":"gt","value":1})", "{}", R"({"visits":1})", false},
    {"signal_time_on_site", R"({"signal":"time_on_site","op":"between","value":[60,600]})", "{}",
     R"({"time_on_site":61})", true},
    {"signal_channel", R"({"signal":"channel","op":"in","value":["paid","email"]})", "{}",
     R"({"channel":"email"})", true},
    {"signal_channel_unset", R"({"signal":"channel","op":"absent"})", "{}", "{}", true},
    {"signal_utm_campaign", R"({"signal":"utm_campaign","op":"starts_with","value":"spring"})",
     "{}", R"({"utm":{"campaign":"spring-demo"}})", true},
    {"signal_utm_other_key", R"({"signal":"utm_medium","op":"present"})", "{}",
     R"({"utm":{"campaign":"x"}})", false},
    {"signal_pages_prefix", R"({"signal":"pages","op":"any_starts_with","value":"/pricing"})", "{}",
     R"({"pages":["/","/pricing/team"]})", true},
    {"signal_pages_prefix_none", R"({"signal":"pages","op":"any_starts_with","value":"/pricing"})",
     "{}", R"({"pages":["/","/blog/pricing"]})", false},
    {"signal_pages_exact", R"({"signal":"pages","op":"contains","value":"/demo"})", "{}",
     R"({"pages":["/demo"]})", true},
    {"all_true", R"({"all":[{"field":"a","op":"present"},{"field":"b","op":"present"}]})",
     R"({"a":1,"b":2})", "{}", true},
    {"all_one_false", R"({"all":[{"field":"a","op":"present"},{"field":"b","op":"present"}]})",
     R"({"a":1})", "{}", false},
    {"any_one_true", R"({"any":[{"field":"a","op":"present"},{"field":"b","op":"present"}]})",
     R"({"b":1})", "{}", true},
    {"any_none_true", R"({"any":[{"field":"a","op":"present"},{"field":"b","op":"present"}]})",
     "{}", "{}", false},
    {"not", R"({"not":{"field":"a","op":"present"}})", "{}", "{}", true},
    {"nested", R"({"not":{"any":[{"all":[{"field":"a","op":"eq","value":1}]}]}})", R"({"a":1})",
     "{}", false},
};

class ConditionTest : public ::testing::TestWithParam<Case> {};

TEST_P(ConditionTest, Evaluates) {
  const Case& c = GetParam();
  std::vector<FlowProblem> problems;
  JsonReader reader(&problems);
  const JsonValue json = testing::ParseCore(c.condition);
  const Condition condition = DecodeCondition(reader, &json, "/when");
  ASSERT_TRUE(problems.empty()) << problems[0].path << ": " << problems[0].message;
  const Result<Profile> profile =
      DecodeProfile(JsonValue{{"fields", testing::ParseCore(c.fields)},
                              {"signals", testing::ParseCore(c.signals)}},
                    "");
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  EXPECT_EQ(Evaluate(condition, profile.value().fields, profile.value().signals), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Operators, ConditionTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

struct BadCase {
  const char* name;
  const char* condition;
  const char* path;
  const char* message;
};

const BadCase kBadCases[] = {
    {"not_an_object", "[]", "/when", "a condition must be an object"},
    {"unknown_operator", R"({"field":"a","op":"like","value":"x"})", "/when/op",
     "unknown operator \"like\""},
    {"both_field_and_signal", R"({"field":"a","signal":"visits","op":"present"})", "/when",
     "a condition needs exactly one of \"all\", \"any\", \"not\", \"field\", \"signal\" or "
     "\"ref\""},
    {"present_with_value", R"({"field":"a","op":"present","value":1})", "/when/value",
     "this operator takes no value"},
    {"eq_without_value", R"({"field":"a","op":"eq"})", "/when/value",
     "missing required member \"value\""},
    {"in_needs_list", R"({"field":"a","op":"in","value":"x"})", "/when/value",
     "must be a non-empty array"},
    {"gt_needs_number_or_choice", R"({"field":"a","op":"gt","value":true})", "/when/value",
     "must be a number, or one of a timeframe's choices"},
    {"between_reversed", R"({"field":"a","op":"between","value":[5,1]})", "/when/value",
     "must be [low, high] with low <= high (two numbers, or two of a timeframe's choices)"},
    {"between_mixed", R"({"field":"a","op":"between","value":[5,"later"]})", "/when/value",
     "must be [low, high] with low <= high (two numbers, or two of a timeframe's choices)"},
    {"ref_not_a_name", R"({"ref":5})", "/when/ref",
     "must be the name of one of the flow's \"conditions\""},
    {"ref_with_other_members", R"({"ref":"fit","op":"present"})", "/when/op",
     "unknown member \"op\""},
    {"contains_needs_text", R"({"field":"a","op":"contains","value":5})", "/when/value",
     "must be a string"},
    {"empty_all", R"({"all":[]})", "/when/all", "must be a non-empty array of conditions"},
    {"extra_member", R"({"all":[{"field":"a","op":"present"}],"field":"b"})", "/when/field",
     "unknown member \"field\""},
    {"empty_field_name", R"({"field":"","op":"present"})", "/when/field",
     "must be a non-empty string"},
};

class BadConditionTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadConditionTest, ReportsProblem) {
  const BadCase& c = GetParam();
  std::vector<FlowProblem> problems;
  JsonReader reader(&problems);
  const JsonValue json = testing::ParseCore(c.condition);
  DecodeCondition(reader, &json, "/when");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, c.path);
  EXPECT_EQ(problems[0].message, c.message);
}

INSTANTIATE_TEST_SUITE_P(Decoding, BadConditionTest, ::testing::ValuesIn(kBadCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ConditionDepthTest, DeepNestingIsAProblemNotACrash) {
  JsonValue condition = JsonValue{{"field", "a"}, {"op", "present"}};
  for (int i = 0; i < 100; ++i) condition = JsonValue{{"not", condition}};
  std::vector<FlowProblem> problems;
  JsonReader reader(&problems);
  DecodeCondition(reader, &condition, "/when");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "conditions nest too deeply (more than 32 levels)");
}

}  // namespace
}  // namespace leadq
