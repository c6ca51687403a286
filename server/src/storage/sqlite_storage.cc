// Opening the SQLite storage, and its backup.
#include "storage/sqlite_storage.h"

#include "storage/migrations.h"

namespace leadq {
namespace {
// The log size that triggers a checkpoint: SQLite's own default of 1000 pages.
constexpr int kCheckpointPages = 1000;
}  // namespace

Result<std::unique_ptr<SqliteStorage>> SqliteStorage::Open(const std::string& path) {
  Result<std::unique_ptr<Database>> db = Database::Open(path, Database::Durability::kFull);
  if (!db.ok()) return db.status();
  Status migrated = Migrate(*db.value());
  if (!migrated.ok()) return migrated;
  Result<std::unique_ptr<SqliteCheckpointer>> checkpointer =
      SqliteCheckpointer::Start(path, kCheckpointPages);
  if (!checkpointer.ok()) return checkpointer.status();
  checkpointer.value()->Watch(*db.value());
  return std::unique_ptr<SqliteStorage>(
      new SqliteStorage(path, std::move(checkpointer).value(), std::move(db).value()));
}

std::vector<StorageFigure> SqliteStorage::Figures() const {
  return {{"write_transactions_total",
           "SQLite write transactions committed (answers are committed in groups).", true,
           writer_->commits()},
          {"full_scans_total", "SQLite statements that read a whole table instead of an index.",
           true, Database::FullScans()},
          {"checkpoints_total", "WAL checkpoints run by the checkpoint thread.", true,
           checkpointer_->checkpoints()}};
}

bool SqliteStorage::WritesFailing() const { return writer_->failing(); }

Status SqliteStorage::LimitPages(int64_t pages) {
  return Write([pages](Database& db) {
    return db.Exec("PRAGMA max_page_count = " + std::to_string(pages));
  });
}

Status SqliteStorage::Backup(const std::string& path) {
  // A read connection sees one consistent snapshot for the whole copy, and in WAL mode
  // the writer is never blocked by it.
  return Read<bool>([&](Database& db) -> Result<bool> {
           Status status = db.BackupTo(path);
           if (!status.ok()) return status;
           return true;
         })
      .status();
}

}  // namespace leadq
