// Status: the outcome of an operation that can fail, as a cheap value.
//
// The core never throws across its API. Every fallible call returns a Status (or a
// Result<T>, see result.h) carrying a machine-readable code, a human message and the
// JSON path of the offending input ("" when the problem has no location). The code is an
// enum for the program and a stable snake_case name on the wire (ToString): the server
// maps codes to HTTP statuses in one table (server/src/http/api_error.cc).
#ifndef LEADQ_STATUS_H_
#define LEADQ_STATUS_H_

#include <string>
#include <utility>

namespace leadq {

enum class StatusCode {
  kOk,
  // The engine's own codes.
  kInvalidArgument,  // well-formed JSON, but not a valid request or value
  kInvalidJson,      // not JSON at all
  kInvalidFlow,      // a flow definition failed validation (see FlowProblems)
  kInvalidAnswer,    // a visitor's answer failed the question's validation (localised)
  kNotFound,         // a referenced entity (step, session, operation) does not exist
  kConflict,         // conflicts with stored state (an id reused for different content)
  // Codes of the adapters around the engine (the server's edge and its storage).
  kUnauthorized,          // no valid credentials
  kForbidden,             // valid credentials without the right
  kOriginNotAllowed,      // a browser origin the site does not allow
  kConversationEnded,     // an answer to a conversation that has ended (knockout or end)
  kHoneypot,              // a form field only bots fill in was filled in
  kRateLimited,           // too many requests; retry later
  kPayloadTooLarge,       // a body above the limit
  kUnsupportedMediaType,  // a body of a type the endpoint does not read
  kMethodNotAllowed,      // a method the resource does not have
  kBadRequest,            // an HTTP request that does not parse
  kUriTooLong,            // a request line above the limit
  kRangeNotSatisfiable,   // a byte range outside the file
  kAborted,               // a concurrent change won (optimistic concurrency): decide again
  kUnavailable,           // a dependency is down or full (database, disk); retry later
  kInternal,              // an adapter failed in a way no client input causes
};

// The wire name of a code: "invalid_argument", "not_found", ... ("" for kOk).
const char* ToString(StatusCode code);

class Status {
 public:
  // Success.
  Status() = default;
  static Status Ok() { return Status(); }

  static Status InvalidArgument(std::string message, std::string path = "") {
    return Status(StatusCode::kInvalidArgument, std::move(message), std::move(path));
  }
  static Status InvalidJson(std::string message, std::string path = "") {
    return Status(StatusCode::kInvalidJson, std::move(message), std::move(path));
  }
  static Status InvalidFlow(std::string message, std::string path = "") {
    return Status(StatusCode::kInvalidFlow, std::move(message), std::move(path));
  }
  static Status InvalidAnswer(std::string message, std::string path = "") {
    return Status(StatusCode::kInvalidAnswer, std::move(message), std::move(path));
  }
  static Status NotFound(std::string message, std::string path = "") {
    return Status(StatusCode::kNotFound, std::move(message), std::move(path));
  }
  static Status ConversationEnded(std::string message, std::string path = "") {
    return Status(StatusCode::kConversationEnded, std::move(message), std::move(path));
  }
  static Status Conflict(std::string message, std::string path = "") {
    return Status(StatusCode::kConflict, std::move(message), std::move(path));
  }
  static Status Unavailable(std::string message) {
    return Status(StatusCode::kUnavailable, std::move(message), "");
  }
  static Status Aborted(std::string message) {
    return Status(StatusCode::kAborted, std::move(message), "");
  }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, std::move(message), "");
  }
  // Any other code (the adapters' kUnauthorized, kRateLimited, ...); `code` is not kOk.
  static Status Make(StatusCode code, std::string message, std::string path = "") {
    return Status(code, std::move(message), std::move(path));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // The stable wire name of code(): "" when ok, else e.g. "invalid_flow".
  const char* code_name() const { return ToString(code_); }
  const std::string& message() const { return message_; }
  // JSON pointer (RFC 6901) into the input that caused the error, or "".
  const std::string& path() const { return path_; }

  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  bool IsConflict() const { return code_ == StatusCode::kConflict; }
  bool IsAborted() const { return code_ == StatusCode::kAborted; }
  bool IsUnauthorized() const { return code_ == StatusCode::kUnauthorized; }
  bool IsUnavailable() const { return code_ == StatusCode::kUnavailable; }

  // The same error with `prefix` put before its path (an error of a part, reported at
  // the part's place in the whole).
  Status WithPathPrefix(const std::string& prefix) const {
    return Status(code_, message_, prefix + path_);
  }

 private:
  Status(StatusCode code, std::string message, std::string path)
      : code_(code), message_(std::move(message)), path_(std::move(path)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string path_;
};

}  // namespace leadq

#endif  // LEADQ_STATUS_H_
