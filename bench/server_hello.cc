// The baseline of the server benchmark: a bare cpp-httplib server answering
// GET /hello with a fixed text, configured like `leadq serve` (same thread pool, same listening
// socket), so the benchmark can report leadq's answer rate as a fraction of what the HTTP library
// alone reaches on the same machine in the same run.
//
//   leadq_bench_hello PORT THREADS SECONDS   (stops by itself after SECONDS)
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "http/listen_socket.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: leadq_bench_hello PORT THREADS SECONDS\n";
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int threads = std::atoi(argv[2]);
  const int seconds = std::atoi(argv[3]);
  if (port <= 0 || threads <= 0 || seconds <= 0) {
    std::cerr << "leadq_bench_hello: PORT, THREADS and SECONDS must be positive\n";
    return 2;
  }
  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_keep_alive_max_count(1000000);
  server.set_tcp_nodelay(true);
  server.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("hello", "text/plain");
  });
  if (leadq::BindListeningSocket(server, "127.0.0.1", port) != port) {
    std::cerr << "leadq_bench_hello: cannot listen on 127.0.0.1:" << port << "\n";
    return 1;
  }
  std::thread listener([&server] { server.listen_after_bind(); });
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  while (!server.is_running()) std::this_thread::yield();
  server.stop();
  listener.join();
  return 0;
}
