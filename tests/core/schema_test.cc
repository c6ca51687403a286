// The published JSON Schema (docs/flow.schema.json) names the same operators, question
// types and categories as the decoder, so the two cannot drift apart silently.
#include <gtest/gtest.h>

#include <set>

#include "leadq/flow.h"
#include "test_data.h"
#include "test_json.h"

namespace leadq {
namespace {

Json Schema() {
  return Json::parse(testing::ReadText(std::filesystem::path(LEADQ_DOCS_DIR) / "flow.schema.json"),
                     nullptr, false);
}

std::set<std::string> Strings(const Json& list) {
  std::set<std::string> out;
  for (const Json& item : list) out.insert(item.get<std::string>());
  return out;
}

TEST(SchemaTest, IsDraft2020) {
  const Json schema = Schema();
  ASSERT_TRUE(schema.is_object());
  EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(schema["properties"]["format"]["const"], "leadq.flow/1");
}

TEST(SchemaTest, SameOperators) {
  std::set<std::string> decoder;
  for (int op = 0; op <= static_cast<int>(Operator::kAnyStartsWith); ++op) {
    decoder.insert(ToString(static_cast<Operator>(op)));
  }
  EXPECT_EQ(Strings(Schema()["$defs"]["operator"]["enum"]), decoder);
}

TEST(SchemaTest, SameStepTypes) {
  std::set<std::string> decoder = {"message"};
  for (int type = 0; type <= static_cast<int>(InputType::kConsent); ++type) {
    decoder.insert(ToString(static_cast<InputType>(type)));
  }
  const Json document = Schema();  // kept alive for the loop below
  std::set<std::string> schema;
  for (const Json& branch : document["$defs"]["step"]["oneOf"]) {
    const Json& type = branch["properties"]["type"];
    if (type.contains("const")) schema.insert(type["const"].get<std::string>());
    if (type.contains("enum")) {
      for (const std::string& name : Strings(type["enum"])) schema.insert(name);
    }
  }
  EXPECT_EQ(schema, decoder);
}

TEST(SchemaTest, SameCategories) {
  std::set<std::string> decoder;
  for (int category = 0; category <= static_cast<int>(Category::kEngagement); ++category) {
    decoder.insert(ToString(static_cast<Category>(category)));
  }
  EXPECT_EQ(Strings(Schema()["$defs"]["criterion"]["properties"]["category"]["enum"]), decoder);
}

}  // namespace
}  // namespace leadq
