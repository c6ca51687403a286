// MemoryStorage's LeadStore, and the lead rows the session writes keep: filtered lists,
// the timeline of triage and grade changes, and the leads the time sweep will look at.
#include <algorithm>

#include "storage/memory_storage.h"

namespace leadq {

void MemoryStorage::WriteLeadLocked(const OutcomeWrite& outcome, bool create) {
  const LeadRecord& lead = outcome.lead;
  auto row = leads_.find(lead.session_id);
  if (row == leads_.end()) {
    if (!create) return;
    // Created with the first answer, its identity kept afterwards.
    row = leads_.emplace(lead.session_id, lead).first;
    row->second.created_ms = lead.updated_ms;
  } else {
    LeadRecord& stored = row->second;
    if (stored.triage != lead.triage || stored.grade != lead.grade) {
      lead_changes_.push_back({lead.session_id, lead.updated_ms, stored.triage, stored.grade,
                               lead.triage, lead.grade, outcome.cause});
    }
    stored.triage = lead.triage;
    stored.grade = lead.grade;
    stored.total_points = lead.total_points;
    stored.stage = lead.stage;
    stored.conversion = lead.conversion;
    stored.sla_deadline_ms = lead.sla_deadline_ms;
    stored.channel = lead.channel;
    stored.email = lead.email;
    stored.search_text = lead.search_text;
    stored.updated_ms = lead.updated_ms;
    stored.changes_ms = lead.changes_ms;
  }
  row->second.outcome = Parsed(outcome.outcome_text);
}

std::vector<const LeadRecord*> MemoryStorage::MatchLeadsLocked(const LeadFilter& filter) const {
  // SQLite's LIKE folds ASCII letters only.
  auto fold = [](std::string text) {
    for (char& c : text) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
  };
  const std::string text = fold(filter.text);
  auto matches = [&](const std::string& wanted, const std::string& value) {
    return wanted.empty() || wanted == value;
  };
  std::vector<const LeadRecord*> found;
  for (const auto& [id, lead] : leads_) {
    if (!matches(filter.site_key, lead.site_key) || !matches(filter.triage, lead.triage) ||
        !matches(filter.grade, lead.grade) || !matches(filter.flow_id, lead.flow_id) ||
        !matches(filter.variant, lead.variant) || !matches(filter.channel, lead.channel)) {
      continue;
    }
    if (!text.empty() && fold(lead.search_text).find(text) == std::string::npos) continue;
    if (filter.from_ms > 0 && lead.updated_ms < filter.from_ms) continue;
    if (filter.to_ms > 0 && lead.updated_ms >= filter.to_ms) continue;
    found.push_back(&lead);
  }
  // Newest first, then by session id (the map's order).
  std::stable_sort(found.begin(), found.end(), [](const LeadRecord* a, const LeadRecord* b) {
    return a->updated_ms > b->updated_ms;
  });
  return found;
}

Result<std::vector<LeadRecord>> MemoryStorage::ListLeads(const LeadFilter& filter, int64_t* total) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  const std::vector<const LeadRecord*> found = MatchLeadsLocked(filter);
  *total = static_cast<int64_t>(found.size());
  // SQLite: a negative LIMIT is none, a negative OFFSET is 0.
  const size_t offset = static_cast<size_t>(std::max(0, filter.offset));
  std::vector<LeadRecord> page;
  for (size_t i = offset; i < found.size(); ++i) {
    if (filter.limit >= 0 && page.size() >= static_cast<size_t>(filter.limit)) break;
    page.push_back(*found[i]);
  }
  return page;
}

Result<LeadRecord> MemoryStorage::GetLead(const std::string& session_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = leads_.find(session_id);
  if (it == leads_.end()) return Status::NotFound("no lead with this id", "/lead_id");
  return it->second;
}

Status MemoryStorage::ForEachLead(const LeadFilter& filter,
                                  const std::function<bool(const LeadRecord&)>& row) {
  // Copied out, so that `row` runs without the lock (it may call the storage).
  std::vector<LeadRecord> leads;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Count();
    for (const LeadRecord* lead : MatchLeadsLocked(filter)) leads.push_back(*lead);
  }
  for (const LeadRecord& lead : leads) {
    if (!row(lead)) break;
  }
  return Status::Ok();
}

Result<std::map<std::string, int64_t>> MemoryStorage::CountLeadsByTriage() {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::map<std::string, int64_t> counts;
  for (const auto& [id, lead] : leads_) ++counts[lead.triage];
  return counts;
}

Result<std::vector<LeadChange>> MemoryStorage::ListLeadChanges(const std::string& session_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<LeadChange> changes;
  for (const LeadChange& change : lead_changes_) {
    if (change.session_id == session_id) changes.push_back(change);
  }
  // Oldest first, then in the order recorded (SQLite: at_ms, then rowid).
  std::stable_sort(changes.begin(), changes.end(),
                   [](const LeadChange& a, const LeadChange& b) { return a.at_ms < b.at_ms; });
  if (changes.size() > 1000) changes.resize(1000);
  return changes;
}

Result<std::vector<std::string>> MemoryStorage::LeadsChangingBy(int64_t now_ms, int limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<const LeadRecord*> due;
  for (const auto& [id, lead] : leads_) {
    if (lead.changes_ms > 0 && lead.changes_ms <= now_ms) due.push_back(&lead);
  }
  std::stable_sort(due.begin(), due.end(), [](const LeadRecord* a, const LeadRecord* b) {
    return a->changes_ms < b->changes_ms;
  });
  std::vector<std::string> ids;
  for (const LeadRecord* lead : due) {
    if (limit >= 0 && ids.size() >= static_cast<size_t>(limit)) break;
    ids.push_back(lead->session_id);
  }
  return ids;
}

Status MemoryStorage::PostponeLeadChange(const std::string& session_id, int64_t at_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = leads_.find(session_id);
  if (it != leads_.end() && it->second.changes_ms > 0) it->second.changes_ms = at_ms;
  return Status::Ok();
}

}  // namespace leadq
