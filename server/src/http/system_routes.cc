// Operational endpoints: /healthz, /metrics (Prometheus text) and the OpenAPI document.
#include "http/api_error.h"
#include "http/openapi.h"
#include "http/render.h"
#include "http/route.h"
#include "http/routes.h"

namespace leadq {
namespace {

// Alive when the database answers a read; the body says whether it can be written.
void Health(ApiContext& api, const httplib::Request&, httplib::Response& res) {
  Status ready = api.operations.Ready();
  if (!ready.ok()) return RenderError(res, ready);
  RenderJson(res,
             {{"status", "ok"}, {"writes", api.operations.ReadyToWrite().ok() ? "ok" : "failing"}});
}

// Ready for traffic: alive and writable (503 with Retry-After while writes fail).
void Readiness(ApiContext& api, const httplib::Request&, httplib::Response& res) {
  Status ready = api.operations.ReadyToWrite();
  if (!ready.ok()) return RenderError(res, ready);
  RenderJson(res, {{"status", "ready"}});
}

void MetricsText(ApiContext& api, const httplib::Request&, httplib::Response& res) {
  res.set_content(api.metrics.Render(api.operations.Figures()), "text/plain; version=0.0.4");
}

void OpenApi(ApiContext&, const httplib::Request&, httplib::Response& res) {
  res.set_content(OpenApiDocument(), "application/json");
}

}  // namespace

void RegisterSystemRoutes(httplib::Server& server, ApiContext& api) {
  AddRoute(server, api, {"GET", "/healthz", "/healthz", {}}, Health);
  AddRoute(server, api, {"GET", "/readyz", "/readyz", {}}, Readiness);
  AddRoute(server, api, {"GET", "/metrics", "/metrics", {}}, MetricsText);
  AddRoute(server, api, {"GET", "/api/v1/openapi.json", "/api/v1/openapi.json", {}}, OpenApi);
}

}  // namespace leadq
