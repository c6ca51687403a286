// Destination URLs: only absolute http:// and https:// URLs, split into what the HTTP
// client needs (scheme, host and port) and the request path.
#ifndef LEADQ_SERVER_DELIVERY_WEBHOOK_URL_H_
#define LEADQ_SERVER_DELIVERY_WEBHOOK_URL_H_

#include <string>

#include "leadq/result.h"

namespace leadq {

struct WebhookUrl {
  std::string scheme_host_port;  // "https://hooks.example.com:8443"
  std::string path;              // "/services/T0/B0?x=1", at least "/"
};

// InvalidArgument (path "/url") for anything but http(s)://host[:port][/path].
Result<WebhookUrl> ParseWebhookUrl(const std::string& url);

}  // namespace leadq

#endif  // LEADQ_SERVER_DELIVERY_WEBHOOK_URL_H_
