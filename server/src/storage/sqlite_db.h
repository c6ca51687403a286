// A thin RAII layer over SQLite's C API: a connection and prepared statements with bound
// parameters. Result codes are translated into Status in exactly one place (Check).
#ifndef LEADQ_SERVER_STORAGE_SQLITE_DB_H_
#define LEADQ_SERVER_STORAGE_SQLITE_DB_H_

#include <cstdint>
#include <memory>
#include <string>

#include "leadq/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace leadq {

class Statement;

class Database {
 public:
  // Opens (creating if needed) the database file at `path` in WAL mode.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without parameters.
  Status Exec(const std::string& sql);
  // Prepares one statement; the Statement must not outlive this Database.
  Result<Statement> Prepare(const std::string& sql);
  // Internal on failure; `what` names the operation for the message.
  Status Check(int code, const char* what);
  int64_t Changes() const;
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

class Statement {
 public:
  Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, const std::string& text);
  Statement& Bind(int index, int64_t number);
  Statement& Bind(int index, double number);
  Statement& BindNull(int index);

  // Advances: true when a row is available, false when done; errors as Status.
  Result<bool> Step();
  // Runs a statement that returns no rows.
  Status Run();

  std::string Text(int column) const;
  int64_t Integer(int column) const;
  double Real(int column) const;
  bool IsNull(int column) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SQLITE_DB_H_
