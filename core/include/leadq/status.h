// Status: the outcome of an operation that can fail, as a cheap value.
//
// The core never throws across its API. Every fallible call returns a Status (or a
// Result<T>, see result.h) carrying a machine-readable code, a human message and the
// JSON path of the offending input ("" when the problem has no location).
#ifndef LEADQ_STATUS_H_
#define LEADQ_STATUS_H_

#include <string>
#include <utility>

namespace leadq {

class Status {
 public:
  // Success.
  Status() = default;
  static Status Ok() { return Status(); }

  // The input was well-formed JSON but not a valid request or value.
  static Status InvalidArgument(std::string message, std::string path = "") {
    return Status("invalid_argument", std::move(message), std::move(path));
  }
  // The input was not JSON at all.
  static Status InvalidJson(std::string message, std::string path = "") {
    return Status("invalid_json", std::move(message), std::move(path));
  }
  // A flow definition failed validation; see FlowProblems for the full list.
  static Status InvalidFlow(std::string message, std::string path = "") {
    return Status("invalid_flow", std::move(message), std::move(path));
  }
  // A visitor's answer failed the question's validation; the message is localised.
  static Status InvalidAnswer(std::string message, std::string path = "") {
    return Status("invalid_answer", std::move(message), std::move(path));
  }
  // A referenced entity (step, operation) does not exist.
  static Status NotFound(std::string message, std::string path = "") {
    return Status("not_found", std::move(message), std::move(path));
  }

  // A request conflicts with stored state (e.g. an id reused for different content).
  static Status Conflict(std::string message, std::string path = "") {
    return Status("conflict", std::move(message), std::move(path));
  }
  // An adapter failed (storage, network); never caused by client input.
  static Status Internal(std::string message) { return Status("internal", std::move(message), ""); }

  // An error with a code of the caller's own (adapters: "origin_not_allowed", ...).
  static Status WithCode(std::string code, std::string message, std::string path = "") {
    return Status(std::move(code), std::move(message), std::move(path));
  }

  bool ok() const { return code_.empty(); }
  // "" when ok; otherwise a stable snake_case code such as "invalid_flow".
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  // JSON pointer (RFC 6901) into the input that caused the error, or "".
  const std::string& path() const { return path_; }

 private:
  Status(std::string code, std::string message, std::string path)
      : code_(std::move(code)), message_(std::move(message)), path_(std::move(path)) {}

  std::string code_;
  std::string message_;
  std::string path_;
};

}  // namespace leadq

#endif  // LEADQ_STATUS_H_
