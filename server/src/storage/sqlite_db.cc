// SQLite connection and statement wrappers.
#include "storage/sqlite_db.h"

#include <iostream>

#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <set>

namespace leadq {
namespace {

// Once per process, before SQLite's first use:
// - no memory statistics. With them on, every sqlite3_malloc and free takes one global
//   mutex, which 64 request threads then queue on (perf showed futex waits under
//   sqlite3Malloc on every statement bind). leadq does not read those statistics.
// - each connection's first 64 cache pages in one block that it reuses (SQLite's default
//   block holds 20). Every commit empties the read connections' caches, so each read
//   after it fetches its pages again; beyond the block each page is a malloc and a free
//   of ~1.2 KB, a size for which glibc first consolidates its small free chunks. In the
//   answer benchmark 64 pages gave 12-20% more answers/s; 256 gained nothing more and
//   cost 12 MB of RSS over the request threads' connections.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Both refused (harmless) if SQLite was already initialised.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 64);
    sqlite3_initialize();
  });
}

std::atomic<int64_t> full_scans{0};
std::atomic<int64_t> heaviest_steps{0};
std::mutex statement_stats_mutex;  // guards the two below
std::set<std::string>& FullScanTexts() {
  static std::set<std::string> texts;
  return texts;
}
std::string& HeaviestText() {
  static std::string text;
  return text;
}

// Notes what a statement did since its last reset: a whole-table scan, or more work than
// any statement before it. Both are rare once warm, so the mutex is too.
void NoteStatementRun(sqlite3_stmt* stmt) {
  const int scans = sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
  const int64_t steps = sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_VM_STEP, 1);
  if (scans == 0 && steps <= heaviest_steps.load(std::memory_order_relaxed)) return;
  std::lock_guard<std::mutex> lock(statement_stats_mutex);
  if (scans > 0) {
    full_scans.fetch_add(1, std::memory_order_relaxed);
    if (FullScanTexts().size() < 100) FullScanTexts().insert(sqlite3_sql(stmt));
  }
  if (steps > heaviest_steps.load(std::memory_order_relaxed)) {
    heaviest_steps.store(steps, std::memory_order_relaxed);
    HeaviestText() = sqlite3_sql(stmt);
  }
}

}  // namespace

int64_t Database::FullScans() { return full_scans.load(std::memory_order_relaxed); }

std::vector<std::string> Database::FullScanStatements() {
  std::lock_guard<std::mutex> lock(statement_stats_mutex);
  return {FullScanTexts().begin(), FullScanTexts().end()};
}

Database::HeaviestStatement Database::Heaviest() {
  std::lock_guard<std::mutex> lock(statement_stats_mutex);
  return {heaviest_steps.load(std::memory_order_relaxed), HeaviestText()};
}

void Database::ResetHeaviestStatement() {
  std::lock_guard<std::mutex> lock(statement_stats_mutex);
  heaviest_steps.store(0, std::memory_order_relaxed);
  HeaviestText().clear();
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, Durability durability) {
  ConfigureSqliteOnce();
  sqlite3* db = nullptr;
  const int code = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    std::string message = "cannot open database " + path + ": " +
                          (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
    sqlite3_close(db);
    return Status::Internal(message);
  }
  std::unique_ptr<Database> database(new Database(db));
  // Only the writer thread writes, so waiting is rare: a checkpoint or a backup.
  sqlite3_busy_timeout(db, 10000);
  // A new database gets 1 KiB pages (SQLite's default is 4 KiB). Rows are small (a
  // session, a lead, an answer: a few hundred bytes) and an answer updates several of
  // them at random places in their tables, so each commit writes one page per row to the
  // WAL: 1 KiB pages cut the bytes written per answer from ~50 KB to ~7 KB. The pragma
  // has no effect on an existing database.
  Status status = database->Exec(std::string("PRAGMA page_size=1024; PRAGMA journal_mode=WAL; "
                                             "PRAGMA foreign_keys=ON; PRAGMA synchronous=") +
                                 (durability == Durability::kFull ? "FULL;" : "NORMAL;"));
  if (!status.ok()) return status;
  return database;
}

