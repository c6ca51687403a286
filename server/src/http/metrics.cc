// Recording and rendering metrics.
#include "http/metrics.h"

#include <sstream>

namespace leadq {

size_t Metrics::AddRoute(const std::string& method, const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  routes_.emplace_back();
  routes_.back().method = method;
  routes_.back().path = path;
  return routes_.size() - 1;
}

void Metrics::Record(size_t route, int status, int64_t micros) {
  RouteStats* stats = &routes_[route < routes_.size() ? route : 0];
  const int status_class = status >= 100 && status < 600 ? status / 100 - 1 : 4;
  stats->by_class[status_class].fetch_add(1, std::memory_order_relaxed);
  size_t bucket = 0;
  while (bucket < kLatencyBucketsUs.size() && micros > kLatencyBucketsUs[bucket]) ++bucket;
  stats->buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  stats->sum_us.fetch_add(micros, std::memory_order_relaxed);
}

std::string Metrics::Render(const StoreFigures& figures) {
  std::ostringstream out;
  out << "# HELP leadq_http_requests_total HTTP requests by route and status class.\n"
      << "# TYPE leadq_http_requests_total counter\n";
  std::lock_guard<std::mutex> lock(mutex_);
  for (const RouteStats& route : routes_) {
    for (size_t c = 0; c < route.by_class.size(); ++c) {
      const int64_t count = route.by_class[c].load(std::memory_order_relaxed);
      if (count == 0) continue;
      out << "leadq_http_requests_total{method=\"" << route.method << "\",route=\"" << route.path
          << "\",status=\"" << c + 1 << "xx\"} " << count << "\n";
    }
  }
  out << "# HELP leadq_http_request_duration_seconds Time to handle a request.\n"
      << "# TYPE leadq_http_request_duration_seconds histogram\n";
  for (const RouteStats& route : routes_) {
    int64_t cumulative = 0;
    const std::string labels = "method=\"" + route.method + "\",route=\"" + route.path + "\"";
    for (size_t b = 0; b < route.buckets.size(); ++b) {
      cumulative += route.buckets[b].load(std::memory_order_relaxed);
      const std::string le =
          b < kLatencyBucketsUs.size() ? std::to_string(kLatencyBucketsUs[b] / 1e6) : "+Inf";
      out << "leadq_http_request_duration_seconds_bucket{" << labels << ",le=\"" << le << "\"} "
          << cumulative << "\n";
    }
    out << "leadq_http_request_duration_seconds_sum{" << labels << "} "
        << route.sum_us.load(std::memory_order_relaxed) / 1e6 << "\n"
        << "leadq_http_request_duration_seconds_count{" << labels << "} " << cumulative << "\n";
  }
  out << "# HELP leadq_answers_stored_total Answers durably stored (duplicates excluded).\n"
      << "# TYPE leadq_answers_stored_total counter\n"
      << "leadq_answers_stored_total " << answers_stored_.load() << "\n"
      << "# HELP leadq_rate_limited_total Requests refused with 429.\n"
      << "# TYPE leadq_rate_limited_total counter\n"
      << "leadq_rate_limited_total " << rate_limited_.load() << "\n";
  for (const StorageFigure& figure : figures.backend) {
    const std::string name = "leadq_storage_" + figure.name;
    out << "# HELP " << name << " " << figure.help << "\n"
        << "# TYPE " << name << (figure.counter ? " counter" : " gauge") << "\n"
        << name << " " << figure.value << "\n";
  }
  if (figures.leads_by_triage) {
    out << "# HELP leadq_leads Leads by triage.\n# TYPE leadq_leads gauge\n";
    for (const char* triage : {"qualified", "nurture", "disqualified", "not_enough_information"}) {
      auto it = figures.leads_by_triage->find(triage);
      out << "leadq_leads{triage=\"" << triage << "\"} "
          << (it == figures.leads_by_triage->end() ? 0 : it->second) << "\n";
    }
  }
  if (figures.outbox_depth) {
    out << "# HELP leadq_outbox_depth Outbox rows not yet delivered.\n"
        << "# TYPE leadq_outbox_depth gauge\nleadq_outbox_depth " << *figures.outbox_depth << "\n";
  }
  if (figures.requalifications_waiting) {
    out << "# HELP leadq_requalifications_waiting Re-decisions queued by new data, not yet made.\n"
        << "# TYPE leadq_requalifications_waiting gauge\nleadq_requalifications_waiting "
        << *figures.requalifications_waiting << "\n";
  }
  return out.str();
}

}  // namespace leadq
