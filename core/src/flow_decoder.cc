// The top level of a flow document: format, identity, languages, steps, the lead
// definition, SLA terms and variants. Decoding goes on after a problem so that the
// marketer sees every problem at once.
#include "leadq/flow_decoder.h"

#include <utility>

#include "decoding.h"

namespace leadq {
namespace {

constexpr size_t kMaxSteps = 500;

void DecodeLanguages(JsonReader& reader, const Json& document, Flow* flow) {
  const Json* languages = reader.Member(document, "languages", "", true);
  if (languages != nullptr) {
    if (!languages->is_array() || languages->empty()) {
      reader.Problem("/languages", "must be a non-empty array of language codes");
    } else {
      for (size_t i = 0; i < languages->size(); ++i) {
        const Json& language = (*languages)[i];
        if (!language.is_string() || language.get<std::string>().empty()) {
          reader.Problem(JoinPath("/languages", i), "must be a language code such as \"en\"");
          continue;
        }
        flow->languages.push_back(language.get<std::string>());
      }
    }
  }
  flow->default_language = reader.String(document, "default_language", "", false,
                                         flow->languages.empty() ? "en" : flow->languages[0]);
  bool declared = false;
  for (const std::string& language : flow->languages)
    declared |= language == flow->default_language;
  if (!declared && !flow->languages.empty()) {
    reader.Problem("/default_language", "must be one of \"languages\"");
  }
}

void DecodeSla(JsonReader& reader, const Json& document, Flow* flow) {
  const Json* sla = reader.Member(document, "sla", "", false);
  if (sla == nullptr) return;
  if (!sla->is_object()) {
    reader.Problem("/sla", "must be an object keyed by grade");
    return;
  }
  const std::pair<const char*, Grade> grades[] = {
      {"high", Grade::kHigh}, {"medium", Grade::kMedium}, {"low", Grade::kLow}};
  for (auto it = sla->begin(); it != sla->end(); ++it) {
    const std::string path = JoinPath("/sla", it.key());
    Grade grade = Grade::kNone;
    for (const auto& [name, value] : grades) {
      if (it.key() == name) grade = value;
    }
    if (grade == Grade::kNone) {
      reader.Problem(path, "unknown grade (use high, medium or low)");
      continue;
    }
    SlaTerms terms;
    terms.first_response_minutes = reader.Integer(it.value(), "first_response_minutes", path, true);
    terms.follow_up_touches =
        static_cast<int>(reader.Integer(it.value(), "follow_up_touches", path, false, 1));
    if (terms.first_response_minutes <= 0) {
      reader.Problem(JoinPath(path, "first_response_minutes"), "must be positive");
    }
    flow->sla[grade] = terms;
  }
}

void DecodeVariants(JsonReader& reader, const Json& document, Flow* flow) {
  const Json* variants = reader.Member(document, "variants", "", false);
  if (variants == nullptr) return;
  if (!variants->is_array()) {
    reader.Problem("/variants", "must be an array");
    return;
  }
  for (size_t i = 0; i < variants->size(); ++i) {
    const std::string path = JoinPath("/variants", i);
    const Json& item = (*variants)[i];
    Variant variant;
    variant.id = reader.String(item, "id", path, true);
    variant.weight = static_cast<int>(reader.Integer(item, "weight", path, false, 1));
    if (variant.weight < 0 || variant.weight > 1000000) {
      reader.Problem(JoinPath(path, "weight"), "must be between 0 and 1000000");
    }
    if (const Json* texts = reader.Member(item, "texts", path, false)) {
      if (!texts->is_object()) {
        reader.Problem(JoinPath(path, "texts"), "must be an object of step id -> text");
      } else {
        for (auto it = texts->begin(); it != texts->end(); ++it) {
          variant.texts[it.key()] = reader.Text(*texts, it.key().c_str(), JoinPath(path, "texts"),
                                                true, flow->default_language);
        }
      }
    }
    flow->variants.push_back(std::move(variant));
  }
}

}  // namespace

int Flow::StepIndex(const std::string& step_id) const {
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].id == step_id) return static_cast<int>(i);
  }
  return -1;
}

DecodedFlow DecodeFlow(const Json& document) {
  DecodedFlow decoded;
  JsonReader reader(&decoded.problems);
  Flow& flow = decoded.flow;
  if (!document.is_object()) {
    reader.Problem("", "a flow must be a JSON object");
    return decoded;
  }
  const std::string format = reader.String(document, "format", "", true);
  if (!format.empty() && format != kFlowFormat) {
    reader.Problem("/format",
                   std::string("unsupported format; this build reads \"") + kFlowFormat + "\"");
  }
  flow.id = reader.String(document, "id", "", true);
  flow.version = static_cast<int>(reader.Integer(document, "version", "", false, 1));
  DecodeLanguages(reader, document, &flow);
  flow.max_questions_per_visit =
      static_cast<int>(reader.Integer(document, "max_questions_per_visit", "", false, 0));
  if (flow.max_questions_per_visit < 0) {
    reader.Problem("/max_questions_per_visit", "must not be negative");
  }
  if (const Json* steps = reader.Member(document, "steps", "", true)) {
    if (!steps->is_array() || steps->empty()) {
      reader.Problem("/steps", "must be a non-empty array of steps");
    } else if (steps->size() > kMaxSteps) {
      reader.Problem("/steps", "a flow has at most 500 steps");
    } else {
      for (size_t i = 0; i < steps->size(); ++i) {
        flow.steps.push_back(
            DecodeStep(reader, (*steps)[i], JoinPath("/steps", i), flow.default_language));
      }
    }
  }
  if (const Json* definition = reader.Member(document, "lead_definition", "", true)) {
    flow.definition =
        DecodeLeadDefinition(reader, *definition, "/lead_definition", flow.default_language);
  }
  DecodeSla(reader, document, &flow);
  DecodeVariants(reader, document, &flow);
  CheckFlow(reader, flow, document);
  return decoded;
}

DecodedFlow DecodeFlowText(std::string_view text) {
  Json document = Json::parse(text.begin(), text.end(), nullptr, false);
  if (document.is_discarded()) {
    DecodedFlow decoded;
    decoded.problems.push_back({"", "the flow is not valid JSON"});
    return decoded;
  }
  return DecodeFlow(document);
}

}  // namespace leadq
