#ifndef KANGFU_SECURITY_SESSION_STORE_HPP_
#define KANGFU_SECURITY_SESSION_STORE_HPP_

// Server-side sessions. The cookie carries only a random 256-bit id; everything else stays here.
// A session ends after 30 minutes without use (idle) or 8 hours after login (absolute), whichever
// comes first. Each session has its own CSRF token, sent back by the client in a header on every
// state-changing request. No clock inside: every call takes `now`.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.hpp"

namespace kangfu::security {

using TimePoint = std::chrono::system_clock::time_point;

struct SessionPolicy {
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{8 * 60 * 60};
};

struct Session {
  std::string id;          // 64 hex characters (32 random bytes)
  std::string csrf_token;  // 64 hex characters, independent of the id
  std::int64_t account_id = 0;
  TimePoint created;
  TimePoint last_seen;
};

// The port; an in-memory implementation follows, a database one can come later.
class SessionStore {
 public:
  virtual ~SessionStore() = default;

  // Opens a session for `account_id`. Error: internal when the RNG fails.
  virtual Result<Session> Create(std::int64_t account_id, TimePoint now) = 0;

  // The live session with this id, its idle clock restarted at `now`.
  // Error: unauthenticated "session.invalid" when unknown, "session.expired" when idle or past its
  // absolute limit (the session is then removed).
  virtual Result<Session> Touch(std::string_view id, TimePoint now) = 0;

  // Ends a session (logout). Unknown ids are ignored.
  virtual void Remove(std::string_view id) = 0;

  // Ends every session of an account (password change, account disabled); returns how many.
  virtual std::size_t RemoveAccount(std::int64_t account_id) = 0;

  // Drops expired sessions; returns how many.
  virtual std::size_t Prune(TimePoint now) = 0;
};

class InMemorySessionStore final : public SessionStore {
 public:
  explicit InMemorySessionStore(SessionPolicy policy = {}) : policy_(policy) {}

  Result<Session> Create(std::int64_t account_id, TimePoint now) override;
  Result<Session> Touch(std::string_view id, TimePoint now) override;
  void Remove(std::string_view id) override;
  std::size_t RemoveAccount(std::int64_t account_id) override;
  std::size_t Prune(TimePoint now) override;

  std::size_t size() const;

 private:
  bool Expired(const Session& session, TimePoint now) const;

  SessionPolicy policy_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Session> sessions_;
};

// True when the token sent with a request equals the session's CSRF token (constant time).
// An empty token never matches.
bool CsrfTokenMatches(const Session& session, std::string_view sent_token);

}  // namespace kangfu::security

#endif  // KANGFU_SECURITY_SESSION_STORE_HPP_
