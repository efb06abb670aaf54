#include "security/login_throttle.hpp"

namespace kangfu::security {

Status LoginThrottle::Check(std::string_view account, TimePoint now) const {
  std::lock_guard lock(mutex_);
  auto found = entries_.find(std::string(account));
  if (found == entries_.end() || found->second.locked_until <= now) return Status::Ok();
  auto remaining = found->second.locked_until - now;
  auto minutes = std::chrono::ceil<std::chrono::minutes>(remaining).count();
  return Status::Error(
      ErrorCode::kResourceExhausted, "auth.locked",
      "登录失败次数过多，账户已暂时锁定，请 " + std::to_string(minutes) + " 分钟后再试",
      "username");
}

void LoginThrottle::RecordFailure(std::string_view account, TimePoint now) {
  std::lock_guard lock(mutex_);
  Entry& entry = entries_[std::string(account)];
  bool lock_expired = entry.locked_until != TimePoint{} && entry.locked_until <= now;
  bool stale = entry.failures > 0 && now - entry.last_failure > policy_.lock_duration;
  if (lock_expired || stale) entry = Entry{};
  if (entry.locked_until > now) return;  // already locked: the lock is not extended
  ++entry.failures;
  entry.last_failure = now;
  if (entry.failures >= policy_.max_failures) entry.locked_until = now + policy_.lock_duration;
}

void LoginThrottle::RecordSuccess(std::string_view account) {
  std::lock_guard lock(mutex_);
  entries_.erase(std::string(account));
}

void LoginThrottle::Prune(TimePoint now) {
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    const Entry& entry = it->second;
    bool locked = entry.locked_until > now;
    bool recent = now - entry.last_failure <= policy_.lock_duration;
    it = (!locked && !recent) ? entries_.erase(it) : std::next(it);
  }
}

std::size_t LoginThrottle::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace kangfu::security
