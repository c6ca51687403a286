// What the two JSON facades share: Call (api.cc: flow documents and compiled flows, the
// validator included) and CallCompiled (api_compiled.cc: compiled flows only, for the
// widget's small runtime module). Kept apart so that the runtime links no decoder.
#ifndef LEADQ_CORE_FACADE_H_
#define LEADQ_CORE_FACADE_H_

#include <memory>
#include <string>
#include <string_view>

#include "leadq/codec.h"
#include "leadq/compiled_flow.h"
#include "leadq/flow.h"

namespace leadq::facade {

// Reads a request's "business_hours" (DecodeWorkingTime in the whole engine); null in the
// runtime, which then refuses them, so that it links no business-time code.
using WorkingTimeDecoder = Result<std::shared_ptr<const WorkingTime>> (*)(const JsonValue& json,
                                                                          const std::string& path);

// Parses the request text; on failure returns false with the error response in `*error`.
bool ParseRequest(std::string_view request, JsonValue* parsed, JsonValue* error);

// Whether `op` is one of the operations that run on a flow: next, decide, check_answer,
// resolve_language.
bool RunsOnFlow(std::string_view op);

// Whether `op` needs no flow at all: fold_events.
bool IsFlowless(std::string_view op);

// The whole call of a flowless operation (IsFlowless), dumped.
std::string CallFlowless(std::string_view op, std::string_view request);

JsonValue UnknownOperation(std::string_view op);

// Runs `op` (RunsOnFlow) on `flow`; the request's own "flow" member is not looked at.
JsonValue RunOnFlow(const Flow& flow, std::string_view op, const JsonValue& request,
                    WorkingTimeDecoder decode_hours);

// The whole call of an operation on the request's "flow": parses the request, checks its
// shape, and returns the response of `load(flow_member, run)` dumped. `load` turns the
// member into a Flow and returns `run(flow)` (the operation's response), or the error
// response when the member is no flow it can read.
template <typename Load>
std::string CallOnFlow(std::string_view op, std::string_view request, Load load,
                       WorkingTimeDecoder decode_hours) {
  JsonValue parsed, error;
  if (!ParseRequest(request, &parsed, &error)) return error.Dump();
  if (!RunsOnFlow(op)) return UnknownOperation(op).Dump();
  if (!parsed.is_object()) {
    return EncodeError(Status::InvalidArgument("the request must be a JSON object", "")).Dump();
  }
  const JsonValue* flow_member = parsed.Find("flow");
  if (flow_member == nullptr) {
    return EncodeError(Status::InvalidArgument("missing required member \"flow\"", "/flow")).Dump();
  }
  return load(*flow_member,
              [&](const Flow& flow) { return RunOnFlow(flow, op, parsed, decode_hours); })
      .Dump();
}

// `run(flow)` on the compiled flow `member` (the request's "flow"), or the error response
// when it does not read.
template <typename Run>
JsonValue RunOnCompiled(const JsonValue& member, Run run) {
  Result<Flow> flow = ReadCompiledFlow(member);
  if (!flow.ok()) {
    const Status& status = flow.status();
    return EncodeError(Status::InvalidFlow(status.message(), "/flow" + status.path()));
  }
  return run(flow.value());
}

}  // namespace leadq::facade

#endif  // LEADQ_CORE_FACADE_H_
