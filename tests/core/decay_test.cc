// Time decay: the portable 2^x and the half-life factor.
#include <gtest/gtest.h>

#include <cmath>

#include "decay.h"

namespace leadq {
namespace {

TEST(Exp2Test, MatchesLibmClosely) {
  for (double x = -60; x <= 0; x += 0.0137) {
    const double want = std::exp2(x);
    EXPECT_NEAR(Exp2NonPositive(x), want, want * 1e-15) << x;
  }
}

TEST(Exp2Test, Edges) {
  EXPECT_EQ(Exp2NonPositive(0), 1.0);
  EXPECT_EQ(Exp2NonPositive(1), 1.0);
  EXPECT_EQ(Exp2NonPositive(-1), 0.5);
  EXPECT_EQ(Exp2NonPositive(-10), 1.0 / 1024);
  EXPECT_EQ(Exp2NonPositive(-2000), 0.0);
  EXPECT_EQ(Exp2NonPositive(std::nan("")), 1.0);
}

struct Case {
  const char* name;
  double half_life_days;
  int64_t age_ms;
  double expected;
};

constexpr int64_t kDay = 86400000;

const Case kCases[] = {
    {"no_half_life", 0, 30 * kDay, 1.0},    {"no_age", 14, 0, 1.0},
    {"future_activity", 14, -kDay, 1.0},    {"one_half_life", 14, 14 * kDay, 0.5},
    {"two_half_lives", 7, 14 * kDay, 0.25}, {"half_a_half_life", 2, kDay, 0.70710678118654757},
};

class DecayTest : public ::testing::TestWithParam<Case> {};

TEST_P(DecayTest, Factor) {
  EXPECT_NEAR(DecayFactor(GetParam().half_life_days, GetParam().age_ms), GetParam().expected,
              1e-15);
}

INSTANTIATE_TEST_SUITE_P(HalfLife, DecayTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace leadq
