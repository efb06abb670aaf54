#ifndef KANGFU_SECURITY_LOGIN_THROTTLE_HPP_
#define KANGFU_SECURITY_LOGIN_THROTTLE_HPP_

// Locks an account name after repeated failed logins. No clock inside: every call takes `now`.
// Thread-safe.

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.hpp"

namespace kangfu::security {

using TimePoint = std::chrono::system_clock::time_point;

struct ThrottlePolicy {
  int max_failures = 5;                         // the 5th consecutive failure locks
  std::chrono::seconds lock_duration{15 * 60};  // and the lock lasts 15 minutes
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottlePolicy policy = {}) : policy_(policy) {}

  // OK when `account` may try to log in at `now`. While locked: resource_exhausted
  // "auth.locked" on field "username", telling the user how many minutes to wait (rounded up).
  Status Check(std::string_view account, TimePoint now) const;

  // Counts a failed attempt. Failures are consecutive: a success clears them, and a failure more
  // than lock_duration after the previous one starts counting again. The max_failures-th failure
  // locks the account until now + lock_duration; after that it starts afresh.
  void RecordFailure(std::string_view account, TimePoint now);

  // Clears the account's failures.
  void RecordSuccess(std::string_view account);

  // Forgets entries that no longer matter at `now` (bounded memory against name spraying).
  void Prune(TimePoint now);

  std::size_t size() const;

 private:
  struct Entry {
    int failures = 0;
    TimePoint last_failure;
    TimePoint locked_until;  // epoch when not locked
  };
  ThrottlePolicy policy_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace kangfu::security

#endif  // KANGFU_SECURITY_LOGIN_THROTTLE_HPP_
