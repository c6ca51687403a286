// SQL of the SessionStore, including the answer path's single write transaction.
#include <algorithm>

#include "storage/sqlite_handoff_util.h"
#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

// Marks a job whose outcome was decided on a stale answer list: the savepoint is rolled
// back and the service decides again.

// The JSON columns of an answer write, serialised on the request thread before the job
// is queued: the writer thread is the one serial part of the write path, so it only
// binds ready text.
struct AnswerTexts {
  std::string value, fields;
};

// The answer's place in its session follows the count the decision was made on; the
// session's update in the same transaction fails (stale) if another answer took it first.
Status InsertAnswer(Database& db, const AnswerWrite& write, const std::string& value) {
  const AnswerRecord& answer = write.answer;
  Result<Statement> stmt = db.Prepare(
      "INSERT INTO answers (session_id, answer_id, seq, step_id, field, value, received_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (session_id, answer_id) DO NOTHING");
  if (!stmt.ok()) return stmt.status();
  return stmt.value()
      .Bind(1, answer.session_id)
      .Bind(2, answer.answer_id)
      .Bind(3, write.expected_answer_count + 1)
      .Bind(4, answer.step_id)
      .Bind(5, answer.field)
      .Bind(6, value)
      .Bind(7, answer.received_ms)
      .Run();
}

Status UpdateSession(Database& db, const AnswerWrite& write, const std::string& outcome_text) {
  const OutcomeWrite& outcome = write.outcome;
  Result<Statement> stmt = db.Prepare(
      "UPDATE sessions SET outcome = ?2, triage = ?3, grade = ?4, total_points = ?5, done = ?6, "
      "updated_ms = ?7, answer_count = answer_count + 1 WHERE session_id = ?1 AND "
      "answer_count = ?8");
  if (!stmt.ok()) return stmt.status();
  Status status = stmt.value()
                      .Bind(1, write.answer.session_id)
                      .Bind(2, outcome_text)
                      .Bind(3, outcome.lead.triage)
                      .Bind(4, outcome.lead.grade)
                      .Bind(5, outcome.lead.total_points)
                      .Bind(6, outcome.done ? 1 : 0)
                      .Bind(7, write.answer.received_ms)
                      .Bind(8, write.expected_answer_count)
                      .Run();
  if (!status.ok()) return status;
  if (db.Changes() == 0) return Status::Aborted("the session changed meanwhile");
  return Status::Ok();
}

Status UpsertLead(Database& db, const LeadRecord& lead, const std::string& outcome_text) {
  Result<Statement> stmt = db.Prepare(
      "INSERT INTO leads (session_id, site_key, flow_id, flow_version, variant, visitor_id, "
      "triage, grade, total_points, stage, conversion, sla_deadline_ms, channel, email, "
      "search_text, outcome, created_ms, updated_ms, changes_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, "
      "?18) "
      "ON CONFLICT (session_id) DO UPDATE SET triage = excluded.triage, grade = excluded.grade, "
      "total_points = excluded.total_points, stage = excluded.stage, "
      "conversion = excluded.conversion, sla_deadline_ms = excluded.sla_deadline_ms, "
      "channel = excluded.channel, email = excluded.email, search_text = excluded.search_text, "
      "outcome = excluded.outcome, updated_ms = excluded.updated_ms, "
      "changes_ms = excluded.changes_ms");
  if (!stmt.ok()) return stmt.status();
  return stmt.value()
      .Bind(1, lead.session_id)
      .Bind(2, lead.site_key)
      .Bind(3, lead.flow_id)
      .Bind(4, lead.flow_version)
      .Bind(5, lead.variant)
      .Bind(6, lead.visitor_id)
      .Bind(7, lead.triage)
      .Bind(8, lead.grade)
      .Bind(9, lead.total_points)
      .Bind(10, lead.stage)
      .Bind(11, lead.conversion)
      .Bind(12, lead.sla_deadline_ms)
      .Bind(13, lead.channel)
      .Bind(14, lead.email)
      .Bind(15, lead.search_text)
      .Bind(16, outcome_text)
      .Bind(17, lead.updated_ms)
      .Bind(18, lead.changes_ms)
      .Run();
}

