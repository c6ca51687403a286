// Decoding conditions: {"all":[…]}, {"any":[…]}, {"not":{…}}, comparisons
// {"field"|"signal": name, "op": operator, "value": operand}, and {"ref": name} for a
// named condition of the flow.
#include <algorithm>
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
      // A number, or a choice of an ordered question (lte "within_3_months"); whether
      // it fits the field is the type check's.
      if (!IsFiniteNumber(*operand) && !(operand->is_string() && !operand->as_string().empty())) {
        reader.Problem(value_path, "must be a number, or one of a timeframe's choices");
      }
      break;
    case Operator::kBetween: {
      const bool numbers = operand->is_array() && operand->size() == 2 &&
                           IsFiniteNumber((*operand)[0]) && IsFiniteNumber((*operand)[1]);
      const bool choices = operand->is_array() && operand->size() == 2 &&
                           (*operand)[0].is_string() && (*operand)[1].is_string();
      if (!(numbers || choices) ||
          (numbers && (*operand)[0].as_double() > (*operand)[1].as_double())) {
        reader.Problem(value_path,
                       "must be [low, high] with low <= high (two numbers, or two of a "
                       "timeframe's choices)");
      }
      break;
    }
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
// Bounds on a condition once its references are copied in: evaluating it stays cheap
// and recursion stays shallow, whatever a flow's named conditions refer to.
constexpr size_t kMaxExpandedNodes = 2000;
constexpr int kMaxExpandedDepth = 64;
constexpr const char* kTooLarge =
    "with the named conditions it refers to, this condition grows beyond 2000 parts or 64 "
    "levels; simplify it";

size_t CountNodes(const Condition& condition) {
  size_t count = 1;
  for (const Condition& child : condition.children) count += CountNodes(child);
  return count;
}

int Depth(const Condition& condition) {
  int depth = 0;
  for (const Condition& child : condition.children) depth = std::max(depth, Depth(child));
  return depth + 1;
}

Condition Decode(JsonReader& reader, ConditionLibrary* library, const JsonValue& json,
                 const std::string& path, int depth) {
  Condition condition;
  if (depth > kMaxConditionDepth) {
    reader.Problem(path, "conditions nest too deeply (more than 32 levels)");
    return condition;
  }
  if (!json.is_object()) {
    reader.Problem(path, "a condition must be an object");
    return condition;
  }
  if (const JsonValue* ref = json.Find("ref")) {
    reader.OnlyMembers(json, path, {"ref"});
    const std::string ref_path = JoinPath(path, "ref");
    if (!ref->is_string() || ref->as_string().empty()) {
      reader.Problem(ref_path, "must be the name of one of the flow's \"conditions\"");
      return condition;
    }
    const Condition* named =
        library == nullptr ? nullptr : library->Resolve(reader, ref->as_string(), ref_path);
    if (named == nullptr) return condition;
    condition = *named;
    condition.ref = ref->as_string();
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
    size_t nodes = 1;
    for (size_t i = 0; i < it->size(); ++i) {
      condition.children.push_back(
          Decode(reader, library, (*it)[i], JoinPath(list_path, i), depth + 1));
      // Checked as the copies are made: each child is within the bound already, so
      // nothing larger than twice the bound is ever built.
      nodes += CountNodes(condition.children.back());
      if (nodes > kMaxExpandedNodes) {
        reader.Problem(path, std::string(kTooLarge));
        return Condition{};
      }
    }
    return condition;
  }
  if (const JsonValue* it = json.Find("not")) {
    condition.kind = Condition::Kind::kNot;
    reader.OnlyMembers(json, path, {"not"});
    condition.children.push_back(Decode(reader, library, *it, JoinPath(path, "not"), depth + 1));
    return condition;
  }
  condition.kind = Condition::Kind::kCompare;
  const JsonValue* field = reader.Member(json, "field", path, false);
  const JsonValue* signal = reader.Member(json, "signal", path, false);
  if ((field == nullptr) == (signal == nullptr)) {
    reader.Problem(
        path,
        "a condition needs exactly one of \"all\", \"any\", \"not\", \"field\", \"signal\" or "
        "\"ref\"");
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

ConditionLibrary::ConditionLibrary(JsonReader& reader, const JsonValue* conditions) {
  if (conditions == nullptr) return;
  if (!conditions->is_object()) {
    reader.Problem("/conditions", "must be an object of name -> condition");
    return;
  }
  for (const auto& [name, json] : conditions->members()) source_.emplace(name, &json);
  for (const auto& [name, json] : conditions->members()) {
    const std::string path = JoinPath("/conditions", name);
    if (name.empty()) reader.Problem(path, "a condition needs a name");
    Resolve(reader, name, path);
  }
}

const Condition* ConditionLibrary::Resolve(JsonReader& reader, const std::string& name,
                                           const std::string& path) {
  if (auto done = decoded_.find(name); done != decoded_.end()) return &done->second;
  auto source = source_.find(name);
  if (source == source_.end()) {
    std::string known;
    for (const auto& [candidate, json] : source_) {
      known += (known.empty() ? "" : ", ") + candidate;
    }
    reader.Problem(path, "unknown condition \"" + name + "\"" +
                             (known.empty() ? std::string("; the flow defines no \"conditions\"")
                                            : "; the flow's conditions are " + known));
    return nullptr;
  }
  if (std::find(decoding_.begin(), decoding_.end(), name) != decoding_.end()) {
    std::string chain;
    for (auto it = std::find(decoding_.begin(), decoding_.end(), name); it != decoding_.end();
         ++it) {
      chain += *it + " → ";
    }
    reader.Problem(path, "\"" + name + "\" refers to itself (" + chain + name + ")");
    return nullptr;
  }
  decoding_.push_back(name);
  Condition condition =
      Decode(reader, this, *source->second, JoinPath("/conditions", name), /*depth=*/0);
  decoding_.pop_back();
  if (CountNodes(condition) > kMaxExpandedNodes || Depth(condition) > kMaxExpandedDepth) {
    reader.Problem(JoinPath("/conditions", name), kTooLarge);
    condition = Condition{};
  }
  return &decoded_.emplace(name, std::move(condition)).first->second;
}

Condition DecodeCondition(JsonReader& reader, ConditionLibrary& library, const JsonValue* json,
                          const std::string& path) {
  if (json == nullptr) return Condition{};
  return Decode(reader, &library, *json, path, 0);
}

Condition DecodeCondition(JsonReader& reader, const JsonValue* json, const std::string& path) {
  if (json == nullptr) return Condition{};
  return Decode(reader, nullptr, *json, path, 0);
}

}  // namespace leadq
