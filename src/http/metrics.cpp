#include "http/metrics.hpp"

#include <fmt/format.h>

namespace kangfu::http {

std::string EscapeLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Metrics::Observe(std::string_view method, std::string_view route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  // Looked up by views (the maps' transparent comparators): the keys are copied only the first
  // time a method/route/status is seen, not at every request.
  auto count = counts_.find(std::make_tuple(method, route, status));
  if (count == counts_.end()) {
    count =
        counts_.emplace(std::make_tuple(std::string(method), std::string(route), status), 0).first;
  }
  ++count->second;
  auto series = latency_.find(std::make_tuple(method, route));
  if (series == latency_.end()) {
    series = latency_.emplace(std::make_tuple(std::string(method), std::string(route)), Histogram{})
                 .first;
  }
  Histogram& histogram = series->second;
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  if (bucket < kBuckets.size()) ++histogram.buckets[bucket];
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::AddSource(std::function<std::string()> source) {
  std::lock_guard lock(mutex_);
  sources_.push_back(std::move(source));
}

std::string Metrics::Render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP kangfu_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE kangfu_http_requests_total counter\n";
  for (const auto& [key, count] : counts_) {
    const auto& [method, route, status] = key;
    out +=
        fmt::format("kangfu_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                    EscapeLabel(method), EscapeLabel(route), status, count);
  }
  out += "# HELP kangfu_http_request_duration_seconds Time from request read to response built.\n";
  out += "# TYPE kangfu_http_request_duration_seconds histogram\n";
  for (const auto& [key, histogram] : latency_) {
    std::string labels = fmt::format("method=\"{}\",route=\"{}\"", EscapeLabel(std::get<0>(key)),
                                     EscapeLabel(std::get<1>(key)));
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += histogram.buckets[i];
      out += fmt::format("kangfu_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                         kBuckets[i], cumulative);
    }
    out += fmt::format("kangfu_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels,
                       histogram.count);
    out +=
        fmt::format("kangfu_http_request_duration_seconds_sum{{{}}} {}\n", labels, histogram.sum);
    out += fmt::format("kangfu_http_request_duration_seconds_count{{{}}} {}\n", labels,
                       histogram.count);
  }
  out += "# HELP kangfu_http_requests_in_flight Requests being handled now.\n";
  out += "# TYPE kangfu_http_requests_in_flight gauge\n";
  out += fmt::format("kangfu_http_requests_in_flight {}\n",
                     in_flight_.load(std::memory_order_relaxed));
  for (const auto& source : sources_) out += source();
  return out;
}

}  // namespace kangfu::http
