// The conversation engine: walks the flow over what is known and answered, and decides
// which question comes next, skipping what is already known (progressive profiling).
//
// The walk applies an answer only when it reaches the answer's step, so an answer to a
// step that a revised answer has jumped over no longer counts. Unanswered questions are
// collected as candidates and the walk goes on past them as if they were skipped (they
// decide nothing yet): that gives both the choice by priority under a per-visit cap and
// the "at most n" of the progress. Past a candidate, a step's end_if or jump counts only
// when the candidates' answers cannot change it (three-valued evaluation): so a required,
// visible question is always asked before the conversation ends, unless a knockout on
// answers already given ends it.
#include "leadq/conversation.h"

#include <algorithm>
#include <map>

#include "leadq/condition.h"
#include "localized.h"
#include "sort.h"

namespace leadq {
namespace {

const Variant* FindVariant(const Flow& flow, const std::string& variant_id) {
  for (const Variant& variant : flow.variants) {
    if (variant.id == variant_id) return &variant;
  }
  return nullptr;
}

bool Hidden(const Variant* variant, const std::string& step_id) {
  return variant != nullptr && std::find(variant->hidden.begin(), variant->hidden.end(), step_id) !=
                                   variant->hidden.end();
}

const LocalizedText& TextFor(const Variant* variant, const Step& step) {
  if (variant != nullptr) {
    if (auto it = variant->texts.find(step.id); it != variant->texts.end()) return it->second;
  }
  return step.text;
}

struct ValidAnswer {
  JsonValue value;
  size_t first_index = 0;  // when the step was first answered: the order "back" follows
};

// What the walk found.
struct Walk {
  std::vector<const Step*> candidates;                   // unanswered questions on the path
  std::vector<std::pair<size_t, const Step*>> answered;  // (first_index, step) on the path
  std::vector<std::string> before_first;    // messages to show with the first candidate
  std::vector<std::string> since_question;  // messages after the last question reached
  const Step* revise = nullptr;
  bool ended = false;  // an end_if held or a jump went to "end"
};

// Whether `field` is one that a question still to be asked (a candidate) fills.
bool Pending(const std::vector<const Step*>& candidates, const std::string& field) {
  return std::any_of(candidates.begin(), candidates.end(),
                     [&](const Step* step) { return step->field == field; });
}

Walk WalkFlow(const Flow& flow, const ConversationInput& input, const Variant* variant,
              const std::map<std::string, ValidAnswer>& valid, const std::string& language,
              JsonValue* fields) {
  Walk walk;
  const Signals& signals = input.profile.signals;
  std::vector<std::string> since_answered;
  // Past an unanswered question, a condition decides only when no value still to come
  // can change it: a knockout on answers already given ends the conversation, but a jump
  // or an end that waits on a field without a value (the unanswered question's, or one
  // still to be learnt) decides nothing yet.
  auto holds = [&](const Condition& condition) {
    if (walk.candidates.empty()) {
      return Evaluate(condition, *fields, signals) ? Truth::kTrue : Truth::kFalse;
    }
    return EvaluateKnown(condition, *fields, signals, [&](const std::string& field) {
      return !IsKnown(*fields, field) || Pending(walk.candidates, field);
    });
  };
  size_t i = 0;
  while (i < flow.steps.size()) {
    const Step& step = flow.steps[i];
    if (Hidden(variant, step.id) || !Evaluate(step.show_if, *fields, signals)) {
      ++i;
      continue;
    }
    if (step.kind == Step::Kind::kMessage) {
      std::string text = Pick(TextFor(variant, step), language, flow.default_language);
      since_answered.push_back(text);
      walk.since_question.push_back(std::move(text));
    } else {
      walk.since_question.clear();
      auto answer = valid.find(step.id);
      if (answer != valid.end()) {
        fields->Set(step.field, answer->second.value);
        walk.answered.emplace_back(answer->second.first_index, &step);
        if (step.id == input.revise) walk.revise = &step;
        if (walk.candidates.empty()) since_answered.clear();
      } else if (!IsKnown(*fields, step.field) || step.always_ask) {
        if (walk.candidates.empty()) walk.before_first = since_answered;
        walk.candidates.push_back(&step);
        ++i;
        continue;  // an unanswered question decides nothing: no end_if, no jumps
      }
    }
    // An end_if that reads nothing (always) is no knockout on answers: past an unanswered
    // question it waits like a jump to the end.
    if (step.end_if && holds(*step.end_if) == Truth::kTrue &&
        (walk.candidates.empty() || step.end_if->kind != Condition::Kind::kAlways)) {
      walk.ended = true;
      break;
    }
    size_t next = i + 1;
    bool stop = false;
    for (const Jump& jump : step.jumps) {
      const Truth truth = holds(jump.when);
      if (truth == Truth::kFalse) continue;
      // Unknown: the answer still to come decides; meanwhile the walk goes on in order.
      if (truth == Truth::kUnknown) break;
      if (jump.to == "end") {
        // Before an unanswered question, the end; after one, only the end of what may
        // still be asked: the question comes first.
        if (walk.candidates.empty()) walk.ended = true;
        stop = true;
      } else {
        const int target = flow.StepIndex(jump.to);
        if (target > static_cast<int>(i)) next = static_cast<size_t>(target);
      }
      break;
    }
    if (walk.ended || stop) break;
    i = next;  // jumps only go forward (the decoder refuses others): the walk ends
  }
  StableSort<std::pair<size_t, const Step*>>(
      &walk.answered, [](const std::pair<size_t, const Step*>& a,
                         const std::pair<size_t, const Step*>& b) { return a.first < b.first; });
  return walk;
}

QuestionView View(const Flow& flow, const Variant* variant, const Step& step,
                  const std::string& language, const JsonValue& fields) {
  QuestionView view;
  view.step = &step;
  view.language = language;
  view.text = Pick(TextFor(variant, step), language, flow.default_language);
  view.help = Pick(step.help, language, flow.default_language);
  view.unit = Pick(step.unit, language, flow.default_language);
  view.value = fields[step.field];
  return view;
}

}  // namespace

Turn NextTurn(const Flow& flow, const ConversationInput& input) {
  Turn turn;
  turn.language = ResolveLanguage(flow, input.language);
  turn.variant = AssignVariant(flow, input.visitor_id);
  const Variant* variant = FindVariant(flow, turn.variant);
  turn.fields = input.profile.fields.is_object() ? input.profile.fields : JsonValue::MakeObject();

  std::map<std::string, ValidAnswer> valid;
  for (size_t i = 0; i < input.answers.size(); ++i) {
    const Answer& answer = input.answers[i];
    Result<JsonValue> checked = CheckAnswer(flow, answer.step_id, answer.value, turn.language);
    if (!checked.ok()) {
      turn.rejected.push_back({i, answer.step_id, checked.status()});
      continue;
    }
    auto [it, inserted] = valid.try_emplace(answer.step_id, ValidAnswer{checked.value(), i});
    if (!inserted) it->second.value = std::move(checked).value();
  }

  const Walk walk = WalkFlow(flow, input, variant, valid, turn.language, &turn.fields);
  const int cap = flow.max_questions_per_visit;
  const int candidates = static_cast<int>(walk.candidates.size());
  const int allowed =
      walk.ended ? 0 : (cap > 0 ? std::max(0, cap - static_cast<int>(valid.size())) : candidates);
  turn.progress.asked = static_cast<int>(walk.answered.size());
  turn.progress.total = turn.progress.asked + std::min(candidates, allowed);
  if (!walk.answered.empty()) turn.previous_step = walk.answered.back().second->id;

  if (walk.revise != nullptr) {
    turn.revising = true;
    turn.question = View(flow, variant, *walk.revise, turn.language, turn.fields);
    for (size_t k = 0; k < walk.answered.size(); ++k) {
      if (walk.answered[k].second != walk.revise) continue;
      turn.progress.asked = static_cast<int>(k);
      turn.previous_step = k > 0 ? walk.answered[k - 1].second->id : "";
    }
  } else if (candidates == 0 || allowed == 0) {
    turn.done = true;
    turn.messages = walk.since_question;
  } else {
    // Without a cap, flow order; with one, the most valuable unknown field first (the
    // earliest of equal priority).
    const Step* chosen = walk.candidates.front();
    if (cap > 0) {
      for (const Step* candidate : walk.candidates) {
        if (candidate->priority > chosen->priority) chosen = candidate;
      }
    }
    if (chosen == walk.candidates.front()) turn.messages = walk.before_first;
    turn.question = View(flow, variant, *chosen, turn.language, turn.fields);
  }
  turn.outcome = Decide(flow, turn.fields, input.profile.signals, input.now_ms, turn.language,
                        input.business_hours.get());
  return turn;
}

}  // namespace leadq
