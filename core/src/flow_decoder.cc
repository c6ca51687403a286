// The top level of a flow document: format, identity, languages, steps, the lead
// definition, SLA terms and variants. Decoding goes on after a problem so that the
// marketer sees every problem at once.
#include "leadq/flow_decoder.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "condition_types.h"
#include "decoding.h"
#include "sort.h"

namespace leadq {
namespace {

constexpr size_t kMaxSteps = 500;

void DecodeLanguages(JsonReader& reader, const JsonValue& document, Flow* flow) {
  const JsonValue* languages = reader.Member(document, "languages", "", true);
  if (languages != nullptr) {
    if (!languages->is_array() || languages->empty()) {
      reader.Problem("/languages", "must be a non-empty array of language codes");
    } else {
      for (size_t i = 0; i < languages->size(); ++i) {
        const JsonValue& language = (*languages)[i];
        if (!language.is_string() || language.as_string().empty()) {
          reader.Problem(JoinPath("/languages", i), "must be a language code such as \"en\"");
          continue;
        }
        const std::string code = language.as_string();
        if (std::find(flow->languages.begin(), flow->languages.end(), code) !=
            flow->languages.end()) {
          reader.Problem(JoinPath("/languages", i), "duplicate language \"" + code + "\"");
          continue;
        }
        flow->languages.push_back(code);
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

void DecodeSla(JsonReader& reader, const JsonValue& document, Flow* flow) {
  const JsonValue* sla = reader.Member(document, "sla", "", false);
  if (sla == nullptr) return;
  if (!sla->is_object()) {
    reader.Problem("/sla", "must be an object keyed by grade");
    return;
  }
  const std::pair<const char*, Grade> grades[] = {
      {"high", Grade::kHigh}, {"medium", Grade::kMedium}, {"low", Grade::kLow}};
  for (const auto& [key, terms_json] : sla->members()) {
    const std::string path = JoinPath("/sla", key);
    Grade grade = Grade::kNone;
    for (const auto& [name, value] : grades) {
      if (key == name) grade = value;
    }
    if (grade == Grade::kNone) {
      reader.Problem(path, "unknown grade (use high, medium or low)");
      continue;
    }
    if (!terms_json.is_object()) {
      reader.Problem(path, "must be an object");
      continue;
    }
    reader.OnlyMembers(terms_json, path,
                       {"first_response_minutes", "follow_up_touches", "business_hours"});
    SlaTerms terms;
    // At most ten years, which also keeps now + deadline far from overflowing.
    terms.first_response_minutes =
        reader.IntegerIn(terms_json, "first_response_minutes", path, true, 0, 1, 5256000);
    terms.follow_up_touches =
        static_cast<int>(reader.IntegerIn(terms_json, "follow_up_touches", path, false, 1, 0, 100));
    terms.business_hours = reader.Bool(terms_json, "business_hours", path, false);
    flow->sla[grade] = terms;
  }
}

void DecodeVariants(JsonReader& reader, const JsonValue& document, Flow* flow) {
  const JsonValue* variants = reader.Member(document, "variants", "", false);
  if (variants == nullptr) return;
  if (!variants->is_array()) {
    reader.Problem("/variants", "must be an array");
    return;
  }
  for (size_t i = 0; i < variants->size(); ++i) {
    const std::string path = JoinPath("/variants", i);
    const JsonValue& item = (*variants)[i];
    if (!item.is_object()) {
      reader.Problem(path, "a variant must be an object");
      continue;
    }
    reader.OnlyMembers(item, path, {"id", "weight", "texts", "hide"});
    Variant variant;
    variant.id = reader.Name(item, "id", path, true);
    variant.weight = static_cast<int>(reader.IntegerIn(item, "weight", path, false, 1, 0, 1000000));
    if (const JsonValue* hide = reader.Member(item, "hide", path, false)) {
      if (!hide->is_array()) {
        reader.Problem(JoinPath(path, "hide"), "must be an array of step ids");
      } else {
        for (size_t h = 0; h < hide->size(); ++h) {
          if (!(*hide)[h].is_string()) {
            reader.Problem(JoinPath(JoinPath(path, "hide"), h), "must be a step id");
            continue;
          }
          variant.hidden.push_back((*hide)[h].as_string());
        }
      }
    }
    if (const JsonValue* texts = reader.Member(item, "texts", path, false)) {
      if (!texts->is_object()) {
        reader.Problem(JoinPath(path, "texts"), "must be an object of step id -> text");
      } else {
        for (const JsonValue::Member& member : texts->members()) {
          variant.texts[member.first] = reader.Text(
              *texts, member.first.c_str(), JoinPath(path, "texts"), true, flow->default_language);
        }
      }
    }
    flow->variants.push_back(std::move(variant));
  }
}

// Document order for JSON pointers: segment by segment, array indices numerically, so
// that "/steps/2" comes before "/steps/10" and a parent before its members.
bool PathBefore(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const size_t a_end = std::min(a.find('/', i + 1), a.size());
    const size_t b_end = std::min(b.find('/', j + 1), b.size());
    const std::string_view sa(a.data() + i, a_end - i), sb(b.data() + j, b_end - j);
    const auto numeric = [](std::string_view s) {
      return s.size() > 1 && s.size() < 12 &&
             std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (sa != sb) {
      if (numeric(sa) && numeric(sb)) {
        // Equal-length digit strings order like their numbers (indices have no leading 0s).
        return sa.size() != sb.size() ? sa.size() < sb.size() : sa < sb;
      }
      return sa < sb;
    }
    i = a_end;
    j = b_end;
  }
  return a.size() - i < b.size() - j;
}

}  // namespace

int Flow::StepIndex(const std::string& step_id) const {
  if (step_index.size() == steps.size()) {
    auto it = step_index.find(step_id);
    return it == step_index.end() ? -1 : it->second;
  }
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].id == step_id) return static_cast<int>(i);
  }
  return -1;
}

DecodedFlow DecodeFlow(const JsonValue& document) {
  DecodedFlow decoded;
  JsonReader reader(&decoded.problems);
  Flow& flow = decoded.flow;
  if (!document.is_object()) {
    reader.Problem("", "a flow must be a JSON object");
    return decoded;
  }
  reader.OnlyMembers(document, "",
                     {"format", "id", "name", "description", "version", "languages",
                      "default_language", "max_questions_per_visit", "profile_fields", "conditions",
                      "steps", "lead_definition", "sla", "variants"});
  const std::string format = reader.String(document, "format", "", true);
  if (!format.empty() && format != kFlowFormat) {
    reader.Problem("/format",
                   std::string("unsupported format; this build reads \"") + kFlowFormat + "\"");
  }
  flow.id = reader.Name(document, "id", "", true);
  reader.String(document, "name", "", false);
  reader.String(document, "description", "", false);
  flow.version =
      static_cast<int>(reader.IntegerIn(document, "version", "", false, 1, 1, 1000000000));
  DecodeLanguages(reader, document, &flow);
  flow.max_questions_per_visit = static_cast<int>(
      reader.IntegerIn(document, "max_questions_per_visit", "", false, 0, 0, kMaxSteps));
  ConditionLibrary library(reader, reader.Member(document, "conditions", "", false));
  if (const JsonValue* steps = reader.Member(document, "steps", "", true)) {
    if (!steps->is_array() || steps->empty()) {
      reader.Problem("/steps", "must be a non-empty array of steps");
    } else if (steps->size() > kMaxSteps) {
      reader.Problem("/steps", "a flow has at most 500 steps");
    } else {
      for (size_t i = 0; i < steps->size(); ++i) {
        flow.steps.push_back(
            DecodeStep(reader, library, (*steps)[i], JoinPath("/steps", i), flow.default_language));
      }
    }
  }
  if (const JsonValue* definition = reader.Member(document, "lead_definition", "", true)) {
    flow.definition = DecodeLeadDefinition(reader, library, *definition, "/lead_definition",
                                           flow.default_language);
  }
  flow.conditions = library.decoded();
  DecodeSla(reader, document, &flow);
  DecodeVariants(reader, document, &flow);
  for (size_t i = 0; i < flow.steps.size(); ++i) {
    flow.step_index.emplace(flow.steps[i].id, static_cast<int>(i));
  }
  CheckFlow(reader, flow, document);
  ResolveOrderedComparisons(&flow);
  StableSort<FlowProblem>(&decoded.problems, [](const FlowProblem& a, const FlowProblem& b) {
    return PathBefore(a.path, b.path);
  });
  return decoded;
}

DecodedFlow DecodeFlowText(std::string_view text) {
  JsonValue document;
  std::string error;
  if (!ParseJson(text, &document, &error)) {
    DecodedFlow decoded;
    decoded.problems.push_back({"", "the flow " + error});
    return decoded;
  }
  return DecodeFlow(document);
}

}  // namespace leadq
