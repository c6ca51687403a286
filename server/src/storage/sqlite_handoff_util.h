// Helpers shared by the SQLite handoff files: string-list columns, and the
// handoff/outbox write that an answer's (or a re-decision's) transaction includes.
#ifndef LEADQ_SERVER_STORAGE_SQLITE_HANDOFF_UTIL_H_
#define LEADQ_SERVER_STORAGE_SQLITE_HANDOFF_UTIL_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/handoff_records.h"
#include "storage/sqlite_db.h"

namespace leadq {

std::string DumpList(const std::vector<std::string>& list);
std::vector<std::string> ParseList(const std::string& text);

// Inside a transaction the caller opened: upserts the handoff (only ever to a newer
// generation) and inserts the outbox rows (a row whose idempotency key exists is left as
// it is, so a lead is queued once per destination, event and generation).
Status WriteHandoff(Database& db, const HandoffWrite& write);
// Inserts outbox rows only (same rule for existing keys).
Status InsertOutbox(Database& db, const std::vector<OutboxRecord>& rows);

// Column lists and readers, so every query returns records the same way.
extern const char* const kHandoffColumns;
HandoffRecord ReadHandoff(const Statement& row, int first_column);
// What planning the next handoff of `lead_id` needs, or nullopt when it was never
// handed over.
Result<std::optional<PriorHandoff>> FindHandoffState(Database& db, const std::string& lead_id);
// `alias` is the table alias with its dot ("o.") or "" (RETURNING takes bare names).
std::string OutboxColumns(const std::string& alias);
OutboxRecord ReadOutbox(const Statement& row, int first_column);

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SQLITE_HANDOFF_UTIL_H_
