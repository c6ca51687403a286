// Decoding the widget's implicit event batches, strictly: unknown event types, wrong
// types and oversized strings are refused with the JSON path of the problem.
#ifndef LEADQ_SERVER_HTTP_EVENT_DECODER_H_
#define LEADQ_SERVER_HTTP_EVENT_DECODER_H_

#include <vector>

#include "leadq/result.h"
#include "storage/visitor_records.h"

namespace leadq {

// body["events"]: [{"type":"visit","at_ms"?,"channel"?,"utm"?:{...}},
//                  {"type":"page_view","path","title"?,"at_ms"?,"referrer"?,"utm"?:{...}},
//                  {"type":"time_on_page","path","seconds","at_ms"?}]
Result<std::vector<EventRecord>> DecodeEvents(const Json& body);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_EVENT_DECODER_H_
