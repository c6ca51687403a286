// JSON encoding and decoding of engine values. Decoders never throw: every member is
// type-checked before it is read.
#include "leadq/codec.h"

#include <cmath>
#include <memory>
#include <utility>

#include "json_reader.h"
#include "leadq/business_time.h"
#include "numbers.h"

namespace leadq {
namespace {

Status TypeError(const std::string& path, const std::string& expected) {
  return Status::InvalidArgument("must be " + expected, path);
}

// Times and counts are non-negative and at most 2^53, so that JavaScript holds them
// exactly and no arithmetic on them can overflow.
constexpr int64_t kMaxInteger = 9007199254740992;

Result<int64_t> OptionalInteger(const JsonValue& object, const char* key, const std::string& path) {
  const JsonValue* it = object.Find(key);
  if (it == nullptr || it->is_null()) return int64_t{0};
  if (!it->is_integer()) return TypeError(JoinPath(path, key), "an integer");
  if (it->is_unsigned() || it->as_int64() < 0 || it->as_int64() > kMaxInteger) {
    return TypeError(JoinPath(path, key), "an integer from 0 to 2^53");
  }
  return it->as_int64();
}

Result<std::string> OptionalString(const JsonValue& object, const char* key,
                                   const std::string& path) {
  const JsonValue* it = object.Find(key);
  if (it == nullptr || it->is_null()) return std::string();
  if (!it->is_string()) return TypeError(JoinPath(path, key), "a string");
  return it->as_string();
}

Status ReadSignals(const JsonValue& json, const std::string& path, Signals* signals) {
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
  if (const JsonValue* it = json.Find("utm"); it != nullptr && !it->is_null()) {
    if (!it->is_object()) return TypeError(JoinPath(path, "utm"), "an object");
    for (const auto& [key, value] : it->members()) {
      if (!value.is_string()) return TypeError(JoinPath(JoinPath(path, "utm"), key), "a string");
      signals->utm[key] = value.as_string();
    }
  }
  if (const JsonValue* it = json.Find("pages"); it != nullptr && !it->is_null()) {
    if (!it->is_array()) return TypeError(JoinPath(path, "pages"), "an array of paths");
    for (size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) return TypeError(JoinPath(JoinPath(path, "pages"), i), "a string");
      signals->pages.push_back({(*it)[i].as_string(), 0});
    }
  }
  // When each page was last seen, item by item; absent in signals kept before times were.
  if (const JsonValue* it = json.Find("pages_seen_ms"); it != nullptr && !it->is_null()) {
    const std::string seen_path = JoinPath(path, "pages_seen_ms");
    if (!it->is_array() || it->size() != signals->pages.size()) {
      return TypeError(seen_path, "an array with one time per page");
    }
    for (size_t i = 0; i < it->size(); ++i) {
      const JsonValue& at = (*it)[i];
      if (!at.is_integer() || at.is_unsigned() || at.as_int64() < 0 ||
          at.as_int64() > kMaxInteger) {
        return TypeError(JoinPath(seen_path, i), "an integer from 0 to 2^53");
      }
      signals->pages[i].last_seen_ms = at.as_int64();
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Profile> DecodeProfile(const JsonValue& json, const std::string& path) {
  Profile profile;
  if (json.is_null()) return profile;
  if (!json.is_object()) return TypeError(path, "an object");
  if (const JsonValue* it = json.Find("fields"); it != nullptr && !it->is_null()) {
    if (!it->is_object()) return TypeError(JoinPath(path, "fields"), "an object");
    profile.fields = *it;
  }
  if (const JsonValue* it = json.Find("signals"); it != nullptr && !it->is_null()) {
    Status status = ReadSignals(*it, JoinPath(path, "signals"), &profile.signals);
    if (!status.ok()) return status;
  }
  return profile;
}

Result<Signals> DecodeSignals(const JsonValue& json, const std::string& path) {
  Signals signals;
  if (json.is_null()) return signals;
  Status status = ReadSignals(json, path, &signals);
  if (!status.ok()) return status;
  return signals;
}

Result<std::vector<Answer>> DecodeAnswers(const JsonValue& json, const std::string& path) {
  std::vector<Answer> answers;
  if (json.is_null()) return answers;
  if (!json.is_array()) return TypeError(path, "an array of {\"step\", \"value\"}");
  for (size_t i = 0; i < json.size(); ++i) {
    const std::string item_path = JoinPath(path, i);
    const JsonValue& item = json[i];
    if (!item.is_object()) return TypeError(item_path, "an object");
    const JsonValue* step = item.Find("step");
    if (step == nullptr || !step->is_string())
      return TypeError(JoinPath(item_path, "step"), "a step id");
    const JsonValue* value = item.Find("value");
    answers.push_back({step->as_string(), value == nullptr ? JsonValue() : *value});
  }
  return answers;
}

Result<ConversationInput> DecodeConversationInput(const JsonValue& request) {
  ConversationInput input;
  if (!request.is_object()) return TypeError("", "an object");
  if (const JsonValue* it = request.Find("profile")) {
    Result<Profile> profile = DecodeProfile(*it, "/profile");
    if (!profile.ok()) return profile.status();
    input.profile = std::move(profile).value();
  }
  if (const JsonValue* it = request.Find("answers")) {
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

Result<std::shared_ptr<const WorkingTime>> DecodeWorkingTime(const JsonValue& json,
                                                             const std::string& path) {
  Result<BusinessCalendar> calendar = DecodeBusinessCalendar(json, path);
  if (!calendar.ok()) return calendar.status();
  return MakeWorkingTime(std::move(calendar).value());
}

JsonValue EncodeSignals(const Signals& s) {
  JsonValue utm = JsonValue::MakeObject();
  for (const auto& [key, value] : s.utm) utm.Set(key, value);
  JsonValue pages = JsonValue::MakeArray();
  JsonValue seen = JsonValue::MakeArray();
  for (const SeenPage& page : s.pages) {
    pages.PushBack(page.path);
    seen.PushBack(page.last_seen_ms);
  }
  return JsonValue{{"page_views", s.page_views},
                   {"visits", s.visits},
                   {"time_on_site", s.time_on_site_seconds},
                   {"channel", s.channel},
                   {"utm", std::move(utm)},
                   {"pages", std::move(pages)},
                   {"pages_seen_ms", std::move(seen)},
                   {"last_activity_ms", s.last_activity_ms}};
}

JsonValue EncodeProfile(const Profile& profile) {
  return JsonValue{{"fields", profile.fields}, {"signals", EncodeSignals(profile.signals)}};
}

JsonValue EncodeOutcome(const Outcome& outcome) {
  JsonValue criteria = JsonValue::MakeArray();
  for (const CriterionResult& result : outcome.matched) {
    criteria.PushBack(JsonValue{{"id", result.id},
                                {"category", ToString(result.category)},
                                {"points", JsonNumber(result.points)},
                                {"reason", result.reason}});
  }
  JsonValue unmet = JsonValue::MakeArray();
  for (const CriterionResult& result : outcome.unmet) {
    unmet.PushBack(JsonValue{
        {"id", result.id}, {"category", ToString(result.category)}, {"reason", result.reason}});
  }
  JsonValue knockout;
  if (!outcome.knockout.empty()) {
    knockout = JsonValue{{"id", outcome.knockout}, {"reason", outcome.knockout_reason}};
  }
  JsonValue sla;
  if (outcome.has_sla) {
    sla = JsonValue{{"first_response_minutes", outcome.first_response_minutes},
                    {"deadline_ms", outcome.sla_deadline_ms},
                    {"follow_up_touches", outcome.follow_up_touches},
                    {"business_hours", outcome.sla_business_hours}};
  }
  JsonValue json{{"triage", ToString(outcome.triage)},
                 {"grade", ToString(outcome.grade)},
                 {"total_points", JsonNumber(outcome.total_points)},
                 {"conversion", ToString(outcome.conversion)},
                 {"stage", ToString(outcome.stage)}};
  // Moved in: a member of an initializer list is copied, and these are the large ones.
  json.Set("criteria", std::move(criteria));
  json.Set("missing_fields", JsonValue::ArrayOf(outcome.missing_fields));
  json.Set("unmet", std::move(unmet));
  json.Set("knockout", std::move(knockout));
  json.Set("sla", std::move(sla));
  json.Set("changes_ms", outcome.changes_ms > 0 ? JsonValue(outcome.changes_ms) : JsonValue());
  return json;
}

JsonValue EncodeQuestion(const QuestionView& question) {
  const Step& step = *question.step;
  JsonValue choices = JsonValue::MakeArray();
  for (const Choice& choice : step.choices) {
    auto label = choice.label.find(question.language);
    JsonValue item{{"value", choice.value},
                   {"label", label != choice.label.end() ? label->second
                             : choice.label.empty()      ? choice.value
                                                         : choice.label.begin()->second}};
    if (step.input == InputType::kMoneyRange) {
      item.Set("min", JsonNumber(choice.min));
      item.Set("max", choice.max < 0 ? JsonValue() : JsonNumber(choice.max));
    }
    choices.PushBack(std::move(item));
  }
  JsonValue json{{"id", step.id},         {"field", step.field},    {"type", ToString(step.input)},
                 {"text", question.text}, {"help", question.help},  {"required", step.required},
                 {"choices", choices},    {"value", question.value}};
  if (step.has_min) json.Set("min", JsonNumber(step.min));
  if (step.has_max) json.Set("max", JsonNumber(step.max));
  if (!question.unit.empty()) json.Set("unit", question.unit);
  if (step.input == InputType::kShortText || step.input == InputType::kLongText) {
    json.Set("max_length", TextLimit(step));
  }
  if (!step.consent_version.empty()) json.Set("consent_version", step.consent_version);
  return json;
}

JsonValue EncodeTurn(const Turn& turn) {
  JsonValue rejected = JsonValue::MakeArray();
  for (const RejectedAnswer& answer : turn.rejected) {
    rejected.PushBack(JsonValue{{"index", answer.index},
                                {"step", answer.step_id},
                                {"code", answer.status.code_name()},
                                {"message", answer.status.message()}});
  }
  return JsonValue{
      {"variant", turn.variant},
      {"language", turn.language},
      {"messages", JsonValue::ArrayOf(turn.messages)},
      {"question", turn.question ? EncodeQuestion(*turn.question) : JsonValue()},
      {"progress", JsonValue{{"asked", turn.progress.asked}, {"total", turn.progress.total}}},
      {"done", turn.done},
      {"revising", turn.revising},
      {"previous_step", turn.previous_step},
      {"rejected", rejected},
      {"fields", turn.fields},
      {"outcome", EncodeOutcome(turn.outcome)}};
}

JsonValue EncodeError(const Status& status) {
  return JsonValue{{"ok", false},
                   {"error", JsonValue{{"code", status.code_name()},
                                       {"message", status.message()},
                                       {"path", status.path()}}}};
}

}  // namespace leadq
