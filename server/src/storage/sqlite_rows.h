// Helpers shared by the SQLite storage files: JSON columns and common row readers.
#ifndef LEADQ_SERVER_STORAGE_SQLITE_ROWS_H_
#define LEADQ_SERVER_STORAGE_SQLITE_ROWS_H_

#include <string>

#include "storage/lead_records.h"
#include "storage/sqlite_db.h"
#include "storage/visitor_records.h"

namespace leadq {

// A stored JSON column; `fallback` when it does not parse (it always should).
Json ParseStored(const std::string& text, Json fallback);
// JSON for a column; invalid UTF-8 is replaced rather than failing.
std::string Dump(const Json& value);
// Runs a statement that returns no rows after `prepare` succeeded.
Status RunPrepared(Result<Statement>& stmt);

// What re-qualification asks of a profile inside a write: its revision, whether the
// visitor has sessions besides `session_id` (or visitors merged into it), and the
// canonical id.
struct ProfileState {
  std::string visitor_id;
  int64_t revision = 0;
  bool other_sessions = false;
};
// The state of the profile `visitor_id` resolves to, as `db` sees it (inside a write
// transaction: as that transaction left it).
Result<ProfileState> ReadProfileState(Database& db, const std::string& site_key,
                                      const std::string& visitor_id, const std::string& session_id);

// Queues a re-decision task in `db`'s transaction (requalification_store.h): a task
// equal to one that waits bumps its version.
Status QueueRequalification(Database& db, const std::string& site_key,
                            const std::string& visitor_id, bool whole_visitor,
                            const std::string& session_id, int64_t due_ms);

// Records in `db`'s transaction that the lead row of `lead.session_id`, as stored now,
// changes its triage or grade to `lead`'s (a LeadChange with `cause`); nothing when it
// keeps them, or when there is no row yet (a lead's first outcome is no change).
Status RecordLeadChange(Database& db, const LeadRecord& lead, const std::string& cause);

// The id `visitor_id` resolves to after e-mail merges; the id itself when unknown.
Result<std::string> CanonicalVisitor(Database& db, const std::string& site_key,
                                     const std::string& visitor_id);

// The profile `visitor_id` resolves to; an empty profile for an unknown visitor.
Result<VisitorProfile> ReadVisitorProfile(Database& db, const std::string& site_key,
                                          const std::string& visitor_id);

// Merges visitor `from` into `into` (both canonical): fields (from's values win, being
// newer), signals (counts added), and every visitor pointing at `from` now points at
// `into`.
Status MergeVisitors(Database& db, const std::string& site_key, const std::string& from,
                     const std::string& into, int64_t now_ms);

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SQLITE_ROWS_H_
