// Rendering JSON responses (invalid UTF-8 from stored data is replaced, never thrown).
#ifndef LEADQ_SERVER_HTTP_RENDER_H_
#define LEADQ_SERVER_HTTP_RENDER_H_

#include <httplib.h>

#include <nlohmann/json.hpp>

namespace leadq {

inline void RenderJson(httplib::Response& res, const nlohmann::json& body) {
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_RENDER_H_
