// Runs every shared test vector (tests/data/vectors, format in tests/data/README.md)
// through the JSON facade and compares the response with the expected one, as a JSON
// value and byte for byte (nlohmann sorts keys, so expected.dump() is canonical). The
// wasm tests run the same files: together they prove both targets answer identically.
#include <gtest/gtest.h>

#include "leadq/api.h"
#include "leadq/flow_decoder.h"
#include "test_data.h"
#include "test_json.h"

namespace leadq {
namespace {

using testing::DataDir;
using testing::JsonFiles;
using testing::ReadText;

class VectorTest : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(VectorTest, MatchesExpected) {
  const Json vector = Json::parse(ReadText(GetParam()), nullptr, false);
  ASSERT_TRUE(vector.is_object()) << "not a JSON object";
  for (const char* key : {"name", "description", "op", "request", "expected"}) {
    ASSERT_TRUE(vector.contains(key)) << "missing " << key;
  }
  EXPECT_EQ(vector["name"].get<std::string>(), GetParam().stem().string());
  const std::string op = vector["op"].get<std::string>();
  Json request = vector["request"];
  // Every operation but fold_events runs on a flow, named by the vector.
  ASSERT_EQ(vector.contains("flow"), op != "fold_events") << "flow";
  if (vector.contains("flow")) {
    const Json flow = Json::parse(ReadText(DataDir() / "flows" / vector["flow"].get<std::string>()),
                                  nullptr, false);
    ASSERT_FALSE(flow.is_discarded()) << "flow file missing or not JSON";
    if (op == "decode_flow") {
      request = flow;
    } else {
      request["flow"] = flow;
    }
  } else {
    EXPECT_EQ(CallCompiled(op, request.dump()), vector["expected"].dump())
        << "the widget's runtime folds events too";
  }
  const std::string response = Call(op, request.dump());
  const Json expected = vector["expected"];
  EXPECT_EQ(Json::parse(response, nullptr, false), expected) << response;
  EXPECT_EQ(response, expected.dump());
}

// The operations that run on a decoded flow (all but decode_flow) give the same bytes
// through CallWithFlow, the server's way in with its cache of decoded flows.
class CachedFlowVectorTest : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(CachedFlowVectorTest, CallWithFlowGivesTheSameBytes) {
  const Json vector = Json::parse(ReadText(GetParam()), nullptr, false);
  const std::string flow_text = ReadText(DataDir() / "flows" / vector["flow"].get<std::string>());
  DecodedFlow decoded = DecodeFlowText(flow_text);
  ASSERT_TRUE(decoded.ok());
  const std::string op = vector["op"].get<std::string>();
  EXPECT_EQ(CallWithFlow(decoded.flow, op, vector["request"].dump()), vector["expected"].dump());
}

// The same operations on the flow's compiled form (compile_flow) give the same bytes, through
// Call and through CallCompiled, the widget runtime's way in — except that the runtime
// counts no business hours (the server decides SLAs): it refuses them, at their path, so
// that it links none of that code.
class CompiledFlowVectorTest : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(CompiledFlowVectorTest, CompiledFlowGivesTheSameBytes) {
  const Json vector = Json::parse(ReadText(GetParam()), nullptr, false);
  const std::string flow_text = ReadText(DataDir() / "flows" / vector["flow"].get<std::string>());
  const Json compiled = Json::parse(Call("compile_flow", flow_text));
  ASSERT_EQ(compiled["ok"], true) << compiled.dump();
  Json request = vector["request"];
  request["flow"] = compiled["value"];
  const std::string op = vector["op"].get<std::string>();
  if (request.contains("business_hours")) {
    const Json refused = Json::parse(CallCompiled(op, request.dump()));
    EXPECT_EQ(refused["error"]["code"], "invalid_argument");
    EXPECT_EQ(refused["error"]["path"], "/business_hours");
  } else {
    EXPECT_EQ(CallCompiled(op, request.dump()), vector["expected"].dump());
  }
  EXPECT_EQ(Call(op, request.dump()), vector["expected"].dump());
}

std::vector<std::filesystem::path> VectorsOnAFlow() {
  std::vector<std::filesystem::path> files;
  for (const auto& path : JsonFiles(DataDir() / "vectors")) {
    const Json vector = Json::parse(ReadText(path), nullptr, false);
    if (vector.is_object() && vector["op"] != "decode_flow" && vector.contains("flow")) {
      files.push_back(path);
    }
  }
  return files;
}

INSTANTIATE_TEST_SUITE_P(Shared, VectorTest, ::testing::ValuesIn(JsonFiles(DataDir() / "vectors")),
                         [](const auto& info) { return testing::TestName(info.param); });
INSTANTIATE_TEST_SUITE_P(Shared, CachedFlowVectorTest, ::testing::ValuesIn(VectorsOnAFlow()),
                         [](const auto& info) { return testing::TestName(info.param); });
INSTANTIATE_TEST_SUITE_P(Shared, CompiledFlowVectorTest, ::testing::ValuesIn(VectorsOnAFlow()),
                         [](const auto& info) { return testing::TestName(info.param); });

}  // namespace
}  // namespace leadq
