// Forwarding rules.
#include "services/forwarding_rules.h"

#include <algorithm>
#include <string_view>

namespace leadq {
namespace {

bool Allows(const std::vector<std::string>& filter, const std::string& value) {
  return filter.empty() || std::find(filter.begin(), filter.end(), value) != filter.end();
}

}  // namespace

const std::string& Text(const JsonValue& object, std::string_view key) {
  static const std::string kNone;
  const JsonValue* value = object.is_object() ? object.Find(key) : nullptr;
  return value != nullptr && value->is_string() ? value->as_string() : kNone;
}

std::string RouteFor(const JsonValue& outcome, bool done, bool hard_conversion_wanted) {
  const std::string& triage = Text(outcome, "triage");
  if (triage == "qualified") return "sales";
  if (hard_conversion_wanted && Text(outcome, "conversion") == "hard" && triage != "disqualified") {
    return "sales";
  }
  if (triage == "nurture" && done) return "nurture";
  return std::string();
}

std::optional<int> NextGeneration(const std::optional<HandoffState>& existing,
                                  const std::string& route, int64_t last_data_ms) {
  if (route.empty()) return std::nullopt;
  if (!existing) return 1;
  if (route != "sales") return std::nullopt;  // once handed over, nurture is not repeated
  if (existing->route == "nurture") return existing->generation + 1;
  if (existing->state == "nurturing" && last_data_ms > existing->sent_back_ms) {
    return existing->generation + 1;
  }
  return std::nullopt;
}

const char* EventFor(const std::string& route) {
  return route == "nurture" ? kEventNurture : kEventQualified;
}

bool Accepts(const DestinationRecord& d, const std::string& event, const std::string& flow_id,
             const std::string& grade, const std::string& triage,
             bool flow_hands_off_hard_conversions) {
  if (event == kEventQualified && triage != "qualified" && !flow_hands_off_hard_conversions &&
      std::find(d.triggers.begin(), d.triggers.end(), "hard_conversion") == d.triggers.end()) {
    return false;
  }
  return d.enabled && std::find(d.events.begin(), d.events.end(), event) != d.events.end() &&
         Allows(d.flows, flow_id) && Allows(d.grades, grade) && Allows(d.triage, triage);
}

std::string IdempotencyKey(const std::string& lead_id, const std::string& destination_id,
                           const std::string& event, int generation) {
  const std::string short_event = event.rfind("lead.", 0) == 0 ? event.substr(5) : event;
  return lead_id + "." + destination_id + "." + short_event + "." + std::to_string(generation);
}

}  // namespace leadq
