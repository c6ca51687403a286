// The conversation engine: which step comes next, and is this answer acceptable.
#ifndef LEADQ_CONVERSATION_H_
#define LEADQ_CONVERSATION_H_

#include <optional>
#include <string>
#include <vector>

#include "leadq/flow.h"
#include "leadq/outcome.h"
#include "leadq/profile.h"
#include "leadq/result.h"

namespace leadq {

// A question as the widget renders it, in one language.
struct QuestionView {
  const Step* step = nullptr;  // points into the Flow passed to NextTurn
  std::string language;
  std::string text;
  std::string help;
  std::string unit;  // number questions
  JsonValue value;   // the field's current value (known or answered), or null: for prefilling
};

// "Question k of at most n": `asked` answered questions on the current path, `total` that
// plus the questions that may still come (bounded by the per-visit cap). When a question
// is shown, it is number asked + 1.
struct Progress {
  int asked = 0;
  int total = 0;
};

// An answer NextTurn ignored, with the reason (as CheckAnswer gives it).
struct RejectedAnswer {
  size_t index = 0;  // position in ConversationInput::answers
  std::string step_id;
  Status status;
};

struct Turn {
  std::string variant;                // assigned variant id, or ""
  std::string language;               // the flow language used (see ResolveLanguage)
  std::vector<std::string> messages;  // bot messages to show before the question
  std::optional<QuestionView> question;
  Progress progress;
  bool done = false;          // no question left: the outcome is final for this visit
  bool revising = false;      // the question is an answered one shown again (going back)
  Outcome outcome;            // always computed from what is known now
  JsonValue fields;           // explicit profile merged with the answers on the current path
  std::string previous_step;  // the question "back" returns to, or ""
  std::vector<RejectedAnswer> rejected;
};

// Runs `flow` (decoded without problems) over `input` and returns the next turn. Pure and
// total: the same input gives the same turn. Answers to unknown steps, to messages, or
// that fail validation are ignored and listed in Turn::rejected; a later valid answer to
// the same step replaces an earlier one; answers to steps off the current path (after a
// revision changed a jump) do not count. Questions whose field is already known are
// skipped unless marked always_ask; with a per-visit cap the highest priority comes first.
Turn NextTurn(const Flow& flow, const ConversationInput& input);

// Validates `value` for the question `step_id`. On success returns the normalised value
// to store (trimmed text, lower-cased e-mail, numbers as numbers); on failure returns
// InvalidAnswer with a message in `language` and the path "/value".
Result<JsonValue> CheckAnswer(const Flow& flow, const std::string& step_id, const JsonValue& value,
                              const std::string& language);

// The most characters a short or long text answer may have (the step's max_length, or
// 200 for short and 5000 for long text).
int TextLimit(const Step& step);

// The flow language to use for `requested`: itself when the flow declares it (case does
// not matter: "NL" is "nl"), else its primary subtag ("nl-BE" -> "nl") when declared,
// else the flow's default language. The widget asks the core for it too.
std::string ResolveLanguage(const Flow& flow, const std::string& requested);

// The variant `visitor_id` is assigned to: a stable hash, weighted; "" without variants.
std::string AssignVariant(const Flow& flow, const std::string& visitor_id);

}  // namespace leadq

#endif  // LEADQ_CONVERSATION_H_
