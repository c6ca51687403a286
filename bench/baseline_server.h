// What the server benchmark's two baselines (server_hello.cc, server_floor.cc) share: the
// command line PORT THREADS SECONDS, an HTTP server set up like `leadq serve` (thread
// pool, listening socket, TCP_NODELAY), and a run that stops by itself.
#ifndef LEADQ_BENCH_BASELINE_SERVER_H_
#define LEADQ_BENCH_BASELINE_SERVER_H_

#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "http/listen_socket.h"

namespace leadq::bench {

struct BaselineArgs {
  int port = 0;
  int threads = 0;
  int seconds = 0;
};

// Reads PORT THREADS SECONDS from argv[1..3]; false (after a message) when they are not
// all positive numbers.
inline bool ReadBaselineArgs(int argc, char** argv, int expected_argc, const std::string& usage,
                             BaselineArgs* args) {
  if (argc != expected_argc) {
    std::cerr << "usage: " << usage << "\n";
    return false;
  }
  args->port = std::atoi(argv[1]);
  args->threads = std::atoi(argv[2]);
  args->seconds = std::atoi(argv[3]);
  if (args->port <= 0 || args->threads <= 0 || args->seconds <= 0) {
    std::cerr << "usage: " << usage << " (PORT, THREADS and SECONDS positive)\n";
    return false;
  }
  return true;
}

inline void ConfigureBaseline(httplib::Server& server, int threads) {
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);
}

// Serves on 127.0.0.1:port for `seconds`, then stops. Returns the process's exit code.
inline int ServeFor(httplib::Server& server, const BaselineArgs& args, const char* name) {
  if (BindListeningSocket(server, "127.0.0.1", args.port) != args.port) {
    std::cerr << name << ": cannot listen on 127.0.0.1:" << args.port << "\n";
    return 1;
  }
  std::thread listener([&server] { server.listen_after_bind(); });
  std::this_thread::sleep_for(std::chrono::seconds(args.seconds));
  while (!server.is_running()) std::this_thread::yield();
  server.stop();
  listener.join();
  return 0;
}

}  // namespace leadq::bench

#endif  // LEADQ_BENCH_BASELINE_SERVER_H_
