#ifndef KANGFU_APP_AUDIT_SINK_HPP_
#define KANGFU_APP_AUDIT_SINK_HPP_

// Where use cases record what an actor did. Implementations append to the tamper-evident audit
// log (SM3-chained) in the SAME transaction as the write they describe, so that a write and its
// audit entry are committed or rolled back together. Reads of a person's file are recorded too.

#include <string>

#include "app/actor.hpp"
#include "core/status.hpp"

namespace kangfu::app {

struct AuditEvent {
  std::string action;       // "person.read", "case.create", "auth.login" …
  std::string object_type;  // "person", "case", "account" …
  std::string object_id;
  std::string before_json;  // edits: the row before ("" for none)
  std::string after_json;   // edits: the row after ("" for none)
  bool success = true;
  std::string detail;  // e.g. the reason of a refusal
};

class AuditSink {
 public:
  virtual ~AuditSink() = default;
  // Appends one entry for `actor`. An error must make the caller's transaction fail.
  virtual Status Record(const Actor& actor, const AuditEvent& event) = 0;
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_AUDIT_SINK_HPP_
