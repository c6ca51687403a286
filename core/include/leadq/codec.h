// JSON forms of the engine's inputs and outputs, shared by the wasm binding and the
// server so that both speak exactly the same words (snake_case keys, enums as strings).
#ifndef LEADQ_CODEC_H_
#define LEADQ_CODEC_H_

#include <memory>
#include <string>

#include "leadq/conversation.h"
#include "leadq/outcome.h"
#include "leadq/profile.h"
#include "leadq/result.h"

namespace leadq {

class WorkingTime;  // leadq/business_time.h

// {"fields": {...}, "signals": {"page_views", "visits", "time_on_site", "channel",
//  "utm": {...}, "pages": [...], "last_activity_ms"}}; every member optional.
Result<Profile> DecodeProfile(const JsonValue& json, const std::string& path);

// {"page_views", "visits", "time_on_site", "channel", "utm": {...}, "pages": [...],
//  "last_activity_ms"}: the implicit profile alone (null: empty).
Result<Signals> DecodeSignals(const JsonValue& json, const std::string& path);

// [{"step": "budget", "value": ...}, ...]
Result<std::vector<Answer>> DecodeAnswers(const JsonValue& json, const std::string& path);

// {"profile", "answers", "now_ms", "language", "visitor_id", "revise"}; the flow is
// decoded apart, and so is "business_hours" (DecodeWorkingTime), which only the whole
// engine reads.
Result<ConversationInput> DecodeConversationInput(const JsonValue& request);

// Business hours as DecodeBusinessCalendar reads them, as the WorkingTime Decide counts in.
Result<std::shared_ptr<const WorkingTime>> DecodeWorkingTime(const JsonValue& json,
                                                             const std::string& path);

JsonValue EncodeSignals(const Signals& signals);
JsonValue EncodeProfile(const Profile& profile);
JsonValue EncodeOutcome(const Outcome& outcome);
JsonValue EncodeQuestion(const QuestionView& question);
JsonValue EncodeTurn(const Turn& turn);

// {"ok": false, "error": {"code", "message", "path"}}
JsonValue EncodeError(const Status& status);

}  // namespace leadq

#endif  // LEADQ_CODEC_H_
