// The WAL-buffering VFS of the writer connection: what it writes is what SQLite meant to
// write, every commit is visible to other connections as soon as it returns, and the
// database reads back whole after the process lets go of it.
#include "storage/sqlite_wal_buffer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "storage/sqlite_db.h"

namespace leadq {
namespace {

class WalBufferTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("leadq-wal-buffer-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "test.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A reader as the server has them: the system's own VFS, synchronous=NORMAL.
  std::unique_ptr<Database> Reader() {
    auto db = Database::Open(path_, Database::Durability::kNormal);
    EXPECT_TRUE(db.ok()) << db.status().message();
    return std::move(db).value();
  }

  static int64_t Count(Database& db, const std::string& sql) {
    auto stmt = db.Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << stmt.status().message();
    auto row = stmt.value().Step();
    EXPECT_TRUE(row.ok() && row.value());
    return stmt.value().Integer(0);
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(WalBufferTest, IsRegisteredBesideTheDefaultVfs) {
  const char* name = WalBufferVfs();
  ASSERT_NE(name, nullptr);
  EXPECT_NE(sqlite3_vfs_find(name), nullptr);
  EXPECT_NE(sqlite3_vfs_find(nullptr), sqlite3_vfs_find(name)) << "must not become the default";
}

TEST_F(WalBufferTest, EveryCommitIsVisibleToAnotherConnectionAtOnce) {
  auto writer = Database::Open(path_, Database::Durability::kFull);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer.value()->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").ok());
  auto reader = Reader();
  for (int i = 1; i <= 300; ++i) {
    auto insert = writer.value()->Prepare("INSERT INTO t (v) VALUES (?1)");
    ASSERT_TRUE(insert.ok());
    ASSERT_TRUE(insert.value().Bind(1, std::string(40 + i % 700, 'x')).Run().ok());
    ASSERT_EQ(Count(*reader, "SELECT COUNT(*) FROM t"), i);
  }
}

// Transactions larger than one write call of the system's VFS can take (128 KiB), and
// larger than the page cache, so that SQLite writes frames before the commit and reads
// some of them back.
TEST_F(WalBufferTest, LargeTransactionsCommitWhole) {
  auto writer = Database::Open(path_, Database::Durability::kFull);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer.value()->Exec("PRAGMA cache_size = 50").ok());
  ASSERT_TRUE(writer.value()->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)").ok());
  for (int round = 1; round <= 3; ++round) {
    Status status = writer.value()->Exec(
        "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000) "
        "INSERT INTO t (v) SELECT randomblob(700) FROM n; "
        "UPDATE t SET v = randomblob(300) WHERE id % 7 = 0; COMMIT");
    ASSERT_TRUE(status.ok()) << status.message();
    auto reader = Reader();
    EXPECT_EQ(Count(*reader, "SELECT COUNT(*) FROM t"), 4000 * round);
  }
  auto reader = Reader();
  auto check = reader->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok());
  ASSERT_TRUE(check.value().Step().ok());
  EXPECT_EQ(check.value().Text(0), "ok");
}

TEST_F(WalBufferTest, ARolledBackTransactionLeavesNothing) {
  auto writer = Database::Open(path_, Database::Durability::kFull);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer.value()->Exec("PRAGMA cache_size = 20").ok());
  ASSERT_TRUE(writer.value()->Exec("CREATE TABLE t (v BLOB)").ok());
  ASSERT_TRUE(writer.value()->Exec("INSERT INTO t VALUES (randomblob(10))").ok());
  // Spills frames to the WAL (small cache), then rolls back.
  ASSERT_TRUE(writer.value()
                  ->Exec("BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                         "WHERE i < 2000) INSERT INTO t SELECT randomblob(900) FROM n; ROLLBACK")
                  .ok());
  ASSERT_TRUE(writer.value()->Exec("INSERT INTO t VALUES (randomblob(10))").ok());
  auto reader = Reader();
  EXPECT_EQ(Count(*reader, "SELECT COUNT(*) FROM t"), 2);
}

// The WAL as written is one SQLite recovers: with no checkpoint and every connection
// closed, a new connection replays it from the file.
TEST_F(WalBufferTest, TheWalIsRecoveredFromTheFileAlone) {
  {
    auto writer = Database::Open(path_, Database::Durability::kFull);
    ASSERT_TRUE(writer.ok());
    sqlite3_wal_autocheckpoint(writer.value()->handle(), 0);
    // Keep the WAL after close (no final checkpoint): the next open must recover it.
    int persist = 1;
    sqlite3_file_control(writer.value()->handle(), "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    ASSERT_TRUE(writer.value()->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)").ok());
    for (int i = 0; i < 200; ++i) {
      ASSERT_TRUE(writer.value()->Exec("INSERT INTO t (v) VALUES (randomblob(500))").ok());
    }
    sqlite3_db_config(writer.value()->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  }
  ASSERT_GT(std::filesystem::file_size(path_ + "-wal"), 200u * 500u);
  auto reader = Reader();
  EXPECT_EQ(Count(*reader, "SELECT COUNT(*) FROM t"), 200);
}

}  // namespace
}  // namespace leadq
