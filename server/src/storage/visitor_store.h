// VisitorStore: the merged visitor profile, implicit events, consent, and the privacy
// operations (export everything, erase everything, purge old raw events).
#ifndef LEADQ_SERVER_STORAGE_VISITOR_STORE_H_
#define LEADQ_SERVER_STORAGE_VISITOR_STORE_H_

#include <string>
#include <vector>

#include "leadq/result.h"
#include "storage/visitor_records.h"

namespace leadq {

class VisitorStore {
 public:
  virtual ~VisitorStore() = default;
  // The profile `visitor_id` resolves to (following an e-mail merge); an empty profile
  // for an unknown visitor.
  virtual Result<VisitorProfile> GetVisitor(const std::string& site_key,
                                            const std::string& visitor_id) = 0;
  // Stores the raw events and folds them into the visitor's signals (creating the
  // visitor when new), in one transaction, which also queues the re-decision of the
  // visitor's sessions when it has any (RequalificationStore).
  virtual Status RecordEvents(const std::string& site_key, const std::string& visitor_id,
                              const std::vector<EventRecord>& events, const SignalsFold& fold,
                              int64_t now_ms) = 0;
  virtual Status RecordConsent(const ConsentRecord& consent) = 0;
  // NotFound when the visitor does not exist.
  virtual Result<VisitorExport> ExportVisitor(const std::string& site_key,
                                              const std::string& visitor_id) = 0;
  // Deletes the visitor, every visitor merged with it, and all their sessions, answers,
  // leads, events and consents, with the leads' handoff rows (handoffs, outbox,
  // delivery log, touches, feedback). NotFound when unknown.
  virtual Status EraseVisitor(const std::string& site_key, const std::string& visitor_id) = 0;
  // Deletes raw events received before `before_ms`; returns how many.
  virtual Result<int64_t> PurgeEvents(int64_t before_ms) = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_VISITOR_STORE_H_
