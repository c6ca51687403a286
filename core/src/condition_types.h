// Type checks of comparisons: what a field or signal holds, and whether an operator and
// its operand can ever match it ("yes" on a yes/no field never does: it holds true/false).
#ifndef LEADQ_CORE_CONDITION_TYPES_H_
#define LEADQ_CORE_CONDITION_TYPES_H_

#include <string>

#include "json_reader.h"
#include "leadq/flow.h"

namespace leadq {

// What a field or signal holds.
enum class ValueKind { kText, kNumber, kChoice, kChoices, kBoolean, kList, kUnknown };

// The kind of a signal, or kUnknown when there is no signal called `name`.
ValueKind SignalKind(const std::string& name);

// The kind of value a question of type `input` stores.
ValueKind FieldKind(InputType input);

// Records a problem in `reader` when the comparison `condition` can never match a value
// of `kind`. `question` is the question that fills the field (for its choice values), or
// nullptr for a signal.
void CheckComparisonType(JsonReader& reader, ValueKind kind, const Step* question,
                         const Condition& condition, const std::string& path);

}  // namespace leadq

#endif  // LEADQ_CORE_CONDITION_TYPES_H_
