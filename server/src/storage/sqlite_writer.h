// SqliteWriter: the single writer of a SQLite database, with group commit.
//
// SQLite allows one writer at a time. Rather than let many request threads race for the
// write lock (and fail with SQLITE_BUSY, or queue on a busy timeout), every write is a
// job handed to one thread. That thread takes all jobs waiting, runs them in ONE
// transaction — each inside its own savepoint, so a failing job undoes only itself — and
// commits once: one WAL sync for the whole batch. Submit() returns only after the commit,
// so a caller that gets Ok knows its write is durable.
#ifndef LEADQ_SERVER_STORAGE_SQLITE_WRITER_H_
#define LEADQ_SERVER_STORAGE_SQLITE_WRITER_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "storage/sqlite_db.h"

namespace leadq {

class SqliteWriter {
 public:
  // A write: runs on the writer thread inside a transaction. A non-ok Status rolls back
  // this job's changes only.
  using Job = std::function<Status(Database& db)>;

  explicit SqliteWriter(std::unique_ptr<Database> db);
  // Finishes the jobs already submitted, then stops the thread.
  ~SqliteWriter();
  SqliteWriter(const SqliteWriter&) = delete;
  SqliteWriter& operator=(const SqliteWriter&) = delete;

  // Runs `job` and waits until its transaction is committed (or failed).
  Status Submit(Job job);

  // Batches committed so far (for /metrics and tests).
  int64_t commits() const;
  // Whether the last batch failed because the database could not be written (full, or
  // I/O errors): Unavailable until a batch commits again.
  bool failing() const;

 private:
  struct Pending;
  void Run();
  void RunBatch(std::deque<std::shared_ptr<Pending>>& batch);
  Status Run(const char* sql);

  std::unique_ptr<Database> db_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Pending>> queue_;
  bool stopping_ = false;
  int64_t commits_ = 0;
  bool failing_ = false;
  std::thread thread_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SQLITE_WRITER_H_
