// Type checks of comparisons: what a field or signal holds, and whether an operator and
// its operand can ever match it ("yes" on a yes/no field never does: it holds true/false).
// Each refusal names the fix. Also the one place that gives ordered answers their order:
// a money band by its amounts, a timeframe by its place in the list.
#ifndef LEADQ_CORE_CONDITION_TYPES_H_
#define LEADQ_CORE_CONDITION_TYPES_H_

#include <string>

#include "json_reader.h"
#include "leadq/flow.h"

namespace leadq {

// What a field or signal holds.
enum class ValueKind {
  kText,
  kNumber,
  kChoice,         // one value of a list without order (single_choice)
  kChoices,        // several values (multiple_choice)
  kBand,           // one money band, ordered by its amounts (money_range)
  kOrderedChoice,  // one value of an ordered list (timeframe: soonest first)
  kBoolean,
  kList,
  kUnknown,
};

// The kind of a signal, or kUnknown when there is no signal called `name`.
ValueKind SignalKind(const std::string& name);

// The kind of value a question of type `input` stores.
ValueKind FieldKind(InputType input);

// Records a problem in `reader` when the comparison `condition` can never match a value
// of `kind`, saying what would. `question` is the question that fills the field (for its
// type and choice values), or nullptr for a signal.
void CheckComparisonType(JsonReader& reader, ValueKind kind, const Step* question,
                         const Condition& condition, const std::string& path);

// Rewrites every order comparison (gt, gte, lt, lte, between) on a money_range or
// timeframe field of `flow` as the `in` list of the values that satisfy it, so that
// evaluating it is a membership test: a band counts when all of it satisfies the
// comparison (bands run from min up to, not including, max), a timeframe by its place in
// the question's list. Run after the checks; comparisons the checks refused are left.
void ResolveOrderedComparisons(Flow* flow);

// The band of `question` (a money_range) that holds `amount`: min <= amount < max, or,
// when none does, the first band that ends at exactly `amount` (the top of the highest
// closed band belongs to it). nullptr when no band holds it.
const Choice* BandFor(const Step& question, double amount);

}  // namespace leadq

#endif  // LEADQ_CORE_CONDITION_TYPES_H_
