// The baseline of the server benchmark: a bare cpp-httplib server answering
// GET /hello with a fixed text, configured like `leadq serve` (same thread pool, same
// listening socket), so the benchmark can report leadq's answer rate as a fraction of what
// the HTTP library alone reaches on the same machine in the same run.
//
//   leadq_bench_hello PORT THREADS SECONDS   (stops by itself after SECONDS)
#include "baseline_server.h"

int main(int argc, char** argv) {
  leadq::bench::BaselineArgs args;
  if (!leadq::bench::ReadBaselineArgs(argc, argv, 4, "leadq_bench_hello PORT THREADS SECONDS",
                                      &args)) {
    return 2;
  }
  httplib::Server server;
  leadq::bench::ConfigureBaseline(server, args.threads);
  server.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("hello", "text/plain");
  });
  return leadq::bench::ServeFor(server, args, "leadq_bench_hello");
}
