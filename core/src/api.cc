// The JSON facade: parses a request, runs one engine operation, encodes the response.
#include "leadq/api.h"

#include <set>

#include "json_text.h"
#include "leadq/codec.h"
#include "leadq/conversation.h"
#include "leadq/flow_decoder.h"

namespace leadq {
namespace {

// Requests larger than this are refused before parsing; a flow of 500 steps in two
// languages stays far below it.
constexpr size_t kMaxRequestBytes = 4 * 1024 * 1024;

Json Ok(Json value) { return Json{{"ok", true}, {"value", std::move(value)}}; }

Json FlowError(const DecodedFlow& decoded, const std::string& prefix) {
  Json problems = Json::array();
  for (const FlowProblem& problem : decoded.problems) {
    problems.push_back({{"path", prefix + problem.path}, {"message", problem.message}});
  }
  const FlowProblem& first = decoded.problems.front();
  const std::string count = std::to_string(decoded.problems.size());
  Json error = EncodeError(Status::InvalidFlow(
      count + (decoded.problems.size() == 1 ? " problem: " : " problems, first: ") + first.message,
      prefix + first.path));
  error["error"]["problems"] = std::move(problems);
  return error;
}

Json FlowSummary(const Flow& flow) {
  int questions = 0;
  for (const Step& step : flow.steps) questions += step.kind == Step::Kind::kQuestion ? 1 : 0;
  Json variants = Json::array();
  for (const Variant& variant : flow.variants) variants.push_back(variant.id);
  std::set<std::string> fields;
  for (const Step& step : flow.steps) {
    if (step.kind == Step::Kind::kQuestion) fields.insert(step.field);
  }
  return Json{{"id", flow.id},
              {"version", flow.version},
              {"languages", flow.languages},
              {"default_language", flow.default_language},
              {"steps", flow.steps.size()},
              {"questions", questions},
              {"fields", fields},
              {"variants", variants}};
}

// Decodes request["flow"]; on failure fills `error`.
bool DecodeRequestFlow(const Json& request, DecodedFlow* decoded, Json* error) {
  auto it = request.find("flow");
  if (it == request.end()) {
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

Json RunConversation(const Flow& flow, const Json& request, bool outcome_only) {
  Result<ConversationInput> input = DecodeConversationInput(request);
  if (!input.ok()) return EncodeError(input.status());
  Turn turn = NextTurn(flow, input.value());
  return Ok(outcome_only ? EncodeOutcome(turn.outcome) : EncodeTurn(turn));
}

Json RunCheckAnswer(const Flow& flow, const Json& request) {
  auto step = request.find("step");
  if (step == request.end() || !step->is_string()) {
    return EncodeError(Status::InvalidArgument("must be a step id", "/step"));
  }
  auto language = request.find("language");
  const std::string lang = ResolveLanguage(flow, language != request.end() && language->is_string()
                                                     ? language->get<std::string>()
                                                     : flow.default_language);
  auto value = request.find("value");
  Result<Json> checked =
      CheckAnswer(flow, step->get<std::string>(), value == request.end() ? Json() : *value, lang);
  if (!checked.ok()) return EncodeError(checked.status());
  return Ok(Json{{"value", checked.value()}});
}

// The operations that run on a decoded flow.
Json DispatchWithFlow(const Flow& flow, std::string_view op, const Json& request) {
  if (op == "next") return RunConversation(flow, request, false);
  if (op == "decide") return RunConversation(flow, request, true);
  if (op == "check_answer") return RunCheckAnswer(flow, request);
  return EncodeError(Status::NotFound("unknown operation \"" + std::string(op) + "\"", ""));
}

bool KnownOperation(std::string_view op) {
  return op == "next" || op == "decide" || op == "check_answer";
}

Json Dispatch(std::string_view op, const Json& request) {
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
  Json error;
  if (!DecodeRequestFlow(request, &decoded, &error)) return error;
  return DispatchWithFlow(decoded.flow, op, request);
}

// Parses the request text; on failure returns false with the error response in `*error`.
bool ParseRequest(std::string_view request, Json* parsed, Json* error) {
  if (request.size() > kMaxRequestBytes) {
    *error = EncodeError(Status::InvalidArgument("the request is larger than 4 MiB", ""));
    return false;
  }
  std::string reason;
  if (!ParseJsonText(request, parsed, &reason)) {
    *error = EncodeError(Status::InvalidJson("the request " + reason, ""));
    return false;
  }
  return true;
}

// Invalid UTF-8 in strings must not make dump() throw (which would abort without
// exceptions): replace it.
std::string Dump(const Json& response) {
  return response.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string Call(std::string_view op, std::string_view request) {
  Json parsed, error;
  if (!ParseRequest(request, &parsed, &error)) return Dump(error);
  return Dump(Dispatch(op, parsed));
}

std::string CallWithFlow(const Flow& flow, std::string_view op, std::string_view request) {
  Json parsed, error;
  if (!ParseRequest(request, &parsed, &error)) return Dump(error);
  if (KnownOperation(op) && !parsed.is_object()) {
    return Dump(EncodeError(Status::InvalidArgument("the request must be a JSON object", "")));
  }
  return Dump(DispatchWithFlow(flow, op, parsed));
}

}  // namespace leadq
