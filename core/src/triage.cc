// Triage: knockouts, points with reasons and decay, required fields, must-haves, grades
// and the SLA.
#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <utility>
#include <vector>

#include "decay.h"
#include "leadq/business_time.h"
#include "leadq/condition.h"
#include "leadq/outcome.h"
#include "localized.h"

namespace leadq {
namespace {

// Points are reported to two decimals, which also keeps the JSON identical on every target.
double RoundPoints(double points) { return std::round(points * 100.0) / 100.0; }

// When the behaviour `criterion` is about happened: the page it names was last seen, or
// the visitor's latest behaviour event when it names no page or the page's time is not
// known; 0 when unknown.
int64_t BehaviourAt(const Criterion& criterion, const Signals& signals) {
  const int64_t at = BehaviourTime(criterion.when, signals);
  return at > 0 ? at : signals.last_activity_ms;
}

// How long before `now_ms` the behaviour at `at` was; 0 when unknown or in the future.
int64_t AgeAt(int64_t at, int64_t now_ms) {
  if (at <= 0 || now_ms <= at) return 0;
  return now_ms - at;  // both positive: cannot overflow
}

// Points whose value fades: the criterion's full points and when its behaviour was.
struct FadingPoints {
  double points = 0;
  int64_t at = 0;
};

Grade GradeFor(const LeadDefinition& definition, double points) {
  if (points >= definition.high) return Grade::kHigh;
  if (points >= definition.medium) return Grade::kMedium;
  if (points >= definition.low) return Grade::kLow;
  return Grade::kNone;
}

// The part of the triage that points decide: qualified with a grade, nurture, or
// disqualified (knockouts, missing fields and must-haves do not change with time).
std::pair<Triage, Grade> PointsBand(const LeadDefinition& definition, double points) {
  if (points >= definition.low) return {Triage::kQualified, GradeFor(definition, points)};
  if (points >= definition.nurture_min) return {Triage::kNurture, Grade::kNone};
  return {Triage::kDisqualified, Grade::kNone};
}

double PointsAt(const LeadDefinition& definition, double fixed,
                const std::vector<FadingPoints>& fading, int64_t at_ms) {
  double total = fixed;
  for (const FadingPoints& term : fading) {
    total += RoundPoints(term.points *
                         DecayFactor(definition.decay_half_life_days, AgeAt(term.at, at_ms)));
  }
  return RoundPoints(total);
}

// The first minute after `now_ms` at which fading points move the lead into another
// band (a lower grade, nurture, disqualified); 0 when they never do. Points fade
// monotonically, so a bisection over time finds it; with negative fading points (which
// rise back towards 0) the band may move more than once, and the first change found is
// at most half a half-life ahead, so the lead is looked at again in time.
int64_t NextChange(const LeadDefinition& definition, double fixed,
                   const std::vector<FadingPoints>& fading, int64_t now_ms) {
  if (fading.empty() || now_ms <= 0) return 0;
  constexpr int64_t kMinute = 60'000;
  const int64_t half_life_ms = static_cast<int64_t>(definition.decay_half_life_days * 86'400'000);
  const auto band = [&](int64_t at) {
    return PointsBand(definition, PointsAt(definition, fixed, fading, at));
  };
  const std::pair<Triage, Grade> now_band = band(now_ms);
  const bool mixed = std::any_of(fading.begin(), fading.end(),
                                 [](const FadingPoints& term) { return term.points < 0; });
  int64_t latest = now_ms;
  for (const FadingPoints& term : fading) latest = std::max(latest, term.at);
  // After 64 half-lives every fading point is below 2^-64 of itself: rounded away.
  const int64_t horizon = mixed ? now_ms + std::max(kMinute, half_life_ms / 2)
                                : latest + 64 * std::max(kMinute, half_life_ms);
  int64_t low = now_ms, high = horizon;
  if (band(high) == now_band) return mixed ? horizon : 0;
  while (high - low > kMinute) {
    const int64_t middle = low + (high - low) / 2;
    (band(middle) == now_band ? low : high) = middle;
  }
  return high;
}

int64_t SaturatingAdd(int64_t a, int64_t b) {
  if (b > 0 && a > std::numeric_limits<int64_t>::max() - b) {
    return std::numeric_limits<int64_t>::max();
  }
  if (b < 0 && a < std::numeric_limits<int64_t>::min() - b) {
    return std::numeric_limits<int64_t>::min();
  }
  return a + b;
}

// When the first response is due for `terms` on a lead decided at `now_ms`.
int64_t SlaDeadline(const SlaTerms& terms, int64_t now_ms, const WorkingTime* business_hours,
                    bool* counted_in_business_hours) {
  *counted_in_business_hours = false;
  if (terms.business_hours && business_hours != nullptr) {
    const int64_t due = business_hours->AddMinutes(now_ms, terms.first_response_minutes);
    if (due != kNoBusinessDeadline) {
      *counted_in_business_hours = true;
      return due;
    }
    // No working time within reach (a calendar without it): calendar time, below.
  }
  return SaturatingAdd(now_ms, std::clamp<int64_t>(terms.first_response_minutes, 0,
                                                   std::numeric_limits<int64_t>::max() / 60000) *
                                   60000);
}

}  // namespace

Outcome Decide(const Flow& flow, const JsonValue& fields, const Signals& signals, int64_t now_ms,
               const std::string& language, const WorkingTime* business_hours) {
  const LeadDefinition& definition = flow.definition;
  const std::string& fallback = flow.default_language;
  Outcome outcome;
  if (definition.has_hard_conversion && Evaluate(definition.hard_conversion, fields, signals)) {
    outcome.conversion = Conversion::kHard;
  } else if (definition.has_soft_conversion &&
             Evaluate(definition.soft_conversion, fields, signals)) {
    outcome.conversion = Conversion::kSoft;
  }
  for (const Criterion& knockout : definition.knockouts) {
    if (Evaluate(knockout.when, fields, signals)) {
      outcome.knockout = knockout.id;
      outcome.knockout_reason = Pick(knockout.reason, language, fallback);
      break;
    }
  }
  std::vector<FadingPoints> fading;
  double fixed_points = 0;
  for (const Criterion& criterion : definition.criteria) {
    if (!Evaluate(criterion.when, fields, signals)) {
      if (criterion.must_have) {
        outcome.unmet.push_back(
            {criterion.id, criterion.category, 0, Pick(criterion.reason, language, fallback)});
      }
      continue;
    }
    const bool fades = criterion.decays && definition.decay_half_life_days > 0;
    const int64_t at = fades ? BehaviourAt(criterion, signals) : 0;
    const double points = RoundPoints(
        fades ? criterion.points * DecayFactor(definition.decay_half_life_days, AgeAt(at, now_ms))
              : criterion.points);
    if (fades && at > 0 && criterion.points != 0) {
      fading.push_back({criterion.points, at});
    } else {
      fixed_points += points;
    }
    outcome.matched.push_back(
        {criterion.id, criterion.category, points, Pick(criterion.reason, language, fallback)});
    outcome.total_points += points;
  }
  outcome.total_points = RoundPoints(outcome.total_points);
  for (const std::string& field : definition.required_fields) {
    if (!IsKnown(fields, field)) outcome.missing_fields.push_back(field);
  }

  if (!outcome.knockout.empty()) {
    outcome.triage = Triage::kDisqualified;
  } else if (!outcome.missing_fields.empty()) {
    outcome.triage = Triage::kNotEnoughInformation;
  } else if (!outcome.unmet.empty()) {
    outcome.triage = Triage::kNurture;  // a near miss: the definition says "all of these"
  } else {
    std::tie(outcome.triage, outcome.grade) = PointsBand(definition, outcome.total_points);
    outcome.changes_ms = NextChange(definition, fixed_points, fading, now_ms);
  }

  if (outcome.triage == Triage::kQualified) {
    outcome.stage = Stage::kSalesReady;
  } else if (outcome.triage == Triage::kNurture ||
             (outcome.triage != Triage::kDisqualified && outcome.conversion != Conversion::kNone)) {
    outcome.stage = Stage::kMarketingQualified;
  }
  if (outcome.triage == Triage::kQualified) {
    auto it = flow.sla.find(outcome.grade);
    if (it != flow.sla.end()) {
      outcome.has_sla = true;
      outcome.first_response_minutes = it->second.first_response_minutes;
      outcome.follow_up_touches = it->second.follow_up_touches;
      outcome.sla_deadline_ms =
          SlaDeadline(it->second, now_ms, business_hours, &outcome.sla_business_hours);
    }
  }
  return outcome;
}

const char* ToString(Triage triage) {
  switch (triage) {
    case Triage::kQualified:
      return "qualified";
    case Triage::kNurture:
      return "nurture";
    case Triage::kDisqualified:
      return "disqualified";
    case Triage::kNotEnoughInformation:
      return "not_enough_information";
  }
  return "not_enough_information";
}

const char* ToString(Grade grade) {
  switch (grade) {
    case Grade::kHigh:
      return "high";
    case Grade::kMedium:
      return "medium";
    case Grade::kLow:
      return "low";
    case Grade::kNone:
      return "none";
  }
  return "none";
}

const char* ToString(Conversion conversion) {
  switch (conversion) {
    case Conversion::kHard:
      return "hard";
    case Conversion::kSoft:
      return "soft";
    case Conversion::kNone:
      return "none";
  }
  return "none";
}

const char* ToString(Stage stage) {
  switch (stage) {
    case Stage::kSalesReady:
      return "sales_ready";
    case Stage::kMarketingQualified:
      return "marketing_qualified";
    case Stage::kSuspect:
      return "suspect";
  }
  return "suspect";
}

std::optional<Triage> TriageFromString(std::string_view text) {
  for (Triage t : {Triage::kQualified, Triage::kNurture, Triage::kDisqualified,
                   Triage::kNotEnoughInformation}) {
    if (text == ToString(t)) return t;
  }
  return std::nullopt;
}

std::optional<Grade> GradeFromString(std::string_view text) {
  for (Grade g : {Grade::kHigh, Grade::kMedium, Grade::kLow, Grade::kNone}) {
    if (text == ToString(g)) return g;
  }
  return std::nullopt;
}

}  // namespace leadq
