// JSON encoding and decoding of engine values. Decoders never throw: every member is
// type-checked before it is read.
#include "leadq/codec.h"

#include <cmath>

#include "json_reader.h"
#include "numbers.h"

namespace leadq {
namespace {

Status TypeError(const std::string& path, const std::string& expected) {
  return Status::InvalidArgument("must be " + expected, path);
}

// Times and counts are non-negative and at most 2^53, so that JavaScript holds them
// exactly and no arithmetic on them can overflow.
constexpr int64_t kMaxInteger = 9007199254740992;

Result<int64_t> OptionalInteger(const Json& object, const char* key, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return int64_t{0};
  if (!it->is_number_integer()) return TypeError(JoinPath(path, key), "an integer");
  if (it->is_number_unsigned() ? it->get<uint64_t>() > static_cast<uint64_t>(kMaxInteger)
                               : (it->get<int64_t>() < 0 || it->get<int64_t>() > kMaxInteger)) {
    return TypeError(JoinPath(path, key), "an integer from 0 to 2^53");
  }
  return it->get<int64_t>();
}

Result<std::string> OptionalString(const Json& object, const char* key, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return TypeError(JoinPath(path, key), "a string");
  return it->get<std::string>();
}

Status DecodeSignals(const Json& json, const std::string& path, Signals* signals) {
  if (!json.is_object()) return TypeError(path, "an object");
  const std::pair<const char*, int64_t*> integers[] = {
      {"page_views", &signals->page_views},
      {"visits", &signals->visits},
      {"time_on_site", &signals->time_on_site_seconds},
      {"last_activity_ms", &signals->last_activity_ms}};
  for (const auto& [key, target] : integers) {
    Result<int64_t> value = OptionalInteger(json, key, path);
    if (!value.ok()) return value.status();
    *target = value.value();
  }
  Result<std::string> channel = OptionalString(json, "channel", path);
  if (!channel.ok()) return channel.status();
  signals->channel = channel.value();
  if (auto it = json.find("utm"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) return TypeError(JoinPath(path, "utm"), "an object");
    for (auto utm = it->begin(); utm != it->end(); ++utm) {
      if (!utm.value().is_string())
        return TypeError(JoinPath(JoinPath(path, "utm"), utm.key()), "a string");
      signals->utm[utm.key()] = utm.value().get<std::string>();
    }
  }
  if (auto it = json.find("pages"); it != json.end() && !it->is_null()) {
    if (!it->is_array()) return TypeError(JoinPath(path, "pages"), "an array of paths");
    for (size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) return TypeError(JoinPath(JoinPath(path, "pages"), i), "a string");
      signals->pages.push_back((*it)[i].get<std::string>());
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Profile> DecodeProfile(const Json& json, const std::string& path) {
  Profile profile;
  if (json.is_null()) return profile;
  if (!json.is_object()) return TypeError(path, "an object");
  if (auto it = json.find("fields"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) return TypeError(JoinPath(path, "fields"), "an object");
    profile.fields = *it;
  }
  if (auto it = json.find("signals"); it != json.end() && !it->is_null()) {
    Status status = DecodeSignals(*it, JoinPath(path, "signals"), &profile.signals);
    if (!status.ok()) return status;
  }
  return profile;
}

Result<std::vector<Answer>> DecodeAnswers(const Json& json, const std::string& path) {
  std::vector<Answer> answers;
  if (json.is_null()) return answers;
  if (!json.is_array()) return TypeError(path, "an array of {\"step\", \"value\"}");
  for (size_t i = 0; i < json.size(); ++i) {
    const std::string item_path = JoinPath(path, i);
    const Json& item = json[i];
    if (!item.is_object()) return TypeError(item_path, "an object");
    auto step = item.find("step");
    if (step == item.end() || !step->is_string())
      return TypeError(JoinPath(item_path, "step"), "a step id");
    auto value = item.find("value");
    answers.push_back({step->get<std::string>(), value == item.end() ? Json() : *value});
  }
  return answers;
}

Result<ConversationInput> DecodeConversationInput(const Json& request) {
  ConversationInput input;
  if (!request.is_object()) return TypeError("", "an object");
  if (auto it = request.find("profile"); it != request.end()) {
    Result<Profile> profile = DecodeProfile(*it, "/profile");
    if (!profile.ok()) return profile.status();
    input.profile = std::move(profile).value();
  }
  if (auto it = request.find("answers"); it != request.end()) {
    Result<std::vector<Answer>> answers = DecodeAnswers(*it, "/answers");
    if (!answers.ok()) return answers.status();
    input.answers = std::move(answers).value();
  }
  Result<int64_t> now = OptionalInteger(request, "now_ms", "");
  if (!now.ok()) return now.status();
  input.now_ms = now.value();
  Result<std::string> language = OptionalString(request, "language", "");
  if (!language.ok()) return language.status();
  input.language = language.value();
  Result<std::string> visitor = OptionalString(request, "visitor_id", "");
  if (!visitor.ok()) return visitor.status();
  input.visitor_id = visitor.value();
  Result<std::string> revise = OptionalString(request, "revise", "");
  if (!revise.ok()) return revise.status();
  input.revise = revise.value();
  return input;
}

Json EncodeProfile(const Profile& profile) {
  const Signals& s = profile.signals;
  return Json{{"fields", profile.fields},
              {"signals",
               {{"page_views", s.page_views},
                {"visits", s.visits},
                {"time_on_site", s.time_on_site_seconds},
                {"channel", s.channel},
                {"utm", s.utm},
                {"pages", s.pages},
                {"last_activity_ms", s.last_activity_ms}}}};
}

Json EncodeOutcome(const Outcome& outcome) {
  Json criteria = Json::array();
  for (const CriterionResult& result : outcome.matched) {
    criteria.push_back({{"id", result.id},
                        {"category", ToString(result.category)},
                        {"points", JsonNumber(result.points)},
                        {"reason", result.reason}});
  }
  Json json{{"triage", ToString(outcome.triage)},
            {"grade", ToString(outcome.grade)},
            {"total_points", JsonNumber(outcome.total_points)},
            {"criteria", criteria},
            {"missing_fields", outcome.missing_fields},
            {"conversion", ToString(outcome.conversion)},
            {"stage", ToString(outcome.stage)},
            {"knockout", nullptr},
            {"sla", nullptr}};
  if (!outcome.knockout.empty()) {
    json["knockout"] = {{"id", outcome.knockout}, {"reason", outcome.knockout_reason}};
  }
  if (outcome.has_sla) {
    json["sla"] = {{"first_response_minutes", outcome.first_response_minutes},
                   {"deadline_ms", outcome.sla_deadline_ms},
                   {"follow_up_touches", outcome.follow_up_touches}};
  }
  return json;
}

Json EncodeQuestion(const QuestionView& question) {
  const Step& step = *question.step;
  Json choices = Json::array();
  for (const Choice& choice : step.choices) {
    auto label = choice.label.find(question.language);
    Json item{{"value", choice.value},
              {"label", label != choice.label.end() ? label->second
                        : choice.label.empty()      ? choice.value
                                                    : choice.label.begin()->second}};
    if (step.input == InputType::kMoneyRange) {
      item["min"] = JsonNumber(choice.min);
      item["max"] = choice.max < 0 ? Json() : JsonNumber(choice.max);
    }
    choices.push_back(std::move(item));
  }
  Json json{{"id", step.id},         {"field", step.field},    {"type", ToString(step.input)},
            {"text", question.text}, {"help", question.help},  {"required", step.required},
            {"choices", choices},    {"value", question.value}};
  if (step.has_min) json["min"] = JsonNumber(step.min);
  if (step.has_max) json["max"] = JsonNumber(step.max);
  if (!step.unit.empty()) json["unit"] = step.unit;
  if (step.input == InputType::kShortText || step.input == InputType::kLongText) {
    json["max_length"] = TextLimit(step);
  }
  if (!step.consent_version.empty()) json["consent_version"] = step.consent_version;
  return json;
}

Json EncodeTurn(const Turn& turn) {
  Json rejected = Json::array();
  for (const RejectedAnswer& answer : turn.rejected) {
    rejected.push_back({{"index", answer.index},
                        {"step", answer.step_id},
                        {"code", answer.status.code()},
                        {"message", answer.status.message()}});
  }
  return Json{{"variant", turn.variant},
              {"language", turn.language},
              {"messages", turn.messages},
              {"question", turn.question ? EncodeQuestion(*turn.question) : Json()},
              {"progress", {{"asked", turn.progress.asked}, {"total", turn.progress.total}}},
              {"done", turn.done},
              {"revising", turn.revising},
              {"previous_step", turn.previous_step},
              {"rejected", rejected},
              {"fields", turn.fields},
              {"outcome", EncodeOutcome(turn.outcome)}};
}

Json EncodeError(const Status& status) {
  return Json{
      {"ok", false},
      {"error", {{"code", status.code()}, {"message", status.message()}, {"path", status.path()}}}};
}

}  // namespace leadq
