// SQL of the VisitorStore: profiles, events, consent, export, erasure, retention.
#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

Status EnsureVisitor(Database& db, const std::string& site_key, const std::string& visitor_id,
                     int64_t now_ms) {
  Result<Statement> stmt = db.Prepare(
      "INSERT INTO visitors (site_key, visitor_id, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?3) "
      "ON CONFLICT DO NOTHING");
  if (!stmt.ok()) return stmt.status();
  return stmt.value().Bind(1, site_key).Bind(2, visitor_id).Bind(3, now_ms).Run();
}

// The canonical id and every id merged into it.
Result<std::vector<std::string>> VisitorIds(Database& db, const std::string& site_key,
                                            const std::string& canonical) {
  // Each part by an index (an OR of the two would scan every visitor of the site).
  Result<Statement> stmt = db.Prepare(
      "SELECT visitor_id FROM visitors WHERE site_key = ?1 AND visitor_id IN (SELECT ?2 UNION "
      "ALL SELECT visitor_id FROM visitors WHERE site_key = ?1 AND merged_into = ?2) ORDER BY "
      "visitor_id = ?2 DESC, visitor_id");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, canonical);
  std::vector<std::string> ids;
  for (;;) {
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return ids;
    ids.push_back(stmt.value().Text(0));
  }
}

// Appends the rows of a query with one bound visitor id as JSON objects.
Status AppendRows(Database& db, const std::string& sql, const std::string& site_key,
                  const std::string& visitor_id, const std::vector<const char*>& columns,
                  const std::vector<bool>& json_columns, Json* out) {
  Result<Statement> stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, visitor_id);
  for (;;) {
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::Ok();
    Json item = Json::object();
    for (size_t i = 0; i < columns.size(); ++i) {
      const int column = static_cast<int>(i);
      const Statement& s = stmt.value();
      if (s.IsNull(column)) {
        item[columns[i]] = nullptr;
      } else if (json_columns[i]) {
        item[columns[i]] = ParseStored(s.Text(column), Json());
      } else if (s.IsInteger(column)) {
        item[columns[i]] = s.Integer(column);
      } else {
        item[columns[i]] = s.Text(column);
      }
    }
    out->push_back(std::move(item));
  }
}

}  // namespace

Result<VisitorProfile> SqliteStorage::GetVisitor(const std::string& site_key,
                                                 const std::string& visitor_id) {
  return Read<VisitorProfile>(
      [&](Database& db) { return ReadVisitorProfile(db, site_key, visitor_id); });
}

