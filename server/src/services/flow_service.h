// FlowService: flows as marketers save and publish them, and the decoded form the
// engine runs (cached per version, since a published version never changes).
#ifndef LEADQ_SERVER_SERVICES_FLOW_SERVICE_H_
#define LEADQ_SERVER_SERVICES_FLOW_SERVICE_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

#include "leadq/flow_decoder.h"
#include "services/environment.h"
#include "storage/flow_store.h"

namespace leadq {

// A stored flow version together with its decoded form.
struct LoadedFlow {
  FlowRecord record;
  Flow flow;
  Json document;
  Json compiled;  // the compiled form the widget's runtime reads (leadq/compiled_flow.h)
};

// A draft with what stands between it and publishing.
struct DraftView {
  FlowDraft draft;
  Json document;                      // the draft's document, parsed
  std::vector<FlowProblem> problems;  // empty: it can be published
};

// The events a flow's history lists.
inline constexpr int kFlowHistory = 200;

// How far back the flows list counts sessions and qualified leads.
inline constexpr int64_t kFlowActivityDays = 7;

class FlowService {
 public:
  FlowService(FlowStore& store, const Environment& env) : store_(store), env_(env) {}

  // Validates `document` with the core; when it has problems, nothing is stored and
  // `problems` lists them all. Otherwise stores it as a new version (published when
  // `publish`) by `author` with `note`, and returns that record. The flow id comes from
  // the document.
  Result<FlowRecord> Save(const std::string& site_key, const Json& document, bool publish,
                          std::vector<FlowProblem>* problems, const std::string& author = "",
                          const std::string& note = "");

  // Every problem of `document`, with JSON paths (empty when valid). Stores nothing.
  std::vector<FlowProblem> Validate(const Json& document);
  // The site's flows, drafts included, with their sessions and qualified leads of the
  // last kFlowActivityDays days.
  Result<std::vector<FlowSummary>> List(const std::string& site_key);

  // Drafts (FlowStore's): saved whatever their problems, which come back with them. A
  // save names the revision it was made on (0: a new draft) and is a Conflict when
  // another save came first. The document's "id" must be the flow's (a problem at
  // "/id" otherwise: a copy under another id is another flow's draft).
  Result<DraftView> GetDraft(const std::string& site_key, const std::string& flow_id);
  Result<DraftView> SaveDraft(const std::string& site_key, const std::string& flow_id,
                              const Json& document, int expected_revision,
                              const std::string& author);
  Status DiscardDraft(const std::string& site_key, const std::string& flow_id, int revision);
  // Publishes the draft of `revision` as the next version, by `author` with `note`:
  // InvalidFlow with `problems` when it has any (nothing changes), Conflict for another
  // revision.
  Result<FlowRecord> PublishDraft(const std::string& site_key, const std::string& flow_id,
                                  int revision, std::vector<FlowProblem>* problems,
                                  const std::string& author = "", const std::string& note = "");
  // Versions of a flow, newest first.
  Result<std::vector<FlowRecord>> Versions(const std::string& site_key, const std::string& flow_id);
  // Who did what to the flow, newest first (the last kFlowHistory events).
  Result<std::vector<FlowEvent>> History(const std::string& site_key, const std::string& flow_id);
  // Publishes an existing version (recorded as published by `author` with `note`).
  Status Publish(const std::string& site_key, const std::string& flow_id, int version,
                 const std::string& author = "", const std::string& note = "");
  // Publishes the newest version older than the published one (recorded as rolled_back
  // by `author` with `note`); returns its number. Conflict when there is none.
  Result<int> RollBack(const std::string& site_key, const std::string& flow_id,
                       const std::string& author = "", const std::string& note = "");
  // The changes from version `from` to version `to` as a JSON Patch (RFC 6902).
  Result<Json> Diff(const std::string& site_key, const std::string& flow_id, int from, int to);

  // The published version of a flow, decoded. NotFound when there is none.
  Result<std::shared_ptr<const LoadedFlow>> Published(const std::string& site_key,
                                                      const std::string& flow_id);
  // One version, decoded (sessions keep the version they started with).
  Result<std::shared_ptr<const LoadedFlow>> Version(const std::string& site_key,
                                                    const std::string& flow_id, int version);

 private:
  Result<std::shared_ptr<const LoadedFlow>> Load(FlowRecord record);
  std::vector<FlowProblem> DraftProblems(const std::string& flow_id, const Json& document);

  FlowStore& store_;
  const Environment& env_;
  std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::shared_ptr<const LoadedFlow>> cache_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_FLOW_SERVICE_H_
