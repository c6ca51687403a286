// Decoding one step: a bot message or a question with its input type and validation.
#include <utility>

#include "decoding.h"

namespace leadq {
namespace {

struct InputTypeName {
  const char* name;
  InputType type;
};

constexpr InputTypeName kInputTypes[] = {
    {"short_text", InputType::kShortText},
    {"long_text", InputType::kLongText},
    {"email", InputType::kEmail},
    {"phone", InputType::kPhone},
    {"url", InputType::kUrl},
    {"number", InputType::kNumber},
    {"money_range", InputType::kMoneyRange},
    {"single_choice", InputType::kSingleChoice},
    {"multiple_choice", InputType::kMultipleChoice},
    {"yes_no", InputType::kYesNo},
    {"scale", InputType::kScale},
    {"timeframe", InputType::kTimeframe},
    {"consent", InputType::kConsent},
};

// The timeframe answers every flow understands, unless it lists its own: value, labels
// in en and nl, and the band's end in days (-1: open-ended).
struct Timeframe {
  const char* value;
  const char* en;
  const char* nl;
  double max;
};

constexpr Timeframe kDefaultTimeframes[] = {
    {"within_2_weeks", "Within 2 weeks", "Binnen 2 weken", 14},
    {"within_3_months", "Within 3 months", "Binnen 3 maanden", 92},
    {"within_6_months", "Within 6 months", "Binnen 6 maanden", 183},
    {"later", "Later", "Later", -1},
    {"no_plan", "No plans yet", "Nog geen plannen", -1},
};

std::vector<Choice> DefaultTimeframes() {
  std::vector<Choice> choices;
  for (const Timeframe& timeframe : kDefaultTimeframes) {
    Choice choice;
    choice.value = timeframe.value;
    choice.label["en"] = timeframe.en;
    choice.label["nl"] = timeframe.nl;
    choice.max = timeframe.max;
    choices.push_back(std::move(choice));
  }
  return choices;
}

std::vector<Choice> DecodeChoices(JsonReader& reader, const JsonValue& list,
                                  const std::string& path, const std::string& default_language,
                                  bool bands) {
  std::vector<Choice> choices;
  if (!list.is_array() || list.empty()) {
    reader.Problem(path, "must be a non-empty array");
    return choices;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string item_path = JoinPath(path, i);
    const JsonValue& item = list[i];
    if (!item.is_object()) {
      reader.Problem(item_path, "a choice must be an object with \"value\" and \"label\"");
      continue;
    }
    Choice choice;
    if (bands) {
      reader.OnlyMembers(item, item_path, {"value", "label", "min", "max"});
    } else {
      reader.OnlyMembers(item, item_path, {"value", "label"});
    }
    choice.value = reader.Name(item, "value", item_path, true);
    choice.label = reader.Text(item, "label", item_path, true, default_language);
    if (bands) {
      choice.min = reader.NumberIn(item, "min", item_path, false, 0, 0, 1e15);
      choice.max = reader.NumberIn(item, "max", item_path, false, -1, 0, 1e15);
      if (choice.max >= 0 && choice.max < choice.min) {
        reader.Problem(JoinPath(item_path, "max"), "must not be below \"min\"");
      }
    }
    for (const Choice& earlier : choices) {
      if (!choice.value.empty() && earlier.value == choice.value) {
        reader.Problem(JoinPath(item_path, "value"),
                       "duplicate choice value \"" + choice.value + "\"");
      }
    }
    choices.push_back(std::move(choice));
  }
  return choices;
}

void DecodeJumps(JsonReader& reader, ConditionLibrary& library, const JsonValue& json,
                 const std::string& path, Step* step) {
  const JsonValue* jumps = reader.Member(json, "jumps", path, false);
  if (jumps == nullptr) return;
  const std::string jumps_path = JoinPath(path, "jumps");
  if (!jumps->is_array()) {
    reader.Problem(jumps_path, "must be an array of {\"when\", \"to\"}");
    return;
  }
  for (size_t i = 0; i < jumps->size(); ++i) {
    const std::string jump_path = JoinPath(jumps_path, i);
    if (!(*jumps)[i].is_object()) {
      reader.Problem(jump_path, "a jump must be an object with \"to\" and an optional \"when\"");
      continue;
    }
    reader.OnlyMembers((*jumps)[i], jump_path, {"when", "to"});
    Jump jump;
    jump.when =
        DecodeCondition(reader, library, reader.Member((*jumps)[i], "when", jump_path, false),
                        JoinPath(jump_path, "when"));
    jump.to = reader.Name((*jumps)[i], "to", jump_path, true);
    step->jumps.push_back(std::move(jump));
  }
}

// The members a question of `type` may have, beyond those every step has.
std::vector<const char*> AllowedMembers(InputType type) {
  std::vector<const char*> members = {"id",    "type", "text",     "show_if",    "end_if",  "jumps",
                                      "field", "help", "required", "always_ask", "priority"};
  switch (type) {
    case InputType::kShortText:
    case InputType::kLongText:
      members.push_back("max_length");
      break;
    case InputType::kNumber:
      members.insert(members.end(), {"min", "max", "unit"});
      break;
    case InputType::kScale:
      members.insert(members.end(), {"min", "max"});
      break;
    case InputType::kSingleChoice:
    case InputType::kMultipleChoice:
    case InputType::kTimeframe:
      members.push_back("choices");
      break;
    case InputType::kMoneyRange:
      members.push_back("bands");
      break;
    case InputType::kConsent:
      members.push_back("consent_version");
      break;
    default:
      break;
  }
  return members;
}

void DecodeQuestion(JsonReader& reader, const JsonValue& json, const std::string& path,
                    const std::string& default_language, Step* step) {
  step->field = reader.Name(json, "field", path, true);
  step->help = reader.Text(json, "help", path, false, default_language);
  step->required = reader.Bool(json, "required", path, true);
  step->always_ask = reader.Bool(json, "always_ask", path, false);
  step->priority =
      static_cast<int>(reader.IntegerIn(json, "priority", path, false, 0, -1000, 1000));
  reader.OnlyMembers(json, path, AllowedMembers(step->input));
  switch (step->input) {
    case InputType::kShortText:
    case InputType::kLongText:
      step->max_length =
          static_cast<int>(reader.IntegerIn(json, "max_length", path, false, 0, 1, 100000));
      break;
    default:
      break;
  }
  switch (step->input) {
    case InputType::kSingleChoice:
    case InputType::kMultipleChoice:
      if (const JsonValue* list = reader.Member(json, "choices", path, true)) {
        step->choices =
            DecodeChoices(reader, *list, JoinPath(path, "choices"), default_language, false);
      }
      break;
    case InputType::kMoneyRange:
      if (const JsonValue* list = reader.Member(json, "bands", path, true)) {
        step->choices =
            DecodeChoices(reader, *list, JoinPath(path, "bands"), default_language, true);
      }
      break;
    case InputType::kTimeframe:
      if (const JsonValue* list = reader.Member(json, "choices", path, false)) {
        step->choices =
            DecodeChoices(reader, *list, JoinPath(path, "choices"), default_language, false);
      } else {
        step->choices = DefaultTimeframes();
      }
      break;
    case InputType::kNumber:
      step->has_min = reader.Member(json, "min", path, false) != nullptr;
      step->has_max = reader.Member(json, "max", path, false) != nullptr;
      step->min = reader.NumberIn(json, "min", path, false, 0, -1e15, 1e15);
      step->max = reader.NumberIn(json, "max", path, false, 0, -1e15, 1e15);
      // A plain string is the unit in every language (a symbol such as "€" needs no
      // translation); an object gives it per language.
      step->unit = reader.Text(json, "unit", path, false, default_language);
      if (step->has_min && step->has_max && step->max < step->min) {
        reader.Problem(JoinPath(path, "max"), "must not be below \"min\"");
      }
      break;
    case InputType::kScale:
      step->has_min = step->has_max = true;
      step->min = reader.Number(json, "min", path, false, 1);
      step->max = reader.Number(json, "max", path, false, 5);
      if (!((step->min == 1 && step->max == 5) || (step->min == 0 && step->max == 10))) {
        reader.Problem(JoinPath(path, "max"), "a scale runs from 1 to 5 or from 0 to 10");
      }
      break;
    case InputType::kConsent:
      step->consent_version = reader.Name(json, "consent_version", path, true);
      break;
    default:
      break;
  }
}

}  // namespace

bool ParseInputType(const std::string& name, InputType* type) {
  for (const auto& entry : kInputTypes) {
    if (name == entry.name) {
      *type = entry.type;
      return true;
    }
  }
  return false;
}

const char* ToString(InputType type) {
  for (const auto& entry : kInputTypes) {
    if (entry.type == type) return entry.name;
  }
  return "short_text";
}

Step DecodeStep(JsonReader& reader, ConditionLibrary& library, const JsonValue& json,
                const std::string& path, const std::string& default_language) {
  Step step;
  if (!json.is_object()) {
    reader.Problem(path, "a step must be an object");
    return step;
  }
  step.id = reader.Name(json, "id", path, true);
  const std::string type = reader.String(json, "type", path, true);
  step.text = reader.Text(json, "text", path, true, default_language);
  step.show_if = DecodeCondition(reader, library, reader.Member(json, "show_if", path, false),
                                 JoinPath(path, "show_if"));
  if (const JsonValue* end_if = reader.Member(json, "end_if", path, false)) {
    step.end_if = DecodeCondition(reader, library, end_if, JoinPath(path, "end_if"));
  }
  DecodeJumps(reader, library, json, path, &step);
  if (type == "message") {
    step.kind = Step::Kind::kMessage;
    reader.OnlyMembers(json, path, {"id", "type", "text", "show_if", "end_if", "jumps"});
    return step;
  }
  step.kind = Step::Kind::kQuestion;
  if (!ParseInputType(type, &step.input)) {
    if (!type.empty()) {
      reader.Problem(JoinPath(path, "type"), "unknown step type \"" + type + "\"");
    }
    return step;
  }
  DecodeQuestion(reader, json, path, default_language, &step);
  return step;
}

}  // namespace leadq
