// Whole-flow consistency checks, run after every part decoded: duplicate ids, unknown
// references, unreachable steps, endless loops, missing translations and impossible
// grades. Whether a comparison can match its field or signal is condition_types.cc.
#include <algorithm>
#include <functional>
#include <set>

#include "condition_types.h"
#include "decoding.h"
#include "numbers.h"

namespace leadq {
namespace {

class FlowChecker {
 public:
  FlowChecker(JsonReader& reader, const Flow& flow, const JsonValue& document)
      : reader_(reader), flow_(flow), document_(document) {
    for (const Step& step : flow.steps) {
      if (step.kind == Step::Kind::kQuestion && !step.field.empty()) {
        question_for_field_.emplace(step.field, &step);
      }
    }
    if (const JsonValue* it = document.Find("profile_fields")) {
      if (!it->is_array()) {
        reader_.Problem("/profile_fields", "must be an array of field names");
      } else {
        for (size_t i = 0; i < it->size(); ++i) {
          if ((*it)[i].is_string()) {
            extra_fields_.insert((*it)[i].as_string());
          } else {
            reader_.Problem(JoinPath("/profile_fields", i), "must be a string");
          }
        }
      }
    }
  }

  void Run() {
    // Each named condition is checked once, where it is defined; its copies are not.
    for (const auto& [name, condition] : flow_.conditions) {
      CheckCondition(condition, JoinPath("/conditions", name));
    }
    CheckSteps();
    CheckReachability();
    CheckDefinition();
    CheckVariants();
  }

 private:
  bool KnownField(const std::string& field) const {
    return question_for_field_.count(field) > 0 || extra_fields_.count(field) > 0;
  }

  bool HiddenByAVariant(const std::string& step_id) const {
    for (const Variant& variant : flow_.variants) {
      if (std::find(variant.hidden.begin(), variant.hidden.end(), step_id) !=
          variant.hidden.end()) {
        return true;
      }
    }
    return false;
  }

  void CheckText(const LocalizedText& text, const std::string& path) {
    if (text.empty()) return;
    for (const std::string& language : flow_.languages) {
      if (text.count(language) == 0) {
        reader_.Problem(path, "missing the \"" + language + "\" translation");
      }
    }
  }

  void CheckSteps() {
    std::set<std::string> ids;
    for (size_t i = 0; i < flow_.steps.size(); ++i) {
      const Step& step = flow_.steps[i];
      const std::string path = JoinPath("/steps", i);
      if (!step.id.empty() && !ids.insert(step.id).second) {
        reader_.Problem(JoinPath(path, "id"), "duplicate step id \"" + step.id + "\"");
      }
      if (step.id == "end") reader_.Problem(JoinPath(path, "id"), "\"end\" is reserved for jumps");
      CheckText(step.text, JoinPath(path, "text"));
      CheckText(step.help, JoinPath(path, "help"));
      // A unit given as one string is the same in every language ("€", "m²").
      if (document_["steps"][i]["unit"].is_object()) CheckText(step.unit, JoinPath(path, "unit"));
      const char* choices_key = step.input == InputType::kMoneyRange ? "bands" : "choices";
      for (size_t c = 0; c < step.choices.size(); ++c) {
        CheckText(step.choices[c].label,
                  JoinPath(JoinPath(JoinPath(path, choices_key), c), "label"));
      }
      CheckCondition(step.show_if, JoinPath(path, "show_if"));
      if (step.end_if) CheckCondition(*step.end_if, JoinPath(path, "end_if"));
      for (size_t j = 0; j < step.jumps.size(); ++j) {
        const std::string jump_path = JoinPath(JoinPath(path, "jumps"), j);
        CheckCondition(step.jumps[j].when, JoinPath(jump_path, "when"));
        const std::string& target = step.jumps[j].to;
        if (target.empty() || target == "end") continue;
        const int index = flow_.StepIndex(target);
        if (index < 0) {
          reader_.Problem(JoinPath(jump_path, "to"), "unknown step \"" + target + "\"");
        } else if (index <= static_cast<int>(i)) {
          reader_.Problem(
              JoinPath(jump_path, "to"),
              "jumps back to \"" + target + "\": a loop that can never end (jumps go forward)");
        }
      }
    }
  }

