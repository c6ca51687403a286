// SQL of the FlowTestStore: a flow's test cases.
#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

Result<FlowTestsRecord> LoadTests(Database& db, const std::string& site_key,
                                  const std::string& flow_id) {
  Result<Statement> stmt = db.Prepare(
      "SELECT document, revision, updated_ms, updated_by FROM flow_tests "
      "WHERE site_key = ?1 AND flow_id = ?2");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, flow_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Status::NotFound("this flow has no test cases", "/flow");
  const Statement& s = stmt.value();
  return FlowTestsRecord{site_key,     flow_id,  s.Text(0), static_cast<int>(s.Integer(1)),
                         s.Integer(2), s.Text(3)};
}

}  // namespace

Result<FlowTestsRecord> SqliteStorage::GetFlowTests(const std::string& site_key,
                                                    const std::string& flow_id) {
  return Read<FlowTestsRecord>([&](Database& db) { return LoadTests(db, site_key, flow_id); });
}

Result<FlowTestsRecord> SqliteStorage::PutFlowTests(FlowTestsRecord tests, int expected_revision) {
  return WriteResult<FlowTestsRecord>([&](Database& db) -> Result<FlowTestsRecord> {
    Result<Statement> flow = db.Prepare("SELECT 1 FROM flows WHERE site_key = ?1 AND flow_id = ?2");
    if (!flow.ok()) return flow.status();
    flow.value().Bind(1, tests.site_key).Bind(2, tests.flow_id);
    Result<bool> exists = flow.value().Step();
    if (!exists.ok()) return exists.status();
    if (!exists.value()) return Status::NotFound("no flow with this id", "/flow");
    Result<FlowTestsRecord> stored = LoadTests(db, tests.site_key, tests.flow_id);
    if (!stored.ok() && !stored.status().IsNotFound()) return stored.status();
    const int revision = stored.ok() ? stored.value().revision : 0;
    if (revision != expected_revision) return FlowTestsConflict(revision, expected_revision);
    tests.revision = expected_revision + 1;
    Result<Statement> put = db.Prepare(
        "INSERT INTO flow_tests (site_key, flow_id, document, revision, updated_ms, updated_by) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (site_key, flow_id) DO UPDATE SET "
        "document = excluded.document, revision = excluded.revision, "
        "updated_ms = excluded.updated_ms, updated_by = excluded.updated_by");
    if (!put.ok()) return put.status();
    Status status = put.value()
                        .Bind(1, tests.site_key)
                        .Bind(2, tests.flow_id)
                        .Bind(3, tests.document)
                        .Bind(4, tests.revision)
                        .Bind(5, tests.updated_ms)
                        .Bind(6, tests.updated_by)
                        .Run();
    if (!status.ok()) return status;
    return tests;
  });
}

}  // namespace leadq
