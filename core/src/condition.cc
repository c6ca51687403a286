// Evaluating conditions. Total: any operand/value combination yields true or false.
#include "leadq/condition.h"

#include <algorithm>
#include <cmath>

namespace leadq {
namespace {

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Text operators ignore ASCII case: a marketer's "director" should match "Director".
// Only ASCII folds, so the result is the same on every target and in every locale.
bool StartsWith(const std::string& text, const std::string& prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (LowerAscii(text[i]) != LowerAscii(prefix[i])) return false;
  }
  return true;
}

bool ContainsText(const std::string& text, const std::string& needle) {
  if (needle.empty()) return true;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && LowerAscii(text[i + k]) == LowerAscii(needle[k])) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// For a list value (multiple choice, pages), true when any string item starts with
// `prefix`; for a text, when the text does.
bool AnyStartsWith(const JsonValue& value, const std::string& prefix) {
  if (value.is_string()) return StartsWith(value.as_string(), prefix);
  return std::any_of(value.items().begin(), value.items().end(), [&](const JsonValue& item) {
    return item.is_string() && StartsWith(item.as_string(), prefix);
  });
}

// Equality that treats 3 and 3.0 as equal and otherwise compares JSON values exactly.
bool SameValue(const JsonValue& a, const JsonValue& b) {
  if (a.is_number() && b.is_number()) return a.as_double() == b.as_double();
  return a == b;
}

bool Contains(const JsonValue& value, const JsonValue& operand) {
  if (!operand.is_string()) return false;
  const std::string& needle = operand.as_string();
  if (value.is_string()) return ContainsText(value.as_string(), needle);
  return std::any_of(value.items().begin(), value.items().end(),
                     [&](const JsonValue& item) { return SameValue(item, operand); });
}

bool Compare(Operator op, const JsonValue& value, const JsonValue& operand) {
  const bool present = HoldsSomething(value);
  switch (op) {
    case Operator::kPresent:
      return present;
    case Operator::kAbsent:
      return !present;
    default:
      break;
  }
  if (!present) return false;
  switch (op) {
    case Operator::kEq:
      return SameValue(value, operand);
    case Operator::kNeq:
      return !SameValue(value, operand);
    case Operator::kIn:
    case Operator::kNotIn: {
      if (!operand.is_array()) return false;
      bool found = false;
      for (const JsonValue& candidate : operand.items()) {
        if (value.is_array()) {
          for (const JsonValue& item : value.items()) found |= SameValue(item, candidate);
        } else {
          found |= SameValue(value, candidate);
        }
      }
      return op == Operator::kIn ? found : !found;
    }
    case Operator::kGt:
    case Operator::kGte:
    case Operator::kLt:
    case Operator::kLte: {
      if (!value.is_number() || !operand.is_number()) return false;
      const double left = value.as_double();
      const double right = operand.as_double();
      if (op == Operator::kGt) return left > right;
      if (op == Operator::kGte) return left >= right;
      if (op == Operator::kLt) return left < right;
      return left <= right;
    }
    case Operator::kBetween:
      return value.is_number() && operand.is_array() && operand.size() == 2 &&
             operand[0].is_number() && operand[1].is_number() &&
             value.as_double() >= operand[0].as_double() &&
             value.as_double() <= operand[1].as_double();
    case Operator::kContains:
      return Contains(value, operand);
    case Operator::kStartsWith:
    case Operator::kAnyStartsWith:
      return operand.is_string() && AnyStartsWith(value, operand.as_string());
    default:
      return false;
  }
}

}  // namespace

JsonValue SignalValue(const Signals& signals, const std::string& name) {
  if (name == "page_views") return signals.page_views;
  if (name == "visits") return signals.visits;
  if (name == "time_on_site") return signals.time_on_site_seconds;
  if (name == "channel") return signals.channel.empty() ? JsonValue() : JsonValue(signals.channel);
  if (name == "pages") {
    JsonValue paths = JsonValue::MakeArray();
    for (const SeenPage& page : signals.pages) paths.PushBack(page.path);
    return paths;
  }
  if (StartsWith(name, "utm_")) {
    auto it = signals.utm.find(name.substr(4));
    return it == signals.utm.end() ? JsonValue() : JsonValue(it->second);
  }
  return JsonValue();
}

int64_t BehaviourTime(const Condition& condition, const Signals& signals) {
  if (condition.kind != Condition::Kind::kCompare) {
    int64_t latest = 0;
    for (const Condition& child : condition.children) {
      latest = std::max(latest, BehaviourTime(child, signals));
    }
    return latest;
  }
  if (condition.source != Source::kSignal) return 0;
  if (condition.name != "pages") return signals.last_activity_ms;
  int64_t latest = 0;
  for (const SeenPage& page : signals.pages) {
    if (page.last_seen_ms > latest &&
        Compare(condition.op, JsonValue::Array{page.path}, condition.operand)) {
      latest = page.last_seen_ms;
    }
  }
  return latest;
}

bool Evaluate(const Condition& condition, const JsonValue& fields, const Signals& signals) {
  switch (condition.kind) {
    case Condition::Kind::kAlways:
      return true;
    case Condition::Kind::kAll:
      return std::all_of(condition.children.begin(), condition.children.end(),
                         [&](const Condition& child) { return Evaluate(child, fields, signals); });
    case Condition::Kind::kAny:
      return std::any_of(condition.children.begin(), condition.children.end(),
                         [&](const Condition& child) { return Evaluate(child, fields, signals); });
    case Condition::Kind::kNot:
      return condition.children.empty() || !Evaluate(condition.children[0], fields, signals);
    case Condition::Kind::kCompare:
      break;
  }
  if (condition.source == Source::kSignal) {
    return Compare(condition.op, SignalValue(signals, condition.name), condition.operand);
  }
  // Fields are read in place: copying a value per evaluation is most of the cost.
  return Compare(condition.op, fields[condition.name], condition.operand);
}

}  // namespace leadq
