// Triage: the order of the rules (knockout, missing fields, grades, nurture), the grade
// boundaries, conversions and stages, and the SLA deadline.
#include <gtest/gtest.h>

#include <limits>

#include "leadq/flow_decoder.h"
#include "leadq/outcome.h"
#include "test_json.h"

namespace leadq {
namespace {

// The criteria give as many points as the profile field "p" says, in steps: 10 at p >= 10,
// 20 at p >= 20, 30 at p >= 30, 60 at p >= 60, and -5 for p == -5.
Flow ScoringFlow() {
  const JsonValue document = testing::ParseCore(R"({
    "format": "leadq.flow/1", "id": "t", "languages": ["en"],
    "profile_fields": ["p", "out", "need", "request"],
    "steps": [{"id": "m", "type": "message", "text": "hi"}],
    "lead_definition": {
      "criteria": [
        {"id": "p10", "category": "fit", "points": 10, "reason": "10", "when": {"field": "p", "op": "gte", "value": 10}},
        {"id": "p20", "category": "fit", "points": 10, "reason": "20", "when": {"field": "p", "op": "gte", "value": 20}},
        {"id": "p30", "category": "fit", "points": 10, "reason": "30", "when": {"field": "p", "op": "gte", "value": 30}},
        {"id": "p60", "category": "fit", "points": 30, "reason": "60", "when": {"field": "p", "op": "gte", "value": 60}},
        {"id": "minus5", "category": "fit", "points": -5, "reason": "-5", "when": {"field": "p", "op": "eq", "value": -5}}
      ],
      "knockouts": [{"id": "out", "reason": "Out", "when": {"field": "out", "op": "eq", "value": true}}],
      "required_fields": ["need"],
      "grades": {"high": 60, "medium": 30, "low": 20},
      "nurture_min": 10,
      "conversions": {"hard": {"field": "request", "op": "eq", "value": "demo"},
                      "soft": {"field": "request", "op": "eq", "value": "paper"}}
    },
    "sla": {"high": {"first_response_minutes": 5, "follow_up_touches": 6},
            "low": {"first_response_minutes": 2880}}
  })");
  DecodedFlow decoded = DecodeFlow(document);
  EXPECT_TRUE(decoded.ok()) << decoded.problems[0].path << ": " << decoded.problems[0].message;
  return decoded.flow;
}

struct Case {
  const char* name;
  const char* fields;
  Triage triage;
  Grade grade;
  double points;
  Conversion conversion;
  Stage stage;
};

const Case kCases[] = {
    {"high_at_threshold", R"({"need":1,"p":60})", Triage::kQualified, Grade::kHigh, 60,
     Conversion::kNone, Stage::kSalesReady},
    {"medium_at_threshold", R"({"need":1,"p":30})", Triage::kQualified, Grade::kMedium, 30,
     Conversion::kNone, Stage::kSalesReady},
    {"low_at_threshold", R"({"need":1,"p":20})", Triage::kQualified, Grade::kLow, 20,
     Conversion::kNone, Stage::kSalesReady},
    {"low_below_medium", R"({"need":1,"p":29})", Triage::kQualified, Grade::kLow, 20,
     Conversion::kNone, Stage::kSalesReady},
    {"nurture_below_low", R"({"need":1,"p":19})", Triage::kNurture, Grade::kNone, 10,
     Conversion::kNone, Stage::kMarketingQualified},
    {"nurture_at_minimum", R"({"need":1,"p":10})", Triage::kNurture, Grade::kNone, 10,
     Conversion::kNone, Stage::kMarketingQualified},
    {"below_nurture", R"({"need":1,"p":9})", Triage::kDisqualified, Grade::kNone, 0,
     Conversion::kNone, Stage::kSuspect},
    {"negative_points", R"({"need":1,"p":-5})", Triage::kDisqualified, Grade::kNone, -5,
     Conversion::kNone, Stage::kSuspect},
    {"knockout_beats_points", R"({"need":1,"p":60,"out":true})", Triage::kDisqualified,
     Grade::kNone, 60, Conversion::kNone, Stage::kSuspect},
    {"missing_field_beats_points", R"({"p":60})", Triage::kNotEnoughInformation, Grade::kNone, 60,
     Conversion::kNone, Stage::kSuspect},
    {"empty_text_is_missing", R"({"need":"","p":60})", Triage::kNotEnoughInformation, Grade::kNone,
     60, Conversion::kNone, Stage::kSuspect},
    {"soft_conversion_without_info", R"({"request":"paper"})", Triage::kNotEnoughInformation,
     Grade::kNone, 0, Conversion::kSoft, Stage::kMarketingQualified},
    {"hard_conversion_qualified", R"({"need":1,"p":60,"request":"demo"})", Triage::kQualified,
     Grade::kHigh, 60, Conversion::kHard, Stage::kSalesReady},
    {"hard_conversion_disqualified", R"({"need":1,"out":true,"request":"demo"})",
     Triage::kDisqualified, Grade::kNone, 0, Conversion::kHard, Stage::kSuspect},
};

class TriageTest : public ::testing::TestWithParam<Case> {};

TEST_P(TriageTest, Decides) {
  const Case& c = GetParam();
  const Outcome outcome =
      Decide(ScoringFlow(), testing::ParseCore(c.fields), Signals{}, 1000, "en");
  EXPECT_EQ(ToString(outcome.triage), std::string(ToString(c.triage)));
  EXPECT_EQ(ToString(outcome.grade), std::string(ToString(c.grade)));
  EXPECT_EQ(outcome.total_points, c.points);
  EXPECT_EQ(ToString(outcome.conversion), std::string(ToString(c.conversion)));
  EXPECT_EQ(ToString(outcome.stage), std::string(ToString(c.stage)));
}

INSTANTIATE_TEST_SUITE_P(Rules, TriageTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(SlaTest, DeadlineFromNow) {
  const Outcome high =
      Decide(ScoringFlow(), testing::ParseCore(R"({"need":1,"p":60})"), {}, 1000, "en");
  ASSERT_TRUE(high.has_sla);
  EXPECT_EQ(high.sla_deadline_ms, 1000 + 5 * 60000);
  EXPECT_EQ(high.follow_up_touches, 6);
  const Outcome low =
      Decide(ScoringFlow(), testing::ParseCore(R"({"need":1,"p":20})"), {}, 0, "en");
  ASSERT_TRUE(low.has_sla);
  EXPECT_EQ(low.sla_deadline_ms, 2880 * 60000);
  EXPECT_EQ(low.follow_up_touches, 1);  // the default when a grade names no touches
}

TEST(SlaTest, GradeWithoutTermsHasNoSla) {
  const Outcome medium =
      Decide(ScoringFlow(), testing::ParseCore(R"({"need":1,"p":30})"), {}, 0, "en");
  EXPECT_EQ(medium.grade, Grade::kMedium);
  EXPECT_FALSE(medium.has_sla);
}

TEST(SlaTest, DeadlineSaturatesInsteadOfOverflowing) {
  const int64_t now = std::numeric_limits<int64_t>::max() - 10;
  const Outcome high =
      Decide(ScoringFlow(), testing::ParseCore(R"({"need":1,"p":60})"), {}, now, "en");
  EXPECT_EQ(high.sla_deadline_ms, std::numeric_limits<int64_t>::max());
}

}  // namespace
}  // namespace leadq

