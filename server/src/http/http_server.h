// Wiring of the HTTP edge: routes, static files, and the cross-cutting hooks (admin
// authentication, one error shape, limits, exception safety net).
#ifndef LEADQ_SERVER_HTTP_HTTP_SERVER_H_
#define LEADQ_SERVER_HTTP_HTTP_SERVER_H_

#include <httplib.h>

#include <string>

#include "http/api_context.h"

namespace leadq {

struct HttpOptions {
  std::string web_root;  // folder with demo/, widget/ (and console/); "" serves no files
  std::string wasm_dir;  // folder with leadq-core.mjs and leadq-core.wasm
  // The widget as shipped (scripts/build-widget.mjs: bundled, minified, precompressed);
  // "" serves the source modules of web_root/widget instead.
  std::string widget_dir;
  size_t max_body_bytes = 64 * 1024;  // the public API and everything but the admin API
  // The admin API's bodies: flow documents (200 steps in 5 languages is ~250 KB). The
  // engine reads requests up to 4 MiB.
  size_t max_admin_body_bytes = 4 * 1024 * 1024;
  int threads = 64;
  bool access_log = false;
};

// Configures `server`; `api` must outlive it.
void ConfigureHttpServer(httplib::Server& server, ApiContext& api, const HttpOptions& options);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_HTTP_SERVER_H_
