// Test cases of a flow: the format, a run, and their storage.
#include "services/flow_tests.h"

#include <sstream>

#include "leadq/conversation.h"
#include "leadq/outcome.h"
#include "platform/core_json.h"

namespace leadq {
namespace {

constexpr size_t kMaxName = 120;
constexpr size_t kMaxAnswers = 500;

Status Wrong(const std::string& path, const std::string& message) {
  return Status::InvalidArgument(message, path);
}

// "qualified, grade high, 100 points", as `leadq simulate` says it.
std::string OutcomeText(const FlowTestResult& r) {
  std::ostringstream text;
  text << r.triage << ", grade " << r.grade << ", " << r.points << " points";
  return text.str();
}

}  // namespace

Result<std::vector<FlowTestCase>> ParseFlowTests(const Json& document) {
  if (!document.is_object()) return Wrong("", "must be an object {\"format\", \"cases\"}");
  auto format = document.find("format");
  if (format == document.end() || *format != kFlowTestsFormat) {
    return Wrong("/format", std::string("must be \"") + kFlowTestsFormat + "\"");
  }
  auto cases = document.find("cases");
  if (cases == document.end() || !cases->is_array()) return Wrong("/cases", "must be an array");
  if (cases->size() > kMaxFlowTestCases) {
    return Wrong("/cases", "at most " + std::to_string(kMaxFlowTestCases) + " test cases");
  }
  std::vector<FlowTestCase> parsed;
  for (size_t i = 0; i < cases->size(); ++i) {
    const Json& item = (*cases)[i];
    const std::string at = "/cases/" + std::to_string(i);
    if (!item.is_object())
      return Wrong(at, "must be an object {\"name\", \"answers\", \"expect\"}");
    FlowTestCase test;
    auto name = item.find("name");
    if (name == item.end() || !name->is_string() || name->get_ref<const std::string&>().empty() ||
        name->get_ref<const std::string&>().size() > kMaxName) {
      return Wrong(at + "/name", "must be a name of 1 to 120 characters");
    }
    test.name = name->get<std::string>();
    auto answers = item.find("answers");
    if (answers == item.end() || !answers->is_object()) {
      return Wrong(at + "/answers", "must be an object of step id -> value");
    }
    if (answers->size() > kMaxAnswers) return Wrong(at + "/answers", "at most 500 answers");
    for (auto it = answers->begin(); it != answers->end(); ++it) {
      test.answers.emplace_back(it.key(), it.value());
    }
    auto expect = item.find("expect");
    if (expect == item.end() || !expect->is_object()) {
      return Wrong(at + "/expect", "must be an object {\"triage\", \"grade\"}");
    }
    auto triage = expect->find("triage");
    if (triage == expect->end() || !triage->is_string() ||
        !TriageFromString(triage->get_ref<const std::string&>())) {
      return Wrong(at + "/expect/triage",
                   "must be qualified, nurture, disqualified or not_enough_information");
    }
    test.triage = triage->get<std::string>();
    auto grade = expect->find("grade");
    if (grade != expect->end() && !grade->is_null()) {
      if (!grade->is_string() || !GradeFromString(grade->get_ref<const std::string&>())) {
        return Wrong(at + "/expect/grade", "must be high, medium, low or none");
      }
      test.grade = grade->get<std::string>();
    }
    parsed.push_back(std::move(test));
  }
  return parsed;
}

FlowTestResult RunFlowTest(const Flow& flow, const FlowTestCase& test, int64_t now_ms) {
  ConversationInput input;
  input.now_ms = now_ms;
  input.visitor_id = "test";
  for (const auto& [step, value] : test.answers) input.answers.push_back({step, ToCore(value)});
  const Turn turn = NextTurn(flow, input);
  FlowTestResult result;
  result.triage = ToString(turn.outcome.triage);
  result.grade = ToString(turn.outcome.grade);
  result.points = turn.outcome.total_points;
  if (!turn.rejected.empty()) {
    const RejectedAnswer& first = turn.rejected.front();
    result.problem = "the answer to " + first.step_id + " is refused: " + first.status.message();
  } else if (result.triage != test.triage || (!test.grade.empty() && result.grade != test.grade)) {
    result.problem = "expected " + test.triage +
                     (test.grade.empty() ? "" : ", grade " + test.grade) + "; got " +
                     OutcomeText(result);
  }
  result.passed = result.problem.empty();
  return result;
}

Result<FlowTestsView> FlowTestService::Get(const std::string& site_key,
                                           const std::string& flow_id) {
  Result<FlowTestsRecord> stored = store_.GetFlowTests(site_key, flow_id);
  FlowTestsView view;
  if (!stored.ok()) {
    if (!stored.status().IsNotFound()) return stored.status();
    view.document = {{"format", kFlowTestsFormat}, {"cases", Json::array()}};
    return view;
  }
  view.document = Json::parse(stored.value().document, nullptr, false);
  view.revision = stored.value().revision;
  view.updated_ms = stored.value().updated_ms;
  view.updated_by = stored.value().updated_by;
  return view;
}

Result<FlowTestsView> FlowTestService::Save(const std::string& site_key, const std::string& flow_id,
                                            const Json& document, int expected_revision,
                                            const std::string& author) {
  Result<std::vector<FlowTestCase>> parsed = ParseFlowTests(document);
  if (!parsed.ok()) return parsed.status();
  FlowTestsRecord record{
      site_key, flow_id,       document.dump(-1, ' ', false, Json::error_handler_t::replace),
      0,        env_.now_ms(), author};
  Result<FlowTestsRecord> saved = store_.PutFlowTests(std::move(record), expected_revision);
  if (!saved.ok()) return saved.status();
  return FlowTestsView{document, saved.value().revision, saved.value().updated_ms,
                       saved.value().updated_by};
}

}  // namespace leadq
