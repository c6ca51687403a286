// FlowStore: flow versions as marketers save them, and which one is published.
#ifndef LEADQ_SERVER_STORAGE_FLOW_STORE_H_
#define LEADQ_SERVER_STORAGE_FLOW_STORE_H_

#include <string>
#include <vector>

#include "leadq/result.h"
#include "storage/records.h"

namespace leadq {

// A draft save, discard or publish made on revision `expected` (0: no draft) when the
// stored draft has revision `stored` (0: there is none): Conflict at "/revision".
inline Status DraftRevisionConflict(int stored, int expected) {
  if (stored == 0) {
    return Status::Conflict("the draft was published or discarded since revision " +
                                std::to_string(expected) + " was opened",
                            "/revision");
  }
  return Status::Conflict(
      "the draft was saved elsewhere since it was opened: it is at revision " +
          std::to_string(stored) + ", this change was made on " +
          (expected == 0 ? std::string("no draft") : "revision " + std::to_string(expected)),
      "/revision");
}

class FlowStore {
 public:
  virtual ~FlowStore() = default;
  // Stores `flow` as a new version (flow.version is assigned: previous + 1) and, when
  // `publish`, makes it the version visitors get; the flow's history records it (saved or
  // published, by flow.created_by with flow.note). Returns the stored record.
  virtual Result<FlowRecord> SaveFlowVersion(FlowRecord flow, bool publish) = 0;
  // The published version; NotFound when the flow does not exist or has none.
  virtual Result<FlowRecord> GetPublishedFlow(const std::string& site_key,
                                              const std::string& flow_id) = 0;
  virtual Result<FlowRecord> GetFlowVersion(const std::string& site_key, const std::string& flow_id,
                                            int version) = 0;
  // Makes version `event.version` the published one and records `event` in the flow's
  // history, in one transaction; NotFound when the version does not exist.
  virtual Status PublishFlowVersion(const FlowEvent& event) = 0;
  // The site's flows, drafts without a version among them, by id; their activity counted
  // from `activity_since_ms`.
  virtual Result<std::vector<FlowSummary>> ListFlows(const std::string& site_key,
                                                     int64_t activity_since_ms = 0) = 0;
  // Versions of one flow, newest first (documents included).
  virtual Result<std::vector<FlowRecord>> ListFlowVersions(const std::string& site_key,
                                                           const std::string& flow_id) = 0;
  // The flow's history, newest first, at most `limit` events.
  virtual Result<std::vector<FlowEvent>> ListFlowEvents(const std::string& site_key,
                                                        const std::string& flow_id, int limit) = 0;

  // The flow's draft; NotFound when it has none.
  virtual Result<FlowDraft> GetFlowDraft(const std::string& site_key,
                                         const std::string& flow_id) = 0;
  // Stores `draft` when the stored draft has revision `expected_revision` (0: there is
  // none), as revision expected_revision + 1; Conflict ("/revision") otherwise. Returns
  // the stored draft.
  virtual Result<FlowDraft> PutFlowDraft(FlowDraft draft, int expected_revision) = 0;
  // Removes the draft when it has `revision`: NotFound without a draft, Conflict
  // ("/revision") for another revision.
  virtual Status DeleteFlowDraft(const std::string& site_key, const std::string& flow_id,
                                 int revision) = 0;
  // In one transaction: stores the draft of revision `revision` as the flow's next
  // version (made at event.at_ms by event.actor, with event.note), publishes it, removes
  // the draft and records `event` (its version assigned). NotFound without a draft,
  // Conflict ("/revision") for another revision. The caller has checked the document.
  virtual Result<FlowRecord> PublishFlowDraft(const FlowEvent& event, int revision) = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_FLOW_STORE_H_
