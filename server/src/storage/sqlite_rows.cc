// JSON column helpers.
#include "storage/sqlite_rows.h"

#include <algorithm>
#include <utility>

namespace leadq {

Json ParseStored(const std::string& text, Json fallback) {
  Json parsed = Json::parse(text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

std::string Dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Status RunPrepared(Result<Statement>& stmt) {
  if (!stmt.ok()) return stmt.status();
  return stmt.value().Run();
}

namespace {

Result<std::pair<Json, Json>> ReadProfileColumns(Database& db, const std::string& site_key,
                                                 const std::string& visitor_id) {
  Result<Statement> stmt =
      db.Prepare("SELECT fields, signals FROM visitors WHERE site_key = ?1 AND visitor_id = ?2");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, visitor_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return std::make_pair(Json::object(), Json::object());
  return std::make_pair(ParseStored(stmt.value().Text(0), Json::object()),
                        ParseStored(stmt.value().Text(1), Json::object()));
}

}  // namespace

Result<std::string> CanonicalVisitor(Database& db, const std::string& site_key,
                                     const std::string& visitor_id) {
  Result<Statement> stmt = db.Prepare(
      "SELECT COALESCE(merged_into, visitor_id) FROM visitors WHERE site_key = ?1 AND "
      "visitor_id = ?2");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, visitor_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  return row.value() ? stmt.value().Text(0) : visitor_id;
}

Result<VisitorProfile> ReadVisitorProfile(Database& db, const std::string& site_key,
                                          const std::string& visitor_id) {
  // One statement for the canonical visitor (after e-mail merges) and its profile: this
  // runs for every answer.
  Result<Statement> stmt = db.Prepare(
      "SELECT visitor_id, fields, signals, COALESCE(email, ''), created_ms, updated_ms, revision "
      "FROM visitors WHERE site_key = ?1 AND visitor_id = (SELECT COALESCE(merged_into, "
      "visitor_id) FROM visitors WHERE site_key = ?1 AND visitor_id = ?2)");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, site_key).Bind(2, visitor_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  VisitorProfile profile;
  profile.site_key = site_key;
  profile.visitor_id = visitor_id;
  if (!row.value()) return profile;
  profile.visitor_id = stmt.value().Text(0);
  profile.fields = ParseStored(stmt.value().Text(1), Json::object());
  profile.signals = ParseStored(stmt.value().Text(2), Json::object());
  profile.email = stmt.value().Text(3);
  profile.created_ms = stmt.value().Integer(4);
  profile.updated_ms = stmt.value().Integer(5);
  profile.revision = stmt.value().Integer(6);
  return profile;
}

Status MergeVisitors(Database& db, const std::string& site_key, const std::string& from,
                     const std::string& into, int64_t now_ms) {
  Result<std::pair<Json, Json>> source = ReadProfileColumns(db, site_key, from);
  if (!source.ok()) return source.status();
  Result<std::pair<Json, Json>> target = ReadProfileColumns(db, site_key, into);
  if (!target.ok()) return target.status();
  Json fields = target.value().first;
  fields.merge_patch(source.value().first);
  Json signals = MergeStoredSignals(target.value().second, source.value().second);
  Result<Statement> update = db.Prepare(
      "UPDATE visitors SET fields = ?3, signals = ?4, updated_ms = ?5 "
      "WHERE site_key = ?1 AND visitor_id = ?2");
  if (!update.ok()) return update.status();
  Status status = update.value()
                      .Bind(1, site_key)
                      .Bind(2, into)
                      .Bind(3, Dump(fields))
                      .Bind(4, Dump(signals))
                      .Bind(5, now_ms)
                      .Run();
  if (!status.ok()) return status;
  // `from` and the visitors merged into it, each found by an index (an OR of the two
  // would scan every visitor of the site).
  Result<Statement> repoint = db.Prepare(
      "UPDATE visitors SET merged_into = ?3, updated_ms = ?4 WHERE site_key = ?1 AND "
      "visitor_id IN (SELECT ?2 UNION ALL SELECT visitor_id FROM visitors WHERE site_key = ?1 "
      "AND merged_into = ?2)");
  if (!repoint.ok()) return repoint.status();
  return repoint.value().Bind(1, site_key).Bind(2, from).Bind(3, into).Bind(4, now_ms).Run();
}

Status RecordLeadChange(Database& db, const LeadRecord& lead, const std::string& cause) {
  Result<Statement> stmt = db.Prepare(
      "INSERT INTO lead_changes (session_id, at_ms, from_triage, from_grade, to_triage, "
      "to_grade, cause) SELECT session_id, ?2, triage, grade, ?3, ?4, ?5 FROM leads "
      "WHERE session_id = ?1 AND (triage != ?3 OR grade != ?4)");
  if (!stmt.ok()) return stmt.status();
  return stmt.value()
      .Bind(1, lead.session_id)
      .Bind(2, lead.updated_ms)
      .Bind(3, lead.triage)
      .Bind(4, lead.grade)
      .Bind(5, cause)
      .Run();
}

}  // namespace leadq
