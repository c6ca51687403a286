// Decoding the widget's implicit event batches: body["events"], read by the core's own
// decoder (leadq/signals.h), so unknown event types, wrong types and oversized strings
// are refused with the JSON path of the problem, the same on the server as in the widget.
#ifndef LEADQ_SERVER_HTTP_EVENT_DECODER_H_
#define LEADQ_SERVER_HTTP_EVENT_DECODER_H_

#include <vector>

#include <nlohmann/json.hpp>

#include "leadq/result.h"
#include "leadq/signals.h"

namespace leadq {

// body["events"]: [{"type":"page_view","path","title"?,"host"?,"referrer"?,"utm"?:{...},
//                   "params"?:[...],"at_ms"?}, {"type":"time_on_page","path","seconds",
//                   "at_ms"?}, {"type":"visit",...} (earlier widgets)]
Result<std::vector<Event>> DecodeEventBatch(const nlohmann::json& body);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_EVENT_DECODER_H_
