// When to try a failed delivery again: exponential backoff with jitter, until a horizon
// after which the delivery becomes a dead letter. Pure: the jitter comes in as a number,
// so tests pick it.
#ifndef LEADQ_SERVER_DELIVERY_RETRY_POLICY_H_
#define LEADQ_SERVER_DELIVERY_RETRY_POLICY_H_

#include <cstdint>

namespace leadq {

struct RetryPolicy {
  int64_t base_delay_ms = 1000;           // after the first failure
  int64_t max_delay_ms = 15 * 60 * 1000;  // the doubling stops here
  int64_t horizon_ms = 24 * 3600 * 1000;  // no attempt starts later than this after the first
};

// The wait after `failures` (>= 1) failed attempts: base * 2^(failures-1), capped at
// max_delay_ms, then scaled into [d/2, d] by `jitter` in [0, 1) so that many deliveries
// failing together do not all retry at the same instant.
int64_t RetryDelayMs(const RetryPolicy& policy, int failures, double jitter);

// The next attempt's time after a failure at `now_ms`, or -1 when that time would fall
// beyond the horizon that started at `horizon_start_ms` (the delivery is then dead).
int64_t NextAttemptMs(const RetryPolicy& policy, int failures, double jitter, int64_t now_ms,
                      int64_t horizon_start_ms);

}  // namespace leadq

#endif  // LEADQ_SERVER_DELIVERY_RETRY_POLICY_H_
