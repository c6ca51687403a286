// Shared pieces of the SQLite handoff storage.
#include "storage/sqlite_handoff_util.h"

#include "storage/sqlite_rows.h"

namespace leadq {

std::string DumpList(const std::vector<std::string>& list) { return Dump(Json(list)); }

std::vector<std::string> ParseList(const std::string& text) {
  std::vector<std::string> list;
  for (const Json& item : ParseStored(text, Json::array())) {
    if (item.is_string()) list.push_back(item.get<std::string>());
  }
  return list;
}

const char* const kHandoffColumns =
    "h.lead_id, h.site_key, h.flow_id, h.flow_version, h.variant, h.visitor_id, h.generation, "
    "h.route, h.state, h.triage, h.grade, h.total_points, h.criteria, h.snapshot, h.handed_ms, "
    "h.sla_deadline_ms, h.follow_up_target, h.overdue_ms, h.accepted_ms, h.sent_back_ms, "
    "h.updated_ms, (SELECT COUNT(*) FROM lead_touches t WHERE t.lead_id = h.lead_id)";

HandoffRecord ReadHandoff(const Statement& row, int c) {
  HandoffRecord h;
  h.lead_id = row.Text(c + 0);
  h.site_key = row.Text(c + 1);
  h.flow_id = row.Text(c + 2);
  h.flow_version = static_cast<int>(row.Integer(c + 3));
  h.variant = row.Text(c + 4);
  h.visitor_id = row.Text(c + 5);
  h.generation = static_cast<int>(row.Integer(c + 6));
  h.route = row.Text(c + 7);
  h.state = row.Text(c + 8);
  h.triage = row.Text(c + 9);
  h.grade = row.Text(c + 10);
  h.total_points = row.Real(c + 11);
  h.criteria = ParseList(row.Text(c + 12));
  h.snapshot = ParseStored(row.Text(c + 13), Json::object());
  h.handed_ms = row.Integer(c + 14);
  h.sla_deadline_ms = row.Integer(c + 15);
  h.follow_up_target = static_cast<int>(row.Integer(c + 16));
  h.overdue_ms = row.Integer(c + 17);
  h.accepted_ms = row.Integer(c + 18);
  h.sent_back_ms = row.Integer(c + 19);
  h.updated_ms = row.Integer(c + 20);
  h.touches = static_cast<int>(row.Integer(c + 21));
  return h;
}

std::string OutboxColumns(const std::string& alias) {
  static const char* const kNames[] = {
      "delivery_id",    "idempotency_key", "lead_id",          "generation",
      "destination_id", "event",           "payload",          "state",
      "attempts",       "created_ms",      "horizon_start_ms", "next_attempt_ms",
      "delivered_ms",   "last_error"};
  std::string columns;
  for (const char* name : kNames) {
    if (!columns.empty()) columns += ", ";
    columns += alias + name;
  }
  return columns;
}

OutboxRecord ReadOutbox(const Statement& row, int c) {
  OutboxRecord o;
  o.delivery_id = row.Integer(c + 0);
  o.idempotency_key = row.Text(c + 1);
  o.lead_id = row.Text(c + 2);
  o.generation = static_cast<int>(row.Integer(c + 3));
  o.destination_id = row.Text(c + 4);
  o.event = row.Text(c + 5);
  o.payload = ParseStored(row.Text(c + 6), Json::object());
  o.state = row.Text(c + 7);
  o.attempts = static_cast<int>(row.Integer(c + 8));
  o.created_ms = row.Integer(c + 9);
  o.horizon_start_ms = row.Integer(c + 10);
  o.next_attempt_ms = row.Integer(c + 11);
  o.delivered_ms = row.Integer(c + 12);
  o.last_error = row.Text(c + 13);
  return o;
}

Status InsertOutbox(Database& db, const std::vector<OutboxRecord>& rows) {
  for (const OutboxRecord& o : rows) {
    Result<Statement> insert = db.Prepare(
        "INSERT INTO delivery_outbox (idempotency_key, lead_id, generation, destination_id, "
        "event, payload, state, attempts, created_ms, horizon_start_ms, next_attempt_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?7, ?7, ?7) "
        "ON CONFLICT (idempotency_key) DO NOTHING");
    if (!insert.ok()) return insert.status();
    Status status = insert.value()
                        .Bind(1, o.idempotency_key)
                        .Bind(2, o.lead_id)
                        .Bind(3, static_cast<int64_t>(o.generation))
                        .Bind(4, o.destination_id)
                        .Bind(5, o.event)
                        .Bind(6, Dump(o.payload))
                        .Bind(7, o.created_ms)
                        .Run();
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Status WriteHandoff(Database& db, const HandoffWrite& write) {
  const HandoffRecord& h = write.handoff;
  if (!h.lead_id.empty()) {
    // Only a newer generation replaces the stored one: two answers racing to qualify the
    // same lead write the same generation, and the second changes nothing.
    Result<Statement> upsert = db.Prepare(
        "INSERT INTO handoffs (lead_id, site_key, flow_id, flow_version, variant, visitor_id, "
        "generation, route, state, triage, grade, total_points, criteria, snapshot, handed_ms, "
        "sla_deadline_ms, follow_up_target, overdue_ms, accepted_ms, sent_back_ms, updated_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 0, "
        "0, ?18, ?15) ON CONFLICT (lead_id) DO UPDATE SET flow_version = excluded.flow_version, "
        "generation = excluded.generation, route = excluded.route, state = excluded.state, "
        "triage = excluded.triage, grade = excluded.grade, total_points = "
        "excluded.total_points, criteria = excluded.criteria, snapshot = excluded.snapshot, "
        "handed_ms = excluded.handed_ms, sla_deadline_ms = excluded.sla_deadline_ms, "
        "follow_up_target = excluded.follow_up_target, overdue_ms = 0, accepted_ms = 0, "
        "updated_ms = excluded.updated_ms WHERE excluded.generation > handoffs.generation");
    if (!upsert.ok()) return upsert.status();
    Status status = upsert.value()
                        .Bind(1, h.lead_id)
                        .Bind(2, h.site_key)
                        .Bind(3, h.flow_id)
                        .Bind(4, static_cast<int64_t>(h.flow_version))
                        .Bind(5, h.variant)
                        .Bind(6, h.visitor_id)
                        .Bind(7, static_cast<int64_t>(h.generation))
                        .Bind(8, h.route)
                        .Bind(9, h.state)
                        .Bind(10, h.triage)
                        .Bind(11, h.grade)
                        .Bind(12, h.total_points)
                        .Bind(13, DumpList(h.criteria))
                        .Bind(14, Dump(h.snapshot))
                        .Bind(15, h.handed_ms)
                        .Bind(16, h.sla_deadline_ms)
                        .Bind(17, static_cast<int64_t>(h.follow_up_target))
                        .Bind(18, h.sent_back_ms)
                        .Run();
    if (!status.ok()) return status;
    // A write that lost the race to a newer generation must not queue stale deliveries.
    if (db.Changes() == 0) return Status::Ok();
  }
  return InsertOutbox(db, write.outbox);
}

}  // namespace leadq
