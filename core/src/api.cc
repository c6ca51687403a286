// The JSON facade: parses a request, runs one engine operation, encodes the response.
#include "leadq/api.h"

#include <set>

#include "facade.h"
#include "leadq/codec.h"
#include "leadq/compiled_flow.h"
#include "leadq/flow_decoder.h"

namespace leadq {
namespace {

JsonValue Ok(JsonValue value) { return JsonValue{{"ok", true}, {"value", std::move(value)}}; }

JsonValue FlowError(const DecodedFlow& decoded, const std::string& prefix) {
  JsonValue problems = JsonValue::MakeArray();
  for (const FlowProblem& problem : decoded.problems) {
    problems.PushBack(JsonValue{{"path", prefix + problem.path}, {"message", problem.message}});
  }
  const FlowProblem& first = decoded.problems.front();
  const std::string count = JsonValue(decoded.problems.size()).Dump();
  const Status status = Status::InvalidFlow(
      count + (decoded.problems.size() == 1 ? " problem: " : " problems, first: ") + first.message,
      prefix + first.path);
  return JsonValue{{"ok", false},
                   {"error", JsonValue{{"code", status.code_name()},
                                       {"message", status.message()},
                                       {"path", status.path()},
                                       {"problems", std::move(problems)}}}};
}

JsonValue FlowSummary(const Flow& flow) {
  int questions = 0;
  for (const Step& step : flow.steps) questions += step.kind == Step::Kind::kQuestion ? 1 : 0;
  JsonValue variants = JsonValue::MakeArray();
  for (const Variant& variant : flow.variants) variants.PushBack(variant.id);
  std::set<std::string> fields;
  for (const Step& step : flow.steps) {
    if (step.kind == Step::Kind::kQuestion) fields.insert(step.field);
  }
  return JsonValue{{"id", flow.id},
                   {"version", flow.version},
                   {"languages", JsonValue::ArrayOf(flow.languages)},
                   {"default_language", flow.default_language},
                   {"steps", flow.steps.size()},
                   {"questions", questions},
                   {"fields", JsonValue::ArrayOf(fields)},
                   {"variants", std::move(variants)}};
}

// decode_flow and compile_flow: the request is the flow document.
std::string CallOnDocument(std::string_view op, std::string_view request) {
  JsonValue parsed, error;
  if (!facade::ParseRequest(request, &parsed, &error)) return error.Dump();
  DecodedFlow decoded = DecodeFlow(parsed);
  if (!decoded.ok()) return FlowError(decoded, "").Dump();
  return Ok(op == "decode_flow" ? FlowSummary(decoded.flow) : CompileFlow(decoded.flow)).Dump();
}

}  // namespace

std::string Call(std::string_view op, std::string_view request) {
  if (op == "decode_flow" || op == "compile_flow") return CallOnDocument(op, request);
  if (facade::IsFlowless(op)) return facade::CallFlowless(op, request);
  return facade::CallOnFlow(
      op, request,
      [](const JsonValue& member, auto run) -> JsonValue {
        if (IsCompiledFlow(member)) return facade::RunOnCompiled(member, run);
        DecodedFlow decoded = DecodeFlow(member);
        if (!decoded.ok()) return FlowError(decoded, "/flow");
        return run(decoded.flow);
      },
      &DecodeWorkingTime);
}

std::string CallWithFlow(const Flow& flow, std::string_view op, std::string_view request) {
  JsonValue parsed, error;
  if (!facade::ParseRequest(request, &parsed, &error)) return error.Dump();
  if (facade::RunsOnFlow(op) && !parsed.is_object()) {
    return EncodeError(Status::InvalidArgument("the request must be a JSON object", "")).Dump();
  }
  return facade::RunOnFlow(flow, op, parsed, &DecodeWorkingTime).Dump();
}

}  // namespace leadq
