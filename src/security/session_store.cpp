#include "security/session_store.hpp"

#include "security/random.hpp"

namespace kangfu::security {

namespace {

Result<std::string> RandomToken() {
  Result<std::string> bytes = RandomBytes(32);
  if (!bytes.ok()) return std::move(bytes).TakeStatus();
  return ToHex(*bytes);
}

}  // namespace

bool InMemorySessionStore::Expired(const Session& session, TimePoint now) const {
  return now - session.last_seen >= policy_.idle_timeout ||
         now - session.created >= policy_.absolute_timeout;
}

Result<Session> InMemorySessionStore::Create(std::int64_t account_id, TimePoint now) {
  Result<std::string> id = RandomToken();
  if (!id.ok()) return std::move(id).TakeStatus();
  Result<std::string> csrf = RandomToken();
  if (!csrf.ok()) return std::move(csrf).TakeStatus();
  Session session{std::move(id).value(), std::move(csrf).value(), account_id, now, now};
  std::lock_guard lock(mutex_);
  sessions_[session.id] = session;
  return session;
}

Result<Session> InMemorySessionStore::Touch(std::string_view id, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(std::string(id));
  if (found == sessions_.end()) {
    return Status::Error(ErrorCode::kUnauthenticated, "session.invalid", "尚未登录，请先登录");
  }
  if (Expired(found->second, now)) {
    sessions_.erase(found);
    return Status::Error(ErrorCode::kUnauthenticated, "session.expired", "登录已过期，请重新登录");
  }
  found->second.last_seen = now;
  return found->second;
}

void InMemorySessionStore::Remove(std::string_view id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(std::string(id));
}

std::size_t InMemorySessionStore::RemoveAccount(std::int64_t account_id) {
  std::lock_guard lock(mutex_);
  return std::erase_if(
      sessions_, [account_id](const auto& entry) { return entry.second.account_id == account_id; });
}

std::size_t InMemorySessionStore::Prune(TimePoint now) {
  std::lock_guard lock(mutex_);
  return std::erase_if(sessions_,
                       [this, now](const auto& entry) { return Expired(entry.second, now); });
}

std::size_t InMemorySessionStore::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

bool CsrfTokenMatches(const Session& session, std::string_view sent_token) {
  if (sent_token.empty() || session.csrf_token.empty()) return false;
  return ConstantTimeEquals(session.csrf_token, sent_token);
}

}  // namespace kangfu::security
