// Numbered schema migrations, applied in order at start and by `leadq migrate`.
#ifndef LEADQ_SERVER_STORAGE_MIGRATIONS_H_
#define LEADQ_SERVER_STORAGE_MIGRATIONS_H_

#include "storage/sqlite_db.h"

namespace leadq {

// The schema version this build writes.
int LatestSchemaVersion();

// Brings `db` from its PRAGMA user_version to LatestSchemaVersion(), each migration in
// its own transaction. Refuses a database newer than this build.
Status Migrate(Database& db);

// Migrates only up to `target` (tests build databases of older versions with it).
Status MigrateTo(Database& db, int target);

// The database's PRAGMA user_version.
Result<int> SchemaVersion(Database& db);

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_MIGRATIONS_H_
