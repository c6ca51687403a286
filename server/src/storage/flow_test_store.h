// FlowTestStore: a flow's test cases (services/flow_tests.h), one document per flow with a
// revision that every save names.
#ifndef LEADQ_SERVER_STORAGE_FLOW_TEST_STORE_H_
#define LEADQ_SERVER_STORAGE_FLOW_TEST_STORE_H_

#include <string>

#include "leadq/result.h"
#include "storage/records.h"

namespace leadq {

struct FlowTestsRecord {
  std::string site_key;
  std::string flow_id;
  std::string document;  // JSON text, as checked by ParseFlowTests
  int revision = 0;      // 1 for the first save, then +1 per save
  int64_t updated_ms = 0;
  std::string updated_by;  // the name of the API key that saved it
};

// A save made on revision `expected` when the stored cases have revision `stored`.
inline Status FlowTestsConflict(int stored, int expected) {
  return Status::Conflict(
      "the test cases were saved elsewhere since they were opened: they are at "
      "revision " +
          std::to_string(stored) + ", this change was made on revision " + std::to_string(expected),
      "/revision");
}

class FlowTestStore {
 public:
  virtual ~FlowTestStore() = default;
  // NotFound ("/flow") when the flow has no test cases saved.
  virtual Result<FlowTestsRecord> GetFlowTests(const std::string& site_key,
                                               const std::string& flow_id) = 0;
  // Stores `tests` as revision expected_revision + 1 when the stored revision is
  // `expected_revision` (0: none); Conflict ("/revision") otherwise, NotFound ("/flow")
  // when the flow does not exist. Returns what was stored.
  virtual Result<FlowTestsRecord> PutFlowTests(FlowTestsRecord tests, int expected_revision) = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_FLOW_TEST_STORE_H_
