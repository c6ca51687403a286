// Security headers per part of the site.
#include "http/security_headers.h"

#include <string>

namespace leadq {
namespace {

bool StartsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

void SetIfAbsent(httplib::Response& res, const char* name, const std::string& value) {
  if (!res.has_header(name)) res.set_header(name, value);
}

// The console's policy: its own scripts (and the wasm core), styles, API calls and the
// preview frame; nothing inline, nothing from elsewhere. The preview page (framed by the
// console, running a draft given as a blob: URL) may be framed by the console alone.
std::string ConsolePolicy(bool preview) {
  return std::string(
             "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; ") +
         (preview ? "connect-src 'self' blob:; " : "connect-src 'self'; ") +
         "img-src 'self'; frame-src 'self'; form-action 'none'; base-uri 'none'; " +
         (preview ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
}

}  // namespace

void AddSecurityHeaders(const httplib::Request& req, httplib::Response& res) {
  const std::string& path = req.path;
  const bool console = path == "/console" || StartsWith(path, "/console/");
  const bool api =
      StartsWith(path, "/api/") || path == "/healthz" || path == "/readyz" || path == "/metrics";
  if (!console && !api) return;
  const bool preview = path == "/console/preview.html";
  SetIfAbsent(res, "Content-Security-Policy",
              console ? ConsolePolicy(preview) : "default-src 'none'; frame-ancestors 'none'");
  SetIfAbsent(res, "X-Frame-Options", preview ? "SAMEORIGIN" : "DENY");
  SetIfAbsent(res, "Referrer-Policy", "no-referrer");
  SetIfAbsent(res, "X-Content-Type-Options", "nosniff");
  if (console) {
    SetIfAbsent(res, "Cross-Origin-Opener-Policy", "same-origin");
    SetIfAbsent(res, "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  }
}

}  // namespace leadq
