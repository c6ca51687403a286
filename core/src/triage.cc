// Triage: knockouts, points with reasons and decay, required fields, grades and the SLA.
#include <algorithm>
#include <cmath>
#include <limits>

#include "decay.h"
#include "leadq/condition.h"
#include "leadq/outcome.h"
#include "localized.h"

namespace leadq {
namespace {

// Points are reported to two decimals, which also keeps the JSON identical on every target.
double RoundPoints(double points) { return std::round(points * 100.0) / 100.0; }

// How long ago the visitor was last active; 0 when unknown or in the future.
int64_t ActivityAge(const Signals& signals, int64_t now_ms) {
  if (signals.last_activity_ms <= 0 || now_ms <= signals.last_activity_ms) return 0;
  return now_ms - signals.last_activity_ms;  // both positive: cannot overflow
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

Grade GradeFor(const LeadDefinition& definition, double points) {
  if (points >= definition.high) return Grade::kHigh;
  if (points >= definition.medium) return Grade::kMedium;
  if (points >= definition.low) return Grade::kLow;
  return Grade::kNone;
}

}  // namespace

Outcome Decide(const Flow& flow, const JsonValue& fields, const Signals& signals, int64_t now_ms,
               const std::string& language) {
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
  const double decay = DecayFactor(definition.decay_half_life_days, ActivityAge(signals, now_ms));
  for (const Criterion& criterion : definition.criteria) {
    if (!Evaluate(criterion.when, fields, signals)) continue;
    const double points =
        RoundPoints(criterion.decays ? criterion.points * decay : criterion.points);
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
  } else if (outcome.total_points >= definition.low) {
    outcome.triage = Triage::kQualified;
    outcome.grade = GradeFor(definition, outcome.total_points);
  } else if (outcome.total_points >= definition.nurture_min) {
    outcome.triage = Triage::kNurture;
  } else {
    outcome.triage = Triage::kDisqualified;
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
          SaturatingAdd(now_ms, std::clamp<int64_t>(it->second.first_response_minutes, 0,
                                                    std::numeric_limits<int64_t>::max() / 60000) *
                                    60000);
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
