// URL splitting for destinations.
#include "delivery/webhook_url.h"

namespace leadq {

Result<WebhookUrl> ParseWebhookUrl(const std::string& url) {
  const auto invalid = [](const char* message) { return Status::InvalidArgument(message, "/url"); };
  if (url.size() > 2048) return invalid("must be at most 2048 bytes");
  std::string rest;
  std::string scheme;
  for (const char* candidate : {"http://", "https://"}) {
    if (url.rfind(candidate, 0) == 0) {
      scheme = candidate;
      rest = url.substr(scheme.size());
    }
  }
  if (scheme.empty()) return invalid("must start with http:// or https://");
  const size_t slash = rest.find_first_of("/?");
  const std::string authority = rest.substr(0, slash);
  if (authority.empty()) return invalid("must name a host");
  for (char c : authority) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_';
    if (!ok) return invalid("the host may hold only letters, digits, '.', '-' and a port");
  }
  for (char c : rest) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return invalid("must not hold spaces");
  }
  WebhookUrl parsed;
  parsed.scheme_host_port = scheme + authority;
  parsed.path = slash == std::string::npos ? "/" : rest.substr(slash);
  if (parsed.path[0] == '?') parsed.path = "/" + parsed.path;
  return parsed;
}

}  // namespace leadq
