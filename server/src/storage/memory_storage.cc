// The in-memory SiteStore, FlowStore and destinations, the fault injection and the
// figures. SQLite's constraint failures (a foreign key to an unknown site, a duplicate
// key) are Internal errors there and Internal errors here.
#include "storage/memory_storage.h"

#include <algorithm>

namespace leadq {

Json MemoryStorage::Stored(const Json& value) {
  return Parsed(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Json MemoryStorage::Parsed(const std::string& text) {
  Json parsed = Json::parse(text, nullptr, false);
  return parsed.is_discarded() ? Json() : parsed;
}

void MemoryStorage::FailNextWrites(int n, Status status) {
  std::lock_guard<std::mutex> lock(mutex_);
  failures_left_ = std::max(0, n);
  failure_ = std::move(status);
}

int64_t MemoryStorage::InjectedFailures() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return injected_failures_;
}

Status MemoryStorage::Admit() {
  ++operations_;
  if (failures_left_ == 0) return Status::Ok();
  --failures_left_;
  ++injected_failures_;
  return failure_;
}

std::vector<StorageFigure> MemoryStorage::Figures() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {{"operations_total", "Calls served by the in-memory storage.", true, operations_},
          {"injected_failures_total", "Writes the in-memory storage failed on purpose (tests).",
           true, injected_failures_}};
}

// Sites and API keys.

Status MemoryStorage::PutSite(const SiteRecord& site) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = sites_.find(site.site_key);
  if (it == sites_.end()) {
    sites_[site.site_key] = site;
  } else {
    // The site's creation time is kept.
    it->second.name = site.name;
    it->second.allowed_origins = site.allowed_origins;
    it->second.business_hours = site.business_hours;
  }
  return Status::Ok();
}

Result<SiteRecord> MemoryStorage::GetSite(const std::string& site_key) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = sites_.find(site_key);
  if (it == sites_.end()) return Status::NotFound("no site with this key", "/site");
  return it->second;
}

Result<std::vector<SiteRecord>> MemoryStorage::ListSites() {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<SiteRecord> sites;
  for (const auto& [key, site] : sites_) sites.push_back(site);
  return sites;
}

Status MemoryStorage::PutApiKey(const ApiKeyRecord& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  if (api_keys_.count(key.key_id) != 0) {
    return Status::Internal("UNIQUE constraint failed: api_keys.key_id");
  }
  for (const auto& [id, stored] : api_keys_) {
    if (stored.key_hash == key.key_hash) {
      return Status::Internal("UNIQUE constraint failed: api_keys.key_hash");
    }
  }
  ApiKeyRecord stored = key;
  stored.revoked = false;  // a key is revoked only by RevokeApiKey
  api_keys_[key.key_id] = std::move(stored);
  return Status::Ok();
}

Result<ApiKeyRecord> MemoryStorage::FindApiKey(const std::string& key_hash) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  for (const auto& [id, key] : api_keys_) {
    if (key.key_hash == key_hash) return key;
  }
  return Status::NotFound("no such API key");
}

Result<std::vector<ApiKeyRecord>> MemoryStorage::ListApiKeys() {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<ApiKeyRecord> keys;
  for (const auto& [id, key] : api_keys_) keys.push_back(key);
  std::stable_sort(keys.begin(), keys.end(), [](const ApiKeyRecord& a, const ApiKeyRecord& b) {
    return a.created_ms < b.created_ms;
  });
  return keys;
}

Status MemoryStorage::RevokeApiKey(const std::string& key_id, int64_t /*now_ms*/) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = api_keys_.find(key_id);
  if (it == api_keys_.end()) return Status::NotFound("no API key with this id", "/key_id");
  it->second.revoked = true;
  return Status::Ok();
}

// Flows.

Result<MemoryStorage::FlowRow*> MemoryStorage::EnsureFlow(const std::string& site_key,
                                                          const std::string& flow_id) {
  const VisitorKey key{site_key, flow_id};
  auto it = flows_.find(key);
  if (it == flows_.end()) {
    if (sites_.count(site_key) == 0) {
      return Status::Internal("FOREIGN KEY constraint failed: no site " + site_key);
    }
    it = flows_.emplace(key, FlowRow()).first;
  }
  return &it->second;
}

