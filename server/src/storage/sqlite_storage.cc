// SQL for every Storage operation; values are always bound, never spliced into SQL.
#include "storage/sqlite_storage.h"

#include "storage/migrations.h"
#include "storage/sqlite_forwarding_util.h"

namespace leadq {
namespace {

Json ParseStored(const std::string& text, Json fallback) {
  Json parsed = Json::parse(text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

std::string Dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

FlowRecord ReadFlow(const Statement& row) {
  FlowRecord flow;
  flow.site_key = row.Text(0);
  flow.flow_id = row.Text(1);
  flow.version = static_cast<int>(row.Integer(2));
  flow.document = row.Text(3);
  flow.created_ms = row.Integer(4);
  return flow;
}

}  // namespace

Result<std::unique_ptr<SqliteStorage>> SqliteStorage::Open(const std::string& path) {
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  if (!db.ok()) return db.status();
  Status migrated = Migrate(*db.value());
  if (!migrated.ok()) return migrated;
  return std::unique_ptr<SqliteStorage>(new SqliteStorage(std::move(db).value()));
}

template <typename Body>
Status SqliteStorage::InTransaction(Body body) {
  Status status = db_->Exec("BEGIN IMMEDIATE");
  if (!status.ok()) return status;
  status = body();
  if (!status.ok()) {
    db_->Exec("ROLLBACK");
    return status;
  }
  status = db_->Exec("COMMIT");
  if (!status.ok()) db_->Exec("ROLLBACK");
  return status;
}

Status SqliteStorage::PutSite(const SiteRecord& site) {
  std::lock_guard<std::mutex> lock(mutex_);
  Result<Statement> stmt = db_->Prepare(
      "INSERT INTO sites (site_key, name, allowed_origins, created_ms) VALUES (?1, ?2, ?3, 0) "
      "ON CONFLICT (site_key) DO UPDATE SET name = excluded.name, "
      "allowed_origins = excluded.allowed_origins");
  if (!stmt.ok()) return stmt.status();
  return stmt.value()
      .Bind(1, site.site_key)
      .Bind(2, site.name)
      .Bind(3, Dump(site.allowed_origins))
      .Run();
}

Result<SiteRecord> SqliteStorage::GetSite(const std::string& site_key) {
  std::lock_guard<std::mutex> lock(mutex_);
  Result<Statement> stmt =
      db_->Prepare("SELECT site_key, name, allowed_origins FROM sites WHERE site_key = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Status::NotFound("no site with this key", "/site");
  SiteRecord site;
  site.site_key = stmt.value().Text(0);
  site.name = stmt.value().Text(1);
  Json origins = ParseStored(stmt.value().Text(2), Json::array());
  for (const Json& origin : origins) {
    if (origin.is_string()) site.allowed_origins.push_back(origin.get<std::string>());
  }
  return site;
}

Result<std::vector<SiteRecord>> SqliteStorage::ListSites() {
  std::vector<std::string> keys;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Result<Statement> stmt = db_->Prepare("SELECT site_key FROM sites ORDER BY site_key");
    if (!stmt.ok()) return stmt.status();
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      keys.push_back(stmt.value().Text(0));
    }
  }
  std::vector<SiteRecord> sites;
  for (const std::string& key : keys) {
    Result<SiteRecord> site = GetSite(key);
    if (!site.ok()) return site.status();
    sites.push_back(std::move(site).value());
  }
  return sites;
}

Result<FlowRecord> SqliteStorage::SaveFlowVersion(FlowRecord flow, bool publish) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status status = InTransaction([&]() -> Status {
    Result<Statement> ensure = db_->Prepare(
        "INSERT INTO flows (site_key, flow_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
    if (!ensure.ok()) return ensure.status();
    Status inserted = ensure.value().Bind(1, flow.site_key).Bind(2, flow.flow_id).Run();
    if (!inserted.ok()) return inserted;
    Result<Statement> next = db_->Prepare(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM flow_versions WHERE site_key = ?1 AND flow_id = "
        "?2");
    if (!next.ok()) return next.status();
    next.value().Bind(1, flow.site_key).Bind(2, flow.flow_id);
    Result<bool> row = next.value().Step();
    if (!row.ok()) return row.status();
    flow.version = static_cast<int>(next.value().Integer(0));
    Result<Statement> insert = db_->Prepare(
        "INSERT INTO flow_versions (site_key, flow_id, version, document, created_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert.ok()) return insert.status();
    Status stored = insert.value()
                        .Bind(1, flow.site_key)
                        .Bind(2, flow.flow_id)
                        .Bind(3, static_cast<int64_t>(flow.version))
                        .Bind(4, flow.document)
                        .Bind(5, flow.created_ms)
                        .Run();
    if (!stored.ok() || !publish) return stored;
    Result<Statement> publish_stmt = db_->Prepare(
        "UPDATE flows SET published_version = ?3 WHERE site_key = ?1 AND flow_id = ?2");
    if (!publish_stmt.ok()) return publish_stmt.status();
    return publish_stmt.value()
        .Bind(1, flow.site_key)
        .Bind(2, flow.flow_id)
        .Bind(3, static_cast<int64_t>(flow.version))
        .Run();
  });
  if (!status.ok()) return status;
  return flow;
}

Result<FlowRecord> SqliteStorage::GetPublishedFlow(const std::string& site_key,
                                                   const std::string& flow_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Result<Statement> stmt = db_->Prepare(
      "SELECT v.site_key, v.flow_id, v.version, v.document, v.created_ms FROM flows f "
      "JOIN flow_versions v ON v.site_key = f.site_key AND v.flow_id = f.flow_id "
      "AND v.version = f.published_version WHERE f.site_key = ?1 AND f.flow_id = ?2");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, flow_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Status::NotFound("no published flow with this id", "/flow");
  return ReadFlow(stmt.value());
}

Result<FlowRecord> SqliteStorage::GetFlowVersion(const std::string& site_key,
                                                 const std::string& flow_id, int version) {
  std::lock_guard<std::mutex> lock(mutex_);
  Result<Statement> stmt = db_->Prepare(
      "SELECT site_key, flow_id, version, document, created_ms FROM flow_versions "
      "WHERE site_key = ?1 AND flow_id = ?2 AND version = ?3");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, flow_id).Bind(3, static_cast<int64_t>(version));
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Status::NotFound("no such flow version", "/version");
  return ReadFlow(stmt.value());
}

Status SqliteStorage::CreateSession(const SessionRecord& session) {
  std::lock_guard<std::mutex> lock(mutex_);
  return InTransaction([&]() -> Status {
    Result<Statement> visitor = db_->Prepare(
        "INSERT INTO visitors (site_key, visitor_id, created_ms, updated_ms) VALUES (?1, ?2, ?3, "
        "?3) "
        "ON CONFLICT DO NOTHING");
    if (!visitor.ok()) return visitor.status();
    Status status = visitor.value()
                        .Bind(1, session.site_key)
                        .Bind(2, session.visitor_id)
                        .Bind(3, session.started_ms)
                        .Run();
    if (!status.ok()) return status;
    Result<Statement> insert = db_->Prepare(
        "INSERT INTO sessions (session_id, site_key, flow_id, flow_version, visitor_id, variant, "
        "language, started_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
    if (!insert.ok()) return insert.status();
    return insert.value()
        .Bind(1, session.session_id)
        .Bind(2, session.site_key)
        .Bind(3, session.flow_id)
        .Bind(4, static_cast<int64_t>(session.flow_version))
        .Bind(5, session.visitor_id)
        .Bind(6, session.variant)
        .Bind(7, session.language)
        .Bind(8, session.started_ms)
        .Run();
  });
}

Result<SessionRecord> SqliteStorage::GetSession(const std::string& session_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Result<Statement> stmt = db_->Prepare(
      "SELECT session_id, site_key, flow_id, flow_version, visitor_id, variant, language, "
      "started_ms, updated_ms, outcome, done FROM sessions WHERE session_id = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, session_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Status::NotFound("no session with this id", "/session_id");
  const Statement& s = stmt.value();
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
  session.outcome = s.IsNull(9) ? Json() : ParseStored(s.Text(9), Json());
  session.done = s.Integer(10) != 0;
  return session;
}

Result<bool> SqliteStorage::AppendAnswer(const AnswerRecord& answer) {
  std::lock_guard<std::mutex> lock(mutex_);
  Result<Statement> stmt = db_->Prepare(
      "INSERT INTO answers (session_id, answer_id, step_id, field, value, received_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (session_id, answer_id) DO NOTHING");
  if (!stmt.ok()) return stmt.status();
  Status status = stmt.value()
                      .Bind(1, answer.session_id)
                      .Bind(2, answer.answer_id)
                      .Bind(3, answer.step_id)
                      .Bind(4, answer.field)
                      .Bind(5, Dump(answer.value))
                      .Bind(6, answer.received_ms)
                      .Run();
  if (!status.ok()) return status;
  return db_->Changes() == 1;
}

Result<std::vector<AnswerRecord>> SqliteStorage::ListAnswers(const std::string& session_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Result<Statement> stmt = db_->Prepare(
      "SELECT answer_id, step_id, field, value, received_ms FROM answers WHERE session_id = ?1 "
      "ORDER BY seq");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, session_id);
  std::vector<AnswerRecord> answers;
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
    answers.push_back(std::move(answer));
  }
  return answers;
}

Status SqliteStorage::SaveOutcome(const std::string& session_id, const Json& outcome, bool done,
                                  const Json& fields, int64_t now_ms, const HandoffWrite& handoff) {
  std::lock_guard<std::mutex> lock(mutex_);
  return InTransaction([&]() -> Status {
    Result<Statement> update = db_->Prepare(
        "UPDATE sessions SET outcome = ?2, triage = ?3, grade = ?4, total_points = ?5, done = ?6, "
        "updated_ms = ?7 WHERE session_id = ?1");
    if (!update.ok()) return update.status();
    const auto text_of = [&](const char* key) {
      auto it = outcome.find(key);
      return it != outcome.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto points = outcome.find("total_points");
    Status status =
        update.value()
            .Bind(1, session_id)
            .Bind(2, Dump(outcome))
            .Bind(3, text_of("triage"))
            .Bind(4, text_of("grade"))
            .Bind(5, points != outcome.end() && points->is_number() ? points->get<double>() : 0.0)
            .Bind(6, static_cast<int64_t>(done ? 1 : 0))
            .Bind(7, now_ms)
            .Run();
    if (!status.ok()) return status;
    // Merge the session's fields into the visitor's profile (later values win).
    Result<Statement> merge = db_->Prepare(
        "UPDATE visitors SET fields = json_patch(fields, ?2), updated_ms = ?3 "
        "WHERE (site_key, visitor_id) = (SELECT site_key, visitor_id FROM sessions WHERE "
        "session_id = ?1)");
    if (!merge.ok()) return merge.status();
    status = merge.value().Bind(1, session_id).Bind(2, Dump(fields)).Bind(3, now_ms).Run();
    if (!status.ok() || handoff.empty()) return status;
    return WriteHandoff(*db_, handoff);
  });
}

Result<Json> SqliteStorage::GetVisitorFields(const std::string& site_key,
                                             const std::string& visitor_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Result<Statement> stmt =
      db_->Prepare("SELECT fields FROM visitors WHERE site_key = ?1 AND visitor_id = ?2");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, visitor_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Json::object();
  return ParseStored(stmt.value().Text(0), Json::object());
}

}  // namespace leadq
