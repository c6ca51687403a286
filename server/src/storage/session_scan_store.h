// SessionScanStore: a flow's stored sessions read in pages, for work over all of them
// off the request path (a backtest: services/backtest_service.h).
#ifndef LEADQ_SERVER_STORAGE_SESSION_SCAN_STORE_H_
#define LEADQ_SERVER_STORAGE_SESSION_SCAN_STORE_H_

#include <string>
#include <vector>

#include "storage/session_store.h"

namespace leadq {

// Where a scan goes on from: after the session that started at `started_ms` with id
// `session_id`; the default starts at the beginning.
struct SessionScanCursor {
  int64_t started_ms = 0;
  std::string session_id;
};

class SessionScanStore {
 public:
  virtual ~SessionScanStore() = default;
  // The sessions of flow `flow_id` (any version) on the site that started at or after
  // `since_ms` and have an answer, in (started_ms, session_id) order after `after`, at
  // most `limit` of them, each with its answers, its stored outcome and its visitor's
  // profile (no handoff). One page is one snapshot; a scan of many pages holds no
  // snapshot between them, so a long scan never keeps the write-ahead log from being
  // checkpointed.
  virtual Result<std::vector<AnswerContext>> ScanFlowSessions(const std::string& site_key,
                                                              const std::string& flow_id,
                                                              int64_t since_ms,
                                                              const SessionScanCursor& after,
                                                              int limit) = 0;
  // How many sessions a scan from the beginning would give (as it stands now).
  virtual Result<int64_t> CountFlowSessions(const std::string& site_key, const std::string& flow_id,
                                            int64_t since_ms) = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SESSION_SCAN_STORE_H_