  void CheckReachability() {
    const size_t n = flow_.steps.size();
    std::vector<bool> reachable(n, false);
    if (n > 0) reachable[0] = true;
    for (size_t i = 0; i < n; ++i) {
      if (!reachable[i]) continue;
      const Step& step = flow_.steps[i];
      // A step that is not shown (show_if false, or hidden by a variant) is passed over:
      // the next step is reachable whatever its jumps say.
      bool falls_through = true;
      const bool always_shown =
          step.show_if.kind == Condition::Kind::kAlways && !HiddenByAVariant(step.id);
      for (const Jump& jump : step.jumps) {
        const int target = flow_.StepIndex(jump.to);
        // A jump to an unknown step is reported already; it must not also make every
        // later step look unreachable.
        if (target < 0 && jump.to != "end") continue;
        if (target > static_cast<int>(i)) reachable[target] = true;
        if (jump.when.kind == Condition::Kind::kAlways && always_shown) {
          falls_through = false;
          break;
        }
      }
      if (falls_through && i + 1 < n) reachable[i + 1] = true;
    }
    for (size_t i = 0; i < n; ++i) {
      if (!reachable[i]) {
        reader_.Problem(JoinPath("/steps", i),
                        "step \"" + flow_.steps[i].id + "\" can never be reached");
      }
    }
  }

  void CheckDefinition() {
    const LeadDefinition& definition = flow_.definition;
    std::set<std::string> ids;
    double max_points = 0;
    auto check_criteria = [&](const std::vector<Criterion>& list, const char* key) {
      for (size_t i = 0; i < list.size(); ++i) {
        const std::string path = JoinPath(JoinPath("/lead_definition", key), i);
        if (!list[i].id.empty() && !ids.insert(list[i].id).second) {
          reader_.Problem(JoinPath(path, "id"), "duplicate criterion id \"" + list[i].id + "\"");
        }
        CheckText(list[i].reason, JoinPath(path, "reason"));
        CheckCondition(list[i].when, JoinPath(path, "when"));
      }
    };
    check_criteria(definition.criteria, "criteria");
    check_criteria(definition.knockouts, "knockouts");
    for (const Criterion& criterion : definition.criteria)
      max_points += std::max(0.0, criterion.points);
    for (size_t i = 0; i < definition.required_fields.size(); ++i) {
      if (!KnownField(definition.required_fields[i])) {
        reader_.Problem(JoinPath("/lead_definition/required_fields", i),
                        "unknown field \"" + definition.required_fields[i] + "\"");
      }
    }
    // Derived from the thresholds: only when they were read without a problem.
    const bool grades_read = !reader_.ReportedNear("/lead_definition/grades");
    if (grades_read &&
        !(definition.high > definition.medium && definition.medium > definition.low)) {
      reader_.Problem("/lead_definition/grades",
                      "thresholds must satisfy high > medium > low, or a grade is impossible");
    }
    if (grades_read && !reader_.ReportedNear("/lead_definition/nurture_min") &&
        definition.nurture_min > definition.low) {
      reader_.Problem("/lead_definition/nurture_min", "must not be above the \"low\" threshold");
    }
    if (grades_read && definition.high > max_points && !definition.criteria.empty()) {
      reader_.Problem("/lead_definition/grades/high",
                      "grade high is impossible: the criteria give at most " +
                          FormatPoints(max_points) + " points");
    }
    if (definition.has_hard_conversion) {
      CheckCondition(definition.hard_conversion, "/lead_definition/conversions/hard");
    }
    if (definition.has_soft_conversion) {
      CheckCondition(definition.soft_conversion, "/lead_definition/conversions/soft");
    }
  }

