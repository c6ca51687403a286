// The in-memory SessionStore and RequalificationStore: sessions and answers, the answer's
// single write (outcome, lead row, field merge, e-mail merge of visitors, handoff and the
// re-decisions it asks for), re-decisions and their queue — each as sqlite_sessions.cc,
// sqlite_requalify.cc and sqlite_rows.cc do it, statement by statement, so that the
// visitor's revision moves exactly as SQLite's trigger moves it.
#include <algorithm>
#include <tuple>

#include "storage/memory_storage.h"

namespace leadq {
namespace {

// As SQLite's ReadVisitorProfile: visitors merged into another are looked at this many,
// most recently active first.
constexpr int kMergedVisitors = 50;

}  // namespace

// Profiles.

std::string MemoryStorage::CanonicalLocked(const std::string& site_key,
                                           const std::string& visitor_id) const {
  auto it = visitors_.find({site_key, visitor_id});
  if (it == visitors_.end() || it->second.merged_into.empty()) return visitor_id;
  return it->second.merged_into;
}

VisitorProfile MemoryStorage::ProfileLocked(const std::string& site_key,
                                            const std::string& visitor_id) const {
  VisitorProfile profile;
  profile.site_key = site_key;
  profile.visitor_id = visitor_id;
  if (visitors_.count({site_key, visitor_id}) == 0) return profile;
  const std::string canonical = CanonicalLocked(site_key, visitor_id);
  auto it = visitors_.find({site_key, canonical});
  if (it == visitors_.end()) return profile;
  const VisitorRow& row = it->second;
  profile.visitor_id = canonical;
  profile.fields = row.fields;
  profile.signals = row.signals;
  profile.email = row.email;
  profile.created_ms = row.created_ms;
  profile.updated_ms = row.updated_ms;
  profile.revision = row.revision;
  return profile;
}

Status MemoryStorage::CheckVisitorSiteLocked(const std::string& site_key,
                                             const std::string& visitor_id) const {
  if (visitors_.count({site_key, visitor_id}) != 0 || sites_.count(site_key) != 0) {
    return Status::Ok();
  }
  return Status::Internal("FOREIGN KEY constraint failed: no site " + site_key);
}

void MemoryStorage::EnsureVisitorLocked(const std::string& site_key, const std::string& visitor_id,
                                        int64_t now_ms) {
  auto [it, inserted] = visitors_.try_emplace({site_key, visitor_id});
  if (!inserted) return;
  it->second.created_ms = it->second.updated_ms = now_ms;
}

void MemoryStorage::SetProfile(VisitorRow& row, Json fields, Json signals) {
  const bool changed = fields != row.fields || signals != row.signals;
  row.fields = std::move(fields);
  row.signals = std::move(signals);
  if (changed) ++row.revision;
}

void MemoryStorage::SetEmailLocked(const VisitorKey& key, VisitorRow& row,
                                   const std::string& email) {
  if (row.email == email) return;
  if (!row.email.empty()) {
    auto old = visitors_by_email_.find({key.first, row.email});
    if (old != visitors_by_email_.end()) {
      old->second.erase(key.second);
      if (old->second.empty()) visitors_by_email_.erase(old);
    }
  }
  row.email = email;
  if (!email.empty()) visitors_by_email_[{key.first, email}].insert(key.second);
}

void MemoryStorage::MergeFieldsLocked(const AnswerWrite& write) {
  const LeadRecord& lead = write.outcome.lead;
  const int64_t now_ms = write.answer.received_ms;
  const std::string canonical = CanonicalLocked(lead.site_key, lead.visitor_id);
  auto it = visitors_.find({lead.site_key, canonical});
  if (it == visitors_.end()) return;  // SQLite's UPDATE finds no row either
  VisitorRow& row = it->second;
  // json_patch: RFC 7396, a null removes the field.
  Json fields = row.fields;
  fields.merge_patch(Stored(write.outcome.fields));
  SetProfile(row, Stored(fields), row.signals);
  row.updated_ms = now_ms;
  if (lead.email.empty()) return;
  SetEmailLocked(it->first, row, lead.email);
  // The earliest other visitor of the site, never merged, that gave this address.
  auto same = visitors_by_email_.find({lead.site_key, lead.email});
  const VisitorRow* earliest = nullptr;
  std::string earlier;
  for (const std::string& id : same->second) {
    if (id == canonical) continue;
    const VisitorRow& other = visitors_.at({lead.site_key, id});
    if (!other.merged_into.empty()) continue;
    if (earliest == nullptr || other.created_ms < earliest->created_ms) {
      earliest = &other;
      earlier = id;
    }
  }
  if (earliest != nullptr) MergeVisitorsLocked(lead.site_key, canonical, earlier, now_ms);
}

void MemoryStorage::MergeVisitorsLocked(const std::string& site_key, const std::string& from,
                                        const std::string& into, int64_t now_ms) {
  VisitorRow& source = visitors_.at({site_key, from});
  VisitorRow& target = visitors_.at({site_key, into});
  // `from` is the visitor who just answered: its values are the newer ones.
  Json fields = target.fields;
  fields.merge_patch(source.fields);
  SetProfile(target, Stored(fields), Stored(MergeStoredSignals(target.signals, source.signals)));
  target.updated_ms = now_ms;
  // `from` and every visitor merged into it now point at `into`.
  std::set<std::string> moved = {from};
  auto merged = merged_into_.find({site_key, from});
  if (merged != merged_into_.end()) {
    moved.insert(merged->second.begin(), merged->second.end());
    merged_into_.erase(merged);
  }
  for (const std::string& id : moved) {
    VisitorRow& row = visitors_.at({site_key, id});
    if (row.merged_into != into) ++row.revision;
    row.merged_into = into;
    row.updated_ms = now_ms;
    merged_into_[{site_key, into}].insert(id);
  }
}

MemoryStorage::ProfileState MemoryStorage::ProfileStateLocked(const std::string& site_key,
                                                              const std::string& visitor_id,
                                                              const std::string& session_id) const {
  ProfileState state;
  state.visitor_id = visitor_id;
  const std::string canonical = CanonicalLocked(site_key, visitor_id);
  auto it = visitors_.find({site_key, canonical});
  if (it == visitors_.end()) return state;
  state.visitor_id = canonical;
  state.revision = it->second.revision;
  auto sessions = sessions_by_visitor_.find({site_key, canonical});
  if (sessions != sessions_by_visitor_.end()) {
    for (const std::string& id : sessions->second) state.other_sessions |= id != session_id;
  }
  auto merged = merged_into_.find({site_key, canonical});
  state.other_sessions |= merged != merged_into_.end() && !merged->second.empty();
  return state;
}

// Sessions and answers.

Status MemoryStorage::CreateSession(const SessionRecord& session) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  Status site = CheckVisitorSiteLocked(session.site_key, session.visitor_id);
  if (!site.ok()) return site;
  if (sessions_.count(session.session_id) != 0) {
    return Status::Internal("UNIQUE constraint failed: sessions.session_id");
  }
  EnsureVisitorLocked(session.site_key, session.visitor_id, session.started_ms);
  SessionRow& row = sessions_[session.session_id];
  row.record = session;
  // What the INSERT does not name takes the column defaults.
  row.record.updated_ms = session.started_ms;
  row.record.outcome = Json();
  row.record.done = false;
  row.record.answer_count = 0;
  row.seq = next_session_seq_++;
  sessions_by_visitor_[{session.site_key, session.visitor_id}].insert(session.session_id);
  return Status::Ok();
}

