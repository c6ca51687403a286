// SQL of the FlowStore: versions and the published pointer.
#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

// A row of site_key, flow_id, version, document, created_ms, created_by, note.
FlowRecord ReadFlow(const Statement& row) {
  FlowRecord flow;
  flow.site_key = row.Text(0);
  flow.flow_id = row.Text(1);
  flow.version = static_cast<int>(row.Integer(2));
  flow.document = row.Text(3);
  flow.created_ms = row.Integer(4);
  flow.created_by = row.Text(5);
  flow.note = row.Text(6);
  return flow;
}

FlowDraft ReadDraft(const Statement& row) {
  FlowDraft draft;
  draft.site_key = row.Text(0);
  draft.flow_id = row.Text(1);
  draft.document = row.Text(2);
  draft.revision = static_cast<int>(row.Integer(3));
  draft.base_version = static_cast<int>(row.Integer(4));
  draft.updated_ms = row.Integer(5);
  draft.updated_by = row.Text(6);
  return draft;
}

constexpr const char* kDraftColumns =
    "SELECT site_key, flow_id, document, revision, base_version, updated_ms, updated_by "
    "FROM flow_drafts WHERE site_key = ?1 AND flow_id = ?2";

// The stored draft; NotFound when there is none.
Result<FlowDraft> LoadDraft(Database& db, const std::string& site_key, const std::string& flow_id) {
  Result<Statement> stmt = db.Prepare(kDraftColumns);
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, flow_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Status::NotFound("this flow has no draft", "/flow");
  return ReadDraft(stmt.value());
}

// The stored draft's revision; 0 when there is none.
Result<int> DraftRevision(Database& db, const std::string& site_key, const std::string& flow_id) {
  Result<Statement> stmt =
      db.Prepare("SELECT revision FROM flow_drafts WHERE site_key = ?1 AND flow_id = ?2");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, flow_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  return row.value() ? static_cast<int>(stmt.value().Integer(0)) : 0;
}

Status SetPublished(Database& db, const std::string& site_key, const std::string& flow_id,
                    int version) {
  Result<Statement> stmt = db.Prepare(
      "UPDATE flows SET published_version = ?3 WHERE site_key = ?1 AND flow_id = ?2 AND EXISTS "
      "(SELECT 1 FROM flow_versions WHERE site_key = ?1 AND flow_id = ?2 AND version = ?3)");
  if (!stmt.ok()) return stmt.status();
  Status status = stmt.value().Bind(1, site_key).Bind(2, flow_id).Bind(3, version).Run();
  if (!status.ok()) return status;
  if (db.Changes() == 0) return Status::NotFound("no such flow version", "/version");
  return Status::Ok();
}

