// The parts of the JSON facade that both entry points use (facade.h).
#include "facade.h"

#include <utility>

#include "leadq/conversation.h"
#include "leadq/signals.h"

namespace leadq::facade {
namespace {

// Requests larger than this are refused before parsing; a flow of 500 steps in two
// languages stays far below it.
constexpr size_t kMaxRequestBytes = 4 * 1024 * 1024;

JsonValue Ok(JsonValue value) { return JsonValue{{"ok", true}, {"value", std::move(value)}}; }

JsonValue RunConversation(const Flow& flow, const JsonValue& request, bool outcome_only,
                          WorkingTimeDecoder decode_hours) {
  Result<ConversationInput> input = DecodeConversationInput(request);
  if (!input.ok()) return EncodeError(input.status());
  if (const JsonValue* hours = request.Find("business_hours");
      hours != nullptr && !hours->is_null()) {
    if (decode_hours == nullptr) {
      return EncodeError(Status::InvalidArgument(
          "this engine does not count business hours (the server decides SLAs); leave them out",
          "/business_hours"));
    }
    Result<std::shared_ptr<const WorkingTime>> working = decode_hours(*hours, "/business_hours");
    if (!working.ok()) return EncodeError(working.status());
    input.value().business_hours = std::move(working).value();
  }
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

JsonValue RunResolveLanguage(const Flow& flow, const JsonValue& request) {
  const JsonValue* language = request.Find("language");
  if (language != nullptr && !language->is_null() && !language->is_string()) {
    return EncodeError(Status::InvalidArgument("must be a language tag", "/language"));
  }
  const std::string wanted =
      language != nullptr && language->is_string() ? language->as_string() : "";
  return Ok(JsonValue{{"language", ResolveLanguage(flow, wanted)}});
}

// {"signals"?, "events": [...]} -> {"signals"}: the events folded into the signals.
JsonValue RunFoldEvents(const JsonValue& request) {
  if (!request.is_object()) {
    return EncodeError(Status::InvalidArgument("the request must be a JSON object", ""));
  }
  const JsonValue* stored = request.Find("signals");
  Result<Signals> signals = DecodeSignals(stored == nullptr ? JsonValue() : *stored, "/signals");
  if (!signals.ok()) return EncodeError(signals.status());
  const JsonValue* list = request.Find("events");
  if (list == nullptr) {
    return EncodeError(Status::InvalidArgument("missing required member \"events\"", "/events"));
  }
  Result<std::vector<Event>> events = DecodeEvents(*list, "/events");
  if (!events.ok()) return EncodeError(events.status());
  return Ok(JsonValue{
      {"signals", EncodeSignals(FoldEvents(std::move(signals).value(), events.value()))}});
}

}  // namespace

bool IsFlowless(std::string_view op) { return op == "fold_events"; }

std::string CallFlowless(std::string_view op, std::string_view request) {
  JsonValue parsed, error;
  if (!ParseRequest(request, &parsed, &error)) return error.Dump();
  if (op == "fold_events") return RunFoldEvents(parsed).Dump();
  return UnknownOperation(op).Dump();
}

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

bool RunsOnFlow(std::string_view op) {
  return op == "next" || op == "decide" || op == "check_answer" || op == "resolve_language";
}

JsonValue UnknownOperation(std::string_view op) {
  return EncodeError(Status::NotFound("unknown operation \"" + std::string(op) + "\"", ""));
}

JsonValue RunOnFlow(const Flow& flow, std::string_view op, const JsonValue& request,
                    WorkingTimeDecoder decode_hours) {
  if (op == "next") return RunConversation(flow, request, false, decode_hours);
  if (op == "decide") return RunConversation(flow, request, true, decode_hours);
  if (op == "check_answer") return RunCheckAnswer(flow, request);
  if (op == "resolve_language") return RunResolveLanguage(flow, request);
  return UnknownOperation(op);
}

}  // namespace leadq::facade
