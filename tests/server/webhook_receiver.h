// WebhookReceiver: a real receiver of leadq webhooks on a loopback port, inside the
// test. It verifies every signature, records every request, and can misbehave on
// demand: fail the first N requests, answer slowly, be down, or answer with bytes that
// are not HTTP at all.
#ifndef LEADQ_TESTS_SERVER_WEBHOOK_RECEIVER_H_
#define LEADQ_TESTS_SERVER_WEBHOOK_RECEIVER_H_

#include <httplib.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace leadq::testing {

class WebhookReceiver {
 public:
  struct Request {
    std::string idempotency_key;
    std::string event;
    std::string body;
    int attempt = 0;
    bool signature_ok = false;
    int answered = 0;  // the status the receiver answered with
  };

  // `now_s` is the receiver's clock for the replay window (the test's fake clock).
  WebhookReceiver(std::string secret, std::function<int64_t()> now_s);
  ~WebhookReceiver();

  // Listens (on the previous port after a Stop, so leadq's URL stays right).
  void Start();
  // Down: connections are refused.
  void Stop();
  // Up, but every connection gets a line of garbage instead of an HTTP response.
  void StartGarbage();

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hooks/leads"; }

  std::atomic<int> fail_first{0};  // answer 503 to this many more requests
  std::atomic<int> slow_ms{0};     // wait this long before answering

  std::vector<Request> requests() const;
  // Requests answered 2xx, per idempotency key.
  int Accepted(const std::string& key) const;
  // Polls `done` every 5 ms until it holds or `timeout_ms` passed.
  static bool WaitFor(const std::function<bool()>& done, int timeout_ms = 5000);

 private:
  void Handle(const httplib::Request& req, httplib::Response& res);
  void RunGarbage(int listen_fd);

  std::string secret_;
  std::function<int64_t()> now_s_;
  int port_ = 0;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::atomic<bool> garbage_running_{false};
  mutable std::mutex mutex_;
  std::vector<Request> requests_;
};

}  // namespace leadq::testing

#endif  // LEADQ_TESTS_SERVER_WEBHOOK_RECEIVER_H_
