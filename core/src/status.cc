// The wire names of status codes.
#include "leadq/status.h"

namespace leadq {

const char* ToString(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kInvalidJson:
      return "invalid_json";
    case StatusCode::kInvalidFlow:
      return "invalid_flow";
    case StatusCode::kInvalidAnswer:
      return "invalid_answer";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kConflict:
      return "conflict";
    case StatusCode::kUnauthorized:
      return "unauthorized";
    case StatusCode::kForbidden:
      return "forbidden";
    case StatusCode::kOriginNotAllowed:
      return "origin_not_allowed";
    case StatusCode::kConversationEnded:
      return "conversation_ended";
    case StatusCode::kHoneypot:
      return "honeypot";
    case StatusCode::kRateLimited:
      return "rate_limited";
    case StatusCode::kPayloadTooLarge:
      return "payload_too_large";
    case StatusCode::kUnsupportedMediaType:
      return "unsupported_media_type";
    case StatusCode::kMethodNotAllowed:
      return "method_not_allowed";
    case StatusCode::kBadRequest:
      return "bad_request";
    case StatusCode::kUriTooLong:
      return "uri_too_long";
    case StatusCode::kRangeNotSatisfiable:
      return "range_not_satisfiable";
    case StatusCode::kAborted:
      return "aborted";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace leadq