Result<SessionRecord> MemoryStorage::GetSession(const std::string& session_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = sessions_.find(session_id);
  if (it == sessions_.end()) return Status::NotFound("no session with this id", "/session_id");
  return it->second.record;
}

Result<std::vector<AnswerRecord>> MemoryStorage::ListAnswers(const std::string& session_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = sessions_.find(session_id);
  if (it == sessions_.end()) return std::vector<AnswerRecord>();
  return it->second.answers;
}

Result<AnswerContext> MemoryStorage::LoadForAnswer(const std::string& session_id) {
  return LoadContext(session_id, false);
}

Result<AnswerContext> MemoryStorage::LoadForRedecision(const std::string& session_id) {
  return LoadContext(session_id, true);
}

Result<AnswerContext> MemoryStorage::LoadContext(const std::string& session_id, bool with_outcome) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  auto it = sessions_.find(session_id);
  if (it == sessions_.end()) return Status::NotFound("no session with this id", "/session_id");
  AnswerContext context;
  context.session = it->second.record;
  if (!with_outcome) context.session.outcome = Json();
  context.answers = it->second.answers;
  context.visitor = ProfileLocked(context.session.site_key, context.session.visitor_id);
  auto handoff = handoffs_.find(session_id);
  if (handoff != handoffs_.end()) {
    PriorHandoff prior;
    prior.generation = handoff->second.generation;
    prior.route = RouteFromString(handoff->second.route).value_or(Route::kNone);
    prior.state = LeadStateFromString(handoff->second.state).value_or(LeadState::kOpen);
    prior.sent_back_ms = handoff->second.sent_back_ms;
    context.handoff = prior;
  }
  return context;
}

