// SQL of re-qualification: which sessions new data about a visitor can change, the
// profile's state after an answer (read in the answer's own transaction), and the
// optimistic write of a session decided again.
#include "storage/sqlite_handoff_util.h"
#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

// Marks a re-decision made over a session or profile that changed meanwhile.

// Visitors merged into one whose sessions are looked at, most recently active first.
constexpr int kMergedVisitors = 50;

// The canonical id `visitor_id` resolves to, in SQL, with ?1 the site and ?2 the id.
constexpr const char* kCanonical =
    "COALESCE((SELECT COALESCE(merged_into, visitor_id) FROM visitors WHERE site_key = ?1 AND "
    "visitor_id = ?2), ?2)";

Status UpdateOutcome(Database& db, const RedecisionWrite& write, const std::string& outcome_text) {
  const OutcomeWrite& outcome = write.outcome;
  Result<Statement> stmt = db.Prepare(
      "UPDATE sessions SET outcome = ?2, triage = ?3, grade = ?4, total_points = ?5, done = ?6 "
      "WHERE session_id = ?1 AND answer_count = ?7 AND COALESCE((SELECT revision FROM visitors "
      "WHERE site_key = sessions.site_key AND visitor_id = ?8), 0) = ?9");
  if (!stmt.ok()) return stmt.status();
  Status status = stmt.value()
                      .Bind(1, write.session_id)
                      .Bind(2, outcome_text)
                      .Bind(3, outcome.lead.triage)
                      .Bind(4, outcome.lead.grade)
                      .Bind(5, outcome.lead.total_points)
                      .Bind(6, outcome.done ? 1 : 0)
                      .Bind(7, write.expected_answer_count)
                      .Bind(8, write.visitor_id)
                      .Bind(9, write.expected_visitor_revision)
                      .Run();
  if (!status.ok()) return status;
  if (db.Changes() == 0) return Status::Aborted("the session or its visitor changed");
  return Status::Ok();
}

// The lead row exists: the session has an answer.
Status UpdateLead(Database& db, const LeadRecord& lead, const std::string& outcome_text) {
  Result<Statement> stmt = db.Prepare(
      "UPDATE leads SET triage = ?2, grade = ?3, total_points = ?4, stage = ?5, conversion = ?6, "
      "sla_deadline_ms = ?7, channel = ?8, email = ?9, search_text = ?10, outcome = ?11, "
      "updated_ms = ?12, changes_ms = ?13 WHERE session_id = ?1");
  if (!stmt.ok()) return stmt.status();
  return stmt.value()
      .Bind(1, lead.session_id)
      .Bind(2, lead.triage)
      .Bind(3, lead.grade)
      .Bind(4, lead.total_points)
      .Bind(5, lead.stage)
      .Bind(6, lead.conversion)
      .Bind(7, lead.sla_deadline_ms)
      .Bind(8, lead.channel)
      .Bind(9, lead.email)
      .Bind(10, lead.search_text)
      .Bind(11, outcome_text)
      .Bind(12, lead.updated_ms)
      .Bind(13, lead.changes_ms)
      .Run();
}

}  // namespace

Result<std::vector<std::string>> SqliteStorage::ListSessionsToRequalify(
    const std::string& site_key, const std::string& visitor_id, int limit) {
  return Read<std::vector<std::string>>([&](Database& db) -> Result<std::vector<std::string>> {
    // Each part walks an index: the canonical visitor's sessions, and those of the
    // visitors merged into it (the most recently active ones: a shared e-mail can merge
    // very many). Most visitors have one session and no merge: both parts stay tiny.
    const std::string open_or_nurturing =
        " AND s.answer_count > 0 AND (s.done = 0 OR EXISTS (SELECT 1 FROM handoffs h WHERE "
        "h.lead_id = s.session_id AND (h.state = 'nurturing' OR (h.route = 'nurture' AND "
        "h.state = 'open'))))";
    Result<Statement> stmt = db.Prepare(
        std::string("SELECT session_id FROM (SELECT s.session_id, s.updated_ms FROM sessions s "
                    "WHERE s.site_key = ?1 AND s.visitor_id = ") +
        kCanonical + open_or_nurturing +
        " UNION ALL SELECT s.session_id, s.updated_ms FROM sessions s WHERE s.site_key = ?1 AND "
        "s.visitor_id IN (SELECT visitor_id FROM visitors WHERE site_key = ?1 AND merged_into = " +
        kCanonical + " ORDER BY updated_ms DESC LIMIT ?4)" + open_or_nurturing +
        ") ORDER BY updated_ms DESC, session_id LIMIT ?3");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, site_key).Bind(2, visitor_id).Bind(3, limit).Bind(4, kMergedVisitors);
    std::vector<std::string> sessions;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return sessions;
      sessions.push_back(stmt.value().Text(0));
    }
  });
}

