// Saving, publishing and loading flows.
#include "services/flow_service.h"

#include "leadq/compiled_flow.h"
#include "platform/core_json.h"

namespace leadq {

Result<FlowRecord> FlowService::Save(const std::string& site_key, const Json& document,
                                     bool publish, std::vector<FlowProblem>* problems) {
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
  return store_.SaveFlowVersion(std::move(record), publish);
}

std::vector<FlowProblem> FlowService::Validate(const Json& document) {
  return DecodeFlow(ToCore(document)).problems;
}

Result<std::vector<FlowSummary>> FlowService::List(const std::string& site_key) {
  return store_.ListFlows(site_key);
}

Result<std::vector<FlowRecord>> FlowService::Versions(const std::string& site_key,
                                                      const std::string& flow_id) {
  return store_.ListFlowVersions(site_key, flow_id);
}

Status FlowService::Publish(const std::string& site_key, const std::string& flow_id, int version) {
  return store_.PublishFlowVersion(site_key, flow_id, version);
}

Result<int> FlowService::RollBack(const std::string& site_key, const std::string& flow_id) {
  Result<FlowRecord> published = store_.GetPublishedFlow(site_key, flow_id);
  if (!published.ok()) return published.status();
  Result<std::vector<FlowRecord>> versions = store_.ListFlowVersions(site_key, flow_id);
  if (!versions.ok()) return versions.status();
  for (const FlowRecord& version : versions.value()) {  // newest first
    if (version.version < published.value().version) {
      Status status = store_.PublishFlowVersion(site_key, flow_id, version.version);
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
