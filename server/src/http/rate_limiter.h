// RateLimiter: token buckets keyed by a string (a client IP, a site key). Each key may
// make `burst` requests at once and `per_second` on average. The table is bounded: when
// it grows past its cap, idle buckets (full again) are dropped.
#ifndef LEADQ_SERVER_HTTP_RATE_LIMITER_H_
#define LEADQ_SERVER_HTTP_RATE_LIMITER_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace leadq {

struct RateLimit {
  double per_second = 0;  // 0: unlimited
  double burst = 0;
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimit limit) : limit_(limit) {}

  // True when `key` may proceed at `now_ms`; otherwise false and `retry_after_s` says
  // when a token will be available (whole seconds, at least 1).
  bool Allow(const std::string& key, int64_t now_ms, int* retry_after_s);

 private:
  struct Bucket {
    double tokens = 0;
    int64_t updated_ms = 0;
  };
  static constexpr size_t kMaxKeys = 100000;

  const RateLimit limit_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_RATE_LIMITER_H_
