// Result<T>: either a value or a non-ok Status. A small stand-in for std::expected,
// which C++17 (and Emscripten 3.1.6) does not have.
#ifndef LEADQ_RESULT_H_
#define LEADQ_RESULT_H_

#include <optional>
#include <utility>

#include "leadq/status.h"

namespace leadq {

template <typename T>
class Result {
 public:
  // Implicit on purpose: `return value;` and `return Status::NotFound(...);` both read well.
  Result(T value) : value_(std::move(value)) {}          // NOLINT(runtime/explicit)
  Result(Status status) : status_(std::move(status)) {}  // NOLINT(runtime/explicit)

  bool ok() const { return value_.has_value(); }
  // Ok() when a value is held.
  const Status& status() const { return status_; }
  // Precondition: ok().
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace leadq

#endif  // LEADQ_RESULT_H_
