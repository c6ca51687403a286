// The restartable handoff test server.
#include "handoff_server.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

namespace leadq::testing {

AppConfig TestHandoffConfig() {
  AppConfig config;
  config.admin_key = kAdminKey;
  config.api = TestServer::NoLimits();
  config.handoff.inbox_base_url = "https://leads.example.test";
  config.delivery.threads = 2;
  config.delivery.idle_poll_ms = 10;
  config.delivery.retry.base_delay_ms = 1000;
  config.delivery.retry.max_delay_ms = 8000;
  config.delivery.retry.horizon_ms = 3600 * 1000;
  config.requalification_poll_ms = 10;
  config.timeouts.connect_ms = 500;
  config.timeouts.read_ms = 300;
  config.random_unit = [] { return 0.5; };
  return config;
}

TempDir::TempDir() {
  char pattern[] = "/tmp/leadq-handoff-XXXXXX";
  path_ = mkdtemp(pattern);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

HandoffServer::HandoffServer(const std::string& data_dir, FakeEnvironment& clock, AppConfig config,
                             bool start_workers)
    : clock_(clock) {
  env_ = clock.Make();
  auto storage = SqliteStorage::Open(data_dir + "/leadq.db");
  EXPECT_TRUE(storage.ok()) << storage.status().message();
  storage_ = std::move(storage).value();
  app_ = std::make_unique<Application>(*storage_, env_, std::move(config));
  HttpOptions options;
  options.threads = 4;
  ConfigureHttpServer(server_, app_->api, options);
  port_ = server_.bind_to_any_port("127.0.0.1");
  EXPECT_GT(port_, 0);
  Status seeded = SeedDemo(*storage_, app_->flows, {}, DemoFlowsDir());
  EXPECT_TRUE(seeded.ok()) << seeded.message();
  if (start_workers) {
    Status started = app_->Start();
    EXPECT_TRUE(started.ok()) << started.message();
  }
  listener_ = std::thread([this] { server_.listen_after_bind(); });
  for (int i = 0; i < 1000 && !server_.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

HandoffServer::~HandoffServer() {
  server_.stop();
  if (listener_.joinable()) listener_.join();
  app_->Stop();
}

std::unique_ptr<httplib::Client> HandoffServer::Client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(10, 0);
  return client;
}

Json HandoffServer::Admin(const std::string& method, const std::string& path, const Json& body,
                          int* status) {
  auto client = Client();
  httplib::Headers headers = {{"Authorization", std::string("Bearer ") + kAdminKey}};
  httplib::Result res =
      method == "GET"    ? client->Get(path.c_str(), headers)
      : method == "POST" ? client->Post(path.c_str(), headers, body.dump(), "application/json")
      : method == "PUT"  ? client->Put(path.c_str(), headers, body.dump(), "application/json")
                         : client->Delete(path.c_str(), headers);
  EXPECT_TRUE(res) << method << " " << path;
  if (!res) return Json();
  if (status != nullptr) *status = res->status;
  Json parsed = Json::parse(res->body, nullptr, false);
  return parsed.is_discarded() ? Json() : parsed;
}

std::vector<std::pair<std::string, Json>> HandoffServer::HighLead() {
  return {{"budget", "over_50k"},
          {"authority", "decision_maker"},
          {"need", "losing_leads"},
          {"timing", "within_2_weeks"},
          {"email", "ann@example.com"}};
}

std::string HandoffServer::AnswerLead(const std::vector<std::pair<std::string, Json>>& answers,
                                      const std::string& visitor_id) {
  auto client = Client();
  Json start{{"site", "demo-site"}, {"flow", "bant-demo"}};
  if (!visitor_id.empty()) start["visitor_id"] = visitor_id;
  auto res = client->Post("/api/v1/sessions", start.dump(), "application/json");
  EXPECT_TRUE(res && res->status == 200);
  if (!res) return std::string();
  Json body = Json::parse(res->body, nullptr, false);
  const std::string session = body["session_id"].get<std::string>();
  for (const auto& [step, value] : answers) EXPECT_EQ(Answer(session, step, value), 200);
  return session;
}

int HandoffServer::Answer(const std::string& session, const std::string& step, const Json& value) {
  auto client = Client();
  const std::string answer_id = "answer-" + std::to_string(++clock_.next_id);
  Json body{{"site", "demo-site"}, {"answer_id", answer_id}, {"step", step}, {"value", value}};
  auto res = client->Post(("/api/v1/sessions/" + session + "/answers").c_str(), body.dump(),
                          "application/json");
  EXPECT_TRUE(res);
  return res ? res->status : 0;
}

bool HandoffServer::Settle() {
  for (int i = 0; i < 1000; ++i) {
    Result<int64_t> waiting = storage_->CountRequalifications();
    if (waiting.ok() && waiting.value() == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace leadq::testing
