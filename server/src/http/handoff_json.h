// JSON shapes of the handoff admin API: decoding destination bodies (never throwing,
// with the path of each problem) and rendering records.
#ifndef LEADQ_SERVER_HTTP_HANDOFF_JSON_H_
#define LEADQ_SERVER_HTTP_HANDOFF_JSON_H_

#include "services/handoff_service.h"

namespace leadq {

// A destination from a request body; site_key and destination_id are the caller's.
Result<DestinationRecord> DecodeDestination(const Json& body);

// `show_secret` only when the caller just set it: afterwards only its last 4 characters.
Json DestinationJson(const DestinationRecord& destination, bool show_secret);
Json HandoffJson(const HandoffRecord& handoff, int64_t now_ms);
Json DeliveryJson(const OutboxRecord& delivery, bool with_payload);
Json LeadHandoffJson(const LeadHandoff& lead, int64_t now_ms);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_HANDOFF_JSON_H_
