// An answer as a person reads it: the question it answers and the answer in words — a
// choice's or band's label, a timeframe in words, yes or no, a number with its unit — in
// the conversation's language (the flow's default when the flow lacks it). The lead's
// snapshot (the webhook payload and the console's lead page) carries both beside the
// stored value, so that sales never reads `over_50k` or `decision_maker`.
#ifndef LEADQ_SERVER_SERVICES_ANSWER_LABELS_H_
#define LEADQ_SERVER_SERVICES_ANSWER_LABELS_H_

#include <string>

#include <nlohmann/json.hpp>

#include "leadq/flow.h"

namespace leadq {

struct AnswerLabel {
  std::string question;  // the step's text; the step id when the flow has no such step
  std::string answer;    // the value in words ("" for an empty answer)
};

AnswerLabel LabelAnswer(const Flow& flow, const std::string& language, const std::string& step_id,
                        const nlohmann::json& value);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_ANSWER_LABELS_H_
