// Event batch decoding.
#include "http/event_decoder.h"

#include "http/request_json.h"

namespace leadq {
namespace {

Result<EventRecord> DecodeEvent(const Json& item) {
  if (!item.is_object()) return Status::InvalidArgument("must be an object", "");
  EventRecord event;
  Result<std::string> type = ReadString(item, "type", true, 32);
  if (!type.ok()) return type.status();
  if (type.value() != "page_view" && type.value() != "time_on_page" && type.value() != "visit") {
    return Status::InvalidArgument("must be visit, page_view or time_on_page", "/type");
  }
  event.type = type.value();
  Result<std::string> path = ReadString(item, "path", event.type != "visit", 2048);
  if (!path.ok()) return path.status();
  event.path = path.value();
  Result<int64_t> at = ReadInteger(item, "at_ms", false, 0, int64_t{1} << 50);
  if (!at.ok()) return at.status();
  event.at_ms = at.value();
  if (event.type == "time_on_page") {
    Result<int64_t> seconds = ReadInteger(item, "seconds", true, 0, 86400);
    if (!seconds.ok()) return seconds.status();
    event.data["seconds"] = seconds.value();
    return event;
  }
  for (auto [key, limit] : {std::make_pair("title", 512), std::make_pair("referrer", 2048),
                            std::make_pair("channel", 32)}) {
    Result<std::string> text = ReadString(item, key, false, limit);
    if (!text.ok()) return text.status();
    if (!text.value().empty()) event.data[key] = text.value();
  }
  auto utm = item.find("utm");
  if (utm != item.end() && !utm->is_null()) {
    if (!utm->is_object()) return Status::InvalidArgument("must be an object", "/utm");
    Json tags = Json::object();
    for (const char* key : {"source", "medium", "campaign", "term", "content"}) {
      Result<std::string> tag = ReadString(*utm, key, false, 256);
      if (!tag.ok()) return tag.status().WithPathPrefix("/utm");
      if (!tag.value().empty()) tags[key] = tag.value();
    }
    // Other utm_* tags (utm_id, ...) are allowed and not kept; only their count is bounded.
    if (utm->size() > 20) return Status::InvalidArgument("at most 20 UTM tags", "/utm");
    event.data["utm"] = tags;
  }
  return event;
}

}  // namespace

Result<std::vector<EventRecord>> DecodeEvents(const Json& body) {
  auto list = body.find("events");
  if (list == body.end()) {
    return Status::InvalidArgument("missing required member \"events\"", "/events");
  }
  if (!list->is_array()) return Status::InvalidArgument("must be an array", "/events");
  std::vector<EventRecord> events;
  for (size_t i = 0; i < list->size(); ++i) {
    Result<EventRecord> event = DecodeEvent((*list)[i]);
    if (!event.ok()) return event.status().WithPathPrefix("/events/" + std::to_string(i));
    events.push_back(std::move(event).value());
  }
  return events;
}

}  // namespace leadq
