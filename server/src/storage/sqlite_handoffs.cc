// SQL for handoffs and what sales do with them: SLA deadlines, touches, feedback.
#include "storage/sqlite_handoff_util.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

Result<std::vector<HandoffRecord>> ReadHandoffs(Statement& stmt) {
  std::vector<HandoffRecord> list;
  for (;;) {
    Result<bool> row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    list.push_back(ReadHandoff(stmt, 0));
  }
  return list;
}

Result<std::optional<HandoffRecord>> FindHandoff(Database& db, const std::string& lead_id) {
  Result<Statement> stmt = db.Prepare(std::string("SELECT ") + kHandoffColumns +
                                      " FROM handoffs h WHERE h.lead_id = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, lead_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return std::optional<HandoffRecord>();
  return std::optional<HandoffRecord>(ReadHandoff(stmt.value(), 0));
}

}  // namespace

Result<std::optional<PriorHandoff>> FindHandoffState(Database& db, const std::string& lead_id) {
  Result<Statement> stmt =
      db.Prepare("SELECT generation, route, state, sent_back_ms FROM handoffs WHERE lead_id = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value().Bind(1, lead_id);
  Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return std::optional<PriorHandoff>();
  const Statement& s = stmt.value();
  PriorHandoff prior;
  prior.generation = static_cast<int>(s.Integer(0));
  prior.route = RouteFromString(s.Text(1)).value_or(Route::kNone);
  prior.state = LeadStateFromString(s.Text(2)).value_or(LeadState::kOpen);
  prior.sent_back_ms = s.Integer(3);
  return std::optional<PriorHandoff>(prior);
}

Result<HandoffRecord> SqliteStorage::GetHandoff(const std::string& lead_id) {
  return Read<HandoffRecord>([&](Database& db) -> Result<HandoffRecord> {
    Result<std::optional<HandoffRecord>> found = FindHandoff(db, lead_id);
    if (!found.ok()) return found.status();
    if (!found.value()) return Status::NotFound("no lead was handed over with this id", "/lead_id");
    return std::move(*found.value());
  });
}

Result<std::vector<HandoffRecord>> SqliteStorage::ListHandoffs(const HandoffFilter& filter) {
  return Read<std::vector<HandoffRecord>>([&](Database& db) -> Result<std::vector<HandoffRecord>> {
    Result<Statement> stmt = db.Prepare(
        std::string("SELECT ") + kHandoffColumns +
        " FROM handoffs h WHERE (?1 = '' OR h.site_key = ?1) AND (?2 = '' OR h.state = ?2) AND "
        "(?3 = 0 OR h.overdue_ms > 0) AND (?5 = '' OR h.route = ?5) "
        "ORDER BY h.handed_ms DESC, h.lead_id LIMIT ?4");
    if (!stmt.ok()) return stmt.status();
    stmt.value()
        .Bind(1, filter.site_key)
        .Bind(2, filter.state)
        .Bind(3, static_cast<int64_t>(filter.overdue_only ? 1 : 0))
        .Bind(4, static_cast<int64_t>(filter.limit))
        .Bind(5, filter.route);
    return ReadHandoffs(stmt.value());
  });
}

Result<std::vector<HandoffRecord>> SqliteStorage::ListPastDeadline(int64_t now_ms) {
  return Read<std::vector<HandoffRecord>>([&](Database& db) -> Result<std::vector<HandoffRecord>> {
    Result<Statement> stmt = db.Prepare(
        std::string("SELECT ") + kHandoffColumns +
        " FROM handoffs h WHERE h.state = 'open' AND h.overdue_ms = 0 AND h.route = 'sales' AND "
        "h.sla_deadline_ms > 0 AND h.sla_deadline_ms <= ?1 ORDER BY h.sla_deadline_ms LIMIT 500");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, now_ms);
    return ReadHandoffs(stmt.value());
  });
}

Result<bool> SqliteStorage::MarkOverdue(const std::string& lead_id, int64_t now_ms,
                                        const std::vector<OutboxRecord>& escalations) {
  return WriteResult<bool>([&](Database& db) -> Result<bool> {
    bool marked = false;
    Status status = ([&]() -> Status {
      Result<Statement> update = db.Prepare(
          "UPDATE handoffs SET overdue_ms = ?2, updated_ms = ?2 WHERE lead_id = ?1 AND "
          "state = 'open' AND overdue_ms = 0");
      if (!update.ok()) return update.status();
      Status updated = update.value().Bind(1, lead_id).Bind(2, now_ms).Run();
      if (!updated.ok()) return updated;
      marked = db.Changes() == 1;
      return marked ? InsertOutbox(db, escalations) : Status::Ok();
    })();
    if (!status.ok()) return status;
    return marked;
  });
}

