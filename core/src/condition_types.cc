// Which comparisons can match which values.
#include "condition_types.h"

#include <algorithm>
#include <vector>

namespace leadq {
namespace {

const char* KindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kText:
      return "text";
    case ValueKind::kNumber:
      return "a number";
    case ValueKind::kChoice:
      return "one choice value";
    case ValueKind::kChoices:
      return "a list of choice values";
    case ValueKind::kBoolean:
      return "true or false";
    case ValueKind::kList:
      return "a list of page paths";
    case ValueKind::kUnknown:
      break;
  }
  return "any value";
}

// Whether a single value of `kind` (an element, for lists) can equal `value`.
bool Matches(ValueKind kind, const Step* question, const JsonValue& value) {
  switch (kind) {
    case ValueKind::kText:
    case ValueKind::kList:
      return value.is_string();
    case ValueKind::kNumber:
      return value.is_number();
    case ValueKind::kBoolean:
      return value.is_bool();
    case ValueKind::kChoice:
    case ValueKind::kChoices:
      return value.is_string() && question != nullptr &&
             std::any_of(question->choices.begin(), question->choices.end(),
                         [&](const Choice& c) { return c.value == value.as_string(); });
    case ValueKind::kUnknown:
      return true;
  }
  return true;
}

}  // namespace

ValueKind SignalKind(const std::string& name) {
  if (name == "page_views" || name == "visits" || name == "time_on_site") return ValueKind::kNumber;
  if (name == "channel" || name == "utm_source" || name == "utm_medium" || name == "utm_campaign" ||
      name == "utm_term" || name == "utm_content") {
    return ValueKind::kText;
  }
  if (name == "pages") return ValueKind::kList;
  return ValueKind::kUnknown;
}

ValueKind FieldKind(InputType input) {
  switch (input) {
    case InputType::kNumber:
    case InputType::kScale:
      return ValueKind::kNumber;
    case InputType::kMoneyRange:
    case InputType::kSingleChoice:
    case InputType::kTimeframe:
      return ValueKind::kChoice;
    case InputType::kMultipleChoice:
      return ValueKind::kChoices;
    case InputType::kYesNo:
    case InputType::kConsent:
      return ValueKind::kBoolean;
    default:
      return ValueKind::kText;
  }
}

// Type mismatches: an operator or operand that can never match what the field or
// signal holds, such as a numeric comparison on a text, "yes" on a yes/no field (which
// holds true or false) or a choice value the question does not offer.
void CheckComparisonType(JsonReader& reader, ValueKind kind, const Step* question,
                         const Condition& condition, const std::string& path) {
  const std::string subject = "\"" + condition.name + "\" holds " + KindName(kind);
  const Operator op = condition.op;
  if (op == Operator::kPresent || op == Operator::kAbsent) return;
  const bool numeric_op = op == Operator::kGt || op == Operator::kGte || op == Operator::kLt ||
                          op == Operator::kLte || op == Operator::kBetween;
  const bool text_op =
      op == Operator::kContains || op == Operator::kStartsWith || op == Operator::kAnyStartsWith;
  bool fits = true;
  if (numeric_op) {
    fits = kind == ValueKind::kNumber;
  } else if (op == Operator::kContains) {
    fits = kind == ValueKind::kText || kind == ValueKind::kChoices || kind == ValueKind::kList;
  } else if (text_op) {
    fits = kind == ValueKind::kText || kind == ValueKind::kChoices || kind == ValueKind::kList;
  } else if (op == Operator::kEq || op == Operator::kNeq) {
    fits = kind != ValueKind::kChoices && kind != ValueKind::kList;
  }
  if (!fits) {
    reader.Problem(JoinPath(path, "op"), subject + ": \"" + ToString(op) + "\" can never match it");
    return;
  }
  // The operand values that are compared with the field's value one by one.
  std::vector<const JsonValue*> values;
  if (op == Operator::kEq || op == Operator::kNeq) values.push_back(&condition.operand);
  if ((op == Operator::kIn || op == Operator::kNotIn) && condition.operand.is_array()) {
    for (const JsonValue& value : condition.operand.items()) values.push_back(&value);
  }
  if (op == Operator::kContains && kind == ValueKind::kChoices) {
    values.push_back(&condition.operand);
  }
  for (const JsonValue* value : values) {
    if (!Matches(kind, question, *value)) {
      reader.Problem(JoinPath(path, "value"),
                     "\"" + condition.name + "\" never has the value " + value->Dump());
      return;
    }
  }
}

}  // namespace leadq
