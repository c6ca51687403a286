// Decoding the lead definition: criteria with points and reasons, knockouts, required
// fields, grade thresholds, the nurture band, time decay and conversion kinds.
#include <utility>

#include "decoding.h"

namespace leadq {
namespace {

constexpr double kMaxPoints = 1e6;
constexpr double kMaxThreshold = 1e9;

struct CategoryName {
  const char* name;
  Category category;
};

constexpr CategoryName kCategories[] = {
    {"budget", Category::kBudget},
    {"authority", Category::kAuthority},
    {"need", Category::kNeed},
    {"timing", Category::kTiming},
    {"fit", Category::kFit},
    {"intent", Category::kIntent},
    {"engagement", Category::kEngagement},
};

std::vector<Criterion> DecodeCriteria(JsonReader& reader, ConditionLibrary& library,
                                      const JsonValue& json, const char* key,
                                      const std::string& path, const std::string& default_language,
                                      bool knockouts) {
  std::vector<Criterion> criteria;
  const JsonValue* list = reader.Member(json, key, path, false);
  if (list == nullptr) return criteria;
  const std::string list_path = JoinPath(path, key);
  if (!list->is_array()) {
    reader.Problem(list_path, "must be an array");
    return criteria;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string item_path = JoinPath(list_path, i);
    const JsonValue& item = (*list)[i];
    if (!item.is_object()) {
      reader.Problem(item_path, "must be an object");
      continue;
    }
    if (knockouts) {
      reader.OnlyMembers(item, item_path, {"id", "reason", "when"});
    } else {
      reader.OnlyMembers(item, item_path,
                         {"id", "category", "points", "reason", "when", "decays", "must_have"});
    }
    Criterion criterion;
    criterion.id = reader.Name(item, "id", item_path, true);
    criterion.reason = reader.Text(item, "reason", item_path, true, default_language);
    criterion.when = DecodeCondition(reader, library, reader.Member(item, "when", item_path, true),
                                     JoinPath(item_path, "when"));
    if (!knockouts) {
      criterion.points =
          reader.NumberIn(item, "points", item_path, true, 0, -kMaxPoints, kMaxPoints);
      const std::string category = reader.String(item, "category", item_path, true);
      if (!category.empty() && !ParseCategory(category, &criterion.category)) {
        reader.Problem(JoinPath(item_path, "category"), "unknown category \"" + category + "\"");
      }
      // Behavioural points (intent, engagement) decay by default; a criterion may say
      // otherwise.
      const bool behavioural =
          criterion.category == Category::kIntent || criterion.category == Category::kEngagement;
      criterion.decays = reader.Bool(item, "decays", item_path, behavioural);
      criterion.must_have = reader.Bool(item, "must_have", item_path, false);
    }
    criteria.push_back(std::move(criterion));
  }
  return criteria;
}

// `handoff_triggers`: a list of "hard_conversion" (the one trigger beyond qualification).
void DecodeHandoffTriggers(JsonReader& reader, const JsonValue& json, const std::string& path,
                           LeadDefinition* definition) {
  const JsonValue* triggers = reader.Member(json, "handoff_triggers", path, false);
  if (triggers == nullptr) return;
  const std::string triggers_path = JoinPath(path, "handoff_triggers");
  if (!triggers->is_array()) {
    reader.Problem(triggers_path, "must be an array of triggers");
    return;
  }
  for (size_t i = 0; i < triggers->size(); ++i) {
    const JsonValue& item = (*triggers)[i];
    const std::string item_path = JoinPath(triggers_path, i);
    if (item.as_string() != "hard_conversion") {
      reader.Problem(item_path, "unknown trigger; the one trigger is \"hard_conversion\"");
      continue;
    }
    if (definition->handoff_on_hard_conversion) reader.Problem(item_path, "is listed twice");
    definition->handoff_on_hard_conversion = true;
  }
  if (definition->handoff_on_hard_conversion && !definition->has_hard_conversion) {
    reader.Problem(triggers_path, "names \"hard_conversion\" but conversions.hard is not defined");
  }
}

}  // namespace

bool ParseCategory(const std::string& name, Category* category) {
  for (const auto& entry : kCategories) {
    if (name == entry.name) {
      *category = entry.category;
      return true;
    }
  }
  return false;
}

const char* ToString(Category category) {
  for (const auto& entry : kCategories) {
    if (entry.category == category) return entry.name;
  }
  return "fit";
}

LeadDefinition DecodeLeadDefinition(JsonReader& reader, ConditionLibrary& library,
                                    const JsonValue& json, const std::string& path,
                                    const std::string& default_language) {
  LeadDefinition definition;
  if (!json.is_object()) {
    reader.Problem(path, "must be an object");
    return definition;
  }
  reader.OnlyMembers(json, path,
                     {"criteria", "knockouts", "required_fields", "grades", "nurture_min",
                      "decay_half_life_days", "conversions", "handoff_triggers"});
  definition.criteria =
      DecodeCriteria(reader, library, json, "criteria", path, default_language, false);
  definition.knockouts =
      DecodeCriteria(reader, library, json, "knockouts", path, default_language, true);
  if (const JsonValue* required = reader.Member(json, "required_fields", path, false)) {
    const std::string required_path = JoinPath(path, "required_fields");
    if (!required->is_array()) {
      reader.Problem(required_path, "must be an array of field names");
    } else {
      for (size_t i = 0; i < required->size(); ++i) {
        if (!(*required)[i].is_string()) {
          reader.Problem(JoinPath(required_path, i), "must be a string");
          continue;
        }
        definition.required_fields.push_back((*required)[i].as_string());
      }
    }
  }
  if (const JsonValue* grades = reader.Member(json, "grades", path, true)) {
    const std::string grades_path = JoinPath(path, "grades");
    if (!grades->is_object()) reader.Problem(grades_path, "must be an object");
    reader.OnlyMembers(*grades, grades_path, {"high", "medium", "low"});
    definition.high =
        reader.NumberIn(*grades, "high", grades_path, true, 0, -kMaxThreshold, kMaxThreshold);
    definition.medium =
        reader.NumberIn(*grades, "medium", grades_path, true, 0, -kMaxThreshold, kMaxThreshold);
    definition.low =
        reader.NumberIn(*grades, "low", grades_path, true, 0, -kMaxThreshold, kMaxThreshold);
  }
  definition.nurture_min = reader.NumberIn(json, "nurture_min", path, false, definition.low,
                                           -kMaxThreshold, kMaxThreshold);
  definition.decay_half_life_days =
      reader.NumberIn(json, "decay_half_life_days", path, false, 0, 0, 36500);
  if (const JsonValue* conversions = reader.Member(json, "conversions", path, false)) {
    const std::string conversions_path = JoinPath(path, "conversions");
    if (!conversions->is_object()) reader.Problem(conversions_path, "must be an object");
    reader.OnlyMembers(*conversions, conversions_path, {"hard", "soft"});
    if (const JsonValue* hard = reader.Member(*conversions, "hard", conversions_path, false)) {
      definition.hard_conversion =
          DecodeCondition(reader, library, hard, JoinPath(conversions_path, "hard"));
      definition.has_hard_conversion = true;
    }
    if (const JsonValue* soft = reader.Member(*conversions, "soft", conversions_path, false)) {
      definition.soft_conversion =
          DecodeCondition(reader, library, soft, JoinPath(conversions_path, "soft"));
      definition.has_soft_conversion = true;
    }
  }
  DecodeHandoffTriggers(reader, json, path, &definition);
  return definition;
}

}  // namespace leadq
