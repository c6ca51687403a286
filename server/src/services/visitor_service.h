// VisitorService: the implicit profile (event batches), consent records, and the privacy
// use cases — export everything about a visitor, erase a visitor, purge old raw events.
#ifndef LEADQ_SERVER_SERVICES_VISITOR_SERVICE_H_
#define LEADQ_SERVER_SERVICES_VISITOR_SERVICE_H_

#include <string>
#include <vector>

#include "services/environment.h"
#include "storage/storage.h"

namespace leadq {

// At most this many events per batch (a page's beacon sends a handful).
inline constexpr size_t kMaxEventsPerBatch = 100;

class RequalificationService;

class VisitorService {
 public:
  // With `requalification`, each stored events batch re-decides the visitor's open and
  // nurturing leads.
  VisitorService(Storage& storage, const Environment& env,
                 RequalificationService* requalification = nullptr)
      : storage_(storage), env_(env), requalification_(requalification) {}

  // Stores the batch and folds it into the visitor's signals, then re-decides the leads
  // the new signals can change. InvalidArgument for a bad visitor id or an empty or
  // oversized batch.
  Status RecordEvents(const std::string& site_key, const std::string& visitor_id,
                      std::vector<EventRecord> events);
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
  Storage& storage_;
  const Environment& env_;
  RequalificationService* requalification_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_VISITOR_SERVICE_H_
