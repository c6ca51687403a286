// The conversation engine: walks the flow over what is known and answered, and decides
// which question comes next, skipping what is already known (progressive profiling).
#include "leadq/conversation.h"

#include <set>

#include "leadq/condition.h"
#include "localized.h"

namespace leadq {
namespace {

bool Known(const Json& fields, const std::string& field) {
  auto it = fields.find(field);
  return it != fields.end() && !it->is_null();
}

const LocalizedText& TextFor(const Flow& flow, const std::string& variant_id, const Step& step) {
  for (const Variant& variant : flow.variants) {
    if (variant.id != variant_id) continue;
    if (auto it = variant.texts.find(step.id); it != variant.texts.end()) return it->second;
  }
  return step.text;
}

}  // namespace

Turn NextTurn(const Flow& flow, const ConversationInput& input) {
  Turn turn;
  const std::string language = input.language.empty() ? flow.default_language : input.language;
  turn.variant = AssignVariant(flow, input.visitor_id);
  turn.fields = input.profile.fields.is_object() ? input.profile.fields : Json::object();

  // Valid answers, normalised, merged over the known profile; a later answer to the same
  // step revises an earlier one.
  std::set<std::string> answered;
  for (const Answer& answer : input.answers) {
    Result<Json> checked = CheckAnswer(flow, answer.step_id, answer.value, language);
    if (!checked.ok()) continue;
    const Step& step = flow.steps[flow.StepIndex(answer.step_id)];
    turn.fields[step.field] = checked.value();
    if (answered.insert(answer.step_id).second) ++turn.progress.asked;
    turn.previous_step = answer.step_id;
  }

  // Walk the flow. Unanswered questions are candidates; the walk goes on past them as if
  // they were skipped, so that progress can say how many may still come.
  std::vector<const Step*> candidates;
  std::vector<std::string> pending_messages;
  std::vector<std::string> messages_before_first;
  bool ended = false;
  size_t i = 0;
  size_t guard = 0;
  while (i < flow.steps.size() && !ended && guard++ <= flow.steps.size()) {
    const Step& step = flow.steps[i];
    if (!Evaluate(step.show_if, turn.fields, input.profile.signals)) {
      ++i;
      continue;
    }
    if (step.kind == Step::Kind::kMessage) {
      pending_messages.push_back(
          Pick(TextFor(flow, turn.variant, step), language, flow.default_language));
    } else if (answered.count(step.id) > 0) {
      if (candidates.empty()) pending_messages.clear();
    } else if (!Known(turn.fields, step.field) || step.always_ask) {
      if (candidates.empty()) messages_before_first = pending_messages;
      candidates.push_back(&step);
      ++i;
      continue;  // an unanswered question decides nothing: no end_if, no jumps
    } else if (candidates.empty()) {
      pending_messages.clear();
    }
    if (step.end_if && Evaluate(*step.end_if, turn.fields, input.profile.signals)) {
      ended = true;
      break;
    }
    size_t next = i + 1;
    for (const Jump& jump : step.jumps) {
      if (!Evaluate(jump.when, turn.fields, input.profile.signals)) continue;
      if (jump.to == "end") {
        ended = true;
      } else {
        const int target = flow.StepIndex(jump.to);
        if (target > static_cast<int>(i)) next = static_cast<size_t>(target);
      }
      break;
    }
    i = next;
  }

  const int cap = flow.max_questions_per_visit;
  const int remaining_allowed =
      cap > 0 ? cap - turn.progress.asked : static_cast<int>(candidates.size());
  if (candidates.empty() || remaining_allowed <= 0) {
    turn.done = true;
    turn.messages = pending_messages;
  } else {
    // Without a cap, flow order; with one, the most valuable unknown field first.
    const Step* chosen = candidates.front();
    if (cap > 0) {
      for (const Step* candidate : candidates) {
        if (candidate->priority > chosen->priority) chosen = candidate;
      }
    }
    turn.messages =
        chosen == candidates.front() ? messages_before_first : std::vector<std::string>{};
    QuestionView view;
    view.step = chosen;
    view.language = chosen->text.count(language) > 0 ? language : flow.default_language;
    view.text = Pick(TextFor(flow, turn.variant, *chosen), language, flow.default_language);
    view.help = Pick(chosen->help, language, flow.default_language);
    turn.question = view;
  }
  const int still_to_ask =
      std::min<int>(static_cast<int>(candidates.size()), std::max(0, remaining_allowed));
  turn.progress.total = turn.progress.asked + still_to_ask;
  turn.outcome = Decide(flow, turn.fields, input.profile.signals, input.now_ms, language);
  return turn;
}

}  // namespace leadq