// Merges the session's fields into the visitor's profile; when the fields carry an
// e-mail another visitor of the site already gave, the two become one profile.
Status MergeFields(Database& db, const AnswerWrite& write, const std::string& fields_text) {
  const LeadRecord& lead = write.outcome.lead;
  const int64_t now_ms = write.answer.received_ms;
  Result<std::string> canonical = CanonicalVisitor(db, lead.site_key, lead.visitor_id);
  if (!canonical.ok()) return canonical.status();
  Result<Statement> merge = db.Prepare(
      "UPDATE visitors SET fields = json_patch(fields, ?3), updated_ms = ?4 "
      "WHERE site_key = ?1 AND visitor_id = ?2");
  if (!merge.ok()) return merge.status();
  Status status = merge.value()
                      .Bind(1, lead.site_key)
                      .Bind(2, canonical.value())
                      .Bind(3, fields_text)
                      .Bind(4, now_ms)
                      .Run();
  if (!status.ok() || lead.email.empty()) return status;
  // A statement of its own, and only for a new address: an UPDATE that names a column
  // rewrites that column's index entries even when the value stays the same.
  Result<Statement> email = db.Prepare(
      "UPDATE visitors SET email = ?3 WHERE site_key = ?1 AND visitor_id = ?2 AND "
      "email IS NOT ?3");
  if (!email.ok()) return email.status();
  status =
      email.value().Bind(1, lead.site_key).Bind(2, canonical.value()).Bind(3, lead.email).Run();
  if (!status.ok()) return status;
  // By the e-mail index: "+merged_into" keeps the planner off the merge index, whose
  // "merged_into IS NULL" part would match every visitor never merged (a scan of the
  // site's visitors in the writer's transaction, on every e-mail answer).
  Result<Statement> same = db.Prepare(
      "SELECT visitor_id FROM visitors WHERE site_key = ?1 AND email = ?2 AND visitor_id <> ?3 "
      "AND +merged_into IS NULL ORDER BY created_ms, visitor_id LIMIT 1");
  if (!same.ok()) return same.status();
  same.value().Bind(1, lead.site_key).Bind(2, lead.email).Bind(3, canonical.value());
  Result<bool> row = same.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Status::Ok();
  const std::string earlier = same.value().Text(0);
  return MergeVisitors(db, lead.site_key, canonical.value(), earlier, now_ms);
}

// The re-decisions an answer asks for, queued in its transaction (SessionStore::
// StoreAnswer): one statement reads the profile's state as the answer left it.
Status QueueRequalifications(Database& db, const AnswerWrite& write) {
  const LeadRecord& lead = write.outcome.lead;
  const std::string& session_id = write.answer.session_id;
  Result<ProfileState> state = ReadProfileState(db, lead.site_key, lead.visitor_id, session_id);
  if (!state.ok()) return state.status();
  const int64_t now_ms = write.answer.received_ms;
  // Most visitors have one session: then there is nothing else to decide again.
  if (write.changes_fields && state.value().other_sessions) {
    Status queued =
        QueueRequalification(db, lead.site_key, state.value().visitor_id, true, session_id, now_ms);
    if (!queued.ok()) return queued;
  }
  // The answer's own change moved the revision once; any other move is a change (another
  // session's answer, an events batch) that the answer's decision did not see.
  const int64_t expected = write.expected_visitor_revision + (write.changes_fields ? 1 : 0);
  if (state.value().revision != expected) {
    return QueueRequalification(db, lead.site_key, state.value().visitor_id, false, session_id,
                                now_ms);
  }
  return Status::Ok();
}

SessionRecord SessionFromRow(const Statement& s, bool with_outcome);

