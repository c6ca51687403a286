// Metrics: request counts and latencies per route, kept in atomics so that recording
// costs no lock on the request path, and rendered in the Prometheus text format together
// with gauges read from storage at scrape time (leads by triage, outbox depth).
#ifndef LEADQ_SERVER_HTTP_METRICS_H_
#define LEADQ_SERVER_HTTP_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

#include "services/operations_service.h"

namespace leadq {

// Latency histogram bucket bounds, in microseconds.
inline constexpr std::array<int64_t, 10> kLatencyBucketsUs = {
    500, 1000, 2500, 5000, 10000, 20000, 50000, 100000, 500000, 2000000};

// Routes are registered before the server starts; recording then needs no lock.
class Metrics {
 public:
  Metrics() { AddRoute("ANY", "unmatched"); }
  // Registers a route (method + documented path) and returns its index. Index 0 is
  // "unmatched" (requests no route took: 404s, preflights refused before routing).
  size_t AddRoute(const std::string& method, const std::string& path);
  void Record(size_t route, int status, int64_t micros);
  void AnswerStored() { answers_stored_.fetch_add(1, std::memory_order_relaxed); }
  void RateLimited() { rate_limited_.fetch_add(1, std::memory_order_relaxed); }

  // The exposition text, with the storage figures read at scrape time (those that failed
  // to read are left out).
  std::string Render(const StoreFigures& figures);

 private:
  struct RouteStats {
    std::string method, path;
    std::array<std::atomic<int64_t>, 5> by_class{};  // 1xx..5xx
    std::array<std::atomic<int64_t>, kLatencyBucketsUs.size() + 1> buckets{};
    std::atomic<int64_t> sum_us{0};
  };
  std::mutex mutex_;               // guards registration and rendering
  std::deque<RouteStats> routes_;  // deque: elements never move once added
  std::atomic<int64_t> answers_stored_{0};
  std::atomic<int64_t> rate_limited_{0};
};

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_METRICS_H_
