// The writer thread and its group commit.
#include "storage/sqlite_writer.h"

#include "platform/thread_name.h"

namespace leadq {

// One submitted job. Its waiter sleeps on its own mutex, so that finishing a batch of
// many jobs does not make all their threads fight over the queue's mutex at once.
struct SqliteWriter::Pending {
  Job job;
  Status status;
  std::mutex mutex;
  bool done = false;
  std::condition_variable finished;
};

namespace {
// Bounds a transaction's size so that one batch never holds the lock for long.
constexpr size_t kMaxBatch = 512;
}  // namespace

SqliteWriter::SqliteWriter(std::unique_ptr<Database> db) : db_(std::move(db)) {
  thread_ = std::thread([this] {
    NameThisThread("leadq-writer");
    Run();
  });
}

SqliteWriter::~SqliteWriter() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

Status SqliteWriter::Submit(Job job) {
  auto pending = std::make_shared<Pending>();
  pending->job = std::move(job);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return Status::Internal("the database is closing");
    queue_.push_back(pending);
  }
  wake_.notify_one();
  std::unique_lock<std::mutex> lock(pending->mutex);
  pending->finished.wait(lock, [&] { return pending->done; });
  return pending->status;
}

int64_t SqliteWriter::commits() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return commits_;
}

bool SqliteWriter::failing() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failing_;
}

void SqliteWriter::Run() {
  std::deque<std::shared_ptr<Pending>> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    {
      // A batch with any job that committed, or none that failed for the storage, says
      // the database can be written again.
      bool stored = false, unavailable = false;
      for (const auto& pending : batch) {
        stored = stored || pending->status.ok();
        unavailable = unavailable || pending->status.IsUnavailable();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      ++commits_;
      failing_ = unavailable && !stored;
    }
    for (auto& pending : batch) {
      {
        std::lock_guard<std::mutex> lock(pending->mutex);
        pending->done = true;
      }
      pending->finished.notify_one();
    }
    batch.clear();
  }
}

// Through the statement cache: these run for every batch and every job in it; parsing
// them each time shows.
Status SqliteWriter::Run(const char* sql) {
  Result<Statement> stmt = db_->Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  return stmt.value().Run();
}

void SqliteWriter::RunBatch(std::deque<std::shared_ptr<Pending>>& batch) {
  Status begin = Run("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    for (auto& pending : batch) pending->status = begin;
    return;
  }
  for (auto& pending : batch) {
    Status status = Run("SAVEPOINT job");
    if (status.ok()) status = pending->job(*db_);
    if (status.ok()) {
      status = Run("RELEASE job");
    } else {
      Run("ROLLBACK TO job");
      Run("RELEASE job");
    }
    pending->status = status;
  }
  Status commit = Run("COMMIT");
  if (!commit.ok()) {
    db_->Exec("ROLLBACK");
    // A full or failing database may have rolled the whole transaction back already (the
    // COMMIT then finds none): every job of the batch failed for the same reason.
    Status reason = commit;
    for (const auto& pending : batch) {
      if (pending->status.IsUnavailable()) reason = pending->status;
    }
    for (auto& pending : batch) {
      if (pending->status.ok()) pending->status = reason;
    }
  }
}

}  // namespace leadq
