// The floor of the server benchmark: the least any server can do for an answer and still
// acknowledge it only once it is durable. The answer request of bench/wrk/answers.lua is
// read, its JSON body parsed, and the answer inserted as one row through leadq's own
// group-commit writer (one writer thread, WAL, synchronous=FULL, the same VFS) before
// the 200. No session, no flow, no decision, no profile, no lead, no index but the row's
// key: what leadq does on top of this is what the decision and the product's data cost.
//
//   leadq_bench_floor PORT THREADS SECONDS DIR   (stops by itself after SECONDS)
#include <nlohmann/json.hpp>

#include "baseline_server.h"
#include "storage/sqlite_db.h"
#include "storage/sqlite_writer.h"

int main(int argc, char** argv) {
  leadq::bench::BaselineArgs args;
  if (!leadq::bench::ReadBaselineArgs(argc, argv, 5, "leadq_bench_floor PORT THREADS SECONDS DIR",
                                      &args)) {
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
  leadq::bench::ConfigureBaseline(server, args.threads);
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
  return leadq::bench::ServeFor(server, args, "leadq_bench_floor");
}
