// libFuzzer target: the implicit-profile fold (fold_events) fed arbitrary requests —
// stored signals and event batches from anywhere, as the server and the widget get them.
//
// The response must be one JSON object with "ok"; when it is ok, the folded signals must
// decode again (a fold never leaves a profile the engine would refuse) and folding
// nothing more must give the same signals back.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "leadq/api.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string request(reinterpret_cast<const char*>(data), size);
  const std::string response = leadq::Call("fold_events", request);
  const nlohmann::json parsed = nlohmann::json::parse(response, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("ok")) __builtin_trap();
  if (parsed["ok"] != true) {
    if (!parsed["error"]["code"].is_string()) __builtin_trap();
    return 0;
  }
  const nlohmann::json& signals = parsed["value"]["signals"];
  const nlohmann::json again{{"signals", signals}, {"events", nlohmann::json::array()}};
  const nlohmann::json refolded =
      nlohmann::json::parse(leadq::Call("fold_events", again.dump()), nullptr, false);
  if (refolded["ok"] != true || refolded["value"]["signals"] != signals) __builtin_trap();
  if (leadq::CallCompiled("fold_events", request) != response) __builtin_trap();
  return 0;
}
