// Numbers in leadq's JSON output: integral values print as integers ("30", not "30.0"),
// so that the same outcome reads the same in C++, in JavaScript and in test vectors.
#ifndef LEADQ_CORE_NUMBERS_H_
#define LEADQ_CORE_NUMBERS_H_

#include <cmath>
#include <cstdint>

#include "leadq/flow.h"

namespace leadq {

// Integers up to 2^53 (exactly representable in JavaScript) become JSON integers; other
// finite values stay doubles; NaN and infinities become null.
inline JsonValue JsonNumber(double value) {
  if (!std::isfinite(value)) return JsonValue();
  if (std::floor(value) == value && std::fabs(value) <= 9007199254740992.0) {
    return JsonValue(static_cast<int64_t>(value));
  }
  return JsonValue(value);
}

}  // namespace leadq

#endif  // LEADQ_CORE_NUMBERS_H_
