// Flow: a marketer's qualification conversation and lead definition, decoded.
//
// A Flow is a plain value produced by DecodeFlow (flow_decoder.h) from the versioned JSON
// format documented in docs/flow-format.md. Everything here is already validated: ids are
// unique, references resolve, every declared language has its texts.
#ifndef LEADQ_FLOW_H_
#define LEADQ_FLOW_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "leadq/json.h"

namespace leadq {

// Text in several languages, keyed by language code ("en", "nl").
using LocalizedText = std::map<std::string, std::string>;

// Where a condition reads its left-hand value from.
enum class Source {
  kField,   // explicit profile field (answers merged over known profile)
  kSignal,  // implicit signal: page_views, visits, time_on_site, channel, utm_*, pages
};

enum class Operator {
  kEq,
  kNeq,
  kIn,
  kNotIn,
  kGt,
  kGte,
  kLt,
  kLte,
  kBetween,
  kContains,
  kStartsWith,
  kPresent,
  kAbsent,
  kAnyStartsWith,
};

// A boolean expression over the profile. kAll/kAny/kNot combine children; kCompare
// compares one field or signal with `operand`; kAlways is true (an absent condition).
struct Condition {
  enum class Kind { kAlways, kAll, kAny, kNot, kCompare };
  Kind kind = Kind::kAlways;
  std::vector<Condition> children;
  Source source = Source::kField;
  std::string name;
  Operator op = Operator::kEq;
  JsonValue operand;
  // The named condition this one is a copy of ({"ref": name} in the flow), or "". The
  // copy is made when the flow is decoded, so evaluating a reference costs nothing.
  std::string ref;
};

enum class InputType {
  kShortText,
  kLongText,
  kEmail,
  kPhone,
  kUrl,
  kNumber,
  kMoneyRange,
  kSingleChoice,
  kMultipleChoice,
  kYesNo,
  kScale,
  kTimeframe,
  kConsent,
};

struct Choice {
  std::string value;
  LocalizedText label;
  // For money ranges: the band's bounds (max < 0 means open-ended).
  double min = 0;
  double max = -1;
};

struct Jump {
  Condition when;
  std::string to;  // a step id, or "end"
};

struct Step {
  enum class Kind { kMessage, kQuestion };
  std::string id;
  Kind kind = Kind::kQuestion;
  LocalizedText text;
  LocalizedText help;
  // Questions only.
  std::string field;
  InputType input = InputType::kShortText;
  bool required = true;
  bool always_ask = false;
  int priority = 0;  // higher is asked first when a per-visit cap applies
  std::vector<Choice> choices;
  double min = 0, max = 0;  // number (has_min/has_max) and scale bounds
  bool has_min = false, has_max = false;
  LocalizedText unit;  // number questions: shown next to the input
  int max_length = 0;  // text inputs; 0 means the type's default
  std::string consent_version;
  Condition show_if;                // the step is shown only when this holds
  std::vector<Jump> jumps;          // evaluated in order after the step
  std::optional<Condition> end_if;  // ends the conversation early (knockouts)
};

enum class Category { kBudget, kAuthority, kNeed, kTiming, kFit, kIntent, kEngagement };

struct Criterion {
  std::string id;
  Category category = Category::kFit;
  double points = 0;
  LocalizedText reason;
  Condition when;
  bool decays = false;  // points fade with time (default: intent and engagement criteria)
  // A must-have: a lead that does not meet it is not qualified, whatever its points (it
  // is nurtured as a near miss, with the criterion named among the reasons).
  bool must_have = false;
};

enum class Grade { kNone, kLow, kMedium, kHigh };

struct SlaTerms {
  int64_t first_response_minutes = 0;
  int follow_up_touches = 0;
  // The minutes count working time of the site's business hours (a 5-minute deadline at
  // 03:00 on a Saturday falls at 09:05 on Monday), not calendar time. Without business
  // hours to count them in, they count as calendar time.
  bool business_hours = false;
};

struct LeadDefinition {
  std::vector<Criterion> criteria;
  std::vector<Criterion> knockouts;  // any match disqualifies; points unused
  std::vector<std::string> required_fields;
  double high = 0, medium = 0, low = 0;  // grade thresholds, high > medium > low
  double nurture_min = 0;                // below `low` but at least this: nurture
  double decay_half_life_days = 0;       // 0: behavioural points never decay
  Condition hard_conversion;
  Condition soft_conversion;
  bool has_hard_conversion = false, has_soft_conversion = false;
  // A qualified lead always goes to sales; `handoff_triggers` may add "hard_conversion":
  // a hard conversion that is not disqualified (a demo request from a lead still missing
  // answers or points) goes to sales too (the handoff rules, leadq/handoff.h).
  bool handoff_on_hard_conversion = false;
};

struct Variant {
  std::string id;
  int weight = 1;
  // Per-step text overrides: step id -> text.
  std::map<std::string, LocalizedText> texts;
  // Steps this variant leaves out (a shorter flow is a common experiment).
  std::vector<std::string> hidden;
};

struct Flow {
  std::string id;
  int version = 1;
  std::vector<std::string> languages;
  std::string default_language;
  int max_questions_per_visit = 0;  // 0: no cap
  std::vector<Step> steps;
  LeadDefinition definition;
  std::map<Grade, SlaTerms> sla;
  std::vector<Variant> variants;
  // The named conditions ("conditions"), as decoded; every {"ref"} in the flow is
  // already replaced by a copy of the one it names.
  std::map<std::string, Condition> conditions;

  // Index of the step with `id`, or -1.
  int StepIndex(const std::string& id) const;

  // Step id -> index, filled by DecodeFlow for fast lookups. When it does not cover
  // `steps` (a Flow built or changed by hand), StepIndex scans the steps instead.
  std::map<std::string, int> step_index;
};

// The names used in the JSON format ("single_choice", "budget", "high", "starts_with").
const char* ToString(InputType type);
const char* ToString(Operator op);
const char* ToString(Category category);
const char* ToString(Grade grade);

}  // namespace leadq

#endif  // LEADQ_FLOW_H_
