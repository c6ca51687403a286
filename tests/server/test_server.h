// TestServer: the whole leadq server stack in-process — a real SQLite file in a fresh
// temp folder and a real HTTP server on a free loopback port — plus a client for it.
#ifndef LEADQ_TESTS_SERVER_TEST_SERVER_H_
#define LEADQ_TESTS_SERVER_TEST_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "app/application.h"
#include "app/demo_seed.h"
#include "demo_flows.h"
#include "fake_environment.h"
#include "http/http_server.h"
#include "storage/sqlite_storage.h"

namespace leadq::testing {

inline constexpr const char* kAdminKey = "test-admin-key-0123456789";

class TestServer {
 public:
  // Starts on a free port with the demo site and the flows in `flows_dir` published.
  // Rate limits are off unless `settings` sets them.
  explicit TestServer(const std::string& flows_dir, ApiSettings settings = NoLimits());
  static ApiSettings NoLimits() {
    ApiSettings settings;
    settings.per_ip = {0, 0};
    settings.per_site = {0, 0};
    return settings;
  }
  ~TestServer();

  // A new client for this server (one per thread).
  std::unique_ptr<httplib::Client> Client() const;
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& data_dir() const { return data_dir_; }
  SqliteStorage& storage() { return *storage_; }
  FakeEnvironment& clock() { return fake_; }
  Application& app() { return *app_; }

  // Stops the HTTP server and closes the database (idempotent).
  void Stop();

 private:
  std::string data_dir_;
  FakeEnvironment fake_;
  Environment env_;
  std::unique_ptr<SqliteStorage> storage_;
  std::unique_ptr<Application> app_;
  httplib::Server server_;
  std::thread listener_;
  int port_ = 0;
};

// The body of `res` as JSON (null, with a test failure, when there is none).
nlohmann::json Body(const httplib::Result& res);
httplib::Result PostJson(httplib::Client& client, const std::string& path,
                         const nlohmann::json& body, const httplib::Headers& headers = {});
httplib::Headers Bearer(const std::string& key);
// Creates an API key named `name` with `role` (as the admin); returns its secret.
std::string CreateApiKey(httplib::Client& client, const std::string& name, const std::string& role);
// Answers `step` of `session` (site demo-site).
httplib::Result Answer(httplib::Client& client, const std::string& session,
                       const std::string& answer_id, const std::string& step,
                       const nlohmann::json& value);
// Starts a bant-demo session for `visitor_id` ("" for a new visitor); returns its id.
std::string StartSession(httplib::Client& client, const std::string& visitor_id = "");
// Expects the documented error shape with `code` (and `path`, unless null).
void ExpectError(const httplib::Result& res, int status, const std::string& code,
                 const char* path = nullptr);

}  // namespace leadq::testing

#endif  // LEADQ_TESTS_SERVER_TEST_SERVER_H_