Result<FlowRecord> MemoryStorage::SaveFlowVersion(FlowRecord flow, bool publish) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  Result<FlowRow*> found = EnsureFlow(flow.site_key, flow.flow_id);
  if (!found.ok()) return found.status();
  FlowRow& row = *found.value();
  flow.version = row.versions.empty() ? 1 : row.versions.rbegin()->first + 1;
  row.versions[flow.version] = flow;
  if (publish) row.published_version = flow.version;
  row.events.push_back({flow.site_key, flow.flow_id, flow.created_ms, flow.created_by,
                        publish ? "published" : "saved", flow.version, flow.note});
  return flow;
}

Result<FlowRecord> MemoryStorage::GetPublishedFlow(const std::string& site_key,
                                                   const std::string& flow_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = flows_.find({site_key, flow_id});
  if (it != flows_.end()) {
    auto version = it->second.versions.find(it->second.published_version);
    if (version != it->second.versions.end()) return version->second;
  }
  return Status::NotFound("no published flow with this id", "/flow");
}

Result<FlowRecord> MemoryStorage::GetFlowVersion(const std::string& site_key,
                                                 const std::string& flow_id, int version) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = flows_.find({site_key, flow_id});
  if (it != flows_.end()) {
    auto found = it->second.versions.find(version);
    if (found != it->second.versions.end()) return found->second;
  }
  return Status::NotFound("no such flow version", "/version");
}

Status MemoryStorage::PublishFlowVersion(const FlowEvent& event) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = flows_.find({event.site_key, event.flow_id});
  if (it == flows_.end() || it->second.versions.count(event.version) == 0) {
    return Status::NotFound("no such flow version", "/version");
  }
  it->second.published_version = event.version;
  it->second.events.push_back(event);
  return Status::Ok();
}

Result<std::vector<FlowEvent>> MemoryStorage::ListFlowEvents(const std::string& site_key,
                                                             const std::string& flow_id,
                                                             int limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<FlowEvent> events;
  auto it = flows_.find({site_key, flow_id});
  if (it == flows_.end()) return events;
  for (auto e = it->second.events.rbegin();
       e != it->second.events.rend() && static_cast<int>(events.size()) < limit; ++e) {
    events.push_back(*e);
  }
  return events;
}

Result<std::vector<FlowSummary>> MemoryStorage::ListFlows(const std::string& site_key,
                                                          int64_t activity_since_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<FlowSummary> flows;
  for (auto it = flows_.lower_bound({site_key, ""});
       it != flows_.end() && it->first.first == site_key; ++it) {
    const FlowRow& row = it->second;
    FlowSummary flow;
    flow.site_key = site_key;
    flow.flow_id = it->first.second;
    flow.published_version = row.published_version;
    if (!row.versions.empty()) {
      flow.latest_version = row.versions.rbegin()->first;
      flow.latest_version_ms = row.versions.rbegin()->second.created_ms;
    }
    if (row.draft) {
      flow.draft_revision = row.draft->revision;
      flow.draft_updated_ms = row.draft->updated_ms;
    }
    for (const auto& [id, session] : sessions_) {
      const SessionRecord& s = session.record;
      if (s.site_key == site_key && s.flow_id == flow.flow_id &&
          s.started_ms >= activity_since_ms) {
        ++flow.sessions;
      }
    }
    for (const auto& [id, lead] : leads_) {
      if (lead.site_key == site_key && lead.flow_id == flow.flow_id && lead.triage == "qualified" &&
          lead.created_ms >= activity_since_ms) {
        ++flow.qualified;
      }
    }
    flows.push_back(std::move(flow));
  }
  return flows;
}

Result<FlowDraft> MemoryStorage::GetFlowDraft(const std::string& site_key,
                                              const std::string& flow_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = flows_.find({site_key, flow_id});
  if (it == flows_.end() || !it->second.draft) {
    return Status::NotFound("this flow has no draft", "/flow");
  }
  return *it->second.draft;
}

Result<FlowDraft> MemoryStorage::PutFlowDraft(FlowDraft draft, int expected_revision) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = flows_.find({draft.site_key, draft.flow_id});
  const int stored = it != flows_.end() && it->second.draft ? it->second.draft->revision : 0;
  if (stored != expected_revision) return DraftRevisionConflict(stored, expected_revision);
  Result<FlowRow*> row = EnsureFlow(draft.site_key, draft.flow_id);
  if (!row.ok()) return row.status();
  draft.revision = expected_revision + 1;
  row.value()->draft = draft;
  return draft;
}

