// libFuzzer target: the conversation engine fed arbitrary profiles, answers, times,
// languages and revisions, on every valid flow of tests/data/flows.
//
// Input: byte 0 picks the flow, byte 1 the operation (next, decide, check_answer), the
// rest is the request JSON (see leadq/api.h). The response must always be one JSON
// object with "ok"; Call (which decodes the flow itself) must give the same bytes.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "leadq/api.h"
#include "leadq/flow_decoder.h"

namespace {

using Json = nlohmann::json;  // an independent JSON implementation checks the responses

struct LoadedFlow {
  leadq::Flow flow;
  Json document;
};

std::vector<LoadedFlow>& Flows() {
  static std::vector<LoadedFlow> flows;
  return flows;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(LEADQ_TEST_DATA_DIR) / "flows")) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".json" && name.rfind("invalid-", 0) != 0) {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());  // the same byte picks the same flow everywhere
  for (const auto& path : paths) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    leadq::DecodedFlow decoded = leadq::DecodeFlowText(text.str());
    if (!decoded.ok()) __builtin_trap();
    Flows().push_back({decoded.flow, Json::parse(text.str(), nullptr, false)});
  }
  if (Flows().empty()) __builtin_trap();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  static const char* const kOps[] = {"next", "decide", "check_answer"};
  const LoadedFlow& loaded = Flows()[data[0] % Flows().size()];
  const char* op = kOps[data[1] % 3];
  const std::string_view request(reinterpret_cast<const char*>(data) + 2, size - 2);
  const std::string response = leadq::CallWithFlow(loaded.flow, op, request);
  const Json parsed = Json::parse(response, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("ok")) __builtin_trap();
  // The facade that decodes the flow itself must answer the same, byte for byte.
  Json with_flow = Json::parse(request, nullptr, false);
  if (with_flow.is_object() && request.size() < 65536) {
    with_flow["flow"] = loaded.document;
    const std::string direct =
        leadq::Call(op, with_flow.dump(-1, ' ', false, Json::error_handler_t::replace));
    if (parsed["ok"] == true && direct != response) __builtin_trap();
  }
  return 0;
}