Status RecordEvent(Database& db, const FlowEvent& event) {
  Result<Statement> stmt = db.Prepare(
      "INSERT INTO flow_events (site_key, flow_id, at_ms, actor, action, version, note) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!stmt.ok()) return stmt.status();
  return stmt.value()
      .Bind(1, event.site_key)
      .Bind(2, event.flow_id)
      .Bind(3, event.at_ms)
      .Bind(4, event.actor)
      .Bind(5, event.action)
      .Bind(6, event.version)
      .Bind(7, event.note)
      .Run();
}

Status EnsureFlow(Database& db, const std::string& site_key, const std::string& flow_id) {
  Result<Statement> ensure =
      db.Prepare("INSERT INTO flows (site_key, flow_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  if (!ensure.ok()) return ensure.status();
  return ensure.value().Bind(1, site_key).Bind(2, flow_id).Run();
}

// Stores `*flow` as the flow's next version (assigning its version), published when
// `publish`, and records it in the flow's history.
Status InsertVersion(Database& db, FlowRecord* flow, bool publish) {
  Status ensured = EnsureFlow(db, flow->site_key, flow->flow_id);
  if (!ensured.ok()) return ensured;
  Result<Statement> next = db.Prepare(
      "SELECT COALESCE(MAX(version), 0) + 1 FROM flow_versions "
      "WHERE site_key = ?1 AND flow_id = ?2");
  if (!next.ok()) return next.status();
  next.value().Bind(1, flow->site_key).Bind(2, flow->flow_id);
  Result<bool> row = next.value().Step();
  if (!row.ok()) return row.status();
  flow->version = static_cast<int>(next.value().Integer(0));
  Result<Statement> insert = db.Prepare(
      "INSERT INTO flow_versions (site_key, flow_id, version, document, created_ms, created_by, "
      "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert.ok()) return insert.status();
  Status stored = insert.value()
                      .Bind(1, flow->site_key)
                      .Bind(2, flow->flow_id)
                      .Bind(3, flow->version)
                      .Bind(4, flow->document)
                      .Bind(5, flow->created_ms)
                      .Bind(6, flow->created_by)
                      .Bind(7, flow->note)
                      .Run();
  if (!stored.ok()) return stored;
  if (publish) {
    Status published = SetPublished(db, flow->site_key, flow->flow_id, flow->version);
    if (!published.ok()) return published;
  }
  return RecordEvent(db, {flow->site_key, flow->flow_id, flow->created_ms, flow->created_by,
                          publish ? "published" : "saved", flow->version, flow->note});
}

}  // namespace

Result<FlowRecord> SqliteStorage::SaveFlowVersion(FlowRecord flow, bool publish) {
  Status status = Write([&](Database& db) { return InsertVersion(db, &flow, publish); });
  if (!status.ok()) return status;
  return flow;
}

Result<FlowDraft> SqliteStorage::GetFlowDraft(const std::string& site_key,
                                              const std::string& flow_id) {
  return Read<FlowDraft>([&](Database& db) { return LoadDraft(db, site_key, flow_id); });
}

Result<FlowDraft> SqliteStorage::PutFlowDraft(FlowDraft draft, int expected_revision) {
  Status status = Write([&](Database& db) -> Status {
    Result<int> stored = DraftRevision(db, draft.site_key, draft.flow_id);
    if (!stored.ok()) return stored.status();
    if (stored.value() != expected_revision) {
      return DraftRevisionConflict(stored.value(), expected_revision);
    }
    Status ensured = EnsureFlow(db, draft.site_key, draft.flow_id);
    if (!ensured.ok()) return ensured;
    draft.revision = expected_revision + 1;
    Result<Statement> stmt = db.Prepare(
        "INSERT INTO flow_drafts (site_key, flow_id, document, revision, base_version, "
        "updated_ms, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT (site_key, flow_id) DO UPDATE SET document = excluded.document, "
        "revision = excluded.revision, base_version = excluded.base_version, "
        "updated_ms = excluded.updated_ms, updated_by = excluded.updated_by");
    if (!stmt.ok()) return stmt.status();
    return stmt.value()
        .Bind(1, draft.site_key)
        .Bind(2, draft.flow_id)
        .Bind(3, draft.document)
        .Bind(4, draft.revision)
        .Bind(5, draft.base_version)
        .Bind(6, draft.updated_ms)
        .Bind(7, draft.updated_by)
        .Run();
  });
  if (!status.ok()) return status;
  return draft;
}

Status SqliteStorage::DeleteFlowDraft(const std::string& site_key, const std::string& flow_id,
                                      int revision) {
  return Write([&](Database& db) -> Status {
    Result<int> stored = DraftRevision(db, site_key, flow_id);
    if (!stored.ok()) return stored.status();
    if (stored.value() == 0) return Status::NotFound("this flow has no draft", "/flow");
    if (stored.value() != revision) return DraftRevisionConflict(stored.value(), revision);
    Result<Statement> stmt =
        db.Prepare("DELETE FROM flow_drafts WHERE site_key = ?1 AND flow_id = ?2");
    if (!stmt.ok()) return stmt.status();
    Status removed = stmt.value().Bind(1, site_key).Bind(2, flow_id).Run();
    if (!removed.ok()) return removed;
    // A new flow's discarded draft leaves no flow behind (nor its test cases).
    Result<Statement> tests = db.Prepare(
        "DELETE FROM flow_tests WHERE site_key = ?1 AND flow_id = ?2 AND NOT EXISTS "
        "(SELECT 1 FROM flow_versions WHERE site_key = ?1 AND flow_id = ?2)");
    if (!tests.ok()) return tests.status();
    Status cleared = tests.value().Bind(1, site_key).Bind(2, flow_id).Run();
    if (!cleared.ok()) return cleared;
    Result<Statement> orphan = db.Prepare(
        "DELETE FROM flows WHERE site_key = ?1 AND flow_id = ?2 AND NOT EXISTS "
        "(SELECT 1 FROM flow_versions WHERE site_key = ?1 AND flow_id = ?2)");
    if (!orphan.ok()) return orphan.status();
    return orphan.value().Bind(1, site_key).Bind(2, flow_id).Run();
  });
}

Result<FlowRecord> SqliteStorage::PublishFlowDraft(const FlowEvent& event, int revision) {
  const std::string& site_key = event.site_key;
  const std::string& flow_id = event.flow_id;
  FlowRecord flow;
  Status status = Write([&](Database& db) -> Status {
    Result<FlowDraft> loaded = LoadDraft(db, site_key, flow_id);
    if (!loaded.ok()) return loaded.status();
    const FlowDraft& draft = loaded.value();
    if (draft.revision != revision) return DraftRevisionConflict(draft.revision, revision);
    flow = {site_key, flow_id, 0, draft.document, event.at_ms, event.actor, event.note};
    Status stored = InsertVersion(db, &flow, true);
    if (!stored.ok()) return stored;
    Result<Statement> remove =
        db.Prepare("DELETE FROM flow_drafts WHERE site_key = ?1 AND flow_id = ?2");
    if (!remove.ok()) return remove.status();
    return remove.value().Bind(1, site_key).Bind(2, flow_id).Run();
  });
  if (!status.ok()) return status;
  return flow;
}

Status SqliteStorage::PublishFlowVersion(const FlowEvent& event) {
  return Write([&](Database& db) -> Status {
    Status published = SetPublished(db, event.site_key, event.flow_id, event.version);
    if (!published.ok()) return published;
    return RecordEvent(db, event);
  });
}

Result<std::vector<FlowEvent>> SqliteStorage::ListFlowEvents(const std::string& site_key,
                                                             const std::string& flow_id,
                                                             int limit) {
  using Events = std::vector<FlowEvent>;
  return Read<Events>([&](Database& db) -> Result<Events> {
    Result<Statement> stmt = db.Prepare(
        "SELECT at_ms, actor, action, version, note FROM flow_events "
        "WHERE site_key = ?1 AND flow_id = ?2 ORDER BY event_id DESC LIMIT ?3");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, site_key).Bind(2, flow_id).Bind(3, limit);
    Events events;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return events;
      const Statement& r = stmt.value();
      events.push_back({site_key, flow_id, r.Integer(0), r.Text(1), r.Text(2),
                        static_cast<int>(r.Integer(3)), r.Text(4)});
    }
  });
}