Result<AnswerStored> MemoryStorage::StoreAnswer(const AnswerWrite& write) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  const AnswerRecord& answer = write.answer;
  auto it = sessions_.find(answer.session_id);
  // SQLite: the answer's foreign key to its session.
  if (it == sessions_.end()) {
    return Status::Internal("FOREIGN KEY constraint failed: no session " + answer.session_id);
  }
  SessionRow& session = it->second;
  for (const AnswerRecord& stored : session.answers) {
    if (stored.answer_id == answer.answer_id) return AnswerStored::kDuplicate;
  }
  // Another answer took this place first: nothing is written, decide again.
  if (session.record.answer_count != write.expected_answer_count) return AnswerStored::kStale;

  AnswerRecord stored = answer;
  stored.value = Stored(answer.value);
  session.answers.push_back(std::move(stored));
  const OutcomeWrite& outcome = write.outcome;
  session.record.outcome = Parsed(outcome.outcome_text);
  session.record.done = outcome.done;
  session.record.updated_ms = answer.received_ms;
  ++session.record.answer_count;

  WriteLeadLocked(outcome, /*create=*/true);

  MergeFieldsLocked(write);
  if (!outcome.handoff.empty()) WriteHandoffLocked(outcome.handoff);
  QueueRequalificationsLocked(write);
  return AnswerStored::kStored;
}

// Re-qualification.

void MemoryStorage::QueueLocked(const std::string& site_key, const std::string& visitor_id,
                                bool whole_visitor, const std::string& session_id, int64_t due_ms) {
  const TaskKey key{site_key, visitor_id, whole_visitor, session_id};
  auto found = task_ids_.find(key);
  if (found != task_ids_.end()) {
    // Merged into the waiting task; its version moves, so a round working it now keeps it.
    RequalificationTask& task = tasks_.at(found->second);
    ++task.version;
    task.due_ms = std::min(task.due_ms, due_ms);
    return;
  }
  // SQLite's rowid for an INTEGER PRIMARY KEY: one more than the largest.
  const int64_t task_id = tasks_.empty() ? 1 : tasks_.rbegin()->first + 1;
  RequalificationTask task;
  task.task_id = task_id;
  task.site_key = site_key;
  task.visitor_id = visitor_id;
  task.whole_visitor = whole_visitor;
  task.session_id = session_id;
  task.due_ms = due_ms;
  tasks_[task_id] = std::move(task);
  task_ids_[key] = task_id;
}

void MemoryStorage::QueueRequalificationsLocked(const AnswerWrite& write) {
  const LeadRecord& lead = write.outcome.lead;
  const std::string& session_id = write.answer.session_id;
  const ProfileState state = ProfileStateLocked(lead.site_key, lead.visitor_id, session_id);
  const int64_t now_ms = write.answer.received_ms;
  if (write.changes_fields && state.other_sessions) {
    QueueLocked(lead.site_key, state.visitor_id, true, session_id, now_ms);
  }
  // The answer's own change moved the revision once; any other move is a change the
  // answer's decision did not see.
  const int64_t expected = write.expected_visitor_revision + (write.changes_fields ? 1 : 0);
  if (state.revision != expected) {
    QueueLocked(lead.site_key, state.visitor_id, false, session_id, now_ms);
  }
}

bool MemoryStorage::MayRequalifyLocked(const SessionRow& session) const {
  if (session.record.answer_count <= 0) return false;
  if (!session.record.done) return true;
  auto handoff = handoffs_.find(session.record.session_id);
  if (handoff == handoffs_.end()) return false;
  const HandoffRecord& h = handoff->second;
  return h.state == "nurturing" || (h.route == "nurture" && h.state == "open");
}

Result<std::vector<std::string>> MemoryStorage::ListSessionsToRequalify(
    const std::string& site_key, const std::string& visitor_id, int limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  const std::string canonical = CanonicalLocked(site_key, visitor_id);
  std::vector<std::string> owners = {canonical};
  auto merged = merged_into_.find({site_key, canonical});
  if (merged != merged_into_.end()) {
    std::vector<std::pair<int64_t, std::string>> recent;
    for (const std::string& id : merged->second) {
      recent.emplace_back(visitors_.at({site_key, id}).updated_ms, id);
    }
    std::stable_sort(recent.begin(), recent.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (recent.size() > static_cast<size_t>(kMergedVisitors)) recent.resize(kMergedVisitors);
    for (const auto& [updated_ms, id] : recent) owners.push_back(id);
  }
  std::vector<const SessionRecord*> found;
  for (const std::string& owner : owners) {
    auto sessions = sessions_by_visitor_.find({site_key, owner});
    if (sessions == sessions_by_visitor_.end()) continue;
    for (const std::string& id : sessions->second) {
      const SessionRow& session = sessions_.at(id);
      if (MayRequalifyLocked(session)) found.push_back(&session.record);
    }
  }
  std::sort(found.begin(), found.end(), [](const SessionRecord* a, const SessionRecord* b) {
    if (a->updated_ms != b->updated_ms) return a->updated_ms > b->updated_ms;
    return a->session_id < b->session_id;
  });
  std::vector<std::string> ids;
  for (const SessionRecord* session : found) {
    if (limit >= 0 && static_cast<int>(ids.size()) >= limit) break;
    ids.push_back(session->session_id);
  }
  return ids;
}

Result<AnswerStored> MemoryStorage::StoreRedecision(const RedecisionWrite& write) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = sessions_.find(write.session_id);
  if (it == sessions_.end()) return AnswerStored::kStale;
  SessionRow& session = it->second;
  // The profile as the decision named it (the canonical id it read), 0 when gone.
  auto visitor = visitors_.find({session.record.site_key, write.visitor_id});
  const int64_t revision = visitor == visitors_.end() ? 0 : visitor->second.revision;
  if (session.record.answer_count != write.expected_answer_count ||
      revision != write.expected_visitor_revision) {
    return AnswerStored::kStale;
  }
  const OutcomeWrite& outcome = write.outcome;
  session.record.outcome = Parsed(outcome.outcome_text);
  session.record.done = outcome.done;
  WriteLeadLocked(outcome, /*create=*/false);
  if (!outcome.handoff.empty()) WriteHandoffLocked(outcome.handoff);
  return AnswerStored::kStored;
}

