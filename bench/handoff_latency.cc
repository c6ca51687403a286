// Handoff latency: from the answer that qualifies a lead (its POST leaving the client) to
// a webhook receiver having the lead, over N leads on loopback, with the real clock, the
// real SQLite file (WAL) and the real delivery worker. Prints p50, p99 and max.
//
//   build/native/bench/leadq_bench_handoff [LEADS=1000]
//
// A benchmark, not a test: it asserts nothing and is never run by ctest.
#include <httplib.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "app/application.h"
#include "app/demo_seed.h"
#include "http/http_server.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kAdminKey = "bench-admin-key-0123456789";

// Records when each lead's first delivery arrived.
class Receiver {
 public:
  Receiver() {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string key = req.get_header_value("Idempotency-Key");
      {
        std::lock_guard<std::mutex> lock(mutex_);
        arrivals_.emplace(key.substr(0, key.find('.')), Clock::now());
      }
      arrived_.notify_all();
      res.set_content("{}", "application/json");
    });
    server_.set_tcp_nodelay(true);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    while (!server_.is_running()) std::this_thread::yield();
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  // The arrival time of `lead`, waiting at most 10 s.
  std::optional<Clock::time_point> WaitFor(const std::string& lead) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!arrived_.wait_for(lock, std::chrono::seconds(10),
                           [&] { return arrivals_.count(lead) > 0; })) {
      return std::nullopt;
    }
    return arrivals_[lead];
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::map<std::string, Clock::time_point> arrivals_;
};

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const size_t index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

int Run(int leads) {
  char pattern[] = "/tmp/leadq-bench-handoff-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  int exit_code = 0;
  {
    Environment env = SystemEnvironment();
    auto storage = SqliteStorage::Open(dir + "/leadq.db");
    if (!storage.ok()) {
      std::cerr << storage.status().message() << "\n";
      return 1;
    }
    AppConfig config;
    config.admin_key = kAdminKey;
    config.handoff.inbox_base_url = "http://127.0.0.1";
    config.api.per_ip = {};  // the benchmark is one client sending as fast as it can
    config.api.per_site = {};
    Application app(*storage.value(), env, std::move(config));
    httplib::Server server;
    ConfigureHttpServer(server, app.api, HttpOptions());
    const int port = server.bind_to_any_port("127.0.0.1");
    Status seeded = SeedDemo(*storage.value(), app.flows, {},
                             std::string(LEADQ_SOURCE_DIR) + "/web/demo/flows");
    if (!seeded.ok() || !app.Start().ok()) {
      std::cerr << "setup failed: " << seeded.message() << "\n";
      return 1;
    }
    std::thread listener([&server] { server.listen_after_bind(); });
    Receiver receiver;

    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    const httplib::Headers admin = {{"Authorization", std::string("Bearer ") + kAdminKey}};
    const Json destination{{"site", "demo-site"}, {"kind", "webhook"}, {"url", receiver.url()}};
    auto created =
        client.Post("/api/v1/admin/destinations", admin, destination.dump(), "application/json");
    if (!created || created->status != 201) {
      std::cerr << "cannot create the destination\n";
      exit_code = 1;
    }
    const std::pair<const char*, const char*> answers[] = {{"budget", "over_50k"},
                                                           {"authority", "decision_maker"},
                                                           {"need", "losing_leads"},
                                                           {"timing", "within_2_weeks"},
                                                           {"email", "ann@example.com"}};
    std::vector<double> handoff_ms, answer_ms;
    for (int i = 0; i < leads && exit_code == 0; ++i) {
      auto started = client.Post("/api/v1/sessions", R"({"site":"demo-site","flow":"bant-demo"})",
                                 "application/json");
      if (!started || started->status != 200) {
        exit_code = 1;
        break;
      }
      const std::string session =
          Json::parse(started->body, nullptr, false)["session_id"].get<std::string>();
      const std::string path = "/api/v1/sessions/" + session + "/answers";
      int n = 0;
      Clock::time_point sent, acknowledged;
      for (const auto& [step, value] : answers) {
        const Json body{{"site", "demo-site"},
                        {"answer_id", "bench-" + std::to_string(++n) + "-" + session},
                        {"step", step},
                        {"value", value}};
        sent = Clock::now();  // the last one is the answer that qualifies the lead
        auto res = client.Post(path.c_str(), body.dump(), "application/json");
        acknowledged = Clock::now();
        if (!res || res->status != 200) exit_code = 1;
      }
      const auto arrived = receiver.WaitFor(session);
      if (!arrived) {
        std::cerr << "lead " << session << " never arrived\n";
        exit_code = 1;
        break;
      }
      const auto ms = [](Clock::duration d) {
        return std::chrono::duration<double, std::milli>(d).count();
      };
      handoff_ms.push_back(ms(*arrived - sent));
      answer_ms.push_back(ms(acknowledged - sent));
    }
    if (!handoff_ms.empty()) {
      std::printf("leads: %zu\n", handoff_ms.size());
      std::printf(
          "handoff latency (qualifying answer sent -> receiver has the lead): "
          "p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
          Percentile(handoff_ms, 0.5), Percentile(handoff_ms, 0.99),
          *std::max_element(handoff_ms.begin(), handoff_ms.end()));
      std::printf("qualifying answer acknowledged: p50 %.2f ms, p99 %.2f ms\n",
                  Percentile(answer_ms, 0.5), Percentile(answer_ms, 0.99));
    }
    server.stop();
    listener.join();
    app.Stop();
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return exit_code;
}

}  // namespace
}  // namespace leadq

int main(int argc, char** argv) {
  const int leads = argc > 1 ? std::atoi(argv[1]) : 1000;
  return leadq::Run(leads > 0 ? leads : 1000);
}
