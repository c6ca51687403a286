// The JSON facade: parses a request, runs one engine operation, encodes the response.
#include "leadq/api.h"

#include "leadq/codec.h"
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
  return Json{{"id", flow.id},
              {"version", flow.version},
              {"languages", flow.languages},
              {"default_language", flow.default_language},
              {"steps", flow.steps.size()},
              {"questions", questions},
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

Json RunConversation(const Json& request, bool outcome_only) {
  DecodedFlow decoded;
  Json error;
  if (!DecodeRequestFlow(request, &decoded, &error)) return error;
  Result<ConversationInput> input = DecodeConversationInput(request);
  if (!input.ok()) return EncodeError(input.status());
  Turn turn = NextTurn(decoded.flow, input.value());
  return Ok(outcome_only ? EncodeOutcome(turn.outcome) : EncodeTurn(turn));
}

Json RunCheckAnswer(const Json& request) {
  DecodedFlow decoded;
  Json error;
  if (!DecodeRequestFlow(request, &decoded, &error)) return error;
  auto step = request.find("step");
  if (step == request.end() || !step->is_string()) {
    return EncodeError(Status::InvalidArgument("must be a step id", "/step"));
  }
  auto language = request.find("language");
  const std::string lang = language != request.end() && language->is_string()
                               ? language->get<std::string>()
                               : decoded.flow.default_language;
  auto value = request.find("value");
  Result<Json> checked = CheckAnswer(decoded.flow, step->get<std::string>(),
                                     value == request.end() ? Json() : *value, lang);
  if (!checked.ok()) return EncodeError(checked.status());
  return Ok(Json{{"value", checked.value()}});
}

Json Dispatch(std::string_view op, const Json& request) {
  if (op == "decode_flow") {
    DecodedFlow decoded = DecodeFlow(request);
    if (!decoded.ok()) return FlowError(decoded, "");
    return Ok(FlowSummary(decoded.flow));
  }
  if (!request.is_object())
    return EncodeError(Status::InvalidArgument("the request must be a JSON object", ""));
  if (op == "next") return RunConversation(request, false);
  if (op == "decide") return RunConversation(request, true);
  if (op == "check_answer") return RunCheckAnswer(request);
  return EncodeError(Status::NotFound("unknown operation \"" + std::string(op) + "\"", ""));
}

}  // namespace

std::string Call(std::string_view op, std::string_view request) {
  if (request.size() > kMaxRequestBytes) {
    return EncodeError(Status::InvalidArgument("the request is larger than 4 MiB", "")).dump();
  }
  Json parsed = Json::parse(request.begin(), request.end(), nullptr, false);
  if (parsed.is_discarded()) {
    return EncodeError(Status::InvalidJson("the request is not valid JSON", "")).dump();
  }
  // Invalid UTF-8 in strings must not make dump() throw (which would abort without
  // exceptions): replace it.
  return Dispatch(op, parsed).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace leadq
