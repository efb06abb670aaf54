#ifndef KANGFU_BENCH_BENCH_SUPPORT_HPP_
#define KANGFU_BENCH_BENCH_SUPPORT_HPP_

// Shared by the benchmark programs: the machine's load (printed beside every figure, because
// this 2-core machine is often busy and a figure means little without it) and sizes from the
// environment.

#include <sys/resource.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace kangfu::bench {

// The 1-minute load average, or -1 when /proc/loadavg cannot be read.
inline double LoadAverage() {
  std::ifstream file("/proc/loadavg");
  double load = -1;
  if (!(file >> load)) return -1;
  return load;
}

// The whole number `text`, or `fallback` when it is not one (a typo should not silently run a
// benchmark of size 0).
inline int64_t ParseInt(std::string_view text, int64_t fallback) {
  int64_t parsed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (error != std::errc() || end != text.data() + text.size()) return fallback;
  return parsed;
}

// The integer in environment variable `name`, or `fallback` when it is unset or not a number.
inline int64_t EnvInt(const char* name, int64_t fallback) {
  const char* value = std::getenv(name);
  return value == nullptr ? fallback : ParseInt(value, fallback);
}

// User + system CPU time of the whole process (every thread), in seconds: beside the wall time,
// the figure that stays comparable when other work shares the machine.
inline double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace kangfu::bench

#endif  // KANGFU_BENCH_BENCH_SUPPORT_HPP_