Result<ProfileState> ReadProfileState(Database& db, const std::string& site_key,
                                      const std::string& visitor_id,
                                      const std::string& session_id) {
  // One statement: this runs in every answer's transaction.
  Result<Statement> stmt = db.Prepare(
      "SELECT v.visitor_id, v.revision, EXISTS (SELECT 1 FROM sessions s WHERE s.site_key = ?1 AND "
      "s.visitor_id = v.visitor_id AND s.session_id <> ?3) OR EXISTS (SELECT 1 FROM visitors m "
      "WHERE m.site_key = ?1 AND m.merged_into = v.visitor_id) FROM visitors v "
      "WHERE v.site_key = ?1 AND v.visitor_id = " +
      std::string(kCanonical));
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, visitor_id).Bind(3, session_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  ProfileState state;
  state.visitor_id = visitor_id;
  if (row.value()) {
    state.visitor_id = stmt.value().Text(0);
    state.revision = stmt.value().Integer(1);
    state.other_sessions = stmt.value().Integer(2) != 0;
  }
  return state;
}

Status QueueRequalification(Database& db, const std::string& site_key,
                            const std::string& visitor_id, bool whole_visitor,
                            const std::string& session_id, int64_t due_ms) {
  Result<Statement> stmt = db.Prepare(
      "INSERT INTO requalifications (site_key, visitor_id, whole_visitor, session_id, due_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (site_key, visitor_id, whole_visitor, session_id) "
      "DO UPDATE SET version = version + 1, due_ms = MIN(due_ms, excluded.due_ms)");
  if (!stmt.ok()) return stmt.status();
  return stmt.value()
      .Bind(1, site_key)
      .Bind(2, visitor_id)
      .Bind(3, whole_visitor ? 1 : 0)
      .Bind(4, session_id)
      .Bind(5, due_ms)
      .Run();
}

Result<std::vector<RequalificationTask>> SqliteStorage::DueRequalifications(int64_t now_ms,
                                                                            int limit) {
  using Tasks = std::vector<RequalificationTask>;
  return Read<Tasks>([&](Database& db) -> Result<Tasks> {
    Result<Statement> stmt = db.Prepare(
        "SELECT task_id, site_key, visitor_id, whole_visitor, session_id, version, attempts, "
        "due_ms FROM requalifications WHERE due_ms <= ?1 ORDER BY due_ms, task_id LIMIT ?2");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, now_ms).Bind(2, limit);
    Tasks tasks;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return tasks;
      const Statement& s = stmt.value();
      RequalificationTask task;
      task.task_id = s.Integer(0);
      task.site_key = s.Text(1);
      task.visitor_id = s.Text(2);
      task.whole_visitor = s.Integer(3) != 0;
      task.session_id = s.Text(4);
      task.version = s.Integer(5);
      task.attempts = static_cast<int>(s.Integer(6));
      task.due_ms = s.Integer(7);
      tasks.push_back(std::move(task));
    }
  });
}

Status SqliteStorage::FinishRequalification(const RequalificationTask& task) {
  return Write([&](Database& db) -> Status {
    Result<Statement> stmt =
        db.Prepare("DELETE FROM requalifications WHERE task_id = ?1 AND version = ?2");
    if (!stmt.ok()) return stmt.status();
    return stmt.value().Bind(1, task.task_id).Bind(2, task.version).Run();
  });
}

Status SqliteStorage::PostponeRequalification(const RequalificationTask& task, int64_t retry_ms) {
  return Write([&](Database& db) -> Status {
    Result<Statement> stmt = db.Prepare(
        "UPDATE requalifications SET attempts = attempts + 1, due_ms = ?2 WHERE task_id = ?1");
    if (!stmt.ok()) return stmt.status();
    return stmt.value().Bind(1, task.task_id).Bind(2, retry_ms).Run();
  });
}

Result<int64_t> SqliteStorage::CountRequalifications() {
  return Read<int64_t>([&](Database& db) -> Result<int64_t> {
    Result<Statement> stmt = db.Prepare("SELECT COUNT(*) FROM requalifications");
    if (!stmt.ok()) return stmt.status();
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    return stmt.value().Integer(0);
  });
}

Result<AnswerStored> SqliteStorage::StoreRedecision(const RedecisionWrite& write) {
  // Serialised before the job is queued: the writer thread only binds ready text.
  const std::string& outcome_text = write.outcome.outcome_text;
  Status status = Write([&](Database& db) -> Status {
    Status step = UpdateOutcome(db, write, outcome_text);
    if (step.ok()) step = RecordLeadChange(db, write.outcome.lead, write.outcome.cause);
    if (step.ok()) step = UpdateLead(db, write.outcome.lead, outcome_text);
    // A lead that now qualifies is queued with the outcome that qualified it.
    if (step.ok() && !write.outcome.handoff.empty()) step = WriteHandoff(db, write.outcome.handoff);
    return step;
  });
  if (status.IsAborted()) return AnswerStored::kStale;
  if (!status.ok()) return status;
  return AnswerStored::kStored;
}

}  // namespace leadq
