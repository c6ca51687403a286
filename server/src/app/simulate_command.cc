// `leadq simulate FILE`: a marketer answers a flow in the terminal and sees the outcome
// with its points and reasons — the same core the server runs, without a server.
// Answers are read one per line from standard input, or all at once from a file
// (--answers), so the command is scriptable; the clock (--now) and the visitor's
// behaviour before the conversation (--events) can be set, to see decay and SLA terms,
// and the site's business hours (--business-hours), for SLAs counted in them.
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "app/commands.h"
#include "app/flow_file.h"
#include "leadq/conversation.h"
#include "leadq/signals.h"
#include "platform/core_json.h"
#include "platform/utc_time.h"
#include "services/business_hours.h"
#include "services/flow_tests.h"

namespace leadq {
namespace {

// Bounds the conversation however the input behaves (a flow cannot loop, input can).
constexpr int kMaxLines = 1000;

void PrintQuestion(const QuestionView& question) {
  std::cout << "? " << question.text << "  [" << question.step->id << ", "
            << ToString(question.step->input) << (question.step->required ? "" : ", optional")
            << "]\n";
  if (!question.help.empty()) std::cout << "  " << question.help << "\n";
  if (!question.unit.empty()) std::cout << "  (" << question.unit << ")\n";
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
            << ", " << outcome.total_points << " points\n";
  std::cout << "  stage " << ToString(outcome.stage) << ", conversion "
            << ToString(outcome.conversion) << "\n";
  for (const CriterionResult& criterion : outcome.matched) {
    std::cout << "  " << (criterion.points >= 0 ? "+" : "") << criterion.points << "  "
              << criterion.id << " (" << ToString(criterion.category) << "): " << criterion.reason
              << "\n";
  }
  for (const CriterionResult& criterion : outcome.unmet) {
    std::cout << "  must-have not met: " << criterion.id << " (" << ToString(criterion.category)
              << "): " << criterion.reason << "\n";
  }
  if (!outcome.knockout.empty()) {
    std::cout << "  knocked out by " << outcome.knockout << ": " << outcome.knockout_reason << "\n";
  }
  for (const std::string& field : outcome.missing_fields) {
    std::cout << "  missing: " << field << "\n";
  }
  if (outcome.has_sla) {
    std::cout << "  SLA: first response within " << outcome.first_response_minutes
              << (outcome.sla_business_hours ? " business" : "") << " minutes, by "
              << UtcTime(outcome.sla_deadline_ms) << ", " << outcome.follow_up_touches
              << " follow-up touches\n";
  } else {
    std::cout << "  SLA: none (only qualified leads with terms for their grade have one)\n";
  }
}

void PrintSignals(const Signals& signals) {
  std::cout << "signals: " << signals.page_views << " page views, " << signals.visits << " visits, "
            << signals.time_on_site_seconds << " s on site, channel "
            << (signals.channel.empty() ? "(none)" : signals.channel);
  for (const auto& [tag, value] : signals.utm) std::cout << ", utm_" << tag << " " << value;
  std::cout << "\n";
}

// Where the answers come from: standard input, a line per answer, or a file read at once.
class AnswerSource {
 public:
  static Result<AnswerSource> Open(const std::string& path) {
    AnswerSource source;
    if (path.empty()) return source;
    Result<JsonValue> document = ReadJsonFile(path);
    if (!document.ok()) return document.status();
    source.from_file_ = true;
    const JsonValue& json = document.value();
    if (json.is_object()) {
      for (const auto& [step, value] : json.members()) source.answers_.push_back({step, value});
    } else if (json.is_array()) {
      for (size_t i = 0; i < json.size(); ++i) {
        const JsonValue& item = json[i];
        if (!item.is_object() || !item["step"].is_string() || item.Find("value") == nullptr) {
          return Status::InvalidArgument(path + ": answer " + std::to_string(i) +
                                         " must be {\"step\": id, \"value\": value}");
        }
        source.answers_.push_back({item["step"].as_string(), item["value"]});
      }
    } else {
      return Status::InvalidArgument(path +
                                     ": must be an object of step id -> value, or an array of "
                                     "{\"step\", \"value\"}");
    }
    return source;
  }

  bool from_file() const { return from_file_; }

  // The next answer in the file (in the order given), or nullopt when none is left.
  std::optional<Answer> NextFromFile() {
    if (next_ >= answers_.size()) return std::nullopt;
    return answers_[next_++];
  }

