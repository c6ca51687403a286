// Answers in words.
#include "services/answer_labels.h"

#include <sstream>

namespace leadq {
namespace {

// `text` in `language`, else in the flow's default language, else any.
std::string In(const LocalizedText& text, const std::string& language, const Flow& flow) {
  for (const std::string& l : {language, flow.default_language}) {
    auto it = text.find(l);
    if (it != text.end() && !it->second.empty()) return it->second;
  }
  return text.empty() ? std::string() : text.begin()->second;
}

std::string Plain(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  if (value.is_number()) {
    std::ostringstream text;
    text << value.get<double>();
    return text.str();
  }
  return value.dump();
}

}  // namespace

AnswerLabel LabelAnswer(const Flow& flow, const std::string& language, const std::string& step_id,
                        const nlohmann::json& value) {
  const Step* step = nullptr;
  for (const Step& s : flow.steps) {
    if (s.id == step_id) step = &s;
  }
  if (step == nullptr) return {step_id, Plain(value)};
  AnswerLabel label{In(step->text, language, flow), ""};
  const bool dutch = (language.empty() ? flow.default_language : language).rfind("nl", 0) == 0;
  auto choice = [&](const nlohmann::json& v) {
    for (const Choice& c : step->choices) {
      if (v.is_string() && c.value == v.get<std::string>()) return In(c.label, language, flow);
    }
    return Plain(v);
  };
  if (value.is_boolean()) {
    label.answer = value.get<bool>() ? (dutch ? "Ja" : "Yes") : (dutch ? "Nee" : "No");
  } else if (value.is_array()) {
    for (const nlohmann::json& item : value) {
      label.answer += (label.answer.empty() ? "" : ", ") + choice(item);
    }
  } else if (!step->choices.empty()) {
    label.answer = choice(value);
  } else {
    label.answer = Plain(value);
    const std::string unit = In(step->unit, language, flow);
    if (value.is_number() && !unit.empty()) label.answer += " " + unit;
  }
  return label;
}

}  // namespace leadq
