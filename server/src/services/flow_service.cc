// Saving, publishing and loading flows.
#include "services/flow_service.h"

#include "leadq/compiled_flow.h"
#include "platform/core_json.h"

namespace leadq {

Result<FlowRecord> FlowService::Save(const std::string& site_key, const Json& document,
                                     bool publish, std::vector<FlowProblem>* problems,
                                     const std::string& author, const std::string& note) {
  DecodedFlow decoded = DecodeFlow(ToCore(document));
  if (!decoded.ok()) {
    *problems = decoded.problems;
    return Status::InvalidFlow(
        "the flow has " + std::to_string(decoded.problems.size()) + " problem(s)",
        decoded.problems.front().path);
  }
  FlowRecord record;
  record.site_key = site_key;
  record.flow_id = decoded.flow.id;
  record.document = document.dump(-1, ' ', false, Json::error_handler_t::replace);
  record.created_ms = env_.now_ms();
  record.created_by = author;
  record.note = note;
  return store_.SaveFlowVersion(std::move(record), publish);
}

std::vector<FlowProblem> FlowService::Validate(const Json& document) {
  return DecodeFlow(ToCore(document)).problems;
}

Result<std::vector<FlowSummary>> FlowService::List(const std::string& site_key) {
  return store_.ListFlows(site_key, env_.now_ms() - kFlowActivityDays * 86'400'000);
}

std::vector<FlowProblem> FlowService::DraftProblems(const std::string& flow_id,
                                                    const Json& document) {
  std::vector<FlowProblem> problems = DecodeFlow(ToCore(document)).problems;
  auto id = document.find("id");
  if (id != document.end() && id->is_string() && id->get_ref<const std::string&>() != flow_id) {
    problems.insert(
        problems.begin(),
        {"/id", "must be \"" + flow_id +
                    "\", this draft's flow (to copy a flow, save a draft of a new one)"});
  }
  return problems;
}

Result<DraftView> FlowService::GetDraft(const std::string& site_key, const std::string& flow_id) {
  Result<FlowDraft> draft = store_.GetFlowDraft(site_key, flow_id);
  if (!draft.ok()) return draft.status();
  DraftView view;
  view.document = Json::parse(draft.value().document, nullptr, false);
  view.problems = DraftProblems(flow_id, view.document);
  view.draft = std::move(draft).value();
  return view;
}

Result<DraftView> FlowService::SaveDraft(const std::string& site_key, const std::string& flow_id,
                                         const Json& document, int expected_revision,
                                         const std::string& author) {
  FlowDraft draft;
  draft.site_key = site_key;
  draft.flow_id = flow_id;
  draft.document = document.dump(-1, ' ', false, Json::error_handler_t::replace);
  draft.updated_ms = env_.now_ms();
  draft.updated_by = author;
  if (expected_revision > 0) {
    // The version it was started from stays; a stale revision fails in the store below.
    Result<FlowDraft> stored = store_.GetFlowDraft(site_key, flow_id);
    if (stored.ok()) draft.base_version = stored.value().base_version;
  } else {
    Result<FlowRecord> published = store_.GetPublishedFlow(site_key, flow_id);
    if (published.ok()) draft.base_version = published.value().version;
  }
  Result<FlowDraft> saved = store_.PutFlowDraft(std::move(draft), expected_revision);
  if (!saved.ok()) return saved.status();
  DraftView view;
  view.document = document;
  view.problems = DraftProblems(flow_id, document);
  view.draft = std::move(saved).value();
  return view;
}

Status FlowService::DiscardDraft(const std::string& site_key, const std::string& flow_id,
                                 int revision) {
  return store_.DeleteFlowDraft(site_key, flow_id, revision);
}

Result<FlowRecord> FlowService::PublishDraft(const std::string& site_key,
                                             const std::string& flow_id, int revision,
                                             std::vector<FlowProblem>* problems,
                                             const std::string& author, const std::string& note) {
  Result<DraftView> view = GetDraft(site_key, flow_id);
  if (!view.ok()) return view.status();
  if (view.value().draft.revision != revision) {
    return Status::Conflict(
        "the draft was saved elsewhere since it was opened: it is at "
        "revision " +
            std::to_string(view.value().draft.revision) + ", this publish was asked for revision " +
            std::to_string(revision),
        "/revision");
  }
  if (!view.value().problems.empty()) {
    *problems = view.value().problems;
    return Status::InvalidFlow(
        "the draft has " + std::to_string(problems->size()) + " problem(s); fix them to publish",
        problems->front().path);
  }
  // The store publishes only the revision checked here.
  return store_.PublishFlowDraft({site_key, flow_id, env_.now_ms(), author, "published", 0, note},
                                 revision);
}

Result<std::vector<FlowRecord>> FlowService::Versions(const std::string& site_key,
                                                      const std::string& flow_id) {
  return store_.ListFlowVersions(site_key, flow_id);
}

Result<std::vector<FlowEvent>> FlowService::History(const std::string& site_key,
                                                    const std::string& flow_id) {
  return store_.ListFlowEvents(site_key, flow_id, kFlowHistory);
}

Status FlowService::Publish(const std::string& site_key, const std::string& flow_id, int version,
                            const std::string& author, const std::string& note) {
  return store_.PublishFlowVersion(
      {site_key, flow_id, env_.now_ms(), author, "published", version, note});
}

Result<int> FlowService::RollBack(const std::string& site_key, const std::string& flow_id,
                                  const std::string& author, const std::string& note) {
  Result<FlowRecord> published = store_.GetPublishedFlow(site_key, flow_id);
  if (!published.ok()) return published.status();
  Result<std::vector<FlowRecord>> versions = store_.ListFlowVersions(site_key, flow_id);
  if (!versions.ok()) return versions.status();
  for (const FlowRecord& version : versions.value()) {  // newest first
    if (version.version < published.value().version) {
      Status status = store_.PublishFlowVersion(
          {site_key, flow_id, env_.now_ms(), author, "rolled_back", version.version, note});
      if (!status.ok()) return status;
      return version.version;
    }
  }
  return Status::Conflict("no version older than the published one", "/version");
}

Result<Json> FlowService::Diff(const std::string& site_key, const std::string& flow_id, int from,
                               int to) {
  Result<FlowRecord> a = store_.GetFlowVersion(site_key, flow_id, from);
  if (!a.ok()) return Status::NotFound("no such flow version", "/from");
  Result<FlowRecord> b = store_.GetFlowVersion(site_key, flow_id, to);
  if (!b.ok()) return Status::NotFound("no such flow version", "/to");
  return Json::diff(Json::parse(a.value().document, nullptr, false),
                    Json::parse(b.value().document, nullptr, false));
}

Result<std::shared_ptr<const LoadedFlow>> FlowService::Published(const std::string& site_key,
                                                                 const std::string& flow_id) {
  Result<FlowRecord> record = store_.GetPublishedFlow(site_key, flow_id);
  if (!record.ok()) return record.status();
  return Load(std::move(record).value());
}

Result<std::shared_ptr<const LoadedFlow>> FlowService::Version(const std::string& site_key,
                                                               const std::string& flow_id,
                                                               int version) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find({site_key, flow_id, version});
    if (it != cache_.end()) return it->second;
  }
  Result<FlowRecord> record = store_.GetFlowVersion(site_key, flow_id, version);
  if (!record.ok()) return record.status();
  return Load(std::move(record).value());
}

Result<std::shared_ptr<const LoadedFlow>> FlowService::Load(FlowRecord record) {
  const auto key = std::make_tuple(record.site_key, record.flow_id, record.version);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
  }
  auto loaded = std::make_shared<LoadedFlow>();
  loaded->document = Json::parse(record.document, nullptr, false);
  DecodedFlow decoded = DecodeFlowText(record.document);
  if (!decoded.ok()) {
    return Status::Internal("stored flow " + record.flow_id + " v" +
                            std::to_string(record.version) +
                            " no longer decodes: " + decoded.problems.front().message);
  }
  loaded->flow = std::move(decoded.flow);
  loaded->compiled = FromCore(CompileFlow(loaded->flow));
  loaded->record = std::move(record);
  std::lock_guard<std::mutex> lock(mutex_);
  cache_[key] = loaded;
  return std::shared_ptr<const LoadedFlow>(loaded);
}

}  // namespace leadq
