// Decoding conditions: {"all":[…]}, {"any":[…]}, {"not":{…}}, and comparisons
// {"field"|"signal": name, "op": operator, "value": operand}.
#include <cmath>
#include <utility>

#include "decoding.h"

namespace leadq {
namespace {

struct OperatorEntry {
  const char* name;
  Operator op;
};

constexpr OperatorEntry kOperators[] = {
    {"eq", Operator::kEq},
    {"neq", Operator::kNeq},
    {"in", Operator::kIn},
    {"not_in", Operator::kNotIn},
    {"gt", Operator::kGt},
    {"gte", Operator::kGte},
    {"lt", Operator::kLt},
    {"lte", Operator::kLte},
    {"between", Operator::kBetween},
    {"contains", Operator::kContains},
    {"starts_with", Operator::kStartsWith},
    {"present", Operator::kPresent},
    {"absent", Operator::kAbsent},
    {"any_starts_with", Operator::kAnyStartsWith},
};

bool IsFiniteNumber(const JsonValue& value) {
  return value.is_number() && std::isfinite(value.as_double());
}

// Checks the operand's shape against the operator; records a problem when it is wrong.
void CheckOperand(JsonReader& reader, Operator op, const JsonValue* operand,
                  const std::string& path) {
  const std::string value_path = JoinPath(path, "value");
  const bool needs_none = op == Operator::kPresent || op == Operator::kAbsent;
  if (needs_none) {
    if (operand != nullptr) reader.Problem(value_path, "this operator takes no value");
    return;
  }
  if (operand == nullptr) {
    reader.Problem(value_path, "missing required member \"value\"");
    return;
  }
  switch (op) {
    case Operator::kIn:
    case Operator::kNotIn:
      if (!operand->is_array() || operand->empty()) {
        reader.Problem(value_path, "must be a non-empty array");
      }
      break;
    case Operator::kGt:
    case Operator::kGte:
    case Operator::kLt:
    case Operator::kLte:
      if (!IsFiniteNumber(*operand)) reader.Problem(value_path, "must be a number");
      break;
    case Operator::kBetween:
      if (!operand->is_array() || operand->size() != 2 || !IsFiniteNumber((*operand)[0]) ||
          !IsFiniteNumber((*operand)[1]) || (*operand)[0].as_double() > (*operand)[1].as_double()) {
        reader.Problem(value_path, "must be [low, high] with low <= high");
      }
      break;
    case Operator::kContains:
    case Operator::kStartsWith:
    case Operator::kAnyStartsWith:
      if (!operand->is_string()) reader.Problem(value_path, "must be a string");
      break;
    case Operator::kEq:
    case Operator::kNeq:
      if (operand->is_object() || operand->is_array()) {
        reader.Problem(value_path, "must be a string, number, boolean or null");
      }
      break;
    case Operator::kPresent:
    case Operator::kAbsent:
      break;
  }
}

constexpr int kMaxConditionDepth = 32;

Condition Decode(JsonReader& reader, const JsonValue& json, const std::string& path, int depth) {
  Condition condition;
  if (depth > kMaxConditionDepth) {
    reader.Problem(path, "conditions nest too deeply (more than 32 levels)");
    return condition;
  }
  if (!json.is_object()) {
    reader.Problem(path, "a condition must be an object");
    return condition;
  }
  for (const char* combinator : {"all", "any"}) {
    const JsonValue* it = json.Find(combinator);
    if (it == nullptr) continue;
    condition.kind = combinator[1] == 'l' ? Condition::Kind::kAll : Condition::Kind::kAny;
    const std::string list_path = JoinPath(path, combinator);
    reader.OnlyMembers(json, path, {combinator});
    if (!it->is_array() || it->empty()) {
      reader.Problem(list_path, "must be a non-empty array of conditions");
      return condition;
    }
    for (size_t i = 0; i < it->size(); ++i) {
      condition.children.push_back(Decode(reader, (*it)[i], JoinPath(list_path, i), depth + 1));
    }
    return condition;
  }
  if (const JsonValue* it = json.Find("not")) {
    condition.kind = Condition::Kind::kNot;
    reader.OnlyMembers(json, path, {"not"});
    condition.children.push_back(Decode(reader, *it, JoinPath(path, "not"), depth + 1));
    return condition;
  }
  condition.kind = Condition::Kind::kCompare;
  const JsonValue* field = reader.Member(json, "field", path, false);
  const JsonValue* signal = reader.Member(json, "signal", path, false);
  if ((field == nullptr) == (signal == nullptr)) {
    reader.Problem(
        path,
        "a condition needs exactly one of \"all\", \"any\", \"not\", \"field\" or \"signal\"");
    return condition;
  }
  reader.OnlyMembers(json, path, {field != nullptr ? "field" : "signal", "op", "value"});
  const JsonValue& name = field != nullptr ? *field : *signal;
  condition.source = field != nullptr ? Source::kField : Source::kSignal;
  if (!name.is_string() || name.as_string().empty()) {
    reader.Problem(JoinPath(path, field != nullptr ? "field" : "signal"),
                   "must be a non-empty string");
  } else {
    condition.name = name.as_string();
  }
  const std::string op_name = reader.String(json, "op", path, true);
  bool known = false;
  for (const auto& entry : kOperators) {
    if (op_name == entry.name) {
      condition.op = entry.op;
      known = true;
    }
  }
  if (!known) {
    if (!op_name.empty())
      reader.Problem(JoinPath(path, "op"), "unknown operator \"" + op_name + "\"");
    return condition;
  }
  const JsonValue* operand = reader.Member(json, "value", path, false);
  CheckOperand(reader, condition.op, operand, path);
  if (operand != nullptr) condition.operand = *operand;
  return condition;
}

}  // namespace

const char* ToString(Operator op) {
  for (const auto& entry : kOperators) {
    if (entry.op == op) return entry.name;
  }
  return "eq";
}

Condition DecodeCondition(JsonReader& reader, const JsonValue* json, const std::string& path) {
  if (json == nullptr) return Condition{};
  return Decode(reader, *json, path, 0);
}

}  // namespace leadq
