// The in-process test server.
#include "test_server.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

namespace leadq::testing {

std::string DemoFlowsDir() { return std::string(LEADQ_SOURCE_DIR) + "/web/demo/flows"; }

TestServer::TestServer(const std::string& flows_dir, ApiSettings settings) {
  char pattern[] = "/tmp/leadq-test-XXXXXX";
  data_dir_ = mkdtemp(pattern);
  env_ = fake_.Make();
  auto storage = SqliteStorage::Open(data_dir_ + "/leadq.db");
  EXPECT_TRUE(storage.ok()) << storage.status().message();
  storage_ = std::move(storage).value();
  app_ = std::make_unique<Application>(*storage_, env_, kAdminKey, std::move(settings));
  HttpOptions options;
  options.threads = 8;
  ConfigureHttpServer(server_, app_->api, options);
  port_ = server_.bind_to_any_port("127.0.0.1");
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
