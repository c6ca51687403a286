// Token buckets.
#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace leadq {

bool RateLimiter::Allow(const std::string& key, int64_t now_ms, int* retry_after_s) {
  if (limit_.per_second <= 0) return true;
  std::lock_guard<std::mutex> lock(mutex_);
  if (buckets_.size() >= kMaxKeys) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      const double refill = (now_ms - it->second.updated_ms) / 1000.0 * limit_.per_second;
      it = it->second.tokens + refill >= limit_.burst ? buckets_.erase(it) : std::next(it);
    }
    if (buckets_.size() >= kMaxKeys) buckets_.clear();  // a flood of keys: start over
  }
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{limit_.burst, now_ms});
  Bucket& bucket = it->second;
  if (!inserted) {
    const double elapsed = std::max<int64_t>(0, now_ms - bucket.updated_ms) / 1000.0;
    bucket.tokens = std::min(limit_.burst, bucket.tokens + elapsed * limit_.per_second);
    bucket.updated_ms = now_ms;
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return true;
  }
  *retry_after_s =
      std::max(1, static_cast<int>(std::ceil((1 - bucket.tokens) / limit_.per_second)));
  return false;
}

}  // namespace leadq
