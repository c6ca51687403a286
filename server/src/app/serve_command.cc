// `leadq serve`: opens storage, seeds the demo, runs the HTTP server until SIGINT or
// SIGTERM, then stops accepting, finishes in-flight requests and closes the database.
#include <signal.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/application.h"
#include "app/commands.h"
#include "app/demo_seed.h"
#include "http/http_server.h"
#include "http/listen_socket.h"
#include "platform/thread_name.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

// The admin key: given, or kept in the data folder (created once, readable by the owner).
std::string LoadAdminKey(const Options& options, const Environment& env) {
  if (!options.admin_key.empty()) return options.admin_key;
  const std::string path = options.data_dir + "/admin.key";
  std::ifstream in(path);
  std::string key;
  if (in >> key && key.size() >= 16) return key;
  key = env.new_id() + env.new_id();
  std::ofstream out(path, std::ios::trunc);
  out << key << "\n";
  out.close();
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return key;
}

}  // namespace

int RunServe(const Options& options) {
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) {
    std::cerr << "leadq: cannot create data folder " << options.data_dir << ": " << error.message()
              << "\n";
    return 1;
  }
  // Signals are blocked before any thread starts, so only sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Result<std::unique_ptr<SqliteStorage>> storage =
      SqliteStorage::Open(options.data_dir + "/leadq.db");
  if (!storage.ok()) {
    std::cerr << "leadq: " << storage.status().message() << "\n";
    return 1;
  }
  Environment env = SystemEnvironment();
  AppConfig config;
  config.admin_key = LoadAdminKey(options, env);
  config.api.extra_origins = options.allow_origins;
  config.api.per_ip = options.per_ip;
  config.api.per_site = options.per_site;
  config.handoff.inbox_base_url = options.public_url;
  config.delivery.retry.horizon_ms = int64_t{options.retry_horizon_s} * 1000;
  Application app(*storage.value(), env, std::move(config));
  ApiContext& api = app.api;

  httplib::Server server;
  HttpOptions http;
  http.web_root = options.web_root;
  http.wasm_dir = options.wasm_dir;
  http.widget_dir = options.widget_dir;
  http.threads = options.threads;
  http.max_body_bytes = options.max_body_bytes;
  http.max_admin_body_bytes = options.max_admin_body_bytes;
  http.access_log = options.access_log;
  ConfigureHttpServer(server, api, http);
  const int port = BindListeningSocket(server, options.bind, options.port);
  if (port <= 0) {
    std::cerr << "leadq: cannot listen on " << options.bind << ":" << options.port << "\n";
    return 1;
  }
  const std::string origin = "http://" + options.bind + ":" + std::to_string(port);
  std::vector<std::string> origins = {origin, "http://localhost:" + std::to_string(port)};
  Status seeded = SeedDemo(*storage.value(), app.flows, origins, options.seed_flows);
  if (!seeded.ok()) {
    std::cerr << "leadq: " << seeded.message() << "\n";
    return 1;
  }
  if (options.public_url.empty()) app.SetInboxBaseUrl(origin);
  Status worker = app.Start();
  if (!worker.ok()) {
    std::cerr << "leadq: " << worker.message() << "\n";
    return 1;
  }
  std::thread listener([&server] { server.listen_after_bind(); });
  std::cout << "leadq listening on " << origin << std::endl;
  if (!options.web_root.empty()) {
    std::cout << "  demo page: " << origin << "/\n"
              << "  console:   " << origin << "/console/\n"
              << "  admin API: " << origin << "/api/v1/admin/ (key in "
              << (options.admin_key.empty() ? options.data_dir + "/admin.key" : "--admin-key")
              << ")\n"
              << "  stop with Ctrl-C" << std::endl;
  }
  // Retention: raw events older than the setting are purged at start and then hourly.
  std::mutex purge_mutex;
  std::condition_variable purge_wake;
  bool stopping = false;
  std::thread purger;
  if (options.retention_days > 0) {
    purger = std::thread([&] {
      NameThisThread("leadq-retention");
      std::unique_lock<std::mutex> lock(purge_mutex);
      while (!stopping) {
        Result<int64_t> purged = app.visitors.PurgeEventsOlderThan(options.retention_days);
        if (!purged.ok())
          std::cerr << "leadq: retention purge failed: " << purged.status().message() << "\n";
        purge_wake.wait_for(lock, std::chrono::hours(1), [&] { return stopping; });
      }
    });
  }
  int received = 0;
  sigwait(&signals, &received);
  {
    std::lock_guard<std::mutex> lock(purge_mutex);
    stopping = true;
  }
  purge_wake.notify_all();
  if (purger.joinable()) purger.join();
  std::cout << "leadq: stopping" << std::endl;
  while (!server.is_running() && listener.joinable()) std::this_thread::yield();
  server.stop();
  listener.join();
  app.Stop();  // in-flight deliveries end within their timeouts; the rest stay queued
  std::cout << "leadq: stopped; database closed cleanly" << std::endl;
  return 0;
}

}  // namespace leadq
