// SqliteCheckpointer: WAL checkpoints on a thread of their own.
//
// In WAL mode every commit appends pages to the log; a checkpoint copies them back into
// the database file so the log can start over. SQLite runs that copy (and its fsync of
// the database file) inside the commit that crosses the threshold, on the writer thread:
// the one serial part of the write path, so every answer queued behind that commit waits.
// The checkpointer turns automatic checkpoints off on the writer connection, watches its
// commits, and runs a PASSIVE checkpoint on its own connection when the log has grown
// past the threshold. PASSIVE never blocks the writer or readers; frames it cannot copy
// yet (a reader still needs them) are copied by the next run.
#ifndef LEADQ_SERVER_STORAGE_SQLITE_CHECKPOINTER_H_
#define LEADQ_SERVER_STORAGE_SQLITE_CHECKPOINTER_H_

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "storage/sqlite_db.h"

namespace leadq {

class SqliteCheckpointer {
 public:
  // Opens its own connection to `path` and starts the thread. `threshold_pages`: the log
  // size, in pages, that triggers a checkpoint.
  static Result<std::unique_ptr<SqliteCheckpointer>> Start(const std::string& path,
                                                           int threshold_pages);
  // Stops the thread after a last checkpoint.
  ~SqliteCheckpointer();
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

  // Takes over checkpointing of `writer`'s commits. The checkpointer must outlive the
  // connection, or `writer` must be closed first.
  void Watch(Database& writer);

  // Checkpoints run so far (for tests).
  int64_t checkpoints() const;

 private:
  SqliteCheckpointer(std::unique_ptr<Database> db, int threshold_pages);
  static int OnCommit(void* self, struct sqlite3* db, const char* name, int pages);
  void Run();

  std::unique_ptr<Database> db_;
  const int threshold_pages_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
  int64_t checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SQLITE_CHECKPOINTER_H_
