// What a destination receives. The lead snapshot (built when the lead was handed over)
// is rendered per destination kind:
//   - "webhook" and "nurture": the versioned JSON document "leadq.webhook/1"
//     (docs/webhooks.md lists every field);
//   - "chat": a Slack-compatible incoming-webhook body, {"text": "..."} in mrkdwn.
// Rendering is deterministic, so every retry of a delivery sends the same bytes.
#ifndef LEADQ_SERVER_DELIVERY_PAYLOAD_H_
#define LEADQ_SERVER_DELIVERY_PAYLOAD_H_

#include <string>

#include "storage/handoff_records.h"

namespace leadq {

inline constexpr const char* kWebhookFormat = "leadq.webhook/1";

std::string RenderDeliveryBody(const DestinationRecord& destination, const OutboxRecord& delivery);

// The chat text alone (for tests and previews).
std::string RenderChatText(const std::string& event, const Json& lead);

}  // namespace leadq

#endif  // LEADQ_SERVER_DELIVERY_PAYLOAD_H_
