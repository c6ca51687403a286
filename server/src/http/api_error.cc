// Rendering errors.
#include "http/api_error.h"

#include <nlohmann/json.hpp>

namespace leadq {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
    case StatusCode::kInvalidJson:
    case StatusCode::kHoneypot:
    case StatusCode::kBadRequest:
      return 400;
    case StatusCode::kUnauthorized:
      return 401;
    case StatusCode::kForbidden:
    case StatusCode::kOriginNotAllowed:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kMethodNotAllowed:
      return 405;
    case StatusCode::kConflict:
    case StatusCode::kConversationEnded:
    case StatusCode::kAborted:
      return 409;
    case StatusCode::kPayloadTooLarge:
      return 413;
    case StatusCode::kUriTooLong:
      return 414;
    case StatusCode::kUnsupportedMediaType:
      return 415;
    case StatusCode::kRangeNotSatisfiable:
      return 416;
    case StatusCode::kInvalidAnswer:
    case StatusCode::kInvalidFlow:
      return 422;
    case StatusCode::kRateLimited:
      return 429;
    case StatusCode::kInternal:
      return 500;
    case StatusCode::kUnavailable:
      return 503;
  }
  return 500;
}

StatusCode CodeForHttpStatus(int http_status) {
  switch (http_status) {
    case 404:
      return StatusCode::kNotFound;
    case 405:
      return StatusCode::kMethodNotAllowed;
    case 413:
      return StatusCode::kPayloadTooLarge;
    case 414:
      return StatusCode::kUriTooLong;
    case 415:
      return StatusCode::kUnsupportedMediaType;
    case 416:
      return StatusCode::kRangeNotSatisfiable;
    case 503:
      return StatusCode::kUnavailable;
    default:
      return http_status >= 500 ? StatusCode::kInternal : StatusCode::kBadRequest;
  }
}

void RenderError(httplib::Response& res, const Status& status) {
  nlohmann::json body{
      {"error",
       {{"code", status.code_name()}, {"message", status.message()}, {"path", status.path()}}}};
  res.status = HttpStatusFor(status.code());
  if ((status.IsUnavailable() || status.code() == StatusCode::kRateLimited) &&
      !res.has_header("Retry-After")) {
    res.set_header("Retry-After", "5");
  }
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

}  // namespace leadq
