// The in-memory VisitorStore: profiles, implicit events folded into signals (queueing
// the visitor's re-decision), consent, and the privacy operations — export and erasure of
// a visitor with every visitor merged into it, and the purge of old raw events — as
// sqlite_visitors.cc does them.
#include <algorithm>

#include "storage/memory_storage.h"

namespace leadq {

std::vector<std::string> MemoryStorage::VisitorIdsLocked(const std::string& site_key,
                                                         const std::string& canonical) const {
  // The canonical id first, then the merged ones by id.
  std::vector<std::string> ids;
  if (visitors_.count({site_key, canonical}) != 0) ids.push_back(canonical);
  auto merged = merged_into_.find({site_key, canonical});
  if (merged != merged_into_.end()) {
    for (const std::string& id : merged->second) {
      if (id != canonical) ids.push_back(id);
    }
  }
  return ids;
}

Result<VisitorProfile> MemoryStorage::GetVisitor(const std::string& site_key,
                                                 const std::string& visitor_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  return ProfileLocked(site_key, visitor_id);
}

Status MemoryStorage::RecordEvents(const std::string& site_key, const std::string& visitor_id,
                                   const std::vector<EventRecord>& events, const SignalsFold& fold,
                                   int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  Status site = CheckVisitorSiteLocked(site_key, visitor_id);
  if (!site.ok()) return site;
  EnsureVisitorLocked(site_key, visitor_id, now_ms);
  const VisitorProfile profile = ProfileLocked(site_key, visitor_id);
  // Stored under the canonical visitor, as its signals are.
  const std::string& canonical = profile.visitor_id;
  for (const EventRecord& event : events) {
    EventRecord stored = event;
    stored.data = Stored(event.data);
    events_.push_back({site_key, canonical, std::move(stored)});
  }
  auto row = visitors_.find({site_key, canonical});
  if (row != visitors_.end()) {
    SetProfile(row->second, row->second.fields, Stored(fold(profile.signals)));
    row->second.updated_ms = now_ms;
  }
  // The new signals may change the visitor's leads: decided again off the request path.
  if (ProfileStateLocked(site_key, canonical, "").other_sessions) {
    QueueLocked(site_key, canonical, true, "", now_ms);
  }
  return Status::Ok();
}

Status MemoryStorage::RecordConsent(const ConsentRecord& consent) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  Status site = CheckVisitorSiteLocked(consent.site_key, consent.visitor_id);
  if (!site.ok()) return site;
  EnsureVisitorLocked(consent.site_key, consent.visitor_id, consent.recorded_ms);
  consents_.push_back(consent);
  return Status::Ok();
}

Result<VisitorExport> MemoryStorage::ExportVisitor(const std::string& site_key,
                                                   const std::string& visitor_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  VisitorExport out;
  out.profile = ProfileLocked(site_key, visitor_id);
  // SQLite tells an unknown visitor by its empty profile's times, and so does this.
  if (out.profile.created_ms == 0 && out.profile.updated_ms == 0) {
    return Status::NotFound("no visitor with this id", "/visitor_id");
  }
  for (const std::string& id : VisitorIdsLocked(site_key, out.profile.visitor_id)) {
    if (id != out.profile.visitor_id) out.merged_ids.push_back(id);
    // The visitor's sessions by start time (then creation order), each with its answers
    // in answer-id order (the order of SQLite's answers table).
    std::vector<const SessionRow*> sessions;
    auto owned = sessions_by_visitor_.find({site_key, id});
    if (owned != sessions_by_visitor_.end()) {
      for (const std::string& session_id : owned->second) {
        sessions.push_back(&sessions_.at(session_id));
      }
    }
    std::sort(sessions.begin(), sessions.end(), [](const SessionRow* a, const SessionRow* b) {
      if (a->record.started_ms != b->record.started_ms) {
        return a->record.started_ms < b->record.started_ms;
      }
      return a->seq < b->seq;
    });
    for (const SessionRow* row : sessions) {
      const SessionRecord& s = row->record;
      std::vector<const AnswerRecord*> answers;
      for (const AnswerRecord& answer : row->answers) answers.push_back(&answer);
      std::sort(answers.begin(), answers.end(), [](const AnswerRecord* a, const AnswerRecord* b) {
        return a->answer_id < b->answer_id;
      });
      Json answers_json = Json::array();
      for (const AnswerRecord* answer : answers) {
        answers_json.push_back({{"answer_id", answer->answer_id},
                                {"step", answer->step_id},
                                {"field", answer->field},
                                {"value", answer->value},
                                {"received_ms", answer->received_ms}});
      }
      out.sessions.push_back({{"session_id", s.session_id},
                              {"flow", s.flow_id},
                              {"flow_version", static_cast<int64_t>(s.flow_version)},
                              {"visitor_id", s.visitor_id},
                              {"variant", s.variant},
                              {"language", s.language},
                              {"started_ms", s.started_ms},
                              {"updated_ms", s.updated_ms},
                              {"outcome", s.outcome},
                              {"answers", answers_json}});
    }
    for (const EventRow& row : events_) {
      if (row.site_key != site_key || row.visitor_id != id) continue;
      out.events.push_back({{"visitor_id", row.visitor_id},
                            {"type", row.event.type},
                            {"path", row.event.path},
                            {"data", row.event.data},
                            {"at_ms", row.event.at_ms},
                            {"received_ms", row.event.received_ms}});
    }
    for (const ConsentRecord& consent : consents_) {
      if (consent.site_key != site_key || consent.visitor_id != id) continue;
      // `given` is an INTEGER column: 0 or 1, as SQLite exports it.
      out.consents.push_back({{"visitor_id", consent.visitor_id},
                              {"version", consent.version},
                              {"given", static_cast<int64_t>(consent.given ? 1 : 0)},
                              {"recorded_ms", consent.recorded_ms}});
    }
  }
  return out;
}

