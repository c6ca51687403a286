// The in-process test server.
#include "test_server.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "http/listen_socket.h"

namespace leadq::testing {

nlohmann::json Body(const httplib::Result& res) {
  EXPECT_TRUE(res) << "request failed: " << httplib::to_string(res.error());
  if (!res) return nlohmann::json();
  nlohmann::json body = nlohmann::json::parse(res->body, nullptr, false);
  EXPECT_FALSE(body.is_discarded()) << res->body;
  return body.is_discarded() ? nlohmann::json() : body;
}

httplib::Result PostJson(httplib::Client& client, const std::string& path,
                         const nlohmann::json& body, const httplib::Headers& headers) {
  return client.Post(path.c_str(), headers, body.dump(), "application/json");
}

httplib::Headers Bearer(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }

httplib::Result Answer(httplib::Client& client, const std::string& session,
                       const std::string& answer_id, const std::string& step,
                       const nlohmann::json& value) {
  return PostJson(
      client, "/api/v1/sessions/" + session + "/answers",
      {{"site", "demo-site"}, {"answer_id", answer_id}, {"step", step}, {"value", value}});
}

std::string CreateApiKey(httplib::Client& client, const std::string& name,
                         const std::string& role) {
  auto res =
      PostJson(client, "/api/v1/admin/keys", {{"name", name}, {"role", role}}, Bearer(kAdminKey));
  EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
  nlohmann::json body = Body(res);
  return body.is_object() && body["key"].is_string() ? body["key"].get<std::string>() : "";
}

std::string StartSession(httplib::Client& client, const std::string& visitor_id) {
  nlohmann::json body{{"site", "demo-site"}, {"flow", "bant-demo"}};
  if (!visitor_id.empty()) body["visitor_id"] = visitor_id;
  auto res = PostJson(client, "/api/v1/sessions", body);
  EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
  nlohmann::json parsed = Body(res);
  return parsed.is_object() && parsed["session_id"].is_string()
             ? parsed["session_id"].get<std::string>()
             : std::string();
}

void ExpectError(const httplib::Result& res, int status, const std::string& code,
                 const char* path) {
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, status) << res->body;
  nlohmann::json body = nlohmann::json::parse(res->body, nullptr, false);
  ASSERT_TRUE(body.is_object() && body["error"].is_object()) << res->body;
  EXPECT_EQ(body["error"]["code"], code) << res->body;
  EXPECT_TRUE(body["error"]["message"].is_string()) << res->body;
  EXPECT_TRUE(body["error"]["path"].is_string()) << res->body;
  if (path != nullptr) {
    EXPECT_EQ(body["error"]["path"], path) << res->body;
  }
}

TestServer::TestServer(const std::string& flows_dir, ApiSettings settings) {
  char pattern[] = "/tmp/leadq-test-XXXXXX";
  data_dir_ = mkdtemp(pattern);
  env_ = fake_.Make();
  auto storage = SqliteStorage::Open(data_dir_ + "/leadq.db");
  EXPECT_TRUE(storage.ok()) << storage.status().message();
  storage_ = std::move(storage).value();
  // The workers (deliveries, re-decisions) are not started: the handoff tests run their
  // own (handoff_server.h), and a test that wants queued re-decisions made drains the
  // queue itself (app().requalification.Drain()).
  AppConfig config;
  config.admin_key = kAdminKey;
  config.api = std::move(settings);
  app_ = std::make_unique<Application>(*storage_, env_, std::move(config));
  HttpOptions options;
  options.threads = 8;
  // The console's and the demo's files, as `leadq serve --web-root` serves them.
  options.web_root = std::string(LEADQ_SOURCE_DIR) + "/web";
  ConfigureHttpServer(server_, app_->api, options);
  port_ = BindListeningSocket(server_, "127.0.0.1", 0);
  EXPECT_GT(port_, 0);
  Status seeded = SeedDemo(*storage_, app_->flows, {origin()}, flows_dir);
  EXPECT_TRUE(seeded.ok()) << seeded.message();
  listener_ = std::thread([this] { server_.listen_after_bind(); });
  for (int i = 0; i < 1000 && !server_.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

TestServer::~TestServer() {
  Stop();
  std::error_code ignored;
  std::filesystem::remove_all(data_dir_, ignored);
}

void TestServer::Stop() {
  if (listener_.joinable()) {
    server_.stop();
    listener_.join();
  }
}

std::unique_ptr<httplib::Client> TestServer::Client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(10, 0);
  return client;
}

}  // namespace leadq::testing
