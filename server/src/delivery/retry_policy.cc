// Backoff arithmetic.
#include "delivery/retry_policy.h"

#include <algorithm>

namespace leadq {

int64_t RetryDelayMs(const RetryPolicy& policy, int failures, double jitter) {
  int64_t delay = std::max<int64_t>(policy.base_delay_ms, 1);
  // Doubling stops at the cap; the loop bound keeps the shift from overflowing.
  for (int i = 1; i < failures && delay < policy.max_delay_ms; ++i) delay *= 2;
  delay = std::min(delay, std::max<int64_t>(policy.max_delay_ms, 1));
  jitter = std::min(std::max(jitter, 0.0), 1.0);
  return delay / 2 + static_cast<int64_t>(static_cast<double>(delay - delay / 2) * jitter);
}

int64_t NextAttemptMs(const RetryPolicy& policy, int failures, double jitter, int64_t now_ms,
                      int64_t horizon_start_ms) {
  const int64_t next = now_ms + RetryDelayMs(policy, failures, jitter);
  return next > horizon_start_ms + policy.horizon_ms ? -1 : next;
}

}  // namespace leadq
