// The real sender. A fresh client per request: deliveries are rare next to answers, and
// no connection state survives between a failure and its retry.
#include "delivery/webhook_sender.h"

#include <httplib.h>

#include <chrono>

#include "delivery/webhook_url.h"

namespace leadq {

WebhookResponse HttpWebhookSender::Send(const WebhookRequest& request) {
  WebhookResponse response;
  Result<WebhookUrl> url = ParseWebhookUrl(request.url);
  if (!url.ok()) {
    response.error = "invalid url: " + url.status().message();
    return response;
  }
  const auto started = std::chrono::steady_clock::now();
  httplib::Client client(url.value().scheme_host_port);
  client.set_connection_timeout(std::chrono::milliseconds(timeouts_.connect_ms));
  client.set_read_timeout(std::chrono::milliseconds(timeouts_.read_ms));
  client.set_write_timeout(std::chrono::milliseconds(timeouts_.read_ms));
  client.set_keep_alive(false);
  // Headers and body leave in separate writes; without this, Nagle's algorithm and the
  // receiver's delayed ACK hold the body back for tens of milliseconds.
  client.set_tcp_nodelay(true);
  client.set_follow_location(false);  // a redirect is an answer, not an invitation
  httplib::Headers headers;
  for (const auto& [name, value] : request.headers) headers.emplace(name, value);
  httplib::Result result =
      client.Post(url.value().path.c_str(), headers, request.body, "application/json");
  response.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
  if (!result) {
    response.error = httplib::to_string(result.error());
    return response;
  }
  response.status_code = result->status;
  return response;
}

}  // namespace leadq