 private:
  bool from_file_ = false;
  std::vector<Answer> answers_;
  size_t next_ = 0;
};

Result<int64_t> Clock(const Options& options) {
  if (options.now.empty()) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  std::optional<int64_t> parsed = ParseUtcTime(options.now);
  if (!parsed) {
    return Status::InvalidArgument(
        "--now must be a UTC time like 2026-03-27T17:00:00Z or "
        "milliseconds since 1970 (got \"" +
        options.now + "\")");
  }
  return *parsed;
}

Result<Signals> SignalsFrom(const std::string& path, int64_t now_ms) {
  if (path.empty()) return Signals{};
  Result<JsonValue> document = ReadJsonFile(path);
  if (!document.ok()) return document.status();
  const JsonValue* list = &document.value();
  if (list->is_object() && list->Find("events") != nullptr) list = list->Find("events");
  Result<std::vector<Event>> events = DecodeEvents(*list, "");
  if (!events.ok()) {
    return Status::InvalidArgument(path + ":" + events.status().path() + ": " +
                                   events.status().message());
  }
  for (Event& event : events.value()) {
    if (event.at_ms == 0) event.at_ms = now_ms;
  }
  return FoldEvents(Signals{}, events.value());
}

// The calendar of the business hours in `path` (none for "").
Result<std::shared_ptr<const WorkingTime>> BusinessHoursFrom(const std::string& path) {
  if (path.empty()) return std::shared_ptr<const WorkingTime>();
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return Status::InvalidArgument(path + ": cannot be read");
  const Json setting = Json::parse(text.str(), nullptr, false);
  if (setting.is_discarded()) return Status::InvalidArgument(path + ": is not JSON");
  Result<std::string> checked = CheckBusinessHours(setting, "");
  Result<BusinessCalendar> calendar = checked.ok() ? LoadBusinessHours(checked.value())
                                                   : Result<BusinessCalendar>(checked.status());
  if (!calendar.ok()) {
    return Status::InvalidArgument(path + ":" + calendar.status().path() + ": " +
                                   calendar.status().message());
  }
  return MakeWorkingTime(std::move(calendar).value());
}

// Runs the test cases in `path` on `flow` at `now_ms`: a line per case; 0 when all pass.
int RunTests(const Flow& flow, const std::string& path, int64_t now_ms) {
  Result<JsonValue> document = ReadJsonFile(path);
  Result<std::vector<FlowTestCase>> cases =
      document.ok() ? ParseFlowTests(FromCore(document.value()))
                    : Result<std::vector<FlowTestCase>>(document.status());
  if (!cases.ok()) {
    const std::string at = cases.status().path().empty() ? "" : ":" + cases.status().path();
    std::cerr << "leadq: " << path << at << ": " << cases.status().message() << "\n";
    return 2;
  }
  int failed = 0;
  for (const FlowTestCase& test : cases.value()) {
    const FlowTestResult result = RunFlowTest(flow, test, now_ms);
    failed += !result.passed;
    std::cout << (result.passed ? "PASS  " : "FAIL  ") << test.name << ": "
              << (result.passed ? result.triage + ", grade " + result.grade : result.problem)
              << "\n";
  }
  std::cout << cases.value().size() - static_cast<size_t>(failed) << " passed, " << failed
            << " failed\n";
  return failed > 0 ? 1 : 0;
}

}  // namespace

int RunSimulate(const Options& options) {
  DecodedFlow decoded;
  if (int code = ReadFlowArgument(options, "simulate", &decoded)) return code;
  if (!decoded.ok()) {
    PrintProblems(options.arguments[0], decoded, std::cerr);
    return 1;
  }
  Result<int64_t> now = Clock(options);
  if (!options.tests_file.empty()) {
    if (!now.ok()) {
      std::cerr << "leadq: " << now.status().message() << "\n";
      return 2;
    }
    return RunTests(decoded.flow, options.tests_file, now.value());
  }
  Result<Signals> signals = now.ok() ? SignalsFrom(options.events_file, now.value()) : Signals{};
  Result<AnswerSource> source = AnswerSource::Open(options.answers_file);
  Result<std::shared_ptr<const WorkingTime>> hours = BusinessHoursFrom(options.business_hours_file);
  for (const Status& status : {now.status(), signals.status(), source.status(), hours.status()}) {
    if (!status.ok()) {
      std::cerr << "leadq: " << status.message() << "\n";
      return 2;
    }
  }
  const Flow& flow = decoded.flow;
  ConversationInput input;
  input.language = options.language;
  input.visitor_id = "simulate";
  input.now_ms = now.value();
  input.profile.signals = signals.value();
  input.business_hours = hours.value();
  std::cout << "clock: " << UtcTime(input.now_ms) << "\n";
  if (!options.events_file.empty()) PrintSignals(input.profile.signals);
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
    const Step& step = *turn.question->step;
    Answer answer{step.id, JsonValue()};
    if (source.value().from_file()) {
      // The file's answers in order; one for another step than the one asked is given
      // too (the engine takes answers ahead of order, as the API does).
      std::optional<Answer> next = source.value().NextFromFile();
      if (!next) {
        std::cout << "\nthe answers ran out before the conversation finished; outcome so far:";
        PrintOutcome(turn.outcome);
        return 1;
      }
      answer = std::move(*next);
      std::cout << "  = " << answer.value.Dump() << (answer.step_id != step.id ? "  (for " : "")
                << (answer.step_id != step.id ? answer.step_id + ")" : "") << "\n";
    } else {
      std::string line;
      if (!std::getline(std::cin, line)) {
        std::cout << "\ninput ended before the conversation finished; outcome so far:";
        PrintOutcome(turn.outcome);
        return 1;
      }
      answer.value = ReadValue(line, step);
    }
    Result<JsonValue> checked =
        CheckAnswer(flow, answer.step_id, answer.value, turn.question->language);
    if (!checked.ok()) {
      std::cout << "  ! " << checked.status().message() << "\n";
      continue;
    }
    input.answers.push_back({answer.step_id, checked.value()});
  }
  std::cerr << "leadq: more than " << kMaxLines << " lines without an end\n";
  return 1;
}

}  // namespace leadq
