// A thin RAII layer over SQLite's C API: a connection and prepared statements with bound
// parameters. Result codes are translated into Status in exactly one place (Check).
//
// Prepared statements are cached per connection: preparing costs more than running the
// small statements leadq uses, and a connection is only ever used by one thread at a time.
#ifndef LEADQ_SERVER_STORAGE_SQLITE_DB_H_
#define LEADQ_SERVER_STORAGE_SQLITE_DB_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "leadq/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace leadq {

class Statement;

class Database {
 public:
  enum class Durability { kFull, kNormal };
  // Opens (creating if needed) the database file at `path` in WAL mode. kFull syncs the
  // WAL on every commit: a committed transaction survives a power cut.
  static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                Durability durability = Durability::kFull);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without parameters.
  Status Exec(const std::string& sql);
  // A prepared statement for `sql`, from the cache when it is not in use. The Statement
  // must not outlive this Database. A view, so that the SQL literals of every request
  // are looked up without being copied into a string first.
  Result<Statement> Prepare(std::string_view sql);
  // Internal on failure; `what` names the operation for the message.
  Status Check(int code, const char* what);
  int64_t Changes() const;
  int64_t LastInsertId() const;
  // Copies the whole database into a new file at `path` with SQLite's online backup API
  // (readers and the writer keep working meanwhile).
  Status BackupTo(const std::string& path);
  sqlite3* handle() const { return db_; }

  // Statements that stepped through a whole table (SQLite's FULLSCAN_STEP), counted
  // process-wide when a statement is reset. On the paths leadq runs per request every
  // lookup should use an index: a scan there costs time in proportion to the table.
  static int64_t FullScans();
  // The distinct SQL texts that scanned (the first 100).
  static std::vector<std::string> FullScanStatements();

  // The most work one run of a statement took (SQLite's virtual machine steps, which
  // grow with the rows a statement walks, by index or not), and its SQL, since the last
  // ResetHeaviestStatement: for tests that a lookup stays small on large tables.
  struct HeaviestStatement {
    int64_t steps = 0;
    std::string sql;
  };
  static HeaviestStatement Heaviest();
  static void ResetHeaviestStatement();

 private:
  friend class Statement;
  struct CacheEntry {
    std::unique_ptr<const std::string> sql;  // the key's text: a stable address
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  explicit Database(sqlite3* db) : db_(db) {}
  void Return(CacheEntry* entry, sqlite3_stmt* stmt);

  sqlite3* db_;
  // Keyed by views of the entries' own texts. A Statement keeps its entry's address
  // (stable in an unordered_map), so returning it needs no second lookup.
  std::unordered_map<std::string_view, CacheEntry> cache_;
};

class Statement {
 public:
  // `entry` is the cache entry when the statement came from the cache, else null.
  Statement(Database* db, sqlite3_stmt* stmt, Database::CacheEntry* entry)
      : db_(db), stmt_(stmt), entry_(entry) {}
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_), entry_(other.entry_) {
    other.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, const std::string& text);
  Statement& Bind(int index, int64_t number);
  Statement& Bind(int index, int number) { return Bind(index, static_cast<int64_t>(number)); }
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
  bool IsInteger(int column) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_;
  Database::CacheEntry* entry_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SQLITE_DB_H_
