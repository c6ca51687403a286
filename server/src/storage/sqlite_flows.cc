// SQL of the FlowStore: versions and the published pointer.
#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

FlowRecord ReadFlow(const Statement& row) {
  FlowRecord flow;
  flow.site_key = row.Text(0);
  flow.flow_id = row.Text(1);
  flow.version = static_cast<int>(row.Integer(2));
  flow.document = row.Text(3);
  flow.created_ms = row.Integer(4);
  return flow;
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

}  // namespace

Result<FlowRecord> SqliteStorage::SaveFlowVersion(FlowRecord flow, bool publish) {
  Status status = Write([&](Database& db) -> Status {
    Result<Statement> ensure =
        db.Prepare("INSERT INTO flows (site_key, flow_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
    if (!ensure.ok()) return ensure.status();
    Status inserted = ensure.value().Bind(1, flow.site_key).Bind(2, flow.flow_id).Run();
    if (!inserted.ok()) return inserted;
    Result<Statement> next = db.Prepare(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM flow_versions "
        "WHERE site_key = ?1 AND flow_id = ?2");
    if (!next.ok()) return next.status();
    next.value().Bind(1, flow.site_key).Bind(2, flow.flow_id);
    Result<bool> row = next.value().Step();
    if (!row.ok()) return row.status();
    flow.version = static_cast<int>(next.value().Integer(0));
    Result<Statement> insert = db.Prepare(
        "INSERT INTO flow_versions (site_key, flow_id, version, document, created_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert.ok()) return insert.status();
    Status stored = insert.value()
                        .Bind(1, flow.site_key)
                        .Bind(2, flow.flow_id)
                        .Bind(3, flow.version)
                        .Bind(4, flow.document)
                        .Bind(5, flow.created_ms)
                        .Run();
    if (!stored.ok() || !publish) return stored;
    return SetPublished(db, flow.site_key, flow.flow_id, flow.version);
  });
  if (!status.ok()) return status;
  return flow;
}

Status SqliteStorage::PublishFlowVersion(const std::string& site_key, const std::string& flow_id,
                                         int version) {
  return Write([&](Database& db) { return SetPublished(db, site_key, flow_id, version); });
}

Result<FlowRecord> SqliteStorage::GetPublishedFlow(const std::string& site_key,
                                                   const std::string& flow_id) {
  return Read<FlowRecord>([&](Database& db) -> Result<FlowRecord> {
    Result<Statement> stmt = db.Prepare(
        "SELECT v.site_key, v.flow_id, v.version, v.document, v.created_ms FROM flows f "
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
        "SELECT site_key, flow_id, version, document, created_ms FROM flow_versions "
        "WHERE site_key = ?1 AND flow_id = ?2 AND version = ?3");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, site_key).Bind(2, flow_id).Bind(3, version);
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::NotFound("no such flow version", "/version");
    return ReadFlow(stmt.value());
  });
}

Result<std::vector<FlowSummary>> SqliteStorage::ListFlows(const std::string& site_key) {
  using Flows = std::vector<FlowSummary>;
  return Read<Flows>([&](Database& db) -> Result<Flows> {
    Result<Statement> stmt = db.Prepare(
        "SELECT f.site_key, f.flow_id, COALESCE(f.published_version, 0), "
        "(SELECT COALESCE(MAX(version), 0) FROM flow_versions v WHERE v.site_key = f.site_key "
        "AND v.flow_id = f.flow_id) FROM flows f WHERE f.site_key = ?1 ORDER BY f.flow_id");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, site_key);
    Flows flows;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return flows;
      const Statement& s = stmt.value();
      flows.push_back(
          {s.Text(0), s.Text(1), static_cast<int>(s.Integer(2)), static_cast<int>(s.Integer(3))});
    }
  });
}

Result<std::vector<FlowRecord>> SqliteStorage::ListFlowVersions(const std::string& site_key,
                                                                const std::string& flow_id) {
  using Versions = std::vector<FlowRecord>;
  return Read<Versions>([&](Database& db) -> Result<Versions> {
    Result<Statement> stmt = db.Prepare(
        "SELECT site_key, flow_id, version, document, created_ms FROM flow_versions "
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
