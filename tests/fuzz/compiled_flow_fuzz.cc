// libFuzzer target: the widget's runtime facade (CallCompiled) fed arbitrary compiled
// flows. Input: the compiled flow's JSON text (seeds: every valid flow of tests/data,
// compiled). The engine must answer every request with one JSON object with "ok"; a flow
// that reads must compile back to a form that reads to the same form again.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "leadq/api.h"
#include "leadq/compiled_flow.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  leadq::JsonValue compiled;
  std::string error;
  if (!leadq::ParseJson(text, &compiled, &error)) return 0;
  leadq::Result<leadq::Flow> flow = leadq::ReadCompiledFlow(compiled);
  if (flow.ok()) {
    const leadq::JsonValue again = leadq::CompileFlow(flow.value());
    leadq::Result<leadq::Flow> reread = leadq::ReadCompiledFlow(again);
    if (!reread.ok() || leadq::CompileFlow(reread.value()) != again) __builtin_trap();
  }
  // Every operation on it, the way the widget calls them: always one answer object.
  const std::string flow_text = compiled.Dump();
  const std::string requests[][2] = {
      {"next", "{\"flow\":" + flow_text + ",\"now_ms\":1767225600000,\"visitor_id\":\"v\"}"},
      {"decide", "{\"flow\":" + flow_text + ",\"profile\":{\"fields\":{\"email\":\"a@b.nl\"}}}"},
      {"check_answer", "{\"flow\":" + flow_text + ",\"step\":\"email\",\"value\":\"x\"}"},
  };
  for (const auto& [op, request] : requests) {
    const nlohmann::json response =
        nlohmann::json::parse(leadq::CallCompiled(op, request), nullptr, false);
    if (!response.is_object() || !response.contains("ok")) __builtin_trap();
    // The engine accepts the flow exactly when it reads.
    if (!flow.ok() && response["ok"] == true) __builtin_trap();
    if (flow.ok() && response["ok"] != true && response["error"]["code"] == "invalid_flow") {
      __builtin_trap();
    }
  }
  return 0;
}
