// libFuzzer target: flow decoding, through the C++ API and the JSON facade. Any input
// must give problems or a flow; a crash, a sanitizer report or an abort is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "leadq/api.h"
#include "leadq/flow_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const leadq::DecodedFlow decoded = leadq::DecodeFlowText(text);
  // Problems are documented to come with a non-empty message each.
  for (const leadq::FlowProblem& problem : decoded.problems) {
    if (problem.message.empty()) __builtin_trap();
  }
  const std::string response = leadq::Call("decode_flow", text);
  if (response.empty() || response[0] != '{') __builtin_trap();
  return 0;
}