Database::~Database() {
  for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.stmt);
  sqlite3_close(db_);
}

Status Database::Check(int code, const char* what) {
  if (code == SQLITE_OK || code == SQLITE_DONE || code == SQLITE_ROW) return Status::Ok();
  const int primary = code & 0xff;
  if (primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) {
    // The storage, not the request: the client may retry later, and SQLite's words (which
    // name files and operations) stay in the server's log.
    std::cerr << "leadq: database " << what << ": " << sqlite3_errmsg(db_) << " ("
              << sqlite3_errstr(code) << ")\n";
    return Status::Unavailable(primary == SQLITE_FULL
                                   ? "the database is full: nothing was stored; retry later"
                                   : "the database cannot be written now: nothing was stored; "
                                     "retry later");
  }
  return Status::Internal(std::string(what) + ": " + sqlite3_errmsg(db_) + " (" +
                          sqlite3_errstr(code) + ")");
}

Status Database::Exec(const std::string& sql) {
  return Check(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), "exec");
}

Result<Statement> Database::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Statement(this, it->second.stmt, &it->second);
  }
  sqlite3_stmt* stmt = nullptr;
  Status status = Check(
      sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr), "prepare");
  if (!status.ok()) return status;
  if (it != cache_.end()) return Statement(this, stmt, nullptr);  // nested use: not cached
  auto text = std::make_unique<const std::string>(sql);
  const std::string_view key = *text;
  CacheEntry& entry = cache_[key];
  entry = CacheEntry{std::move(text), stmt, true};
  return Statement(this, stmt, &entry);
}

void Database::Return(CacheEntry* entry, sqlite3_stmt* stmt) {
  NoteStatementRun(stmt);
  if (entry == nullptr) {
    sqlite3_finalize(stmt);
    return;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  entry->in_use = false;
}

int64_t Database::Changes() const { return sqlite3_changes(db_); }
int64_t Database::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

Status Database::BackupTo(const std::string& path) {
  sqlite3* target = nullptr;
  int code =
      sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (code != SQLITE_OK) {
    std::string message = "cannot create " + path + ": " + sqlite3_errstr(code);
    sqlite3_close(target);
    return Status::Internal(message);
  }
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", db_, "main");
  if (backup == nullptr) {
    std::string message = std::string("backup failed: ") + sqlite3_errmsg(target);
    sqlite3_close(target);
    return Status::Internal(message);
  }
  // Small steps so that the writer is never blocked for long.
  do {
    code = sqlite3_backup_step(backup, 256);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) sqlite3_sleep(5);
  } while (code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  const int final_code = sqlite3_errcode(target);
  sqlite3_close(target);
  if (code != SQLITE_DONE) {
    return Status::Internal(std::string("backup failed: ") + sqlite3_errstr(code));
  }
  return final_code == SQLITE_OK
             ? Status::Ok()
             : Status::Internal(std::string("backup failed: ") + sqlite3_errstr(final_code));
}

Statement::~Statement() {
  if (stmt_ != nullptr) db_->Return(entry_, stmt_);
}

Statement& Statement::Bind(int index, const std::string& text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int index, int64_t number) {
  sqlite3_bind_int64(stmt_, index, number);
  return *this;
}

Statement& Statement::Bind(int index, double number) {
  sqlite3_bind_double(stmt_, index, number);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::Step() {
  const int code = sqlite3_step(stmt_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return db_->Check(code, "step");
}

Status Statement::Run() {
  Result<bool> row = Step();
  return row.status();
}

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(stmt_, column));
}

int64_t Statement::Integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::Real(int column) const { return sqlite3_column_double(stmt_, column); }
bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

bool Statement::IsInteger(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_INTEGER;
}

}  // namespace leadq
