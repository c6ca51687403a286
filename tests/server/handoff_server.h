// HandoffServer: the whole leadq server with handoffs — storage, services, HTTP on a
// loopback port, and the delivery worker — over a data folder and a fake clock that the
// test owns, so the server can be stopped and started again on the same SQLite file.
#ifndef LEADQ_TESTS_SERVER_HANDOFF_SERVER_H_
#define LEADQ_TESTS_SERVER_HANDOFF_SERVER_H_

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "app/application.h"
#include "test_server.h"

namespace leadq::testing {

using Json = nlohmann::json;

// Fast retries on the fake clock, short real timeouts, fixed jitter, quick re-decisions.
AppConfig TestHandoffConfig();

class HandoffServer {
 public:
  // `start_workers` false: deliveries and re-decisions wait in storage (a process that
  // stopped before it got to them).
  HandoffServer(const std::string& data_dir, FakeEnvironment& clock, AppConfig config,
                bool start_workers = true);
  ~HandoffServer();

  std::unique_ptr<httplib::Client> Client() const;
  Application& app() { return *app_; }
  SqliteStorage& storage() { return *storage_; }

  // Admin API calls; the parsed body (null when the body is not JSON) and the status.
  Json Admin(const std::string& method, const std::string& path, const Json& body = nullptr,
             int* status = nullptr);
  // Starts a demo-flow session and answers it; returns the session (= lead) id.
  std::string AnswerLead(const std::vector<std::pair<std::string, Json>>& answers,
                         const std::string& visitor_id = "");
  // The answers that qualify a lead with grade high in the demo flow.
  static std::vector<std::pair<std::string, Json>> HighLead();
  // Answers one more question of an existing session.
  int Answer(const std::string& session, const std::string& step, const Json& value);
  // Waits (bounded, 10 s) until the re-decisions new data queued have all been made by
  // the worker; false when some are still waiting.
  bool Settle();

 private:
  FakeEnvironment& clock_;
  Environment env_;
  std::unique_ptr<SqliteStorage> storage_;
  std::unique_ptr<Application> app_;
  httplib::Server server_;
  std::thread listener_;
  int port_ = 0;
};

// A fresh temp folder, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace leadq::testing

#endif  // LEADQ_TESTS_SERVER_HANDOFF_SERVER_H_
