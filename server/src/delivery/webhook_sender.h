// Sending one webhook request. An interface, so the worker can be driven without a
// network; HttpWebhookSender is the real one (cpp-httplib, explicit timeouts).
#ifndef LEADQ_SERVER_DELIVERY_WEBHOOK_SENDER_H_
#define LEADQ_SERVER_DELIVERY_WEBHOOK_SENDER_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace leadq {

struct WebhookRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // always JSON
};

struct WebhookResponse {
  int status_code = 0;  // 0 when no HTTP response arrived
  std::string error;    // "" when a response arrived
  int64_t latency_ms = 0;
};

struct WebhookTimeouts {
  int64_t connect_ms = 2000;
  int64_t read_ms = 5000;  // also the write timeout
};

class WebhookSender {
 public:
  virtual ~WebhookSender() = default;
  // Sends `request` as a POST; never throws, failures come back in the response.
  virtual WebhookResponse Send(const WebhookRequest& request) = 0;
};

class HttpWebhookSender : public WebhookSender {
 public:
  explicit HttpWebhookSender(WebhookTimeouts timeouts) : timeouts_(timeouts) {}
  WebhookResponse Send(const WebhookRequest& request) override;

 private:
  WebhookTimeouts timeouts_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_DELIVERY_WEBHOOK_SENDER_H_
