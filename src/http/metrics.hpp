#ifndef KANGFU_HTTP_METRICS_HPP_
#define KANGFU_HTTP_METRICS_HPP_

// Request metrics in the Prometheus text exposition format (version 0.0.4).
//   kangfu_http_requests_total{method,route,status}      counter
//   kangfu_http_request_duration_seconds{method,route}  histogram
//   kangfu_http_requests_in_flight                       gauge
// and whatever the sources added with AddSource render (the server adds the read batches:
// kangfu_read_batches_total, kangfu_read_batch_requests_total).
// `route` is the matched pattern ("/api/v1/persons/{id}"), or "unmatched" / "static", so that
// the label set stays bounded whatever paths clients send.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace kangfu::http {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

  // Records one finished request. Thread-safe.
  void Observe(std::string_view method, std::string_view route, int status, double seconds);
  void RequestStarted() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void RequestFinished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

  // Adds the metrics of another layer (the database's read batches…) to every Render: `source`
  // returns complete exposition lines (# HELP, # TYPE, samples), is thread-safe, and must not
  // call back into this object. Thread-safe.
  void AddSource(std::function<std::string()> source);
  // The exposition text. Thread-safe.
  std::string Render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative counts
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t, std::less<>> counts_;
  std::map<std::tuple<std::string, std::string>, Histogram, std::less<>> latency_;
  std::atomic<std::int64_t> in_flight_{0};
  std::vector<std::function<std::string()>> sources_;
};

// Escapes a label value for the exposition format (backslash, quote, newline).
std::string EscapeLabel(std::string_view value);

}  // namespace kangfu::http

#endif  // KANGFU_HTTP_METRICS_HPP_