Status SqliteStorage::RecordEvents(const std::string& site_key, const std::string& visitor_id,
                                   const std::vector<EventRecord>& events, const SignalsFold& fold,
                                   int64_t now_ms) {
  return Write([&](Database& db) -> Status {
    Status status = EnsureVisitor(db, site_key, visitor_id, now_ms);
    if (!status.ok()) return status;
    Result<VisitorProfile> profile = ReadVisitorProfile(db, site_key, visitor_id);
    if (!profile.ok()) return profile.status();
    const std::string& canonical = profile.value().visitor_id;
    for (const EventRecord& event : events) {
      Result<Statement> insert = db.Prepare(
          "INSERT INTO events (site_key, visitor_id, type, path, data, at_ms, received_ms) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
      if (!insert.ok()) return insert.status();
      status = insert.value()
                   .Bind(1, site_key)
                   .Bind(2, canonical)
                   .Bind(3, event.type)
                   .Bind(4, event.path)
                   .Bind(5, Dump(event.data))
                   .Bind(6, event.at_ms)
                   .Bind(7, event.received_ms)
                   .Run();
      if (!status.ok()) return status;
    }
    Result<Statement> update = db.Prepare(
        "UPDATE visitors SET signals = ?3, updated_ms = ?4 WHERE site_key = ?1 AND "
        "visitor_id = ?2");
    if (!update.ok()) return update.status();
    status = update.value()
                 .Bind(1, site_key)
                 .Bind(2, canonical)
                 .Bind(3, Dump(fold(profile.value().signals)))
                 .Bind(4, now_ms)
                 .Run();
    if (!status.ok()) return status;
    // The new signals may change the visitor's leads: decided again off the request path.
    Result<ProfileState> state = ReadProfileState(db, site_key, canonical, "");
    if (!state.ok()) return state.status();
    if (!state.value().other_sessions) return Status::Ok();
    return QueueRequalification(db, site_key, canonical, true, "", now_ms);
  });
}

Status SqliteStorage::RecordConsent(const ConsentRecord& consent) {
  return Write([&](Database& db) -> Status {
    Status status = EnsureVisitor(db, consent.site_key, consent.visitor_id, consent.recorded_ms);
    if (!status.ok()) return status;
    Result<Statement> stmt = db.Prepare(
        "INSERT INTO consents (site_key, visitor_id, version, given, recorded_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!stmt.ok()) return stmt.status();
    return stmt.value()
        .Bind(1, consent.site_key)
        .Bind(2, consent.visitor_id)
        .Bind(3, consent.version)
        .Bind(4, consent.given ? 1 : 0)
        .Bind(5, consent.recorded_ms)
        .Run();
  });
}

Result<VisitorExport> SqliteStorage::ExportVisitor(const std::string& site_key,
                                                   const std::string& visitor_id) {
  return Read<VisitorExport>([&](Database& db) -> Result<VisitorExport> {
    Result<VisitorProfile> profile = ReadVisitorProfile(db, site_key, visitor_id);
    if (!profile.ok()) return profile.status();
    if (profile.value().created_ms == 0 && profile.value().updated_ms == 0) {
      return Status::NotFound("no visitor with this id", "/visitor_id");
    }
    VisitorExport out;
    out.profile = std::move(profile).value();
    Result<std::vector<std::string>> ids = VisitorIds(db, site_key, out.profile.visitor_id);
    if (!ids.ok()) return ids.status();
    for (const std::string& id : ids.value()) {
      if (id != out.profile.visitor_id) out.merged_ids.push_back(id);
      Json sessions = Json::array();
      Status status = AppendRows(
          db,
          "SELECT session_id, flow_id, flow_version, visitor_id, variant, language, started_ms, "
          "updated_ms, outcome, (SELECT json_group_array(json_object('answer_id', answer_id, "
          "'step', step_id, 'field', field, 'value', json(value), 'received_ms', received_ms)) "
          "FROM answers a WHERE a.session_id = s.session_id) FROM sessions s "
          "WHERE site_key = ?1 AND visitor_id = ?2 ORDER BY started_ms",
          site_key, id,
          {"session_id", "flow", "flow_version", "visitor_id", "variant", "language", "started_ms",
           "updated_ms", "outcome", "answers"},
          {false, false, false, false, false, false, false, false, true, true}, &out.sessions);
      if (status.ok()) {
        status =
            AppendRows(db,
                       "SELECT visitor_id, type, path, data, at_ms, received_ms FROM events "
                       "WHERE site_key = ?1 AND visitor_id = ?2 ORDER BY seq",
                       site_key, id, {"visitor_id", "type", "path", "data", "at_ms", "received_ms"},
                       {false, false, false, true, false, false}, &out.events);
      }
      if (status.ok()) {
        status = AppendRows(db,
                            "SELECT visitor_id, version, given, recorded_ms FROM consents "
                            "WHERE site_key = ?1 AND visitor_id = ?2 ORDER BY seq",
                            site_key, id, {"visitor_id", "version", "given", "recorded_ms"},
                            {false, false, false, false}, &out.consents);
      }
      if (!status.ok()) return status;
    }
    return out;
  });
}

Status SqliteStorage::EraseVisitor(const std::string& site_key, const std::string& visitor_id) {
  return Write([&](Database& db) -> Status {
    Result<std::string> canonical = CanonicalVisitor(db, site_key, visitor_id);
    if (!canonical.ok()) return canonical.status();
    Result<std::vector<std::string>> ids = VisitorIds(db, site_key, canonical.value());
    if (!ids.ok()) return ids.status();
    if (ids.value().empty()) return Status::NotFound("no visitor with this id", "/visitor_id");
    // Children first: the foreign keys point from sessions to visitors.
    static const char* const kDeletes[] = {
        "DELETE FROM delivery_attempts WHERE lead_id IN "
        "(SELECT session_id FROM sessions WHERE site_key = ?1 AND visitor_id = ?2)",
        "DELETE FROM delivery_outbox WHERE lead_id IN "
        "(SELECT session_id FROM sessions WHERE site_key = ?1 AND visitor_id = ?2)",
        "DELETE FROM lead_touches WHERE lead_id IN "
        "(SELECT session_id FROM sessions WHERE site_key = ?1 AND visitor_id = ?2)",
        "DELETE FROM lead_feedback WHERE lead_id IN "
        "(SELECT session_id FROM sessions WHERE site_key = ?1 AND visitor_id = ?2)",
        "DELETE FROM handoffs WHERE lead_id IN "
        "(SELECT session_id FROM sessions WHERE site_key = ?1 AND visitor_id = ?2)",
        "DELETE FROM lead_changes WHERE session_id IN "
        "(SELECT session_id FROM sessions WHERE site_key = ?1 AND visitor_id = ?2)",
        "DELETE FROM leads WHERE site_key = ?1 AND visitor_id = ?2",
        "DELETE FROM answers WHERE session_id IN "
        "(SELECT session_id FROM sessions WHERE site_key = ?1 AND visitor_id = ?2)",
        "DELETE FROM sessions WHERE site_key = ?1 AND visitor_id = ?2",
        "DELETE FROM events WHERE site_key = ?1 AND visitor_id = ?2",
        "DELETE FROM consents WHERE site_key = ?1 AND visitor_id = ?2",
        "DELETE FROM visitors WHERE site_key = ?1 AND visitor_id = ?2",
    };
    for (const std::string& id : ids.value()) {
      for (const char* sql : kDeletes) {
        Result<Statement> stmt = db.Prepare(sql);
        if (!stmt.ok()) return stmt.status();
        Status status = stmt.value().Bind(1, site_key).Bind(2, id).Run();
        if (!status.ok()) return status;
      }
    }
    return Status::Ok();
  });
}

Result<int64_t> SqliteStorage::PurgeEvents(int64_t before_ms) {
  int64_t purged = 0;
  Status status = Write([&](Database& db) -> Status {
    Result<Statement> stmt = db.Prepare("DELETE FROM events WHERE received_ms < ?1");
    if (!stmt.ok()) return stmt.status();
    Status run = stmt.value().Bind(1, before_ms).Run();
    purged = db.Changes();
    return run;
  });
  if (!status.ok()) return status;
  return purged;
}

}  // namespace leadq
