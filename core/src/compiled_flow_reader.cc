// Reading the compiled form (leadq/compiled_flow.h) back into a Flow: the positions that
// compiled_flow_writer.cc writes, each checked for its type and range. Nothing else is
// validated (the flow was, when it was compiled); what is checked is what keeps the
// engine within its bounds whatever the input: enum codes, integer ranges, the number of
// steps, and the shape of every array.
#include <utility>

#include "leadq/compiled_flow.h"

namespace leadq {
namespace {

constexpr size_t kMaxSteps = 500;

// Reads values and remembers where the first problem is, as a JSON pointer made of the
// segments entered so far.
class Reader {
 public:
  bool ok() const { return problem_.empty(); }
  const std::string& problem() const { return problem_; }

  void Enter(std::string segment) { where_.push_back(std::move(segment)); }
  void Leave() { where_.pop_back(); }
  // Moves the innermost segment to item `index` of the array entered.
  void At(size_t index) { where_.back() = Index(index); }
  // Item `index` of the array entered, as the current position.
  const JsonValue& Item(const JsonValue& array, size_t index) {
    At(index);
    return array[index];
  }
  static std::string Index(size_t index) { return JsonValue(index).Dump(); }

  void Fail() {
    if (!ok()) return;
    for (const std::string& segment : where_) problem_ += "/" + segment;
    if (problem_.empty()) problem_ = "/";
  }

  // `value` when it is an array of exactly `size` items (any size when `size` is 0).
  bool Tuple(const JsonValue& value, size_t size) {
    const bool fits = value.is_array() && (size == 0 || value.size() == size);
    if (!fits) Fail();
    return fits && ok();
  }
  std::string String(const JsonValue& value) {
    if (!value.is_string()) Fail();
    return value.as_string();
  }
  double Number(const JsonValue& value) {
    if (!value.is_number()) Fail();
    return value.as_double();
  }
  bool Bool(const JsonValue& value) {
    if (!value.is_bool()) Fail();
    return value.as_bool();
  }
  int64_t Integer(const JsonValue& value, int64_t min, int64_t max) {
    const int64_t integer = value.as_int64();
    if (value.type() != JsonValue::Type::kInteger || integer < min || integer > max) {
      Fail();
      return min;
    }
    return integer;
  }
  // An enum from its code, 0 up to the code of `last`.
  template <typename Enum>
  Enum Code(const JsonValue& value, Enum last) {
    return static_cast<Enum>(Integer(value, 0, static_cast<int64_t>(last)));
  }
  std::vector<std::string> Strings(const JsonValue& value) {
    std::vector<std::string> strings;
    if (!Tuple(value, 0)) return strings;
    for (const JsonValue& item : value.items()) strings.push_back(String(item));
    return strings;
  }
  LocalizedText Text(const JsonValue& value) {
    LocalizedText text;
    if (!value.is_object()) Fail();
    for (const auto& [language, item] : value.members()) text[language] = String(item);
    return text;
  }

