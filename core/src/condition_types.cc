// Which comparisons can match which values, and the order of ordered answers.
#include "condition_types.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

namespace leadq {
namespace {

bool IsOrderOperator(Operator op) {
  return op == Operator::kGt || op == Operator::kGte || op == Operator::kLt ||
         op == Operator::kLte || op == Operator::kBetween;
}

bool IsTextOperator(Operator op) {
  return op == Operator::kContains || op == Operator::kStartsWith || op == Operator::kAnyStartsWith;
}

std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

// "\"need\" is a yes_no question" or "the signal \"visits\" holds a number".
std::string Subject(ValueKind kind, const Step* question, const std::string& name) {
  if (question != nullptr) return Quoted(name) + " is a " + ToString(question->input) + " question";
  switch (kind) {
    case ValueKind::kNumber:
      return "the signal " + Quoted(name) + " holds a number";
    case ValueKind::kList:
      return "the signal " + Quoted(name) + " holds a list of page paths";
    default:
      return "the signal " + Quoted(name) + " holds a text";
  }
}

// "small, medium, large" (at most eight, then "…").
std::string ChoiceList(const Step& question) {
  std::string list;
  for (size_t i = 0; i < question.choices.size(); ++i) {
    if (i == 8) return list + ", …";
    list += (i == 0 ? "" : ", ") + question.choices[i].value;
  }
  return list;
}

bool IsChoiceValue(const Step* question, const JsonValue& value) {
  return value.is_string() && question != nullptr &&
         std::any_of(question->choices.begin(), question->choices.end(),
                     [&](const Choice& c) { return c.value == value.as_string(); });
}

// The index of `value` among the question's choices, or -1.
int ChoiceIndex(const Step& question, const JsonValue& value) {
  for (size_t i = 0; i < question.choices.size(); ++i) {
    if (value.is_string() && question.choices[i].value == value.as_string()) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// The operand values that are compared with the field's value one by one.
std::vector<const JsonValue*> ComparedValues(const Condition& condition) {
  std::vector<const JsonValue*> values;
  const Operator op = condition.op;
  if (op == Operator::kEq || op == Operator::kNeq || op == Operator::kGt || op == Operator::kGte ||
      op == Operator::kLt || op == Operator::kLte || op == Operator::kContains) {
    values.push_back(&condition.operand);
  }
  if ((op == Operator::kIn || op == Operator::kNotIn || op == Operator::kBetween) &&
      condition.operand.is_array()) {
    for (const JsonValue& value : condition.operand.items()) values.push_back(&value);
  }
  return values;
}

// Why a comparison can never match, and which of its members is at fault ("op" or
// "value"); an empty message when it can match.
struct Refused {
  const char* member = "value";
  std::string message;
};

Refused OperatorRefused(std::string message) { return {"op", std::move(message)}; }
Refused ValueRefused(std::string message) { return {"value", std::move(message)}; }

// `subject` names the field or signal in the message.
Refused Refusal(ValueKind kind, const Step* question, const Condition& condition,
                const std::string& subject) {
  const Operator op = condition.op;
  const std::string op_name = Quoted(ToString(op));
  const std::vector<const JsonValue*> values = ComparedValues(condition);
  switch (kind) {
    case ValueKind::kBoolean:
      if (op != Operator::kEq && op != Operator::kNeq) {
        return OperatorRefused(subject + ": " + op_name +
                               " cannot compare it; use eq true or eq false");
      }
      if (!condition.operand.is_bool()) {
        const std::string text = condition.operand.is_string() ? condition.operand.as_string() : "";
        const bool negative = text == "no" || text == "nee" || text == "false" ||
                              (condition.operand.is_number() && condition.operand.as_double() == 0);
        return ValueRefused(subject + ": compare with " + (negative ? "false" : "true") + ", not " +
                            condition.operand.Dump());
      }
      return {};
    case ValueKind::kNumber:
      if (IsTextOperator(op)) {
        return OperatorRefused(subject + ": " + op_name +
                               " compares texts; use eq, gt, gte, lt, lte or between");
      }
      for (const JsonValue* value : values) {
        if (!value->is_number()) {
          return ValueRefused(subject + ": compare with a number, not " + value->Dump());
        }
      }
      return {};
    case ValueKind::kText:
      if (IsOrderOperator(op)) {
        return OperatorRefused(subject + ": " + op_name +
                               " compares numbers; use eq, in, contains or starts_with");
      }
      for (const JsonValue* value : values) {
        if (!value->is_string())
          return ValueRefused(subject + ": compare with a text, not " + value->Dump());
      }
      return {};
    case ValueKind::kList:
      if (op != Operator::kContains && op != Operator::kAnyStartsWith &&
          op != Operator::kStartsWith && op != Operator::kIn && op != Operator::kNotIn) {
        return OperatorRefused(subject + ": " + op_name +
                               " cannot compare it; use contains or any_starts_with");
      }
      for (const JsonValue* value : values) {
        if (!value->is_string())
          return ValueRefused(subject + ": compare with a path, not " + value->Dump());
      }
      return {};
    case ValueKind::kChoice:
    case ValueKind::kChoices:
    case ValueKind::kBand:
    case ValueKind::kOrderedChoice:
      break;
    case ValueKind::kUnknown:
      return {};
  }
  // Choice-like values: which operators fit, then whether each value is one of the
  // question's choices (or, for money bands, an amount).
  if (IsTextOperator(op) && !(kind == ValueKind::kChoices && op == Operator::kContains)) {
    return OperatorRefused(subject + ": " + op_name +
                           " compares texts; list the choices that count with in");
  }
  if (kind == ValueKind::kChoices && (op == Operator::kEq || op == Operator::kNeq)) {
    return OperatorRefused(subject +
                           ": it holds a list of choices; use contains \"value\" or in [values]");
  }
  if (IsOrderOperator(op)) {
    if (kind == ValueKind::kChoice || kind == ValueKind::kChoices) {
      return OperatorRefused(subject +
                             ": its choices have no order; list the ones that count with in");
    }
    if (kind == ValueKind::kBand) {
      for (const JsonValue* value : values) {
        if (!value->is_number()) {
          return ValueRefused(subject + ": compare with an amount (gte 10000), not " +
                              value->Dump() + ", or list its bands with in");
        }
      }
      return {};
    }
    for (const JsonValue* value : values) {  // timeframe
      if (!IsChoiceValue(question, *value)) {
        return ValueRefused(subject + ": compare with one of its choices (" +
                            ChoiceList(*question) + "), not " + value->Dump());
      }
    }
    if (op == Operator::kBetween && ChoiceIndex(*question, condition.operand[0]) >
                                        ChoiceIndex(*question, condition.operand[1])) {
      return ValueRefused(subject + ": give the sooner choice first (its choices run " +
                          ChoiceList(*question) + ")");
    }
    return {};
  }
  for (const JsonValue* value : values) {
    if (!IsChoiceValue(question, *value)) {
      return ValueRefused(Quoted(condition.name) + " has no choice " + value->Dump() +
                          "; its choices are " + ChoiceList(*question));
    }
  }
  return {};
}

// Whether every amount of `band` (min up to, not including, max) satisfies the order
// comparison `condition`.
bool BandSatisfies(const Choice& band, const Condition& condition) {
  const bool open = band.max < 0;
  const JsonValue& operand = condition.operand;
  switch (condition.op) {
    case Operator::kGt:
      return band.min > operand.as_double();
    case Operator::kGte:
      return band.min >= operand.as_double();
    case Operator::kLt:
    case Operator::kLte:
      return !open && band.max <= operand.as_double();
    case Operator::kBetween:
      return band.min >= operand[0].as_double() && !open && band.max <= operand[1].as_double();
    default:
      return false;
  }
}

bool RankSatisfies(int rank, const Step& question, const Condition& condition) {
  const JsonValue& operand = condition.operand;
  switch (condition.op) {
    case Operator::kGt:
      return rank > ChoiceIndex(question, operand);
    case Operator::kGte:
      return rank >= ChoiceIndex(question, operand);
    case Operator::kLt:
      return rank < ChoiceIndex(question, operand);
    case Operator::kLte:
      return rank <= ChoiceIndex(question, operand);
    case Operator::kBetween:
      return rank >= ChoiceIndex(question, operand[0]) && rank <= ChoiceIndex(question, operand[1]);
    default:
      return false;
  }
}

class OrderResolver {
 public:
  explicit OrderResolver(const Flow& flow) {
    for (const Step& step : flow.steps) {
      if (step.kind == Step::Kind::kQuestion) questions_.emplace(step.field, &step);
    }
  }

  void Resolve(Condition* condition) const {
    for (Condition& child : condition->children) Resolve(&child);
    if (condition->kind != Condition::Kind::kCompare || condition->source != Source::kField ||
        !IsOrderOperator(condition->op)) {
      return;
    }
    auto it = questions_.find(condition->name);
    if (it == questions_.end()) return;
    const Step& question = *it->second;
    const ValueKind kind = FieldKind(question.input);
    if ((kind != ValueKind::kBand && kind != ValueKind::kOrderedChoice) ||
        !Refusal(kind, &question, *condition, "").message.empty()) {
      return;
    }
    JsonValue values = JsonValue::MakeArray();
    for (size_t i = 0; i < question.choices.size(); ++i) {
      const Choice& choice = question.choices[i];
      const bool satisfies = kind == ValueKind::kBand
                                 ? BandSatisfies(choice, *condition)
                                 : RankSatisfies(static_cast<int>(i), question, *condition);
      if (satisfies) values.PushBack(choice.value);
    }
    condition->op = Operator::kIn;
    condition->operand = std::move(values);
  }

 private:
  std::map<std::string, const Step*> questions_;  // the first question of each field
};

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
      return ValueKind::kBand;
    case InputType::kTimeframe:
      return ValueKind::kOrderedChoice;
    case InputType::kSingleChoice:
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

void CheckComparisonType(JsonReader& reader, ValueKind kind, const Step* question,
                         const Condition& condition, const std::string& path) {
  const Operator op = condition.op;
  if (op == Operator::kPresent || op == Operator::kAbsent) return;
  const Refused refused =
      Refusal(kind, question, condition, Subject(kind, question, condition.name));
  if (!refused.message.empty()) reader.Problem(JoinPath(path, refused.member), refused.message);
}

void ResolveOrderedComparisons(Flow* flow) {
  const OrderResolver resolver(*flow);
  for (Step& step : flow->steps) {
    resolver.Resolve(&step.show_if);
    if (step.end_if) resolver.Resolve(&*step.end_if);
    for (Jump& jump : step.jumps) resolver.Resolve(&jump.when);
  }
  LeadDefinition& definition = flow->definition;
  for (Criterion& criterion : definition.criteria) resolver.Resolve(&criterion.when);
  for (Criterion& knockout : definition.knockouts) resolver.Resolve(&knockout.when);
  resolver.Resolve(&definition.hard_conversion);
  resolver.Resolve(&definition.soft_conversion);
  for (auto& [name, condition] : flow->conditions) resolver.Resolve(&condition);
}

const Choice* BandFor(const Step& question, double amount) {
  const Choice* closed_at = nullptr;
  for (const Choice& band : question.choices) {
    if (amount < band.min) continue;
    if (band.max < 0 || amount < band.max) return &band;
    if (amount == band.max && closed_at == nullptr) closed_at = &band;
  }
  return closed_at;
}

}  // namespace leadq