Result<MemoryStorage::FlowRow*> MemoryStorage::DraftOf(const std::string& site_key,
                                                       const std::string& flow_id, int revision) {
  auto it = flows_.find({site_key, flow_id});
  if (it == flows_.end() || !it->second.draft) {
    return Status::NotFound("this flow has no draft", "/flow");
  }
  if (it->second.draft->revision != revision) {
    return DraftRevisionConflict(it->second.draft->revision, revision);
  }
  return &it->second;
}

Status MemoryStorage::DeleteFlowDraft(const std::string& site_key, const std::string& flow_id,
                                      int revision) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  Result<FlowRow*> row = DraftOf(site_key, flow_id, revision);
  if (!row.ok()) return row.status();
  row.value()->draft.reset();
  // A new flow's discarded draft leaves nothing (nor its test cases).
  if (row.value()->versions.empty()) flows_.erase({site_key, flow_id});
  return Status::Ok();
}

Result<FlowRecord> MemoryStorage::PublishFlowDraft(const FlowEvent& event, int revision) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  Result<FlowRow*> found = DraftOf(event.site_key, event.flow_id, revision);
  if (!found.ok()) return found.status();
  FlowRow& row = *found.value();
  FlowRecord flow{event.site_key,
                  event.flow_id,
                  row.versions.empty() ? 1 : row.versions.rbegin()->first + 1,
                  row.draft->document,
                  event.at_ms,
                  event.actor,
                  event.note};
  row.versions[flow.version] = flow;
  row.published_version = flow.version;
  row.draft.reset();
  FlowEvent recorded = event;
  recorded.version = flow.version;
  row.events.push_back(std::move(recorded));
  return flow;
}

Result<FlowTestsRecord> MemoryStorage::GetFlowTests(const std::string& site_key,
                                                    const std::string& flow_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = flows_.find({site_key, flow_id});
  if (it == flows_.end() || !it->second.tests) {
    return Status::NotFound("this flow has no test cases", "/flow");
  }
  return *it->second.tests;
}

Result<FlowTestsRecord> MemoryStorage::PutFlowTests(FlowTestsRecord tests, int expected_revision) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = flows_.find({tests.site_key, tests.flow_id});
  if (it == flows_.end()) return Status::NotFound("no flow with this id", "/flow");
  const int stored = it->second.tests ? it->second.tests->revision : 0;
  if (stored != expected_revision) return FlowTestsConflict(stored, expected_revision);
  tests.revision = expected_revision + 1;
  it->second.tests = tests;
  return tests;
}

Result<std::vector<FlowRecord>> MemoryStorage::ListFlowVersions(const std::string& site_key,
                                                                const std::string& flow_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<FlowRecord> versions;
  auto it = flows_.find({site_key, flow_id});
  if (it != flows_.end()) {
    for (auto v = it->second.versions.rbegin(); v != it->second.versions.rend(); ++v) {
      versions.push_back(v->second);
    }
  }
  if (versions.empty()) return Status::NotFound("no flow with this id", "/flow");
  return versions;
}

// Destinations.

Status MemoryStorage::PutDestination(const DestinationRecord& destination) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = destinations_.find(destination.destination_id);
  if (it == destinations_.end()) {
    destinations_[destination.destination_id] = destination;
    return Status::Ok();
  }
  // A destination keeps its site and creation time.
  DestinationRecord replaced = destination;
  replaced.site_key = it->second.site_key;
  replaced.created_ms = it->second.created_ms;
  it->second = std::move(replaced);
  return Status::Ok();
}

Result<DestinationRecord> MemoryStorage::GetDestination(const std::string& destination_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = destinations_.find(destination_id);
  if (it == destinations_.end()) {
    return Status::NotFound("no destination with this id", "/destination_id");
  }
  return it->second;
}

Result<std::vector<DestinationRecord>> MemoryStorage::ListDestinations(
    const std::string& site_key) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<DestinationRecord> list;
  for (const auto& [id, destination] : destinations_) {
    if (site_key.empty() || destination.site_key == site_key) list.push_back(destination);
  }
  // By creation time, then id (the map's order).
  std::stable_sort(list.begin(), list.end(),
                   [](const DestinationRecord& a, const DestinationRecord& b) {
                     return a.created_ms < b.created_ms;
                   });
  return list;
}

Status MemoryStorage::DeleteDestination(const std::string& destination_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  if (destinations_.erase(destination_id) == 0) {
    return Status::NotFound("no destination with this id", "/destination_id");
  }
  return Status::Ok();
}

}  // namespace leadq
