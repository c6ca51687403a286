// The checkpoint thread.
#include "storage/sqlite_checkpointer.h"

#include <sqlite3.h>

#include "platform/thread_name.h"

namespace leadq {

Result<std::unique_ptr<SqliteCheckpointer>> SqliteCheckpointer::Start(const std::string& path,
                                                                      int threshold_pages) {
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  if (!db.ok()) return db.status();
  return std::unique_ptr<SqliteCheckpointer>(
      new SqliteCheckpointer(std::move(db).value(), threshold_pages));
}

SqliteCheckpointer::SqliteCheckpointer(std::unique_ptr<Database> db, int threshold_pages)
    : db_(std::move(db)), threshold_pages_(threshold_pages) {
  thread_ = std::thread([this] {
    NameThisThread("leadq-checkpt");
    Run();
  });
}

SqliteCheckpointer::~SqliteCheckpointer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void SqliteCheckpointer::Watch(Database& writer) {
  // Under steady load the log restarts only at moments when no reader still uses it, so
  // it can grow past the threshold for a while; when it restarts it is cut back to 4 MB.
  writer.Exec("PRAGMA journal_size_limit = 4194304");
  sqlite3_wal_autocheckpoint(writer.handle(), 0);
  sqlite3_wal_hook(writer.handle(), &SqliteCheckpointer::OnCommit, this);
}

int64_t SqliteCheckpointer::checkpoints() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return checkpoints_;
}

// Called by SQLite on the writer thread after each commit, with the log's size in pages.
int SqliteCheckpointer::OnCommit(void* self, sqlite3*, const char*, int pages) {
  auto* checkpointer = static_cast<SqliteCheckpointer*>(self);
  if (pages < checkpointer->threshold_pages_) return SQLITE_OK;
  {
    std::lock_guard<std::mutex> lock(checkpointer->mutex_);
    if (checkpointer->due_) return SQLITE_OK;
    checkpointer->due_ = true;
  }
  checkpointer->wake_.notify_one();
  return SQLITE_OK;
}

void SqliteCheckpointer::Run() {
  for (;;) {
    bool stopping = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || due_; });
      stopping = stopping_;
      due_ = false;
    }
    // A busy database (a backup holding a lock) only postpones the copy to the next run.
    sqlite3_wal_checkpoint_v2(db_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++checkpoints_;
    }
    if (stopping) return;
  }
}

}  // namespace leadq
