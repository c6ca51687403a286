// One error shape for the whole API: {"error":{"code","message","path"}} with a 4xx
// status chosen from the code. A 5xx only ever means a failed adapter, never bad input.
#ifndef LEADQ_SERVER_HTTP_API_ERROR_H_
#define LEADQ_SERVER_HTTP_API_ERROR_H_

#include <httplib.h>

#include <string>

#include "leadq/status.h"

namespace leadq {

// The HTTP status for a Status code ("not_found" -> 404, ...).
int HttpStatusFor(const std::string& code);

// Writes the error body and status to `res`.
void RenderError(httplib::Response& res, const Status& status);
void RenderError(httplib::Response& res, int http_status, const std::string& code,
                 const std::string& message, const std::string& path = "");

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_API_ERROR_H_