// The session; its stored outcome (JSON text of several hundred bytes) is parsed only
// `with_outcome` (an unread column is never copied out of SQLite).
Result<SessionRecord> ReadSession(Database& db, const std::string& session_id, bool with_outcome) {
  Result<Statement> stmt = db.Prepare(
      "SELECT session_id, site_key, flow_id, flow_version, visitor_id, variant, language, "
      "started_ms, updated_ms, done, answer_count, outcome FROM sessions WHERE session_id = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, session_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Status::NotFound("no session with this id", "/session_id");
  return SessionFromRow(stmt.value(), with_outcome);
}

// A row of the columns ReadSession selects, in its order.
SessionRecord SessionFromRow(const Statement& s, bool with_outcome) {
  SessionRecord session;
  session.session_id = s.Text(0);
  session.site_key = s.Text(1);
  session.flow_id = s.Text(2);
  session.flow_version = static_cast<int>(s.Integer(3));
  session.visitor_id = s.Text(4);
  session.variant = s.Text(5);
  session.language = s.Text(6);
  session.started_ms = s.Integer(7);
  session.updated_ms = s.Integer(8);
  session.done = s.Integer(9) != 0;
  session.answer_count = static_cast<int>(s.Integer(10));
  if (with_outcome && !s.IsNull(11)) session.outcome = ParseStored(s.Text(11), Json());
  return session;
}

// In the order they were stored. The rows come in the table's (session_id, answer_id)
// order and are put in order here: an ORDER BY seq would have SQLite build a temporary
// B-tree for the handful of rows on every answer.
Result<std::vector<AnswerRecord>> ReadAnswers(Database& db, const std::string& session_id) {
  Result<Statement> stmt = db.Prepare(
      "SELECT answer_id, step_id, field, value, received_ms, seq FROM answers "
      "WHERE session_id = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, session_id);
  std::vector<std::pair<int64_t, AnswerRecord>> rows;
  for (;;) {
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    AnswerRecord answer;
    answer.session_id = session_id;
    answer.answer_id = stmt.value().Text(0);
    answer.step_id = stmt.value().Text(1);
    answer.field = stmt.value().Text(2);
    answer.value = ParseStored(stmt.value().Text(3), Json());
    answer.received_ms = stmt.value().Integer(4);
    rows.emplace_back(stmt.value().Integer(5), std::move(answer));
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<AnswerRecord> answers;
  answers.reserve(rows.size());
  for (auto& [seq, answer] : rows) answers.push_back(std::move(answer));
  return answers;
}

}  // namespace

Status SqliteStorage::CreateSession(const SessionRecord& session) {
  return Write([&](Database& db) -> Status {
    Result<Statement> visitor = db.Prepare(
        "INSERT INTO visitors (site_key, visitor_id, created_ms, updated_ms) "
        "VALUES (?1, ?2, ?3, ?3) ON CONFLICT DO NOTHING");
    if (!visitor.ok()) return visitor.status();
    Status status = visitor.value()
                        .Bind(1, session.site_key)
                        .Bind(2, session.visitor_id)
                        .Bind(3, session.started_ms)
                        .Run();
    if (!status.ok()) return status;
    Result<Statement> insert = db.Prepare(
        "INSERT INTO sessions (session_id, site_key, flow_id, flow_version, visitor_id, variant, "
        "language, started_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
    if (!insert.ok()) return insert.status();
    return insert.value()
        .Bind(1, session.session_id)
        .Bind(2, session.site_key)
        .Bind(3, session.flow_id)
        .Bind(4, session.flow_version)
        .Bind(5, session.visitor_id)
        .Bind(6, session.variant)
        .Bind(7, session.language)
        .Bind(8, session.started_ms)
        .Run();
  });
}

Result<SessionRecord> SqliteStorage::GetSession(const std::string& session_id) {
  return Read<SessionRecord>([&](Database& db) { return ReadSession(db, session_id, true); });
}

Result<std::vector<AnswerRecord>> SqliteStorage::ListAnswers(const std::string& session_id) {
  using Answers = std::vector<AnswerRecord>;
  return Read<Answers>([&](Database& db) { return ReadAnswers(db, session_id); });
}

Result<AnswerContext> SqliteStorage::LoadForAnswer(const std::string& session_id) {
  return LoadContext(session_id, false);
}

Result<AnswerContext> SqliteStorage::LoadForRedecision(const std::string& session_id) {
  return LoadContext(session_id, true);
}

Result<AnswerContext> SqliteStorage::LoadContext(const std::string& session_id, bool with_outcome) {
  return Read<AnswerContext>([&](Database& db) -> Result<AnswerContext> {
    // One read transaction: the four reads see the same snapshot.
    Result<Statement> begin = db.Prepare("BEGIN");
    if (!begin.ok()) return begin.status();
    Status status = begin.value().Run();
    if (!status.ok()) return status;
    AnswerContext context;
    Result<SessionRecord> session = ReadSession(db, session_id, with_outcome);
    Result<std::vector<AnswerRecord>> answers =
        session.ok() ? ReadAnswers(db, session_id)
                     : Result<std::vector<AnswerRecord>>(session.status());
    Result<VisitorProfile> visitor =
        answers.ok() ? ReadVisitorProfile(db, session.value().site_key, session.value().visitor_id)
                     : Result<VisitorProfile>(answers.status());
    Result<std::optional<PriorHandoff>> handoff =
        visitor.ok() ? FindHandoffState(db, session_id)
                     : Result<std::optional<PriorHandoff>>(visitor.status());
    Result<Statement> end = db.Prepare("COMMIT");
    if (end.ok()) end.value().Run();
    if (!handoff.ok()) return handoff.status();
    context.session = std::move(session).value();
    context.answers = std::move(answers).value();
    context.visitor = std::move(visitor).value();
    context.handoff = std::move(handoff).value();
    return context;
  });
}

Result<AnswerStored> SqliteStorage::StoreAnswer(const AnswerWrite& write) {
  AnswerStored stored = AnswerStored::kStored;
  AnswerTexts texts;
  texts.value = Dump(write.answer.value);
  texts.fields = Dump(write.outcome.fields);
  Status status = Write([&](Database& db) -> Status {
    Status inserted = InsertAnswer(db, write, texts.value);
    if (!inserted.ok()) return inserted;
    if (db.Changes() == 0) {
      stored = AnswerStored::kDuplicate;
      return Status::Ok();
    }
    const std::string& outcome_text = write.outcome.outcome_text;
    Status step = UpdateSession(db, write, outcome_text);
    if (step.ok()) step = RecordLeadChange(db, write.outcome.lead, write.outcome.cause);
    if (step.ok()) step = UpsertLead(db, write.outcome.lead, outcome_text);
    if (step.ok()) step = MergeFields(db, write, texts.fields);
    // The lead's handoff and outbox rows commit with the outcome that caused them.
    if (step.ok() && !write.outcome.handoff.empty()) step = WriteHandoff(db, write.outcome.handoff);
    if (step.ok()) step = QueueRequalifications(db, write);
    return step;
  });
  if (status.IsAborted()) return AnswerStored::kStale;
  if (!status.ok()) return status;
  return stored;
}

Result<std::vector<AnswerContext>> SqliteStorage::ScanFlowSessions(const std::string& site_key,
                                                                   const std::string& flow_id,
                                                                   int64_t since_ms,
                                                                   const SessionScanCursor& after,
                                                                   int limit) {
  using Page = std::vector<AnswerContext>;
  return Read<Page>([&](Database& db) -> Result<Page> {
    Result<Statement> begin = db.Prepare("BEGIN");
    if (!begin.ok()) return begin.status();
    Status status = begin.value().Run();
    if (!status.ok()) return status;
    auto read = [&]() -> Result<Page> {
      // sessions_by_flow gives the order of started_ms; ties are sorted within the page.
      Result<Statement> stmt = db.Prepare(
          "SELECT session_id, site_key, flow_id, flow_version, visitor_id, variant, language, "
          "started_ms, updated_ms, done, answer_count, outcome FROM sessions "
          "WHERE site_key = ?1 AND flow_id = ?2 AND started_ms >= ?3 AND answer_count > 0 "
          "AND (started_ms > ?4 OR (started_ms = ?4 AND session_id > ?5)) "
          "ORDER BY started_ms, session_id LIMIT ?6");
      if (!stmt.ok()) return stmt.status();
      stmt.value()
          .Bind(1, site_key)
          .Bind(2, flow_id)
          .Bind(3, since_ms)
          .Bind(4, after.started_ms)
          .Bind(5, after.session_id)
          .Bind(6, static_cast<int64_t>(limit));
      Page page;
      for (;;) {
        Result<bool> row = stmt.value().Step();
        if (!row.ok()) return row.status();
        if (!row.value()) break;
        AnswerContext context;
        context.session = SessionFromRow(stmt.value(), true);
        page.push_back(std::move(context));
      }
      for (AnswerContext& context : page) {
        Result<std::vector<AnswerRecord>> answers = ReadAnswers(db, context.session.session_id);
        if (!answers.ok()) return answers.status();
        context.answers = std::move(answers).value();
        Result<VisitorProfile> visitor =
            ReadVisitorProfile(db, site_key, context.session.visitor_id);
        if (!visitor.ok()) return visitor.status();
        context.visitor = std::move(visitor).value();
      }
      return page;
    };
    Result<Page> page = read();
    Result<Statement> end = db.Prepare("COMMIT");
    if (end.ok()) end.value().Run();
    return page;
  });
}

Result<int64_t> SqliteStorage::CountFlowSessions(const std::string& site_key,
                                                 const std::string& flow_id, int64_t since_ms) {
  return Read<int64_t>([&](Database& db) -> Result<int64_t> {
    Result<Statement> stmt = db.Prepare(
        "SELECT count(*) FROM sessions WHERE site_key = ?1 AND flow_id = ?2 AND started_ms >= ?3 "
        "AND answer_count > 0");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, site_key).Bind(2, flow_id).Bind(3, since_ms);
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    return stmt.value().Integer(0);
  });
}

}  // namespace leadq