void MemoryStorage::EraseLeadLocked(const std::string& lead_id) {
  attempts_.erase(lead_id);
  for (auto it = outbox_.begin(); it != outbox_.end();) {
    if (it->second.lead_id == lead_id) {
      outbox_keys_.erase(it->second.idempotency_key);
      it = outbox_.erase(it);
    } else {
      ++it;
    }
  }
  touches_.erase(lead_id);
  feedback_.erase(lead_id);
  lead_changes_.erase(std::remove_if(lead_changes_.begin(), lead_changes_.end(),
                                     [&](const LeadChange& c) { return c.session_id == lead_id; }),
                      lead_changes_.end());
  handoffs_.erase(lead_id);
}

Status MemoryStorage::EraseVisitor(const std::string& site_key, const std::string& visitor_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  const std::string canonical = CanonicalLocked(site_key, visitor_id);
  const std::vector<std::string> ids = VisitorIdsLocked(site_key, canonical);
  if (ids.empty()) return Status::NotFound("no visitor with this id", "/visitor_id");
  for (const std::string& id : ids) {
    const VisitorKey key{site_key, id};
    auto owned = sessions_by_visitor_.find(key);
    if (owned != sessions_by_visitor_.end()) {
      for (const std::string& session_id : owned->second) {
        EraseLeadLocked(session_id);
        sessions_.erase(session_id);
      }
      sessions_by_visitor_.erase(owned);
    }
    for (auto it = leads_.begin(); it != leads_.end();) {
      it = it->second.site_key == site_key && it->second.visitor_id == id ? leads_.erase(it)
                                                                          : std::next(it);
    }
    events_.erase(std::remove_if(events_.begin(), events_.end(),
                                 [&](const EventRow& row) {
                                   return row.site_key == site_key && row.visitor_id == id;
                                 }),
                  events_.end());
    consents_.erase(std::remove_if(consents_.begin(), consents_.end(),
                                   [&](const ConsentRecord& consent) {
                                     return consent.site_key == site_key &&
                                            consent.visitor_id == id;
                                   }),
                    consents_.end());
    auto row = visitors_.find(key);
    if (row != visitors_.end()) {
      SetEmailLocked(key, row->second, "");
      visitors_.erase(row);
    }
    merged_into_.erase(key);
  }
  return Status::Ok();
}

Result<int64_t> MemoryStorage::PurgeEvents(int64_t before_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  const size_t before = events_.size();
  events_.erase(
      std::remove_if(events_.begin(), events_.end(),
                     [&](const EventRow& row) { return row.event.received_ms < before_ms; }),
      events_.end());
  return static_cast<int64_t>(before - events_.size());
}

}  // namespace leadq
