// Rendering deliveries. The JSON shape is a public contract: add fields, never rename
// or remove them without a new format version.
#include "delivery/payload.h"

#include <cstdio>

#include "platform/utc_time.h"

namespace leadq {
namespace {

std::string Dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string Text(const Json& object, const char* key) {
  if (!object.is_object()) return std::string();
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Slack mrkdwn treats &, < and > as markup; visitors' answers must not become links.
std::string EscapeChat(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Points(const Json& value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", value.is_number() ? value.get<double>() : 0.0);
  return text;
}

}  // namespace

std::string RenderChatText(const std::string& event, const Json& lead) {
  std::string headline = event == ToString(HandoffEvent::kOverdue)   ? ":warning: *Lead overdue*"
                         : event == ToString(HandoffEvent::kNurture) ? "*New lead for nurturing*"
                                                                     : "*New qualified lead*";
  const Json fields = lead.is_object() && lead.contains("profile") && lead["profile"].is_object() &&
                              lead["profile"].contains("explicit")
                          ? lead["profile"]["explicit"]
                          : Json::object();
  std::string who = Text(fields, "email");
  if (who.empty()) who = Text(lead, "lead_id");
  std::string text =
      headline + ": " + EscapeChat(who) + " — grade *" + EscapeChat(Text(lead, "grade")) + "*, " +
      Points(lead.is_object() && lead.contains("total_points") ? lead["total_points"] : Json(0)) +
      " points (flow " + EscapeChat(Text(lead, "flow_id")) + ")\n";
  if (lead.is_object() && lead.contains("criteria") && lead["criteria"].is_array()) {
    for (const Json& criterion : lead["criteria"]) {
      text += "• " + EscapeChat(Text(criterion, "reason")) + " (+" +
              Points(criterion.is_object() && criterion.contains("points") ? criterion["points"]
                                                                           : Json(0)) +
              ")\n";
    }
  }
  if (lead.is_object() && lead.contains("sla") && lead["sla"].is_object() &&
      lead["sla"].contains("deadline_ms") && lead["sla"]["deadline_ms"].is_number_integer()) {
    text += "Respond by " + UtcTime(lead["sla"]["deadline_ms"].get<int64_t>()) + "\n";
  }
  const std::string link = Text(lead, "inbox_url");
  if (!link.empty()) text += "<" + link + "|Open in leadq>";
  return text;
}

std::string RenderDeliveryBody(const DestinationRecord& destination, const OutboxRecord& delivery) {
  if (destination.kind == "chat") {
    return Dump({{"text", RenderChatText(delivery.event, delivery.payload)}});
  }
  return Dump({{"format", kWebhookFormat},
               {"event", delivery.event},
               {"idempotency_key", delivery.idempotency_key},
               {"destination_id", delivery.destination_id},
               {"lead", delivery.payload}});
}

}  // namespace leadq
