// One error shape for the whole API: {"error":{"code","message","path"}} with the HTTP
// status that one table (HttpStatusFor) gives each Status code. A 5xx only ever means a
// failed adapter, never bad input.
#ifndef LEADQ_SERVER_HTTP_API_ERROR_H_
#define LEADQ_SERVER_HTTP_API_ERROR_H_

#include <httplib.h>

#include "leadq/status.h"

namespace leadq {

// The HTTP status for a Status code (kNotFound -> 404, ...).
int HttpStatusFor(StatusCode code);

// The Status code for an HTTP error status that the HTTP library produced itself (a
// malformed request line, an oversized body, an unknown path).
StatusCode CodeForHttpStatus(int http_status);

// Writes the error body and its status to `res`; kUnavailable and kRateLimited also get
// a Retry-After header when `res` has none.
void RenderError(httplib::Response& res, const Status& status);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_API_ERROR_H_
