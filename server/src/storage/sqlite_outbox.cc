// SQL for the delivery outbox and its log: claiming due deliveries, recording attempts,
// dead letters and redelivery.
#include "storage/sqlite_handoff_util.h"
#include "storage/sqlite_storage.h"

namespace leadq {

Result<std::optional<OutboxRecord>> SqliteStorage::ClaimDueDelivery(int64_t now_ms) {
  return WriteResult<std::optional<OutboxRecord>>(
      [&](Database& db) -> Result<std::optional<OutboxRecord>> {
        // One statement claims and reads, so two workers never take the same delivery.
        Result<Statement> stmt = db.Prepare(
            std::string("UPDATE delivery_outbox SET state = 'sending' WHERE delivery_id = ("
                        "SELECT delivery_id FROM delivery_outbox WHERE state = 'pending' AND "
                        "next_attempt_ms <= ?1 ORDER BY next_attempt_ms, delivery_id LIMIT 1) "
                        "RETURNING ") +
            OutboxColumns(""));
        if (!stmt.ok()) return stmt.status();
        stmt.value().Bind(1, now_ms);
        Result<bool> row = stmt.value().Step();
        if (!row.ok()) return row.status();
        if (!row.value()) return std::optional<OutboxRecord>();
        OutboxRecord record = ReadOutbox(stmt.value(), 0);
        // RETURNING rows are only final once the statement has run to completion.
        Result<bool> done = stmt.value().Step();
        if (!done.ok()) return done.status();
        return std::optional<OutboxRecord>(std::move(record));
      });
}

Status SqliteStorage::ReleaseClaims() {
  return Write([&](Database& db) -> Status {
    return db.Exec("UPDATE delivery_outbox SET state = 'pending' WHERE state = 'sending'");
  });
}

Status SqliteStorage::RecordAttempt(const AttemptResult& result) {
  return Write([&](Database& db) -> Status {
    const AttemptRecord& a = result.attempt;
    return ([&]() -> Status {
      // Only while the delivery exists: a visitor erased during the send leaves no log.
      Result<Statement> log = db.Prepare(
          "INSERT INTO delivery_attempts (delivery_id, lead_id, destination_id, attempt, at_ms, "
          "status_code, latency_ms, error) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 "
          "WHERE EXISTS (SELECT 1 FROM delivery_outbox WHERE delivery_id = ?1)");
      if (!log.ok()) return log.status();
      Status status = log.value()
                          .Bind(1, a.delivery_id)
                          .Bind(2, a.lead_id)
                          .Bind(3, a.destination_id)
                          .Bind(4, static_cast<int64_t>(a.attempt))
                          .Bind(5, a.at_ms)
                          .Bind(6, static_cast<int64_t>(a.status_code))
                          .Bind(7, a.latency_ms)
                          .Bind(8, a.error)
                          .Run();
      if (!status.ok()) return status;
      Result<Statement> update = db.Prepare(
          "UPDATE delivery_outbox SET state = ?2, attempts = ?3, next_attempt_ms = ?4, "
          "delivered_ms = CASE WHEN ?2 = 'delivered' THEN ?5 ELSE delivered_ms END, "
          "last_error = ?6 WHERE delivery_id = ?1 AND state <> 'delivered'");
      if (!update.ok()) return update.status();
      return update.value()
          .Bind(1, a.delivery_id)
          .Bind(2, result.state)
          .Bind(3, static_cast<int64_t>(a.attempt))
          .Bind(4, result.next_attempt_ms)
          .Bind(5, a.at_ms)
          .Bind(6, a.error)
          .Run();
    })();
  });
}

Result<int64_t> SqliteStorage::CountUndelivered() {
  return Read<int64_t>([&](Database& db) -> Result<int64_t> {
    Result<Statement> stmt =
        db.Prepare("SELECT COUNT(*) FROM delivery_outbox WHERE state IN ('pending', 'sending')");
    if (!stmt.ok()) return stmt.status();
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    return stmt.value().Integer(0);
  });
}

Result<std::vector<OutboxRecord>> SqliteStorage::ListDeliveries(const OutboxFilter& filter) {
  return Read<std::vector<OutboxRecord>>([&](Database& db) -> Result<std::vector<OutboxRecord>> {
    Result<Statement> stmt =
        db.Prepare(std::string("SELECT ") + OutboxColumns("o.") +
                   " FROM delivery_outbox o LEFT JOIN handoffs h ON h.lead_id = o.lead_id "
                   "WHERE (?1 = '' OR h.site_key = ?1) AND (?2 = '' OR o.lead_id = ?2) AND "
                   "(?3 = '' OR o.state = ?3) ORDER BY o.delivery_id LIMIT ?4");
    if (!stmt.ok()) return stmt.status();
    stmt.value()
        .Bind(1, filter.site_key)
        .Bind(2, filter.lead_id)
        .Bind(3, filter.state)
        .Bind(4, static_cast<int64_t>(filter.limit));
    std::vector<OutboxRecord> list;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      list.push_back(ReadOutbox(stmt.value(), 0));
    }
    return list;
  });
}

