// The test receiver. The garbage mode is a raw socket, since an HTTP server library
// cannot be made to answer with something that is not HTTP.
#include "webhook_receiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "delivery/signature.h"

namespace leadq::testing {

WebhookReceiver::WebhookReceiver(std::string secret, std::function<int64_t()> now_s)
    : secret_(std::move(secret)), now_s_(std::move(now_s)) {
  Start();
}

WebhookReceiver::~WebhookReceiver() { Stop(); }

void WebhookReceiver::Start() {
  Stop();
  server_ = std::make_unique<httplib::Server>();
  server_->Post("/hooks/leads",
                [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); });
  if (port_ == 0) {
    port_ = server_->bind_to_any_port("127.0.0.1");
  } else {
    // The port was ours a moment ago; retry briefly while the kernel lets it go.
    for (int i = 0; i < 200 && !server_->bind_to_port("127.0.0.1", port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  httplib::Server* server = server_.get();
  thread_ = std::thread([server] { server->listen_after_bind(); });
  WaitFor([server] { return server->is_running(); });
}

void WebhookReceiver::Stop() {
  garbage_running_ = false;
  if (server_) {
    WaitFor([this] { return server_->is_running(); });
    server_->stop();
  }
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

void WebhookReceiver::StartGarbage() {
  Stop();
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  int yes = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port_));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (int i = 0; i < 200; ++i) {
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  listen(fd, 16);
  garbage_running_ = true;
  thread_ = std::thread([this, fd] { RunGarbage(fd); });
}

void WebhookReceiver::RunGarbage(int listen_fd) {
  while (garbage_running_) {
    pollfd poll_fd{listen_fd, POLLIN, 0};
    if (poll(&poll_fd, 1, 10) <= 0) continue;
    const int client = accept(listen_fd, nullptr, nullptr);
    if (client < 0) continue;
    char buffer[4096];
    pollfd read_fd{client, POLLIN, 0};
    if (poll(&read_fd, 1, 500) > 0) (void)!read(client, buffer, sizeof(buffer));
    const char kGarbage[] = "\x01\xff<<not http>> \r\nasdf\r\n\r\n";
    (void)!write(client, kGarbage, sizeof(kGarbage) - 1);
    close(client);
  }
  close(listen_fd);
}

void WebhookReceiver::Handle(const httplib::Request& req, httplib::Response& res) {
  Request seen;
  seen.idempotency_key = req.get_header_value(kIdempotencyHeader);
  seen.event = req.get_header_value(kEventHeader);
  seen.body = req.body;
  seen.attempt = std::atoi(req.get_header_value(kAttemptHeader).c_str());
  seen.signature_ok = VerifyWebhook(secret_, req.get_header_value(kTimestampHeader),
                                    req.get_header_value(kSignatureHeader), req.body, now_s_());
  if (const int wait = slow_ms.load(); wait > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  }
  int expected = fail_first.load();
  seen.answered = 200;
  while (expected > 0) {
    if (fail_first.compare_exchange_weak(expected, expected - 1)) {
      seen.answered = 503;
      break;
    }
  }
  res.status = seen.answered;
  res.set_content(seen.answered == 200 ? "{\"ok\":true}" : "{\"ok\":false}", "application/json");
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.push_back(std::move(seen));
}

std::vector<WebhookReceiver::Request> WebhookReceiver::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

int WebhookReceiver::Accepted(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  int count = 0;
  for (const Request& r : requests_) count += r.idempotency_key == key && r.answered == 200;
  return count;
}

bool WebhookReceiver::WaitFor(const std::function<bool()>& done, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace leadq::testing