namespace leadq {
namespace {

// Behaviour points fade from the time of the behaviour they are about: a pricing visit
// from the page's own last view, not from the visitor's latest page of any kind.
TEST(BehaviourDecayTest, FadesFromWhenThePageWasLastSeen) {
  const JsonValue document = testing::ParseCore(R"({
    "format": "leadq.flow/1", "id": "t", "languages": ["en"],
    "steps": [{"id": "m", "type": "message", "text": "hi"}],
    "lead_definition": {
      "criteria": [
        {"id": "pricing", "category": "intent", "points": 40, "reason": "Pricing",
         "when": {"signal": "pages", "op": "any_starts_with", "value": "/pricing"}},
        {"id": "returning", "category": "engagement", "points": 20, "reason": "Returning",
         "when": {"signal": "visits", "op": "gte", "value": 2}},
        {"id": "either", "category": "intent", "points": 10, "reason": "Either",
         "when": {"any": [{"signal": "pages", "op": "contains", "value": "/demo"},
                          {"signal": "pages", "op": "contains", "value": "/pricing"}]}}
      ],
      "grades": {"high": 60, "medium": 40, "low": 20},
      "decay_half_life_days": 10
    }
  })");
  DecodedFlow decoded = DecodeFlow(document);
  ASSERT_TRUE(decoded.ok()) << decoded.problems[0].message;
  constexpr int64_t kDay = 86'400'000;
  const int64_t now = 100 * kDay;
  Signals signals;
  signals.visits = 3;
  signals.pages = {{"/pricing", now - 10 * kDay}, {"/demo", now - 20 * kDay}, {"/blog", now}};
  signals.last_activity_ms = now;  // read the blog just now
  const Outcome outcome = Decide(decoded.flow, JsonValue::MakeObject(), signals, now, "en");
  ASSERT_EQ(outcome.matched.size(), 3u);
  EXPECT_EQ(outcome.matched[0].points, 20) << "one half-life since /pricing was seen";
  EXPECT_EQ(outcome.matched[1].points, 20) << "visits: from the latest behaviour, now";
  EXPECT_EQ(outcome.matched[2].points, 5) << "any: from the later of /demo and /pricing";

  // Profiles stored before pages had times decay from the latest behaviour, as before.
  for (SeenPage& page : signals.pages) page.last_seen_ms = 0;
  signals.last_activity_ms = now - 20 * kDay;
  const Outcome older = Decide(decoded.flow, JsonValue::MakeObject(), signals, now, "en");
  EXPECT_EQ(older.matched[0].points, 10);
}

}  // namespace
}  // namespace leadq