Result<FlowRecord> SqliteStorage::GetPublishedFlow(const std::string& site_key,
                                                   const std::string& flow_id) {
  return Read<FlowRecord>([&](Database& db) -> Result<FlowRecord> {
    Result<Statement> stmt = db.Prepare(
        "SELECT v.site_key, v.flow_id, v.version, v.document, v.created_ms, v.created_by, v.note "
        "FROM flows f "
        "JOIN flow_versions v ON v.site_key = f.site_key AND v.flow_id = f.flow_id "
        "AND v.version = f.published_version WHERE f.site_key = ?1 AND f.flow_id = ?2");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, site_key).Bind(2, flow_id);
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::NotFound("no published flow with this id", "/flow");
    return ReadFlow(stmt.value());
  });
}

Result<FlowRecord> SqliteStorage::GetFlowVersion(const std::string& site_key,
                                                 const std::string& flow_id, int version) {
  return Read<FlowRecord>([&](Database& db) -> Result<FlowRecord> {
    Result<Statement> stmt = db.Prepare(
        "SELECT site_key, flow_id, version, document, created_ms, created_by, note "
        "FROM flow_versions "
        "WHERE site_key = ?1 AND flow_id = ?2 AND version = ?3");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, site_key).Bind(2, flow_id).Bind(3, version);
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::NotFound("no such flow version", "/version");
    return ReadFlow(stmt.value());
  });
}

