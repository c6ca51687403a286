// The JSON facade: parses a request, runs one engine operation, encodes the response.
#include "leadq/api.h"

#include <set>

#include "leadq/codec.h"
#include "leadq/conversation.h"
#include "leadq/flow_decoder.h"

namespace leadq {
namespace {

// Requests larger than this are refused before parsing; a flow of 500 steps in two
// languages stays far below it.
constexpr size_t kMaxRequestBytes = 4 * 1024 * 1024;

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
                   {"error", JsonValue{{"code", status.code()},
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

// Decodes request["flow"]; on failure fills `error`.
bool DecodeRequestFlow(const JsonValue& request, DecodedFlow* decoded, JsonValue* error) {
  const JsonValue* it = request.Find("flow");
  if (it == nullptr) {
    *error = EncodeError(Status::InvalidArgument("missing required member \"flow\"", "/flow"));
    return false;
  }
  *decoded = DecodeFlow(*it);
  if (!decoded->ok()) {
    *error = FlowError(*decoded, "/flow");
    return false;
  }
  return true;
}

JsonValue RunConversation(const Flow& flow, const JsonValue& request, bool outcome_only) {
  Result<ConversationInput> input = DecodeConversationInput(request);
  if (!input.ok()) return EncodeError(input.status());
  Turn turn = NextTurn(flow, input.value());
  return Ok(outcome_only ? EncodeOutcome(turn.outcome) : EncodeTurn(turn));
}

JsonValue RunCheckAnswer(const Flow& flow, const JsonValue& request) {
  const JsonValue* step = request.Find("step");
  if (step == nullptr || !step->is_string()) {
    return EncodeError(Status::InvalidArgument("must be a step id", "/step"));
  }
  const JsonValue* language = request.Find("language");
  const std::string lang =
      ResolveLanguage(flow, language != nullptr && language->is_string() ? language->as_string()
                                                                         : flow.default_language);
  const JsonValue* value = request.Find("value");
  Result<JsonValue> checked =
      CheckAnswer(flow, step->as_string(), value == nullptr ? JsonValue() : *value, lang);
  if (!checked.ok()) return EncodeError(checked.status());
  return Ok(JsonValue{{"value", checked.value()}});
}

// The operations that run on a decoded flow.
JsonValue DispatchWithFlow(const Flow& flow, std::string_view op, const JsonValue& request) {
  if (op == "next") return RunConversation(flow, request, false);
  if (op == "decide") return RunConversation(flow, request, true);
  if (op == "check_answer") return RunCheckAnswer(flow, request);
  return EncodeError(Status::NotFound("unknown operation \"" + std::string(op) + "\"", ""));
}

bool KnownOperation(std::string_view op) {
  return op == "next" || op == "decide" || op == "check_answer";
}

JsonValue Dispatch(std::string_view op, const JsonValue& request) {
  if (op == "decode_flow") {
    DecodedFlow decoded = DecodeFlow(request);
    if (!decoded.ok()) return FlowError(decoded, "");
    return Ok(FlowSummary(decoded.flow));
  }
  if (!KnownOperation(op)) {
    return EncodeError(Status::NotFound("unknown operation \"" + std::string(op) + "\"", ""));
  }
  if (!request.is_object())
    return EncodeError(Status::InvalidArgument("the request must be a JSON object", ""));
  DecodedFlow decoded;
  JsonValue error;
  if (!DecodeRequestFlow(request, &decoded, &error)) return error;
  return DispatchWithFlow(decoded.flow, op, request);
}

// Parses the request text; on failure returns false with the error response in `*error`.
bool ParseRequest(std::string_view request, JsonValue* parsed, JsonValue* error) {
  if (request.size() > kMaxRequestBytes) {
    *error = EncodeError(Status::InvalidArgument("the request is larger than 4 MiB", ""));
    return false;
  }
  std::string reason;
  if (!ParseJson(request, parsed, &reason)) {
    *error = EncodeError(Status::InvalidJson("the request " + reason, ""));
    return false;
  }
  return true;
}

std::string Dump(const JsonValue& response) { return response.Dump(); }

}  // namespace

std::string Call(std::string_view op, std::string_view request) {
  JsonValue parsed, error;
  if (!ParseRequest(request, &parsed, &error)) return Dump(error);
  return Dump(Dispatch(op, parsed));
}

std::string CallWithFlow(const Flow& flow, std::string_view op, std::string_view request) {
  JsonValue parsed, error;
  if (!ParseRequest(request, &parsed, &error)) return Dump(error);
  if (KnownOperation(op) && !parsed.is_object()) {
    return Dump(EncodeError(Status::InvalidArgument("the request must be a JSON object", "")));
  }
  return Dump(DispatchWithFlow(flow, op, parsed));
}

}  // namespace leadq
