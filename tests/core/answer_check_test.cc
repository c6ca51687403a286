// Answer validation and normalisation, per question type, with localised messages.
#include <gtest/gtest.h>

#include "leadq/conversation.h"
#include "leadq/flow_decoder.h"
#include "test_json.h"

namespace leadq {
namespace {

// A one-question flow around `question` (a step object without id/field).
Flow FlowWith(const char* question) {
  Json step = Json::parse(question);
  step["id"] = "q";
  step["field"] = "f";
  step["text"] = "?";
  const Json document = {
      {"format", "leadq.flow/1"},
      {"id", "t"},
      {"languages", {"en"}},
      {"steps", {step}},
      {"lead_definition", {{"grades", {{"high", 3}, {"medium", 2}, {"low", 1}}}}}};
  DecodedFlow decoded = DecodeFlow(testing::CoreValue(document));
  EXPECT_TRUE(decoded.ok()) << decoded.problems[0].path << ": " << decoded.problems[0].message;
  return decoded.flow;
}

struct Case {
  const char* name;
  const char* question;
  const char* value;
  const char* language;
  const char* expected;  // the normalised value as JSON, or the message when it starts with '!'
};

const Case kCases[] = {
    {"text_trim", R"({"type":"short_text"})", R"("  hi ")", "en", R"("hi")"},
    {"text_not_string", R"({"type":"short_text"})", "5", "en", "!Please type your answer."},
    {"text_default_limit", R"({"type":"short_text"})",
     "\"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
     "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901"
     "2345678901234567890\"",
     "en", "!Please use at most 200 characters."},
    {"long_text_keeps_newlines", R"({"type":"long_text"})", R"("a\nb")", "en", R"("a\nb")"},
    {"required_null", R"({"type":"short_text"})", "null", "nl",
     "!Beantwoord deze vraag alstublieft."},
    {"optional_null", R"({"type":"short_text","required":false})", "null", "en", "null"},
    {"email_ok", R"({"type":"email"})", R"("A.B+x@Mail.Example.org")", "en",
     R"("a.b+x@mail.example.org")"},
    {"email_two_at", R"({"type":"email"})", R"("a@b@c.nl")", "en",
     "!Please enter a valid e-mail address."},
    {"email_space", R"({"type":"email"})", R"("a b@c.nl")", "en",
     "!Please enter a valid e-mail address."},
    {"phone_dutch", R"({"type":"phone"})", R"("020-123 45 67")", "en", R"("0201234567")"},
    {"phone_too_short", R"({"type":"phone"})", R"("12345")", "nl",
     "!Vul een geldig telefoonnummer in."},
    {"phone_plus_later", R"({"type":"phone"})", R"("12+345678")", "en",
     "!Please enter a valid phone number."},
    {"url_bare_domain", R"({"type":"url"})", R"("Acme.NL")", "en", R"("acme.nl")"},
    {"url_with_port", R"({"type":"url"})", R"("http://acme.nl:8080/x")", "en", R"("acme.nl")"},
    {"url_no_dot", R"({"type":"url"})", R"("localhost")", "en",
     "!Please enter a website or company domain, like example.com."},
    {"number_decimal", R"({"type":"number"})", "12.5", "en", "12.5"},
    {"number_text_decimal", R"({"type":"number"})", R"("12.5")", "en", "12.5"},
    {"number_words", R"({"type":"number"})", R"("twelve")", "en", "!Please enter a number."},
    {"number_min", R"({"type":"number","min":10})", "9", "en", "!Please enter at least 10."},
    {"number_max_decimal", R"({"type":"number","max":2.5})", "3", "en",
     "!Please enter at most 2.5."},
    {"money_band", R"({"type":"money_range","bands":[{"value":"s","label":"S","max":10}]})",
     R"("s")", "en", R"("s")"},
    {"single_choice", R"({"type":"single_choice","choices":[{"value":"a","label":"A"}]})", R"("a")",
     "en", R"("a")"},
    {"single_choice_number", R"({"type":"single_choice","choices":[{"value":"1","label":"A"}]})",
     "1", "en", "!Please pick one of the options."},
    {"multiple_choice_empty_required",
     R"({"type":"multiple_choice","choices":[{"value":"a","label":"A"}]})", "[]", "en",
     "!Please answer this question."},
    {"multiple_choice_not_list",
     R"({"type":"multiple_choice","choices":[{"value":"a","label":"A"}]})", R"("a")", "en",
     "!Please pick one of the options."},
    {"yes_no_bool", R"({"type":"yes_no"})", "false", "en", "false"},
    {"yes_no_word", R"({"type":"yes_no"})", R"("nee")", "en", "false"},
    {"yes_no_other", R"({"type":"yes_no"})", R"("maybe")", "nl", "!Antwoord met ja of nee."},
    {"scale_text", R"({"type":"scale"})", R"("4")", "en", "4"},
    {"scale_0_10_zero", R"({"type":"scale","min":0,"max":10})", "0", "en", "0"},
    {"timeframe_custom", R"({"type":"timeframe","choices":[{"value":"now","label":"Now"}]})",
     R"("within_2_weeks")", "en", "!Please pick one of the options."},
    {"timeframe_builtin", R"({"type":"timeframe"})", R"("no_plan")", "en", R"("no_plan")"},
    {"consent_optional_refused", R"({"type":"consent","consent_version":"1","required":false})",
     "false", "en", "false"},
    {"consent_text", R"({"type":"consent","consent_version":"1"})", R"("yes")", "nl",
     "!Geef uw toestemming om verder te gaan."},
};

class AnswerCheckTest : public ::testing::TestWithParam<Case> {};

TEST_P(AnswerCheckTest, ChecksAndNormalises) {
  const Case& c = GetParam();
  const Flow flow = FlowWith(c.question);
  const Result<JsonValue> result = CheckAnswer(flow, "q", testing::ParseCore(c.value), c.language);
  if (c.expected[0] == '!') {
    ASSERT_FALSE(result.ok()) << result.value().Dump();
    EXPECT_STREQ(result.status().code_name(), "invalid_answer");
    EXPECT_EQ(result.status().path(), "/value");
    EXPECT_EQ(result.status().message(), c.expected + 1);
  } else {
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(result.value().Dump(), Json::parse(c.expected).dump());
  }
}

INSTANTIATE_TEST_SUITE_P(Types, AnswerCheckTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(AnswerCheckTest, MessageStepIsNotAQuestion) {
  Json document = Json::parse(R"({"format":"leadq.flow/1","id":"t","languages":["en"],
    "steps":[{"id":"m","type":"message","text":"hi"}],
    "lead_definition":{"grades":{"high":3,"medium":2,"low":1}}})");
  DecodedFlow decoded = DecodeFlow(testing::CoreValue(document));
  ASSERT_TRUE(decoded.ok());
  const Result<JsonValue> result = CheckAnswer(decoded.flow, "m", "x", "en");
  ASSERT_FALSE(result.ok());
  EXPECT_STREQ(result.status().code_name(), "not_found");
}

}  // namespace
}  // namespace leadq
