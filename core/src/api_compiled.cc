// The runtime facade: the operations on a flow, for compiled flows only. The widget's
// runtime module is built on this entry point alone, so it links neither the flow decoder
// nor its problem texts.
#include "facade.h"
#include "leadq/api.h"
#include "leadq/compiled_flow.h"

namespace leadq {

std::string CallCompiled(std::string_view op, std::string_view request) {
  if (facade::IsFlowless(op)) return facade::CallFlowless(op, request);
  return facade::CallOnFlow(
      op, request,
      [](const JsonValue& member, auto run) -> JsonValue {
        if (!IsCompiledFlow(member)) {
          return EncodeError(Status::InvalidFlow(
              "this engine reads compiled flows only (the server's form=compiled, or leadq "
              "compile-flow)",
              "/flow"));
        }
        return facade::RunOnCompiled(member, run);
      },
      nullptr);
}

}  // namespace leadq
