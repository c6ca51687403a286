// Writing a flow in the compiled form (leadq/compiled_flow.h). The layout is positional;
// compiled_flow_reader.cc reads exactly these positions, and docs/flow-format.md lists
// them.
#include "leadq/compiled_flow.h"

namespace leadq {
namespace {

template <typename Enum>
JsonValue Code(Enum value) {
  return static_cast<int>(value);
}

JsonValue TextJson(const LocalizedText& text) {
  JsonValue json = JsonValue::MakeObject();
  for (const auto& [language, value] : text) json.Set(language, value);
  return json;
}

// kAlways is 0; kAll, kAny, kNot are [kind, [children]]; kCompare is
// [kind, source, name, operator, operand].
JsonValue ConditionJson(const Condition& condition) {
  if (condition.kind == Condition::Kind::kAlways) return 0;
  if (condition.kind == Condition::Kind::kCompare) {
    return JsonValue::Array{Code(condition.kind), Code(condition.source), condition.name,
                            Code(condition.op), condition.operand};
  }
  JsonValue children = JsonValue::MakeArray();
  for (const Condition& child : condition.children) children.PushBack(ConditionJson(child));
  return JsonValue::Array{Code(condition.kind), std::move(children)};
}

JsonValue StepJson(const Step& step) {
  JsonValue choices = JsonValue::MakeArray();
  for (const Choice& choice : step.choices) {
    choices.PushBack(
        JsonValue::Array{choice.value, TextJson(choice.label), choice.min, choice.max});
  }
  JsonValue jumps = JsonValue::MakeArray();
  for (const Jump& jump : step.jumps) {
    jumps.PushBack(JsonValue::Array{ConditionJson(jump.when), jump.to});
  }
  const int flags = (step.required ? 1 : 0) | (step.always_ask ? 2 : 0) | (step.has_min ? 4 : 0) |
                    (step.has_max ? 8 : 0);
  return JsonValue::Array{step.id,
                          Code(step.kind),
                          TextJson(step.text),
                          TextJson(step.help),
                          step.field,
                          Code(step.input),
                          flags,
                          step.priority,
                          std::move(choices),
                          step.min,
                          step.max,
                          TextJson(step.unit),
                          step.max_length,
                          step.consent_version,
                          ConditionJson(step.show_if),
                          std::move(jumps),
                          step.end_if ? ConditionJson(*step.end_if) : JsonValue()};
}

JsonValue CriteriaJson(const std::vector<Criterion>& criteria) {
  JsonValue list = JsonValue::MakeArray();
  for (const Criterion& criterion : criteria) {
    list.PushBack(JsonValue::Array{criterion.id, Code(criterion.category), criterion.points,
                                   TextJson(criterion.reason), ConditionJson(criterion.when),
                                   criterion.decays, criterion.must_have});
  }
  return list;
}

JsonValue DefinitionJson(const LeadDefinition& definition) {
  return JsonValue::Array{
      CriteriaJson(definition.criteria),
      CriteriaJson(definition.knockouts),
      JsonValue::ArrayOf(definition.required_fields),
      definition.high,
      definition.medium,
      definition.low,
      definition.nurture_min,
      definition.decay_half_life_days,
      definition.has_hard_conversion ? ConditionJson(definition.hard_conversion) : JsonValue(),
      definition.has_soft_conversion ? ConditionJson(definition.soft_conversion) : JsonValue(),
      definition.handoff_on_hard_conversion};
}

JsonValue VariantJson(const Variant& variant) {
  JsonValue texts = JsonValue::MakeObject();
  for (const auto& [step_id, text] : variant.texts) texts.Set(step_id, TextJson(text));
  return JsonValue::Array{variant.id, variant.weight, std::move(texts),
                          JsonValue::ArrayOf(variant.hidden)};
}

}  // namespace

JsonValue CompileFlow(const Flow& flow) {
  JsonValue steps = JsonValue::MakeArray();
  for (const Step& step : flow.steps) steps.PushBack(StepJson(step));
  JsonValue sla = JsonValue::MakeArray();
  for (const auto& [grade, terms] : flow.sla) {
    sla.PushBack(JsonValue::Array{Code(grade), terms.first_response_minutes,
                                  terms.follow_up_touches, terms.business_hours});
  }
  JsonValue variants = JsonValue::MakeArray();
  for (const Variant& variant : flow.variants) variants.PushBack(VariantJson(variant));
  return JsonValue{{"compiled", kCompiledFlowFormat},
                   {"id", flow.id},
                   {"version", flow.version},
                   {"languages", JsonValue::ArrayOf(flow.languages)},
                   {"default_language", flow.default_language},
                   {"max_questions_per_visit", flow.max_questions_per_visit},
                   {"steps", std::move(steps)},
                   {"definition", DefinitionJson(flow.definition)},
                   {"sla", std::move(sla)},
                   {"variants", std::move(variants)}};
}

}  // namespace leadq
