// Test cases of a flow: saved answer sequences with the outcome they must give, run
// against a draft on every edit in the console (by the wasm core) and from a file by
// `leadq simulate FLOW --tests FILE` (natively) — the one format both read:
//
//   {"format": "leadq.tests/1",
//    "cases": [{"name": "A hot lead goes to sales",
//               "answers": {"budget": "over_50k", "authority": "decision_maker", ...},
//               "expect": {"triage": "qualified", "grade": "high"}}]}
//
// `answers` maps step ids to the values a visitor gives; `expect` names a triage and,
// optionally, a grade. A case passes when the engine, given all its answers at once as a
// first-time visitor, decides that triage (and grade), and accepts every answer.
//
// The console keeps a flow's cases on the server (FlowTestService), one document per flow
// with a revision that every save names, as drafts do.
#ifndef LEADQ_SERVER_SERVICES_FLOW_TESTS_H_
#define LEADQ_SERVER_SERVICES_FLOW_TESTS_H_

#include <string>
#include <utility>
#include <vector>

#include "leadq/flow.h"
#include "services/environment.h"
#include "storage/flow_test_store.h"

namespace leadq {

inline constexpr const char* kFlowTestsFormat = "leadq.tests/1";
inline constexpr size_t kMaxFlowTestCases = 200;

struct FlowTestCase {
  std::string name;
  std::vector<std::pair<std::string, Json>> answers;  // step id -> value
  std::string triage;                                 // expected
  std::string grade;                                  // expected; "" when any grade will do
};

// The cases of `document`; InvalidArgument at the path of the first thing wrong.
Result<std::vector<FlowTestCase>> ParseFlowTests(const Json& document);

struct FlowTestResult {
  bool passed = false;
  std::string triage;
  std::string grade;
  double points = 0;
  std::string problem;  // why it failed, in words ("" when it passed)
};

// Runs `test` on `flow` at `now_ms`.
FlowTestResult RunFlowTest(const Flow& flow, const FlowTestCase& test, int64_t now_ms);

// A flow's stored cases.
struct FlowTestsView {
  Json document;  // {"format", "cases"}; no cases yet: an empty list at revision 0
  int revision = 0;
  int64_t updated_ms = 0;
  std::string updated_by;
};

class FlowTestService {
 public:
  FlowTestService(FlowTestStore& store, const Environment& env) : store_(store), env_(env) {}

  Result<FlowTestsView> Get(const std::string& site_key, const std::string& flow_id);
  // Checks `document` (ParseFlowTests) and stores it when the stored cases have revision
  // `expected_revision` (0: none yet); Conflict at "/revision" otherwise.
  Result<FlowTestsView> Save(const std::string& site_key, const std::string& flow_id,
                             const Json& document, int expected_revision,
                             const std::string& author);

 private:
  FlowTestStore& store_;
  const Environment& env_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_FLOW_TESTS_H_
