// Decoding behaviour events: every member is type- and length-checked before it is read,
// and an error names it.
#include "json_reader.h"
#include "leadq/signals.h"

namespace leadq {
namespace {

// Client clocks are trusted for nothing but their own widget's fold, and bounded.
constexpr int64_t kMaxAtMs = int64_t{1} << 50;
constexpr size_t kMaxTags = 20;
constexpr size_t kMaxParams = 20;

Status Bad(const std::string& path, const std::string& expected) {
  return Status::InvalidArgument("must be " + expected, path);
}

// object[key], or null when it is absent or null (*missing set when it is `required`).
const JsonValue* Member(const JsonValue& object, const char* key, bool required,
                        const std::string& path, Status* missing) {
  const JsonValue* value = object.Find(key);
  if (value != nullptr && !value->is_null()) return value;
  if (required) {
    *missing = Status::InvalidArgument(std::string("missing required member \"") + key + "\"",
                                       JoinPath(path, key));
  }
  return nullptr;
}

// object[key] as a string of at most `limit` bytes; "" when absent or null.
Status ReadText(const JsonValue& object, const char* key, size_t limit, bool required,
                const std::string& path, std::string* out) {
  Status status;
  const JsonValue* value = Member(object, key, required, path, &status);
  if (value == nullptr) return status;
  if (!value->is_string()) return Bad(JoinPath(path, key), "a string");
  if (value->as_string().size() > limit) {
    return Bad(JoinPath(path, key), "at most " + JsonValue(limit).Dump() + " bytes");
  }
  if (required && value->as_string().empty()) return Bad(JoinPath(path, key), "a non-empty string");
  *out = value->as_string();
  return Status::Ok();
}

Status ReadInteger(const JsonValue& object, const char* key, int64_t max, bool required,
                   const std::string& path, int64_t* out) {
  Status status;
  const JsonValue* value = Member(object, key, required, path, &status);
  if (value == nullptr) return status;
  if (!value->is_integer() || value->is_unsigned() || value->as_int64() < 0 ||
      value->as_int64() > max) {
    return Bad(JoinPath(path, key), "an integer from 0 to " + JsonValue(max).Dump());
  }
  *out = value->as_int64();
  return Status::Ok();
}

Status ReadUtm(const JsonValue& object, const std::string& path, Event* event) {
  const JsonValue* utm = object.Find("utm");
  if (utm == nullptr || utm->is_null()) return Status::Ok();
  const std::string utm_path = JoinPath(path, "utm");
  if (!utm->is_object()) return Bad(utm_path, "an object");
  if (utm->size() > kMaxTags) return Bad(utm_path, "at most 20 UTM tags");
  // Other utm_* tags (utm_id, ...) are allowed and not kept.
  for (const char* key : {"source", "medium", "campaign", "term", "content"}) {
    std::string tag;
    Status status = ReadText(*utm, key, 256, false, utm_path, &tag);
    if (!status.ok()) return status;
    if (!tag.empty()) event->utm[key] = tag;
  }
  return Status::Ok();
}

Status ReadParams(const JsonValue& object, const std::string& path, Event* event) {
  const JsonValue* params = object.Find("params");
  if (params == nullptr || params->is_null()) return Status::Ok();
  const std::string params_path = JoinPath(path, "params");
  if (!params->is_array()) return Bad(params_path, "an array of query parameter names");
  if (params->size() > kMaxParams) return Bad(params_path, "at most 20 names");
  for (size_t i = 0; i < params->size(); ++i) {
    const JsonValue& name = (*params)[i];
    if (!name.is_string() || name.as_string().empty() || name.as_string().size() > 64) {
      return Bad(JoinPath(params_path, i), "a name of 1 to 64 bytes");
    }
    event->params.push_back(name.as_string());
  }
  return Status::Ok();
}

Result<Event> DecodeEvent(const JsonValue& json, const std::string& path) {
  if (!json.is_object()) return Bad(path, "an object");
  Event event;
  std::string type;
  Status status = ReadText(json, "type", 32, true, path, &type);
  if (!status.ok()) return status;
  if (type == "page_view") {
    event.type = Event::Type::kPageView;
  } else if (type == "time_on_page") {
    event.type = Event::Type::kTimeOnPage;
  } else if (type == "visit") {
    event.type = Event::Type::kVisit;
  } else {
    return Bad(JoinPath(path, "type"), "visit, page_view or time_on_page");
  }
  status = ReadText(json, "path", 2048, event.type != Event::Type::kVisit, path, &event.path);
  if (status.ok()) status = ReadInteger(json, "at_ms", kMaxAtMs, false, path, &event.at_ms);
  if (!status.ok()) return status;
  if (event.type == Event::Type::kTimeOnPage) {
    status = ReadInteger(json, "seconds", 86400, true, path, &event.seconds);
    if (!status.ok()) return status;
    return event;
  }
  const struct {
    const char* key;
    size_t limit;
    std::string* target;
  } texts[] = {{"title", 512, &event.title},
               {"host", 253, &event.host},
               {"referrer", 2048, &event.referrer},
               {"channel", 32, &event.channel}};
  for (const auto& text : texts) {
    status = ReadText(json, text.key, text.limit, false, path, text.target);
    if (!status.ok()) return status;
  }
  status = ReadUtm(json, path, &event);
  if (status.ok()) status = ReadParams(json, path, &event);
  if (!status.ok()) return status;
  return event;
}

}  // namespace

Result<std::vector<Event>> DecodeEvents(const JsonValue& json, const std::string& path) {
  if (!json.is_array()) return Bad(path, "an array");
  if (json.size() > kMaxEventsPerBatch) {
    return Bad(path, "at most " + JsonValue(kMaxEventsPerBatch).Dump() + " events");
  }
  std::vector<Event> events;
  for (size_t i = 0; i < json.size(); ++i) {
    Result<Event> event = DecodeEvent(json[i], JoinPath(path, i));
    if (!event.ok()) return event.status();
    events.push_back(std::move(event).value());
  }
  return events;
}

const char* ToString(Event::Type type) {
  switch (type) {
    case Event::Type::kPageView:
      return "page_view";
    case Event::Type::kTimeOnPage:
      return "time_on_page";
    case Event::Type::kVisit:
      return "visit";
  }
  return "page_view";
}

}  // namespace leadq
