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
  const Step* step = nullptr;
  std::string language;
  std::string text;
  std::string help;
};

struct Progress {
  int asked =
      0;  // questions answered in this conversation, including the current one's predecessors
  int total = 0;  // at most this many questions in this conversation
};

struct Turn {
  std::string variant;                // assigned variant id, or ""
  std::vector<std::string> messages;  // bot messages to show before the question
  std::optional<QuestionView> question;
  Progress progress;
  bool done = false;
  Outcome outcome;            // always computed; final when done
  Json fields;                // explicit profile merged with this conversation's answers
  std::string previous_step;  // the question "back" returns to, or ""
};

// Runs `flow` over `input` and returns the next turn. Answers to steps that are unknown,
// not questions, or invalid are ignored (callers check them with CheckAnswer first).
Turn NextTurn(const Flow& flow, const ConversationInput& input);

// Validates `value` for the question `step_id`. On success returns the normalised value
// to store (trimmed text, lower-cased e-mail, numbers as numbers); on failure returns
// InvalidAnswer with a message in `language` and the path "/value".
Result<Json> CheckAnswer(const Flow& flow, const std::string& step_id, const Json& value,
                         const std::string& language);

// The variant `visitor_id` is assigned to: a stable hash, weighted; "" without variants.
std::string AssignVariant(const Flow& flow, const std::string& visitor_id);

}  // namespace leadq

#endif  // LEADQ_CONVERSATION_H_
