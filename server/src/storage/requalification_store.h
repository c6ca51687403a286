// RequalificationStore: the queue of re-decisions that new data about a visitor asks for.
//
// An answer that changes a visitor's explicit profile, or an events batch for a visitor
// with sessions, may change the outcome of the visitor's other leads. Deciding them again
// is not the request's work: the write that stores the new data also queues a task, in
// its own transaction (SessionStore::StoreAnswer, VisitorStore::RecordEvents), and the
// requalification worker takes due tasks off the request path. A task queued while an
// equal one waits is merged into it; one queued again while it is being worked on is kept
// for another round (its version moved), so no new data is ever left undecided.
#ifndef LEADQ_SERVER_STORAGE_REQUALIFICATION_STORE_H_
#define LEADQ_SERVER_STORAGE_REQUALIFICATION_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "leadq/result.h"

namespace leadq {

struct RequalificationTask {
  int64_t task_id = 0;
  std::string site_key;
  std::string visitor_id;  // the canonical visitor (merged visitors resolve to it)
  // Whole visitor: every session of the visitor that new data can change, except
  // `session_id` (the session whose own answer brought the data, "" for none).
  // Otherwise: `session_id` alone (its profile changed under its answer's decision).
  bool whole_visitor = true;
  std::string session_id;
  int64_t version = 1;  // grows when the same task is queued again
  int attempts = 0;     // failed tries so far
  int64_t due_ms = 0;   // not before
};

class RequalificationStore {
 public:
  virtual ~RequalificationStore() = default;
  // Up to `limit` tasks due at `now_ms`, oldest first.
  virtual Result<std::vector<RequalificationTask>> DueRequalifications(int64_t now_ms,
                                                                       int limit) = 0;
  // The task is done: removed, unless it was queued again since it was read (its version
  // moved): then it stays for another round.
  virtual Status FinishRequalification(const RequalificationTask& task) = 0;
  // The task failed: tried again at `retry_ms`, with one more attempt counted.
  virtual Status PostponeRequalification(const RequalificationTask& task, int64_t retry_ms) = 0;
  // Tasks waiting (for /metrics).
  virtual Result<int64_t> CountRequalifications() = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_REQUALIFICATION_STORE_H_