Result<std::vector<RequalificationTask>> MemoryStorage::DueRequalifications(int64_t now_ms,
                                                                            int limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<RequalificationTask> due;
  for (const auto& [id, task] : tasks_) {
    if (task.due_ms <= now_ms) due.push_back(task);
  }
  // By due time, then task id (the map's order).
  std::stable_sort(due.begin(), due.end(),
                   [](const RequalificationTask& a, const RequalificationTask& b) {
                     return a.due_ms < b.due_ms;
                   });
  if (limit >= 0 && due.size() > static_cast<size_t>(limit)) due.resize(limit);
  return due;
}

Status MemoryStorage::FinishRequalification(const RequalificationTask& task) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = tasks_.find(task.task_id);
  // Queued again since it was read: kept for another round.
  if (it == tasks_.end() || it->second.version != task.version) return Status::Ok();
  task_ids_.erase({it->second.site_key, it->second.visitor_id, it->second.whole_visitor,
                   it->second.session_id});
  tasks_.erase(it);
  return Status::Ok();
}

Status MemoryStorage::PostponeRequalification(const RequalificationTask& task, int64_t retry_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status admitted = Admit();
  if (!admitted.ok()) return admitted;
  auto it = tasks_.find(task.task_id);
  if (it == tasks_.end()) return Status::Ok();
  ++it->second.attempts;
  it->second.due_ms = retry_ms;
  return Status::Ok();
}

Result<int64_t> MemoryStorage::CountRequalifications() {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  return static_cast<int64_t>(tasks_.size());
}

// Backtest scans: as SQLite's, one page under the lock.
Result<std::vector<AnswerContext>> MemoryStorage::ScanFlowSessions(const std::string& site_key,
                                                                   const std::string& flow_id,
                                                                   int64_t since_ms,
                                                                   const SessionScanCursor& after,
                                                                   int limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  std::vector<const SessionRow*> rows;
  for (const auto& [id, row] : sessions_) {
    const SessionRecord& s = row.record;
    if (s.site_key != site_key || s.flow_id != flow_id || s.started_ms < since_ms) continue;
    if (row.answers.empty()) continue;
    if (s.started_ms < after.started_ms ||
        (s.started_ms == after.started_ms && s.session_id <= after.session_id)) {
      continue;
    }
    rows.push_back(&row);
  }
  std::sort(rows.begin(), rows.end(), [](const SessionRow* a, const SessionRow* b) {
    return std::tie(a->record.started_ms, a->record.session_id) <
           std::tie(b->record.started_ms, b->record.session_id);
  });
  if (static_cast<int>(rows.size()) > limit) rows.resize(static_cast<size_t>(limit));
  std::vector<AnswerContext> page;
  page.reserve(rows.size());
  for (const SessionRow* row : rows) {
    AnswerContext context;
    context.session = row->record;
    context.answers = row->answers;
    context.visitor = ProfileLocked(site_key, row->record.visitor_id);
    page.push_back(std::move(context));
  }
  return page;
}

Result<int64_t> MemoryStorage::CountFlowSessions(const std::string& site_key,
                                                 const std::string& flow_id, int64_t since_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  Count();
  int64_t count = 0;
  for (const auto& [id, row] : sessions_) {
    const SessionRecord& s = row.record;
    count += s.site_key == site_key && s.flow_id == flow_id && s.started_ms >= since_ms &&
             !row.answers.empty();
  }
  return count;
}

}  // namespace leadq
