// Hooks and mounts of the HTTP server.
#include "http/http_server.h"

#include <algorithm>

#include <iostream>

#include "http/api_error.h"
#include "http/routes.h"
#include "http/security_headers.h"
#include "http/widget_files.h"

namespace leadq {
namespace {

bool StartsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// Whether a request outside the admin API may send its body: at most `max` bytes by its
// Content-Length (413 otherwise), and a body of unknown length is refused (411).
// Header lines a request may carry: browsers send about 20; thousands are an attack on
// the memory and time spent per request.
constexpr size_t kMaxHeaderLines = 100;

// What no route can answer: a path holding control characters (a NUL would end a file
// name early and serve another file under this one's type), a body framed twice, by
// Content-Length and Transfer-Encoding (one that two parsers may read differently), and
// more header lines than kMaxHeaderLines.
Status MalformedRequest(const httplib::Request& req) {
  if (req.headers.size() > kMaxHeaderLines) {
    return Status::Make(StatusCode::kBadRequest,
                        "more than " + std::to_string(kMaxHeaderLines) + " header lines");
  }
  for (const char c : req.path) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      return Status::Make(StatusCode::kBadRequest, "the path holds a control character");
    }
  }
  if (req.has_header("Content-Length") && req.has_header("Transfer-Encoding")) {
    return Status::Make(StatusCode::kBadRequest,
                        "a request may carry Content-Length or Transfer-Encoding, not both");
  }
  return Status::Ok();
}

Status PublicBodyRefused(const httplib::Request& req, size_t max) {
  if (req.has_header("Content-Length")) {
    const std::string length = req.get_header_value("Content-Length");
    const bool digits = !length.empty() && length.size() <= 19 &&
                        length.find_first_not_of("0123456789") == std::string::npos;
    if (digits && std::stoull(length) <= max) return Status::Ok();
    if (!digits) return Status::Make(StatusCode::kBadRequest, "Content-Length is not a number");
    return Status::Make(StatusCode::kPayloadTooLarge,
                        "the body is larger than " + std::to_string(max) + " bytes");
  }
  if (req.has_header("Transfer-Encoding")) {
    return Status::Make(
        StatusCode::kBadRequest,
        "a Content-Length is required here (bodies of unknown length are not read)");
  }
  return Status::Ok();
}

}  // namespace

void ConfigureHttpServer(httplib::Server& server, ApiContext& api, const HttpOptions& options) {
  const int threads = options.threads > 0 ? options.threads : 64;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(std::max(options.max_body_bytes, options.max_admin_body_bytes));
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_keep_alive_max_count(1000);
  // A thread serves one connection at a time, idle keep-alive time included: an idle
  // browser gives its thread back after 2 s rather than cpp-httplib's 5 s.
  server.set_keep_alive_timeout(2);
  // Responses are written in two pieces (head, body): without TCP_NODELAY, Nagle's
  // algorithm and the client's delayed ACK hold the second piece for ~40 ms.
  server.set_tcp_nodelay(true);
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
  server.set_post_routing_handler(AddSecurityHeaders);

  // Per-client-IP limit on the public API, before any parsing. Admin and operational
  // endpoints are not limited: they need a key, and monitoring must not be locked out.
  // The body limit outside the admin API, from the headers alone (before the body is
  // read): the library's own limit is the admin API's, which is larger.
  server.set_pre_routing_handler([&api, public_max = options.max_body_bytes](
                                     const httplib::Request& req, httplib::Response& res) {
    Status malformed = MalformedRequest(req);
    if (!malformed.ok()) {
      res.set_header("Connection", "close");
      RenderError(res, malformed);
      if (req.headers.size() > kMaxHeaderLines) res.status = 431;
      return httplib::Server::HandlerResponse::Handled;
    }
    const bool admin = StartsWith(req.path, "/api/v1/admin/");
    if (!admin) {
      Status refused = PublicBodyRefused(req, public_max);
      if (!refused.ok()) {
        RenderError(res, refused);
        if (refused.message().rfind("a Content-Length", 0) == 0) res.status = 411;
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    if (!StartsWith(req.path, "/api/v1/") || admin) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    int retry_after = 0;
    if (api.ip_limiter.Allow(req.remote_addr, api.env.now_ms(), &retry_after)) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    api.metrics.RateLimited();
    res.set_header("Retry-After", std::to_string(retry_after));
    RenderError(res, Status::Make(StatusCode::kRateLimited,
                                  "too many requests from this address; retry later"));
    return httplib::Server::HandlerResponse::Handled;
  });

  // Everything that ends in an error without a body gets the one error shape.
  server.set_error_handler([&api](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    api.metrics.Record(0, res.status, 0);
    const std::string message = res.status == 404 ? "no such resource: " + req.path
                                                  : std::string("the request was refused (HTTP ") +
                                                        std::to_string(res.status) + ")";
    const int http_status = res.status;
    RenderError(res, Status::Make(CodeForHttpStatus(http_status), message));
    res.status = http_status;  // the library's own status (411, 431, ...) stays
  });
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        std::cerr << "leadq: unexpected failure handling " << req.method << " " << req.path << "\n";
        RenderError(res, Status::Internal("an internal error occurred; nothing was stored"));
      });
  if (options.access_log) {
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::cerr << req.method << " " << req.path << " " << res.status << "\n";
    });
  }

  RegisterPublicRoutes(server, api);
  RegisterAdminFlowRoutes(server, api);
  RegisterAdminBacktestRoutes(server, api);
  RegisterAdminFlowTestRoutes(server, api);
  RegisterAdminLeadRoutes(server, api);
  RegisterAdminVisitorRoutes(server, api);
  RegisterAdminSiteRoutes(server, api);
  RegisterAdminHandoffRoutes(server, api);
  RegisterSystemRoutes(server, api);

  // Static files. The widget is served with its precompressed forms (widget_files.h).
  const std::string widget_dir =
      !options.widget_dir.empty() ? options.widget_dir
                                  : (options.web_root.empty() ? "" : options.web_root + "/widget");
  if (!widget_dir.empty() || !options.wasm_dir.empty()) {
    RegisterWidgetFiles(server, widget_dir, options.wasm_dir);
  }
  if (!options.web_root.empty()) {
    server.set_mount_point("/console", options.web_root + "/console");
    server.set_mount_point("/", options.web_root + "/demo");
  }
}

}  // namespace leadq