 private:
  std::vector<std::string> where_;
  std::string problem_;
};

// Reads each item of the array `list` with `read`, entering the item's index.
template <typename T, typename Read>
std::vector<T> ReadList(Reader& reader, const JsonValue& list, Read read) {
  std::vector<T> items;
  if (!reader.Tuple(list, 0)) return items;
  reader.Enter("");
  for (size_t i = 0; i < list.size() && reader.ok(); ++i) {
    reader.At(i);
    items.push_back(read(list[i]));
  }
  reader.Leave();
  return items;
}

// 0 is kAlways; kAll, kAny and kNot are [kind, [children]]; kCompare is
// [kind, source, name, operator, operand].
Condition ReadCondition(Reader& reader, const JsonValue& json) {
  Condition condition;
  if (json.type() == JsonValue::Type::kInteger && json.as_int64() == 0) return condition;
  if (!reader.Tuple(json, 0) || json.empty()) {
    reader.Fail();
    return condition;
  }
  condition.kind = reader.Code(json[0], Condition::Kind::kCompare);
  if (condition.kind == Condition::Kind::kCompare) {
    if (!reader.Tuple(json, 5)) return condition;
    condition.source = reader.Code(json[1], Source::kSignal);
    condition.name = reader.String(json[2]);
    condition.op = reader.Code(json[3], Operator::kAnyStartsWith);
    condition.operand = json[4];
  } else if (reader.Tuple(json, 2)) {
    reader.Enter("1");
    condition.children = ReadList<Condition>(
        reader, json[1], [&](const JsonValue& child) { return ReadCondition(reader, child); });
    reader.Leave();
  }
  return condition;
}

Choice ReadChoice(Reader& reader, const JsonValue& json) {
  Choice choice;
  if (!reader.Tuple(json, 4)) return choice;
  choice.value = reader.String(json[0]);
  choice.label = reader.Text(json[1]);
  choice.min = reader.Number(json[2]);
  choice.max = reader.Number(json[3]);
  return choice;
}

Jump ReadJump(Reader& reader, const JsonValue& json) {
  Jump jump;
  if (!reader.Tuple(json, 2)) return jump;
  reader.Enter("0");
  jump.when = ReadCondition(reader, json[0]);
  reader.Leave();
  jump.to = reader.String(json[1]);
  return jump;
}

Step ReadStep(Reader& reader, const JsonValue& json) {
  Step step;
  if (!reader.Tuple(json, 17)) return step;
  reader.Enter("");
  step.id = reader.String(reader.Item(json, 0));
  step.kind = reader.Code(reader.Item(json, 1), Step::Kind::kQuestion);
  step.text = reader.Text(reader.Item(json, 2));
  step.help = reader.Text(reader.Item(json, 3));
  step.field = reader.String(reader.Item(json, 4));
  step.input = reader.Code(reader.Item(json, 5), InputType::kConsent);
  const int64_t flags = reader.Integer(reader.Item(json, 6), 0, 15);
  step.required = (flags & 1) != 0;
  step.always_ask = (flags & 2) != 0;
  step.has_min = (flags & 4) != 0;
  step.has_max = (flags & 8) != 0;
  step.priority = static_cast<int>(reader.Integer(reader.Item(json, 7), -1000, 1000));
  step.choices = ReadList<Choice>(reader, reader.Item(json, 8),
                                  [&](const JsonValue& item) { return ReadChoice(reader, item); });
  step.min = reader.Number(reader.Item(json, 9));
  step.max = reader.Number(reader.Item(json, 10));
  step.unit = reader.Text(reader.Item(json, 11));
  step.max_length = static_cast<int>(reader.Integer(reader.Item(json, 12), 0, 100000));
  step.consent_version = reader.String(reader.Item(json, 13));
  step.show_if = ReadCondition(reader, reader.Item(json, 14));
  step.jumps = ReadList<Jump>(reader, reader.Item(json, 15),
                              [&](const JsonValue& item) { return ReadJump(reader, item); });
  if (!reader.Item(json, 16).is_null()) step.end_if = ReadCondition(reader, json[16]);
  reader.Leave();
  return step;
}

Criterion ReadCriterion(Reader& reader, const JsonValue& json) {
  Criterion criterion;
  if (!reader.Tuple(json, 7)) return criterion;
  criterion.id = reader.String(json[0]);
  criterion.category = reader.Code(json[1], Category::kEngagement);
  criterion.points = reader.Number(json[2]);
  criterion.reason = reader.Text(json[3]);
  reader.Enter("4");
  criterion.when = ReadCondition(reader, json[4]);
  reader.Leave();
  criterion.decays = reader.Bool(json[5]);
  criterion.must_have = reader.Bool(json[6]);
  return criterion;
}

LeadDefinition ReadDefinition(Reader& reader, const JsonValue& json) {
  LeadDefinition definition;
  if (!reader.Tuple(json, 11)) return definition;
  reader.Enter("");
  const auto criteria = [&](size_t index) {
    return ReadList<Criterion>(reader, reader.Item(json, index),
                               [&](const JsonValue& item) { return ReadCriterion(reader, item); });
  };
  definition.criteria = criteria(0);
  definition.knockouts = criteria(1);
  definition.required_fields = reader.Strings(reader.Item(json, 2));
  definition.high = reader.Number(reader.Item(json, 3));
  definition.medium = reader.Number(reader.Item(json, 4));
  definition.low = reader.Number(reader.Item(json, 5));
  definition.nurture_min = reader.Number(reader.Item(json, 6));
  definition.decay_half_life_days = reader.Number(reader.Item(json, 7));
  definition.has_hard_conversion = !reader.Item(json, 8).is_null();
  if (definition.has_hard_conversion) definition.hard_conversion = ReadCondition(reader, json[8]);
  definition.has_soft_conversion = !reader.Item(json, 9).is_null();
  if (definition.has_soft_conversion) definition.soft_conversion = ReadCondition(reader, json[9]);
  definition.handoff_on_hard_conversion = reader.Bool(reader.Item(json, 10));
  reader.Leave();
  return definition;
}

// [grade, first_response_minutes, follow_up_touches, business_hours]
std::pair<Grade, SlaTerms> ReadSla(Reader& reader, const JsonValue& json) {
  std::pair<Grade, SlaTerms> sla{Grade::kNone, {}};
  if (!reader.Tuple(json, 4)) return sla;
  sla.first = reader.Code(json[0], Grade::kHigh);
  sla.second.first_response_minutes = reader.Integer(json[1], 0, 5256000);
  sla.second.follow_up_touches = static_cast<int>(reader.Integer(json[2], 0, 100));
  sla.second.business_hours = reader.Bool(json[3]);
  return sla;
}

// [id, weight, {step id: text}, [hidden step ids]]
Variant ReadVariant(Reader& reader, const JsonValue& json) {
  Variant variant;
  if (!reader.Tuple(json, 4)) return variant;
  variant.id = reader.String(json[0]);
  variant.weight = static_cast<int>(reader.Integer(json[1], 0, 1000000));
  if (!json[2].is_object()) reader.Fail();
  for (const auto& [step_id, text] : json[2].members()) variant.texts[step_id] = reader.Text(text);
  variant.hidden = reader.Strings(json[3]);
  return variant;
}

}  // namespace

bool IsCompiledFlow(const JsonValue& document) { return document.Find("compiled") != nullptr; }

Result<Flow> ReadCompiledFlow(const JsonValue& compiled) {
  if (!compiled.is_object()) return Status::InvalidFlow("a compiled flow must be a JSON object");
  if (compiled["compiled"] != JsonValue(kCompiledFlowFormat)) {
    return Status::InvalidFlow("unsupported compiled flow layout; this build reads layout 2",
                               "/compiled");
  }
  Reader reader;
  reader.Enter("");
  const auto member = [&](const char* key) -> const JsonValue& {
    reader.Leave();
    reader.Enter(key);
    return compiled[key];
  };
  Flow flow;
  flow.id = reader.String(member("id"));
  flow.version = static_cast<int>(reader.Integer(member("version"), 1, 1000000000));
  flow.languages = reader.Strings(member("languages"));
  if (flow.languages.empty()) reader.Fail();
  flow.default_language = reader.String(member("default_language"));
  flow.max_questions_per_visit =
      static_cast<int>(reader.Integer(member("max_questions_per_visit"), 0, kMaxSteps));
  const JsonValue& steps = member("steps");
  if (steps.size() > kMaxSteps) reader.Fail();
  flow.steps =
      ReadList<Step>(reader, steps, [&](const JsonValue& item) { return ReadStep(reader, item); });
  flow.definition = ReadDefinition(reader, member("definition"));
  for (const auto& [grade, terms] : ReadList<std::pair<Grade, SlaTerms>>(
           reader, member("sla"), [&](const JsonValue& item) { return ReadSla(reader, item); })) {
    flow.sla[grade] = terms;
  }
  flow.variants = ReadList<Variant>(
      reader, member("variants"), [&](const JsonValue& item) { return ReadVariant(reader, item); });
  if (!reader.ok()) return Status::InvalidFlow("the compiled flow is malformed", reader.problem());
  for (size_t i = 0; i < flow.steps.size(); ++i) {
    flow.step_index.emplace(flow.steps[i].id, static_cast<int>(i));
  }
  return flow;
}

}  // namespace leadq
