// The common route wrapper.
#include "http/route.h"

#include <algorithm>
#include <chrono>

#include "http/api_error.h"

namespace leadq {
namespace {

// OK when the request's Bearer key has one of `roles`; unauthorized/forbidden otherwise.
Status Authorize(ApiContext& api, const httplib::Request& req, const std::vector<Role>& roles) {
  Result<Role> role = CallerRole(api, req);
  if (!role.ok()) return role.status();
  if (std::find(roles.begin(), roles.end(), role.value()) == roles.end()) {
    return Status::Make(StatusCode::kForbidden, std::string("the role ") + ToString(role.value()) +
                                                    " may not use this endpoint");
  }
  return Status::Ok();
}

}  // namespace

Result<Role> CallerRole(ApiContext& api, const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.compare(0, prefix.size(), prefix) != 0) {
    return Status::Make(StatusCode::kUnauthorized,
                        "a valid API key is required (Authorization: Bearer KEY)");
  }
  return api.auth.Authenticate(header.substr(prefix.size()));
}

std::string CallerName(ApiContext& api, const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.compare(0, prefix.size(), prefix) != 0) return "";
  return api.auth.KeyName(header.substr(prefix.size()));
}

void AddRoute(httplib::Server& server, ApiContext& api, RouteInfo info, Handler handler) {
  const size_t index = api.metrics.AddRoute(info.method, info.doc_path);
  api.routes.push_back(info);
  auto wrapped = [&api, index, roles = info.roles, handler = std::move(handler)](
                     const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    Status allowed = roles.empty() ? Status::Ok() : Authorize(api, req, roles);
    if (!allowed.ok()) {
      if (allowed.IsUnauthorized()) res.set_header("WWW-Authenticate", "Bearer");
      RenderError(res, allowed);
    } else {
      handler(api, req, res);
    }
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
    api.metrics.Record(index, res.status == -1 ? 200 : res.status, micros);
  };
  if (info.method == "GET") {
    server.Get(info.pattern, wrapped);
  } else if (info.method == "POST") {
    server.Post(info.pattern, wrapped);
  } else if (info.method == "PUT") {
    server.Put(info.pattern, wrapped);
  } else if (info.method == "DELETE") {
    server.Delete(info.pattern, wrapped);
  }
}

}  // namespace leadq