Status SqliteStorage::AddTouch(const TouchRecord& touch) {
  return Write([&](Database& db) -> Status {
    Result<Statement> stmt = db.Prepare(
        "INSERT INTO lead_touches (lead_id, channel, note, by_user, at_ms) "
        "SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM handoffs WHERE lead_id = ?1)");
    if (!stmt.ok()) return stmt.status();
    Status status = stmt.value()
                        .Bind(1, touch.lead_id)
                        .Bind(2, touch.channel)
                        .Bind(3, touch.note)
                        .Bind(4, touch.by)
                        .Bind(5, touch.at_ms)
                        .Run();
    if (!status.ok()) return status;
    if (db.Changes() == 0)
      return Status::NotFound("no lead was handed over with this id", "/lead_id");
    return Status::Ok();
  });
}

Result<std::vector<TouchRecord>> SqliteStorage::ListTouches(const std::string& lead_id) {
  return Read<std::vector<TouchRecord>>([&](Database& db) -> Result<std::vector<TouchRecord>> {
    Result<Statement> stmt = db.Prepare(
        "SELECT lead_id, channel, note, by_user, at_ms FROM lead_touches WHERE lead_id = ?1 "
        "ORDER BY seq");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, lead_id);
    std::vector<TouchRecord> list;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      const Statement& s = stmt.value();
      list.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Integer(4)});
    }
    return list;
  });
}

Status SqliteStorage::SaveFeedback(const FeedbackRecord& f, const std::string& new_state) {
  return Write([&](Database& db) -> Status {
    return ([&]() -> Status {
      Result<Statement> update = db.Prepare(
          "UPDATE handoffs SET state = ?2, updated_ms = ?3, "
          "accepted_ms = CASE WHEN ?2 = 'accepted' THEN ?3 ELSE accepted_ms END, "
          "sent_back_ms = CASE WHEN ?2 = 'nurturing' THEN ?3 ELSE sent_back_ms END "
          "WHERE lead_id = ?1");
      if (!update.ok()) return update.status();
      Status status = update.value().Bind(1, f.lead_id).Bind(2, new_state).Bind(3, f.at_ms).Run();
      if (!status.ok()) return status;
      if (db.Changes() == 0) {
        return Status::NotFound("no lead was handed over with this id", "/lead_id");
      }
      Result<Statement> insert = db.Prepare(
          "INSERT INTO lead_feedback (lead_id, generation, decision, reason, note, at_ms) "
          "SELECT ?1, generation, ?2, ?3, ?4, ?5 FROM handoffs WHERE lead_id = ?1");
      if (!insert.ok()) return insert.status();
      return insert.value()
          .Bind(1, f.lead_id)
          .Bind(2, f.decision)
          .Bind(3, f.reason)
          .Bind(4, f.note)
          .Bind(5, f.at_ms)
          .Run();
    })();
  });
}

Result<std::vector<FeedbackRecord>> SqliteStorage::ListFeedback(const std::string& lead_id) {
  return Read<std::vector<FeedbackRecord>>(
      [&](Database& db) -> Result<std::vector<FeedbackRecord>> {
        Result<Statement> stmt = db.Prepare(
            "SELECT lead_id, generation, decision, reason, note, at_ms FROM lead_feedback "
            "WHERE lead_id = ?1 ORDER BY seq");
        if (!stmt.ok()) return stmt.status();
        stmt.value().Bind(1, lead_id);
        std::vector<FeedbackRecord> list;
        for (;;) {
          Result<bool> row = stmt.value().Step();
          if (!row.ok()) return row.status();
          if (!row.value()) break;
          const Statement& s = stmt.value();
          list.push_back({s.Text(0), static_cast<int>(s.Integer(1)), s.Text(2), s.Text(3),
                          s.Text(4), s.Integer(5)});
        }
        return list;
      });
}

Result<std::vector<HandoffStore::ReportRow>> SqliteStorage::ListForReport(
    const std::string& site_key, const std::string& flow_id) {
  return Read<std::vector<HandoffStore::ReportRow>>(
      [&](Database& db) -> Result<std::vector<HandoffStore::ReportRow>> {
        // Each sales handoff with the latest feedback on its current generation, if any.
        Result<Statement> stmt = db.Prepare(
            std::string("SELECT ") + kHandoffColumns +
            ", f.decision, f.reason, f.note, f.at_ms FROM handoffs h LEFT JOIN lead_feedback f ON "
            "f.seq = (SELECT MAX(seq) FROM lead_feedback WHERE lead_id = h.lead_id AND "
            "generation = h.generation) "
            "WHERE h.site_key = ?1 AND (?2 = '' OR h.flow_id = ?2) AND h.route = 'sales' "
            "ORDER BY h.flow_id, h.variant, h.lead_id");
        if (!stmt.ok()) return stmt.status();
        stmt.value().Bind(1, site_key).Bind(2, flow_id);
        std::vector<ReportRow> rows;
        for (;;) {
          Result<bool> row = stmt.value().Step();
          if (!row.ok()) return row.status();
          if (!row.value()) break;
          ReportRow report;
          report.handoff = ReadHandoff(stmt.value(), 0);
          report.latest.lead_id = report.handoff.lead_id;
          report.latest.decision = stmt.value().Text(22);
          report.latest.reason = stmt.value().Text(23);
          report.latest.note = stmt.value().Text(24);
          report.latest.at_ms = stmt.value().Integer(25);
          rows.push_back(std::move(report));
        }
        return rows;
      });
}

}  // namespace leadq
