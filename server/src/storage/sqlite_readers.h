// SqliteReaders: a pool of read connections. In WAL mode readers never wait for the
// writer, so each request thread borrows its own connection for its reads; the pool grows
// to the number of threads that read at once and keeps the connections (and their cached
// statements) for reuse.
#ifndef LEADQ_SERVER_STORAGE_SQLITE_READERS_H_
#define LEADQ_SERVER_STORAGE_SQLITE_READERS_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sqlite_db.h"

namespace leadq {

class SqliteReaders {
 public:
  explicit SqliteReaders(std::string path) : path_(std::move(path)) {}

  // A borrowed connection, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(SqliteReaders* pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (db_) pool_->Return(std::move(db_));
    }
    Database& operator*() { return *db_; }
    Database* operator->() { return db_.get(); }

   private:
    SqliteReaders* pool_;
    std::unique_ptr<Database> db_;
  };

  // A free connection, or a new one; Internal when the file cannot be opened.
  Result<Lease> Borrow();

 private:
  void Return(std::unique_ptr<Database> db);

  const std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Database>> idle_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SQLITE_READERS_H_
