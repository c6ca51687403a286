// Forwarding rules.
#include "services/forwarding_rules.h"

#include <algorithm>

namespace leadq {
namespace {

std::string Text(const Json& object, const char* key) {
  if (!object.is_object()) return std::string();
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool Allows(const std::vector<std::string>& filter, const std::string& value) {
  return filter.empty() || std::find(filter.begin(), filter.end(), value) != filter.end();
}

}  // namespace

std::vector<std::string> ForwardingTriggers(const Json& flow_document) {
  std::vector<std::string> triggers;
  if (flow_document.is_object()) {
    auto section = flow_document.find("forwarding");
    if (section != flow_document.end() && section->is_object()) {
      auto list = section->find("triggers");
      if (list != section->end() && list->is_array()) {
        for (const Json& item : *list) {
          if (item.is_string()) triggers.push_back(item.get<std::string>());
        }
      }
    }
  }
  if (triggers.empty()) triggers.push_back("qualified");
  return triggers;
}

std::string RouteFor(const Json& outcome, bool done, const std::vector<std::string>& triggers) {
  const std::string triage = Text(outcome, "triage");
  const auto has = [&](const char* trigger) {
    return std::find(triggers.begin(), triggers.end(), trigger) != triggers.end();
  };
  if (triage == "qualified" && has("qualified")) return "sales";
  if (has("hard_conversion") && Text(outcome, "conversion") == "hard" && triage != "disqualified") {
    return "sales";
  }
  if (triage == "nurture" && done) return "nurture";
  return std::string();
}

std::optional<int> NextGeneration(const std::optional<HandoffRecord>& existing,
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
             const std::string& grade, const std::string& triage) {
  return d.enabled && std::find(d.events.begin(), d.events.end(), event) != d.events.end() &&
         Allows(d.flows, flow_id) && Allows(d.grades, grade) && Allows(d.triage, triage);
}

std::string IdempotencyKey(const std::string& lead_id, const std::string& destination_id,
                           const std::string& event, int generation) {
  const std::string short_event = event.rfind("lead.", 0) == 0 ? event.substr(5) : event;
  return lead_id + "." + destination_id + "." + short_event + "." + std::to_string(generation);
}

}  // namespace leadq
