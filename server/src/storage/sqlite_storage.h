// SqliteStorage: the embedded default Storage, one SQLite file in WAL mode.
#ifndef LEADQ_SERVER_STORAGE_SQLITE_STORAGE_H_
#define LEADQ_SERVER_STORAGE_SQLITE_STORAGE_H_

#include <memory>
#include <mutex>
#include <string>

#include "storage/sqlite_db.h"
#include "storage/storage.h"

namespace leadq {

class SqliteStorage : public Storage {
 public:
  // Opens `path` and applies pending migrations.
  static Result<std::unique_ptr<SqliteStorage>> Open(const std::string& path);

  Status PutSite(const SiteRecord& site) override;
  Result<SiteRecord> GetSite(const std::string& site_key) override;
  Result<std::vector<SiteRecord>> ListSites() override;
  Result<FlowRecord> SaveFlowVersion(FlowRecord flow, bool publish) override;
  Result<FlowRecord> GetPublishedFlow(const std::string& site_key,
                                      const std::string& flow_id) override;
  Result<FlowRecord> GetFlowVersion(const std::string& site_key, const std::string& flow_id,
                                    int version) override;
  Status CreateSession(const SessionRecord& session) override;
  Result<SessionRecord> GetSession(const std::string& session_id) override;
  Result<bool> AppendAnswer(const AnswerRecord& answer) override;
  Result<std::vector<AnswerRecord>> ListAnswers(const std::string& session_id) override;
  Status SaveOutcome(const std::string& session_id, const Json& outcome, bool done,
                     const Json& fields, int64_t now_ms) override;
  Result<Json> GetVisitorFields(const std::string& site_key,
                                const std::string& visitor_id) override;

 private:
  explicit SqliteStorage(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  // Runs `body` inside BEGIN IMMEDIATE … COMMIT, rolling back on failure.
  template <typename Body>
  Status InTransaction(Body body);

  std::mutex mutex_;  // one connection, one statement at a time
  std::unique_ptr<Database> db_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_SQLITE_STORAGE_H_
