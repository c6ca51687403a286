// JSON forms of the engine's inputs and outputs, shared by the wasm binding and the
// server so that both speak exactly the same words (snake_case keys, enums as strings).
#ifndef LEADQ_CODEC_H_
#define LEADQ_CODEC_H_

#include "leadq/conversation.h"
#include "leadq/outcome.h"
#include "leadq/profile.h"
#include "leadq/result.h"

namespace leadq {

// {"fields": {...}, "signals": {"page_views", "visits", "time_on_site", "channel",
//  "utm": {...}, "pages": [...], "last_activity_ms"}}; every member optional.
Result<Profile> DecodeProfile(const JsonValue& json, const std::string& path);

// {"page_views", "visits", "time_on_site", "channel", "utm": {...}, "pages": [...],
//  "last_activity_ms"}: the implicit profile alone (null: empty).
Result<Signals> DecodeSignals(const JsonValue& json, const std::string& path);

// [{"step": "budget", "value": ...}, ...]
Result<std::vector<Answer>> DecodeAnswers(const JsonValue& json, const std::string& path);

// {"profile", "answers", "now_ms", "language", "visitor_id", "revise", "business_hours"}
// (business hours as DecodeBusinessCalendar reads them); the flow is decoded apart.
Result<ConversationInput> DecodeConversationInput(const JsonValue& request);

JsonValue EncodeSignals(const Signals& signals);
JsonValue EncodeProfile(const Profile& profile);
JsonValue EncodeOutcome(const Outcome& outcome);
JsonValue EncodeQuestion(const QuestionView& question);
JsonValue EncodeTurn(const Turn& turn);

// {"ok": false, "error": {"code", "message", "path"}}
JsonValue EncodeError(const Status& status);

}  // namespace leadq

#endif  // LEADQ_CODEC_H_
