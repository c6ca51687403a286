// Condition evaluation over explicit fields and implicit signals.
#ifndef LEADQ_CONDITION_H_
#define LEADQ_CONDITION_H_

#include "leadq/flow.h"
#include "leadq/profile.h"

namespace leadq {

// True when `condition` holds for `fields` (an object: field -> value) and `signals`.
// A comparison against an absent field is false, except for kAbsent.
bool Evaluate(const Condition& condition, const JsonValue& fields, const Signals& signals);

// The value a signal condition reads, or null when the signal name is unknown or unset.
JsonValue SignalValue(const Signals& signals, const std::string& name);

}  // namespace leadq

#endif  // LEADQ_CONDITION_H_
