// The JSON facade: one response shape for every failure, and no input that aborts.
#include <gtest/gtest.h>

#include "leadq/api.h"
#include "leadq/flow_decoder.h"
#include "test_data.h"
#include "test_json.h"

namespace leadq {
namespace {

Json Flow(const char* name) {
  return Json::parse(testing::ReadText(testing::DataDir() / "flows" / name));
}

struct ErrorCase {
  const char* name;
  const char* op;
  std::string request;
  const char* code;
  const char* path;
  const char* message;
};

std::string WithFlow(Json request) {
  request["flow"] = Flow("types.json");
  return request.dump();
}

std::vector<ErrorCase> ErrorCases() {
  return {
      {"not_json", "next", "{", "invalid_json", "",
       "the request is not valid JSON (line 1, column 2)"},
      {"too_deep", "next", std::string(65, '[') + std::string(65, ']'), "invalid_json", "",
       "the request nests deeper than 64 levels"},
      {"too_large", "next", std::string(4 * 1024 * 1024 + 1, ' '), "invalid_argument", "",
       "the request is larger than 4 MiB"},
      {"unknown_op", "score", "{}", "not_found", "", "unknown operation \"score\""},
      {"not_an_object", "next", "[]", "invalid_argument", "", "the request must be a JSON object"},
      {"missing_flow", "next", "{}", "invalid_argument", "/flow",
       "missing required member \"flow\""},
      {"invalid_flow", "decide", R"({"flow":{}})", "invalid_flow", "/flow/format",
       "5 problems, first: missing required member \"format\""},
      {"negative_now", "next", WithFlow({{"now_ms", -1}}), "invalid_argument", "/now_ms",
       "must be an integer from 0 to 2^53"},
      {"fractional_now", "next", WithFlow({{"now_ms", 1.5}}), "invalid_argument", "/now_ms",
       "must be an integer"},
      {"huge_visits", "next", WithFlow({{"profile", {{"signals", {{"visits", 1e300}}}}}}),
       "invalid_argument", "/profile/signals/visits", "must be an integer"},
      {"fields_not_object", "next", WithFlow({{"profile", {{"fields", {1, 2}}}}}),
       "invalid_argument", "/profile/fields", "must be an object"},
      {"answer_without_step", "next", WithFlow({{"answers", {{{"value", 1}}}}}), "invalid_argument",
       "/answers/0/step", "must be a step id"},
      {"utm_not_text", "decide", WithFlow({{"profile", {{"signals", {{"utm", {{"source", 1}}}}}}}}),
       "invalid_argument", "/profile/signals/utm/source", "must be a string"},
      {"check_without_step", "check_answer", WithFlow({{"value", 1}}), "invalid_argument", "/step",
       "must be a step id"},
  };
}

class ApiErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ApiErrorTest, OneErrorShape) {
  const ErrorCase& c = GetParam();
  const Json response = Json::parse(Call(c.op, c.request));
  EXPECT_EQ(response["ok"], false);
  EXPECT_EQ(response["error"]["code"], c.code);
  EXPECT_EQ(response["error"]["path"], c.path);
  EXPECT_EQ(response["error"]["message"], c.message);
}

INSTANTIATE_TEST_SUITE_P(Errors, ApiErrorTest, ::testing::ValuesIn(ErrorCases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ApiTest, InvalidUtf8IsRefusedNotFatal) {
  const std::string response = Call("next", "{\"flow\":\"\xff\xfe\"}");
  EXPECT_EQ(Json::parse(response)["error"]["code"], "invalid_json");
}

TEST(ApiTest, GarbageNeverAborts) {
  const char* inputs[] = {"",
                          "null",
                          "0",
                          "\"x\"",
                          "{\"flow\":null}",
                          "[{}]",
                          "{\"flow\":[]}",
                          "{\"flow\":{\"steps\":[[[]]]}}"};
  for (const char* op : {"decode_flow", "next", "decide", "check_answer", ""}) {
    for (const char* input : inputs) {
      const Json response = Json::parse(Call(op, input), nullptr, false);
      ASSERT_TRUE(response.is_object()) << op << " " << input;
      EXPECT_EQ(response["ok"], false) << op << " " << input;
    }
  }
}

TEST(ApiTest, CallWithFlowIgnoresRequestFlow) {
  const DecodedFlow decoded = DecodeFlow(testing::CoreValue(Flow("types.json")));
  ASSERT_TRUE(decoded.ok());
  const std::string request = R"({"step":"demo","value":"yes","flow":"ignored"})";
  EXPECT_EQ(CallWithFlow(decoded.flow, "check_answer", request),
            R"({"ok":true,"value":{"value":true}})");
  EXPECT_EQ(Json::parse(CallWithFlow(decoded.flow, "decode_flow", "{}"))["error"]["code"],
            "not_found");
}

TEST(ApiTest, SameRequestSameBytes) {
  Json request = {{"flow", Flow("general-lead.json")},
                  {"visitor_id", "v"},
                  {"now_ms", 1767225600000},
                  {"answers", {{{"step", "segment"}, {"value", "retail"}}}}};
  const std::string first = Call("next", request.dump());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Call("next", request.dump()), first);
}

}  // namespace
}  // namespace leadq