  void CheckVariants() {
    std::set<std::string> ids;
    int total_weight = 0;
    for (size_t i = 0; i < flow_.variants.size(); ++i) {
      const Variant& variant = flow_.variants[i];
      const std::string path = JoinPath("/variants", i);
      if (!variant.id.empty() && !ids.insert(variant.id).second) {
        reader_.Problem(JoinPath(path, "id"), "duplicate variant id \"" + variant.id + "\"");
      }
      total_weight += std::max(0, variant.weight);
      for (size_t h = 0; h < variant.hidden.size(); ++h) {
        if (flow_.StepIndex(variant.hidden[h]) < 0) {
          reader_.Problem(JoinPath(JoinPath(path, "hide"), h),
                          "unknown step \"" + variant.hidden[h] + "\"");
        }
      }
      for (const auto& [step_id, text] : variant.texts) {
        const std::string text_path = JoinPath(JoinPath(path, "texts"), step_id);
        if (flow_.StepIndex(step_id) < 0) {
          reader_.Problem(text_path, "unknown step \"" + step_id + "\"");
        }
        CheckText(text, text_path);
      }
    }
    if (!flow_.variants.empty() && total_weight == 0) {
      reader_.Problem("/variants", "at least one variant needs a positive weight");
    }
  }

  void CheckCondition(const Condition& condition, const std::string& path) {
    if (!condition.ref.empty()) return;  // checked where it is defined
    switch (condition.kind) {
      case Condition::Kind::kAlways:
        return;
      case Condition::Kind::kAll:
      case Condition::Kind::kAny: {
        const char* key = condition.kind == Condition::Kind::kAll ? "all" : "any";
        for (size_t i = 0; i < condition.children.size(); ++i) {
          CheckCondition(condition.children[i], JoinPath(JoinPath(path, key), i));
        }
        return;
      }
      case Condition::Kind::kNot:
        for (const Condition& child : condition.children)
          CheckCondition(child, JoinPath(path, "not"));
        return;
      case Condition::Kind::kCompare:
        break;
    }
    if (condition.name.empty()) return;  // already reported while decoding
    if (condition.source == Source::kSignal) {
      const ValueKind kind = SignalKind(condition.name);
      if (kind == ValueKind::kUnknown) {
        reader_.Problem(JoinPath(path, "signal"), "unknown signal \"" + condition.name + "\"");
        return;
      }
      CheckComparisonType(reader_, kind, nullptr, condition, path);
      return;
    }
    if (!KnownField(condition.name)) {
      reader_.Problem(JoinPath(path, "field"), "unknown field \"" + condition.name + "\"");
      return;
    }
    // A field filled by several questions is checked against each of them.
    auto range = question_for_field_.equal_range(condition.name);
    const bool ordered_op = condition.op == Operator::kGt || condition.op == Operator::kGte ||
                            condition.op == Operator::kLt || condition.op == Operator::kLte ||
                            condition.op == Operator::kBetween;
    if (range.first == range.second && ordered_op && !condition.operand.is_number() &&
        !(condition.operand.is_array() && condition.operand.size() == 2 &&
          condition.operand[0].is_number())) {
      reader_.Problem(JoinPath(path, "value"),
                      "\"" + condition.name +
                          "\" is asked by no question, so its values have no order; compare "
                          "it with a number");
      return;
    }
    for (auto it = range.first; it != range.second; ++it) {
      CheckComparisonType(reader_, FieldKind(it->second->input), it->second, condition, path);
    }
  }

  static std::string FormatPoints(double points) { return JsonNumber(points).Dump(); }

  JsonReader& reader_;
  const Flow& flow_;
  const JsonValue& document_;
  std::multimap<std::string, const Step*> question_for_field_;
  std::set<std::string> extra_fields_;
};

}  // namespace

void CheckFlow(JsonReader& reader, const Flow& flow, const JsonValue& document) {
  FlowChecker(reader, flow, document).Run();
}

}  // namespace leadq
