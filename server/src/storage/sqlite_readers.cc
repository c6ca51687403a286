// The read connection pool.
#include "storage/sqlite_readers.h"

namespace leadq {

Result<SqliteReaders::Lease> SqliteReaders::Borrow() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Database> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  Result<std::unique_ptr<Database>> db = Database::Open(path_, Database::Durability::kNormal);
  if (!db.ok()) return db.status();
  // A read connection never writes: a bug that tries fails loudly instead of racing the
  // writer thread. A small page cache each: there is one connection per request thread,
  // and the operating system's file cache is shared by all of them anyway.
  Status status = db.value()->Exec("PRAGMA query_only=1; PRAGMA cache_size=-256");
  if (!status.ok()) return status;
  return Lease(this, std::move(db).value());
}

void SqliteReaders::Return(std::unique_ptr<Database> db) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(db));
}

}  // namespace leadq
