// The compiled form: every flow reads back to the same form, the runtime facade reads
// compiled flows only, and a malformed compiled flow is refused with the JSON pointer of
// its first problem, never a crash.
#include <gtest/gtest.h>

#include <functional>

#include "leadq/api.h"
#include "leadq/compiled_flow.h"
#include "leadq/flow_decoder.h"
#include "test_data.h"
#include "test_json.h"

namespace leadq {
namespace {

using testing::DataDir;
using testing::JsonFiles;
using testing::ParseCore;
using testing::ReadText;

std::vector<std::filesystem::path> ValidFlows() {
  std::vector<std::filesystem::path> flows;
  for (const auto& dir : {DataDir() / "flows", std::filesystem::path(LEADQ_DEMO_FLOWS_DIR)}) {
    for (const auto& path : JsonFiles(dir)) {
      if (path.filename().string().rfind("invalid-", 0) != 0) flows.push_back(path);
    }
  }
  return flows;
}

// The compiled form of general-lead.json, as nlohmann JSON for tests to break.
Json CompiledGeneralLead() {
  const Json response =
      Json::parse(Call("compile_flow", ReadText(DataDir() / "flows" / "general-lead.json")));
  EXPECT_EQ(response["ok"], true) << response.dump();
  return response["value"];
}

class CompiledFlowRoundTrip : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(CompiledFlowRoundTrip, ReadsBackToTheSameForm) {
  const DecodedFlow decoded = DecodeFlowText(ReadText(GetParam()));
  ASSERT_TRUE(decoded.ok());
  const JsonValue compiled = CompileFlow(decoded.flow);
  EXPECT_EQ(compiled["compiled"], JsonValue(kCompiledFlowFormat));
  EXPECT_EQ(compiled["id"].as_string(), decoded.flow.id);
  // Through text, as the widget gets it.
  Result<Flow> read = ReadCompiledFlow(ParseCore(compiled.Dump()));
  ASSERT_TRUE(read.ok()) << read.status().message() << " at " << read.status().path();
  EXPECT_EQ(CompileFlow(read.value()).Dump(), compiled.Dump());
  EXPECT_EQ(read.value().step_index, decoded.flow.step_index);
}

INSTANTIATE_TEST_SUITE_P(Flows, CompiledFlowRoundTrip, ::testing::ValuesIn(ValidFlows()),
                         [](const auto& info) { return testing::TestName(info.param); });

TEST(CompileFlow, InvalidFlowGivesEveryProblemAsDecodeFlowDoes) {
  const std::string flow = ReadText(DataDir() / "flows" / "invalid-references.json");
  const Json compiled = Json::parse(Call("compile_flow", flow));
  EXPECT_EQ(compiled, Json::parse(Call("decode_flow", flow)));
  EXPECT_EQ(compiled["error"]["code"], "invalid_flow");
  EXPECT_GT(compiled["error"]["problems"].size(), 1u);
}

TEST(CallCompiled, RefusesAFlowDocument) {
  Json request = {{"flow", Json::parse(ReadText(DataDir() / "flows" / "general-lead.json"))}};
  const Json response = Json::parse(CallCompiled("next", request.dump()));
  EXPECT_EQ(response["error"]["code"], "invalid_flow");
  EXPECT_EQ(response["error"]["path"], "/flow");
  EXPECT_NE(response["error"]["message"].get<std::string>().find("compiled flows only"),
            std::string::npos);
}

TEST(CallCompiled, OffersOnlyTheOperationsOnAFlow) {
  for (const char* op : {"decode_flow", "compile_flow", "score"}) {
    const Json response = Json::parse(CallCompiled(op, R"({"flow":{}})"));
    EXPECT_EQ(response["error"]["code"], "not_found") << op;
  }
  const Json bad = Json::parse(CallCompiled("next", "{"));
  EXPECT_EQ(bad["error"]["code"], "invalid_json");
}

struct MalformedCase {
  const char* name;
  std::function<void(Json&)> breaks;
  const char* path;  // under the request's "flow"
};

std::vector<MalformedCase> MalformedCases() {
  return {
      {"not_an_object", [](Json& c) { c = Json::array(); }, "/flow"},
      {"other_layout", [](Json& c) { c["compiled"] = 1; }, "/flow/compiled"},
      {"layout_as_text", [](Json& c) { c["compiled"] = "1"; }, "/flow/compiled"},
      {"id_missing", [](Json& c) { c.erase("id"); }, "/flow/id"},
      {"version_zero", [](Json& c) { c["version"] = 0; }, "/flow/version"},
      {"version_fractional", [](Json& c) { c["version"] = 1.5; }, "/flow/version"},
      {"no_languages", [](Json& c) { c["languages"] = Json::array(); }, "/flow/languages"},
      {"language_number", [](Json& c) { c["languages"][0] = 7; }, "/flow/languages"},
      {"cap_too_high", [](Json& c) { c["max_questions_per_visit"] = 501; },
       "/flow/max_questions_per_visit"},
      {"steps_object", [](Json& c) { c["steps"] = Json::object(); }, "/flow/steps"},
      {"too_many_steps",
       [](Json& c) {
         const Json step = c["steps"][0];
         c["steps"] = Json::array();
         for (int i = 0; i < 501; ++i) c["steps"].push_back(step);
       },
       "/flow/steps"},
      {"step_short", [](Json& c) { c["steps"][1].erase(16); }, "/flow/steps/1"},
      {"step_kind", [](Json& c) { c["steps"][0][1] = 2; }, "/flow/steps/0/1"},
      {"step_text_not_object", [](Json& c) { c["steps"][0][2] = "hi"; }, "/flow/steps/0/2"},
      {"input_type", [](Json& c) { c["steps"][1][5] = 13; }, "/flow/steps/1/5"},
      {"input_type_negative", [](Json& c) { c["steps"][1][5] = -1; }, "/flow/steps/1/5"},
      {"flags", [](Json& c) { c["steps"][1][6] = 16; }, "/flow/steps/1/6"},
      {"priority", [](Json& c) { c["steps"][1][7] = 5000; }, "/flow/steps/1/7"},
      {"max_length", [](Json& c) { c["steps"][1][12] = 100001; }, "/flow/steps/1/12"},
      {"choice_short", [](Json& c) { c["steps"][1][8] = Json::array({Json::array({"a"})}); },
       "/flow/steps/1/8/0"},
      {"show_if_kind",
       [](Json& c) {
         c["steps"][1][14] = Json::array({5, Json::array()});
       },
       "/flow/steps/1/14"},
      {"show_if_operator",
       [](Json& c) {
         c["steps"][1][14] = Json::array({4, 0, "budget", 14, 1});
       },
       "/flow/steps/1/14"},
      {"nested_child",
       [](Json& c) {
         c["steps"][1][14] =
             Json::array({1, Json::array({0, Json::array({2, Json::array({"x"})})})});
       },
       "/flow/steps/1/14/1/1/1/0"},
      {"always_not_zero", [](Json& c) { c["steps"][1][14] = 1; }, "/flow/steps/1/14"},
      {"jump_target",
       [](Json& c) {
         c["steps"][1][15] = Json::array({Json::array({0, 3})});
       },
       "/flow/steps/1/15/0"},
      {"definition_short", [](Json& c) { c["definition"].erase(10); }, "/flow/definition"},
      {"criterion_category", [](Json& c) { c["definition"][0][0][1] = 7; }, "/flow/definition/0/0"},
      {"threshold_text", [](Json& c) { c["definition"][3] = "high"; }, "/flow/definition/3"},
      {"sla_grade",
       [](Json& c) {
         c["sla"] = Json::array({Json::array({4, 60, 1})});
       },
       "/flow/sla/0"},
      {"sla_minutes",
       [](Json& c) {
         c["sla"] = Json::array({Json::array({3, -1, 1})});
       },
       "/flow/sla/0"},
      {"variant_weight",
       [](Json& c) {
         c["variants"] = Json::array({Json::array({"a", -1, {}, {}})});
       },
       "/flow/variants/0"},
  };
}

class MalformedCompiledFlow : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedCompiledFlow, IsRefusedWithItsPath) {
  Json compiled = CompiledGeneralLead();
  GetParam().breaks(compiled);
  const Json request = {{"flow", compiled}, {"now_ms", 1767225600000}};
  for (const auto& call : {CallCompiled, Call}) {
    const Json response = Json::parse(call("next", request.dump()));
    EXPECT_EQ(response["ok"], false) << response.dump();
    EXPECT_EQ(response["error"]["code"], "invalid_flow");
    EXPECT_EQ(response["error"]["path"], GetParam().path) << response.dump();
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, MalformedCompiledFlow, ::testing::ValuesIn(MalformedCases()),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace leadq
