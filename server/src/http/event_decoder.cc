// Event batch decoding.
#include "http/event_decoder.h"

#include "platform/core_json.h"

namespace leadq {

Result<std::vector<Event>> DecodeEventBatch(const nlohmann::json& body) {
  auto list = body.find("events");
  if (list == body.end()) {
    return Status::InvalidArgument("missing required member \"events\"", "/events");
  }
  return DecodeEvents(ToCore(*list), "/events");
}

}  // namespace leadq
