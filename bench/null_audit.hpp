#ifndef KANGFU_BENCH_NULL_AUDIT_HPP_
#define KANGFU_BENCH_NULL_AUDIT_HPP_

// An audit sink that keeps nothing, for benchmarks of the application services: they measure
// the service's own work, the audit log has its own figures (bench/http_benchmark.sh).

#include "app/audit_sink.hpp"

namespace kangfu::bench {

class NullAudit : public app::AuditSink {
 public:
  Status Record(const app::Actor& /*actor*/, const app::AuditEvent& /*event*/) override {
    return Status::Ok();
  }
};

}  // namespace kangfu::bench

#endif  // KANGFU_BENCH_NULL_AUDIT_HPP_