Result<OutboxRecord> SqliteStorage::GetDelivery(int64_t delivery_id) {
  return Read<OutboxRecord>([&](Database& db) -> Result<OutboxRecord> {
    Result<Statement> stmt = db.Prepare(std::string("SELECT ") + OutboxColumns("o.") +
                                        " FROM delivery_outbox o WHERE o.delivery_id = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, delivery_id);
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::NotFound("no delivery with this id", "/delivery_id");
    return ReadOutbox(stmt.value(), 0);
  });
}

Result<std::vector<AttemptRecord>> SqliteStorage::ListAttempts(const std::string& lead_id) {
  return Read<std::vector<AttemptRecord>>([&](Database& db) -> Result<std::vector<AttemptRecord>> {
    Result<Statement> stmt = db.Prepare(
        "SELECT delivery_id, lead_id, destination_id, attempt, at_ms, status_code, latency_ms, "
        "error FROM delivery_attempts WHERE lead_id = ?1 ORDER BY seq");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, lead_id);
    std::vector<AttemptRecord> list;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) break;
      const Statement& s = stmt.value();
      AttemptRecord a;
      a.delivery_id = s.Integer(0);
      a.lead_id = s.Text(1);
      a.destination_id = s.Text(2);
      a.attempt = static_cast<int>(s.Integer(3));
      a.at_ms = s.Integer(4);
      a.status_code = static_cast<int>(s.Integer(5));
      a.latency_ms = s.Integer(6);
      a.error = s.Text(7);
      list.push_back(std::move(a));
    }
    return list;
  });
}

Status SqliteStorage::Redeliver(int64_t delivery_id, int64_t now_ms) {
  return Write([&](Database& db) -> Status {
    Result<Statement> stmt = db.Prepare(
        "UPDATE delivery_outbox SET state = 'pending', next_attempt_ms = ?2, horizon_start_ms = ?2 "
        "WHERE delivery_id = ?1 AND state = 'dead'");
    if (!stmt.ok()) return stmt.status();
    Status status = stmt.value().Bind(1, delivery_id).Bind(2, now_ms).Run();
    if (!status.ok()) return status;
    if (db.Changes() == 1) return Status::Ok();
    Result<Statement> exists =
        db.Prepare("SELECT state FROM delivery_outbox WHERE delivery_id = ?1");
    if (!exists.ok()) return exists.status();
    exists.value().Bind(1, delivery_id);
    Result<bool> row = exists.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::NotFound("no delivery with this id", "/delivery_id");
    return Status::Conflict(
        "only a dead letter can be redelivered; this delivery is " + exists.value().Text(0),
        "/delivery_id");
  });
}

Status SqliteStorage::Enqueue(const std::vector<OutboxRecord>& deliveries) {
  return Write([&](Database& db) -> Status { return InsertOutbox(db, deliveries); });
}

}  // namespace leadq
