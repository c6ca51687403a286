// SQLite connection and statement wrappers.
#include "storage/sqlite_db.h"

#include <sqlite3.h>

namespace leadq {

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
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
  sqlite3_busy_timeout(db, 10000);
  Status status =
      database->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  if (!status.ok()) return status;
  return database;
}

Database::~Database() { sqlite3_close(db_); }

Status Database::Check(int code, const char* what) {
  if (code == SQLITE_OK || code == SQLITE_DONE || code == SQLITE_ROW) return Status::Ok();
  return Status::Internal(std::string(what) + ": " + sqlite3_errmsg(db_) + " (" +
                          sqlite3_errstr(code) + ")");
}

Status Database::Exec(const std::string& sql) {
  return Check(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), "exec");
}

Result<Statement> Database::Prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  Status status = Check(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), "prepare");
  if (!status.ok()) return status;
  return Statement(this, stmt);
}

int64_t Database::Changes() const { return sqlite3_changes(db_); }

Statement::~Statement() { sqlite3_finalize(stmt_); }

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

}  // namespace leadq
