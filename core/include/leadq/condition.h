// Condition evaluation over explicit fields and implicit signals.
#ifndef LEADQ_CONDITION_H_
#define LEADQ_CONDITION_H_

#include "leadq/flow.h"
#include "leadq/profile.h"

namespace leadq {

// True when `condition` holds for `fields` (an object: field -> value) and `signals`.
// A comparison against an absent field is false, except for kAbsent.
bool Evaluate(const Condition& condition, const JsonValue& fields, const Signals& signals);

// A condition's value when some fields are still to be asked: kUnknown when it depends on
// one of them (its answer could make it either way).
enum class Truth { kFalse, kTrue, kUnknown };

// As Evaluate, in three values: a comparison of a field `pending` names is kUnknown, and
// all/any/not combine them as Kleene's logic does (false and unknown is false, true or
// unknown is true). `pending(name)` says whether a field is still to be asked.
template <typename Pending>
Truth EvaluateKnown(const Condition& condition, const JsonValue& fields, const Signals& signals,
                    const Pending& pending);

// The value a signal condition reads, or null when the signal name is unknown or unset.
JsonValue SignalValue(const Signals& signals, const std::string& name);

// When the behaviour `condition` is about last happened, for the time decay of its
// points: for a comparison on the pages seen, the latest time a page that satisfies it on
// its own was seen; for any other signal, the latest behaviour event; the latest of these
// over all/any/not. 0 when the condition reads no signal or the times are not known.
int64_t BehaviourTime(const Condition& condition, const Signals& signals);

template <typename Pending>
Truth EvaluateKnown(const Condition& condition, const JsonValue& fields, const Signals& signals,
                    const Pending& pending) {
  switch (condition.kind) {
    case Condition::Kind::kAlways:
      return Truth::kTrue;
    case Condition::Kind::kAll:
    case Condition::Kind::kAny: {
      const bool all = condition.kind == Condition::Kind::kAll;
      Truth result = all ? Truth::kTrue : Truth::kFalse;
      for (const Condition& child : condition.children) {
        const Truth truth = EvaluateKnown(child, fields, signals, pending);
        if (truth == (all ? Truth::kFalse : Truth::kTrue)) return truth;
        if (truth == Truth::kUnknown) result = Truth::kUnknown;
      }
      return result;
    }
    case Condition::Kind::kNot: {
      if (condition.children.empty()) return Truth::kTrue;
      const Truth truth = EvaluateKnown(condition.children[0], fields, signals, pending);
      return truth == Truth::kUnknown ? truth
             : truth == Truth::kTrue  ? Truth::kFalse
                                      : Truth::kTrue;
    }
    case Condition::Kind::kCompare:
      break;
  }
  if (condition.source == Source::kField && pending(condition.name)) return Truth::kUnknown;
  return Evaluate(condition, fields, signals) ? Truth::kTrue : Truth::kFalse;
}

}  // namespace leadq

#endif  // LEADQ_CONDITION_H_
