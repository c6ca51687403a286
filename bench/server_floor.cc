// The floor of the server benchmark: the least any server can do for an answer and still
// acknowledge it only once it is durable. The answer request of bench/wrk/answers.lua is
// read, its JSON body parsed, and the answer inserted as one row through leadq's own
// group-commit writer (one writer thread, WAL, synchronous=FULL, the same VFS) before
// the 200. No session, no flow, no decision, no profile, no lead, no index but the row's
// key: what leadq does on top of this is what the decision and the product's data cost.
//
//   leadq_bench_floor PORT THREADS SECONDS DIR   (stops by itself after SECONDS)
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "http/listen_socket.h"
#include "storage/sqlite_db.h"
#include "storage/sqlite_writer.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: leadq_bench_floor PORT THREADS SECONDS DIR\n";
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int threads = std::atoi(argv[2]);
  const int seconds = std::atoi(argv[3]);
  if (port <= 0 || threads <= 0 || seconds <= 0) {
    std::cerr << "leadq_bench_floor: PORT, THREADS and SECONDS must be positive\n";
    return 2;
  }
  auto db = leadq::Database::Open(std::string(argv[4]) + "/floor.db");
  if (!db.ok() ||
      !db.value()
           ->Exec("CREATE TABLE IF NOT EXISTS answers (seq INTEGER PRIMARY KEY, session_id TEXT "
                  "NOT NULL, body TEXT NOT NULL)")
           .ok()) {
    std::cerr << "leadq_bench_floor: cannot open the database in " << argv[4] << "\n";
    return 1;
  }
  leadq::SqliteWriter writer(std::move(db).value());

  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);
  server.Post(R"(/api/v1/sessions/([^/]+)/answers)", [&writer](const httplib::Request& req,
                                                               httplib::Response& res) {
    const nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      res.status = 400;
      return;
    }
    const std::string session = req.matches[1];
    const std::string text = body.dump();
    leadq::Status stored = writer.Submit([&](leadq::Database& db) {
      auto insert = db.Prepare("INSERT INTO answers (session_id, body) VALUES (?1, ?2)");
      if (!insert.ok()) return insert.status();
      return insert.value().Bind(1, session).Bind(2, text).Run();
    });
    res.status = stored.ok() ? 200 : 503;
    res.set_content(stored.ok() ? R"({"stored":true})" : R"({"stored":false})", "application/json");
  });
  if (leadq::BindListeningSocket(server, "127.0.0.1", port) != port) {
    std::cerr << "leadq_bench_floor: cannot listen on 127.0.0.1:" << port << "\n";
    return 1;
  }
  std::thread listener([&server] { server.listen_after_bind(); });
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  while (!server.is_running()) std::this_thread::yield();
  server.stop();
  listener.join();
  return 0;
}
