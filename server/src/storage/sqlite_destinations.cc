// SQL for destinations: where a site's leads are handed off.
#include "storage/sqlite_handoff_util.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

constexpr const char* kDestinationColumns =
    "destination_id, site_key, name, kind, url, secret, events, grades, flows, triage, enabled, "
    "created_ms, triggers";

DestinationRecord ReadDestination(const Statement& row) {
  DestinationRecord d;
  d.destination_id = row.Text(0);
  d.site_key = row.Text(1);
  d.name = row.Text(2);
  d.kind = row.Text(3);
  d.url = row.Text(4);
  d.secret = row.Text(5);
  d.events = ParseList(row.Text(6));
  d.grades = ParseList(row.Text(7));
  d.flows = ParseList(row.Text(8));
  d.triage = ParseList(row.Text(9));
  d.enabled = row.Integer(10) != 0;
  d.created_ms = row.Integer(11);
  d.triggers = ParseList(row.Text(12));
  return d;
}

}  // namespace

Status SqliteStorage::PutDestination(const DestinationRecord& d) {
  Status status = Write([&](Database& db) -> Status {
    Result<Statement> stmt = db.Prepare(
        std::string("INSERT INTO destinations (") + kDestinationColumns +
        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
        "ON CONFLICT (destination_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
        "url = excluded.url, secret = excluded.secret, events = excluded.events, grades = "
        "excluded.grades, flows = excluded.flows, triage = excluded.triage, enabled = "
        "excluded.enabled, triggers = excluded.triggers");
    if (!stmt.ok()) return stmt.status();
    return stmt.value()
        .Bind(1, d.destination_id)
        .Bind(2, d.site_key)
        .Bind(3, d.name)
        .Bind(4, d.kind)
        .Bind(5, d.url)
        .Bind(6, d.secret)
        .Bind(7, DumpList(d.events))
        .Bind(8, DumpList(d.grades))
        .Bind(9, DumpList(d.flows))
        .Bind(10, DumpList(d.triage))
        .Bind(11, static_cast<int64_t>(d.enabled ? 1 : 0))
        .Bind(12, d.created_ms)
        .Bind(13, DumpList(d.triggers))
        .Run();
  });
  destinations_.Invalidate();
  return status;
}

Result<DestinationRecord> SqliteStorage::GetDestination(const std::string& destination_id) {
  return Read<DestinationRecord>([&](Database& db) -> Result<DestinationRecord> {
    Result<Statement> stmt = db.Prepare(std::string("SELECT ") + kDestinationColumns +
                                        " FROM destinations WHERE destination_id = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, destination_id);
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::NotFound("no destination with this id", "/destination_id");
    return ReadDestination(stmt.value());
  });
}

Result<std::vector<DestinationRecord>> SqliteStorage::ListDestinations(
    const std::string& site_key) {
  return destinations_.Get(site_key, [&] { return LoadDestinations(site_key); });
}

Result<std::vector<DestinationRecord>> SqliteStorage::LoadDestinations(
    const std::string& site_key) {
  return Read<std::vector<DestinationRecord>>(
      [&](Database& db) -> Result<std::vector<DestinationRecord>> {
        Result<Statement> stmt = db.Prepare(std::string("SELECT ") + kDestinationColumns +
                                            " FROM destinations WHERE ?1 = '' OR site_key = ?1 "
                                            "ORDER BY created_ms, destination_id");
        if (!stmt.ok()) return stmt.status();
        stmt.value().Bind(1, site_key);
        std::vector<DestinationRecord> list;
        for (;;) {
          Result<bool> row = stmt.value().Step();
          if (!row.ok()) return row.status();
          if (!row.value()) break;
          list.push_back(ReadDestination(stmt.value()));
        }
        return list;
      });
}

Status SqliteStorage::DeleteDestination(const std::string& destination_id) {
  Status status = Write([&](Database& db) -> Status {
    Result<Statement> stmt = db.Prepare("DELETE FROM destinations WHERE destination_id = ?1");
    if (!stmt.ok()) return stmt.status();
    Status status = stmt.value().Bind(1, destination_id).Run();
    if (!status.ok()) return status;
    if (db.Changes() == 0)
      return Status::NotFound("no destination with this id", "/destination_id");
    return Status::Ok();
  });
  destinations_.Invalidate();
  return status;
}

}  // namespace leadq
