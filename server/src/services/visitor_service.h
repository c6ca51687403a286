// VisitorService: the implicit profile (event batches), consent records, and the privacy
// use cases — export everything about a visitor, erase a visitor, purge old raw events.
#ifndef LEADQ_SERVER_SERVICES_VISITOR_SERVICE_H_
#define LEADQ_SERVER_SERVICES_VISITOR_SERVICE_H_

#include <functional>
#include <string>
#include <vector>

#include "leadq/signals.h"
#include "services/environment.h"
#include "storage/visitor_store.h"

namespace leadq {

class VisitorService {
 public:
  // Each stored events batch queues the re-decision of the visitor's open and nurturing
  // leads (VisitorStore::RecordEvents); `queued` (may be empty) is called after it, to
  // wake the requalification worker.
  VisitorService(VisitorStore& store, const Environment& env, std::function<void()> queued = {})
      : store_(store), env_(env), queued_(std::move(queued)) {}

  // Stores the batch (decoded by the core: at most kMaxEventsPerBatch) and folds it into
  // the visitor's signals with the core's FoldEvents, timed by the server's clock, then
  // re-decides the leads the new signals can change. InvalidArgument for a bad visitor id
  // or an empty batch.
  Status RecordEvents(const std::string& site_key, const std::string& visitor_id,
                      std::vector<Event> events);
  // Records that `visitor_id` gave (or withdrew) consent to text `version`, now.
  Status RecordConsent(const std::string& site_key, const std::string& visitor_id,
                       const std::string& version, bool given);

  // Everything stored about the visitor, as JSON (right of access).
  Result<Json> Export(const std::string& site_key, const std::string& visitor_id);
  // Deletes the visitor and everything about it (right to erasure).
  Status Erase(const std::string& site_key, const std::string& visitor_id);
  // Deletes raw events older than `days` days; returns how many.
  Result<int64_t> PurgeEventsOlderThan(int days);

 private:
  VisitorStore& store_;
  const Environment& env_;
  std::function<void()> queued_;
};

// The raw event as stored (and exported): the client's own time kept beside the server's.
EventRecord RecordOf(const Event& event, int64_t received_ms);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_VISITOR_SERVICE_H_
