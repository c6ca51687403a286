// `leadq simulate FILE`: a marketer answers a flow in the terminal and sees the outcome
// with its points and reasons — the same core the server runs, without a server.
// Answers are read one per line from standard input, so the command is scriptable.
#include <iostream>

#include "app/commands.h"
#include "app/flow_file.h"
#include "leadq/conversation.h"

namespace leadq {
namespace {

// Bounds the conversation however the input behaves (a flow cannot loop, input can).
constexpr int kMaxLines = 1000;

void PrintQuestion(const QuestionView& question) {
  std::cout << "? " << question.text << "  [" << question.step->id << ", "
            << ToString(question.step->input) << (question.step->required ? "" : ", optional")
            << "]\n";
  if (!question.help.empty()) std::cout << "  " << question.help << "\n";
  int n = 0;
  for (const Choice& choice : question.step->choices) {
    auto label = choice.label.find(question.language);
    std::cout << "  " << ++n << ") " << choice.value;
    if (label != choice.label.end()) std::cout << " - " << label->second;
    std::cout << "\n";
  }
}

// The line as JSON when it parses, else as text; a choice's number picks that choice.
JsonValue ReadValue(const std::string& line, const Step& step) {
  if (!step.choices.empty() && !line.empty() && line.size() <= 3 &&
      line.find_first_not_of("0123456789") == std::string::npos) {
    const size_t index = static_cast<size_t>(std::stoi(line));
    if (index >= 1 && index <= step.choices.size()) return step.choices[index - 1].value;
  }
  JsonValue parsed;
  std::string error;
  if (ParseJson(line, &parsed, &error)) return parsed;
  return line;
}

void PrintOutcome(const Outcome& outcome) {
  std::cout << "\noutcome: " << ToString(outcome.triage) << ", grade " << ToString(outcome.grade)
            << ", " << outcome.total_points << " points, stage " << ToString(outcome.stage) << "\n";
  for (const CriterionResult& criterion : outcome.matched) {
    std::cout << "  " << (criterion.points >= 0 ? "+" : "") << criterion.points << "  "
              << criterion.id << " (" << ToString(criterion.category) << "): " << criterion.reason
              << "\n";
  }
  if (!outcome.knockout.empty()) {
    std::cout << "  knocked out by " << outcome.knockout << ": " << outcome.knockout_reason << "\n";
  }
  for (const std::string& field : outcome.missing_fields) {
    std::cout << "  missing: " << field << "\n";
  }
  if (outcome.has_sla) {
    std::cout << "  SLA: first response within " << outcome.first_response_minutes << " minutes, "
              << outcome.follow_up_touches << " follow-up touches\n";
  }
}

}  // namespace

int RunSimulate(const Options& options) {
  DecodedFlow decoded;
  if (int code = ReadFlowArgument(options, "simulate", &decoded)) return code;
  if (!decoded.ok()) {
    PrintProblems(options.arguments[0], decoded, std::cerr);
    return 1;
  }
  const Flow& flow = decoded.flow;
  ConversationInput input;
  input.language = options.language;
  input.visitor_id = "simulate";
  std::vector<std::string> shown;
  for (int lines = 0; lines < kMaxLines; ++lines) {
    Turn turn = NextTurn(flow, input);
    // A re-asked question (after an invalid answer) comes with the same messages.
    if (turn.messages != shown) {
      for (const std::string& message : turn.messages) std::cout << "> " << message << "\n";
      shown = turn.messages;
    }
    if (turn.done || !turn.question) {
      PrintOutcome(turn.outcome);
      return 0;
    }
    PrintQuestion(*turn.question);
    std::string line;
    if (!std::getline(std::cin, line)) {
      std::cout << "\ninput ended before the conversation finished; outcome so far:";
      PrintOutcome(turn.outcome);
      return 1;
    }
    const Step& step = *turn.question->step;
    Result<JsonValue> checked =
        CheckAnswer(flow, step.id, ReadValue(line, step), turn.question->language);
    if (!checked.ok()) {
      std::cout << "  ! " << checked.status().message() << "\n";
      continue;
    }
    input.answers.push_back({step.id, checked.value()});
  }
  std::cerr << "leadq: more than " << kMaxLines << " lines without an end\n";
  return 1;
}

}  // namespace leadq