Result<std::vector<FlowSummary>> SqliteStorage::ListFlows(const std::string& site_key,
                                                          int64_t activity_since_ms) {
  using Flows = std::vector<FlowSummary>;
  return Read<Flows>([&](Database& db) -> Result<Flows> {
    // Each figure is one index range: flow_versions' primary key, sessions_by_flow and
    // leads_by_flow (migration 11).
    Result<Statement> stmt = db.Prepare(
        "SELECT f.flow_id, COALESCE(f.published_version, 0), COALESCE(v.version, 0), "
        "COALESCE(v.created_ms, 0), COALESCE(d.revision, 0), COALESCE(d.updated_ms, 0), "
        "(SELECT COUNT(*) FROM sessions s WHERE s.site_key = f.site_key "
        "AND s.flow_id = f.flow_id AND s.started_ms >= ?2), "
        "(SELECT COUNT(*) FROM leads l WHERE l.site_key = f.site_key AND l.flow_id = f.flow_id "
        "AND l.triage = 'qualified' AND l.created_ms >= ?2) "
        "FROM flows f "
        "LEFT JOIN flow_versions v ON v.site_key = f.site_key AND v.flow_id = f.flow_id "
        "AND v.version = (SELECT MAX(version) FROM flow_versions m "
        "WHERE m.site_key = f.site_key AND m.flow_id = f.flow_id) "
        "LEFT JOIN flow_drafts d ON d.site_key = f.site_key AND d.flow_id = f.flow_id "
        "WHERE f.site_key = ?1 ORDER BY f.flow_id");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, site_key).Bind(2, activity_since_ms);
    Flows flows;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return flows;
      const Statement& s = stmt.value();
      FlowSummary flow;
      flow.site_key = site_key;
      flow.flow_id = s.Text(0);
      flow.published_version = static_cast<int>(s.Integer(1));
      flow.latest_version = static_cast<int>(s.Integer(2));
      flow.latest_version_ms = s.Integer(3);
      flow.draft_revision = static_cast<int>(s.Integer(4));
      flow.draft_updated_ms = s.Integer(5);
      flow.sessions = s.Integer(6);
      flow.qualified = s.Integer(7);
      flows.push_back(std::move(flow));
    }
  });
}

Result<std::vector<FlowRecord>> SqliteStorage::ListFlowVersions(const std::string& site_key,
                                                                const std::string& flow_id) {
  using Versions = std::vector<FlowRecord>;
  return Read<Versions>([&](Database& db) -> Result<Versions> {
    Result<Statement> stmt = db.Prepare(
        "SELECT site_key, flow_id, version, document, created_ms, created_by, note "
        "FROM flow_versions "
        "WHERE site_key = ?1 AND flow_id = ?2 ORDER BY version DESC");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, site_key).Bind(2, flow_id);
    Versions versions;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      versions.push_back(ReadFlow(stmt.value()));
    }
    if (versions.empty()) return Status::NotFound("no flow with this id", "/flow");
    return versions;
  });
}

}  // namespace leadq
