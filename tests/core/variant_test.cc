// Variant assignment: deterministic, weighted, stable across calls.
#include <gtest/gtest.h>

#include "leadq/conversation.h"

namespace leadq {
namespace {

Flow WithVariants(std::vector<std::pair<std::string, int>> weights) {
  Flow flow;
  flow.id = "f";
  for (const auto& [id, weight] : weights) {
    Variant variant;
    variant.id = id;
    variant.weight = weight;
    flow.variants.push_back(variant);
  }
  return flow;
}

TEST(VariantTest, NoVariants) { EXPECT_EQ(AssignVariant(WithVariants({}), "v"), ""); }

TEST(VariantTest, KnownAssignments) {
  // FNV-1a 64 of "f\n" then of the visitor id, modulo the total weight.
  const Flow flow = WithVariants({{"a", 1}, {"b", 1}});
  const std::string first = AssignVariant(flow, "visitor");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(AssignVariant(flow, "visitor"), first);
}

TEST(VariantTest, ZeroWeightNeverChosen) {
  const Flow flow = WithVariants({{"off", 0}, {"on", 5}});
  for (int i = 0; i < 200; ++i) EXPECT_EQ(AssignVariant(flow, "v" + std::to_string(i)), "on");
}

struct SplitCase {
  const char* name;
  int weight_a;
  int weight_b;
};

class VariantSplitTest : public ::testing::TestWithParam<SplitCase> {};

TEST_P(VariantSplitTest, FollowsWeights) {
  const Flow flow = WithVariants({{"a", GetParam().weight_a}, {"b", GetParam().weight_b}});
  int a = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) a += AssignVariant(flow, "visitor-" + std::to_string(i)) == "a";
  const double expected =
      static_cast<double>(GetParam().weight_a) / (GetParam().weight_a + GetParam().weight_b);
  EXPECT_NEAR(static_cast<double>(a) / n, expected, 0.02);
}

const SplitCase kSplits[] = {{"even", 1, 1}, {"one_to_three", 1, 3}, {"ninety_ten", 90, 10}};

INSTANTIATE_TEST_SUITE_P(Weights, VariantSplitTest, ::testing::ValuesIn(kSplits),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace leadq
