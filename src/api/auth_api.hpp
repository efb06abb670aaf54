#ifndef KANGFU_API_AUTH_API_HPP_
#define KANGFU_API_AUTH_API_HPP_

// The HTTP face of accounts and authentication, and the authentication middleware every other
// /api/v1 route should use.
//
// Middleware (AuthApi::Protect): reads the session cookie (HttpOnly; SameSite=Strict; Secure
// unless turned off for plain-HTTP development), resolves the app::Actor (401 "session.invalid"
// / "session.expired" otherwise) and, for every state-changing method (anything but GET, HEAD,
// OPTIONS), requires the session's CSRF token in the X-CSRF-Token header, compared in constant
// time (403 "auth.csrf" otherwise). The token is returned by login and by GET /api/v1/auth/me.
//
// Routes:
//   POST /api/v1/auth/login   {"username","password"} → 200 {"account", "csrf_token"} + cookie
//   POST /api/v1/auth/logout  → 204, cookie expired
//   GET  /api/v1/auth/me      → 200 {"account", "csrf_token"}
//   GET  /api/v1/accounts                      系统管理员: every account (no hashes)
//   POST /api/v1/accounts                      系统管理员: {"username","display_name",
//                                              "password","bootstrap_role"?} → 201
//   POST /api/v1/accounts/{id}/disable|enable  系统管理员
//   POST /api/v1/accounts/{id}/password        系统管理员: {"password"}
//   PUT  /api/v1/accounts/{id}/grants          安全保密管理员: {"roles":[codes],
//                                              "jurisdiction_org"}
//
// Concurrency: one storage::Store is one connection, so every request that touches the database
// holds the Backend's mutex for its duration. Safe (read) requests are group-committed: see
// Backend::SubmitRead.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "app/accounts.hpp"
#include "app/audit_log.hpp"
#include "app/status_service.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "storage/store.hpp"

namespace kangfu::api {

// The backend's mutex: a std::mutex that counts how often it was taken, so that a read batch
// can tell whether anyone else held it (and so may have written) since the previous batch.
class BackendMutex {
 public:
  // NOLINTBEGIN(readability-identifier-naming): the Lockable names std::lock_guard needs.
  void lock() {
    mutex_.lock();
    ++holds_;
  }
  bool try_lock() {
    if (!mutex_.try_lock()) return false;
    ++holds_;
    return true;
  }
  void unlock() { mutex_.unlock(); }
  // NOLINTEND(readability-identifier-naming)
  // How often it was taken; read only while holding it.
  uint64_t holds() const { return holds_; }

 private:
  std::mutex mutex_;
  uint64_t holds_ = 0;
};

// The database and the use cases over it, shared by every request.
class Backend {
 public:
  Backend(std::unique_ptr<storage::Store> store, const app::Clock& clock,
          app::AuthPolicy policy = {});

  // Held by every request that touches the database (std::lock_guard lock(backend.mutex())).
  BackendMutex& mutex() { return mutex_; }
  storage::Store& store() { return *store_; }
  app::AuditLog& audit() { return audit_; }
  app::Accounts& accounts() { return accounts_; }
  // The status facts kept between reads (app::StatusFactsCache): usable only inside a read
  // batch, and dropped whenever a write may have changed them: after every write request run
  // through SubmitWrite, when anyone else held the mutex since the previous batch (every
  // direct user of mutex() counts as a possible writer), when another connection committed
  // since (Store::ForeignDataVersion changed, or the store cannot tell), and after a batch or a
  // read in it rolled back.
  app::StatusFactsCache& status_facts() { return status_facts_; }
  // The clock the backend was built with ("today" for status questions asked without a date).
  const app::Clock& clock() const { return clock_; }

  // For /readyz: whether the database answers (takes the mutex).
  bool Ready();

  // Runs `read` (the whole of one safe request: authentication and handler) under the mutex in
  // a read batch shared with the reads submitted meanwhile (group commit), and calls `done` with
  // its answer only after the batch committed: an answer never leaves before the commit that
  // holds its audit entries. The first caller to find no batch running leads: it takes the
  // mutex, runs every queued read, each in its own savepoint (Store::BeginBatch), commits once,
  // calls their `done`s, and goes on with the reads queued meanwhile until none is left; the
  // others return at once (their `done` is called by the leader, on its thread). A read that
  // fails rolls back to its savepoint and answers its error, the others go on. When the batch's
  // commit fails, every read in it answers that error. A read that meets "sql.busy" (SQLite:
  // another process wrote after the batch's snapshot) is rolled back, the batch so far
  // committed, and the read run once more first in a fresh batch. A leader never waits for reads
  // to arrive: each batch is what queued while the one before ran. An exception escaping
  // `read` answers internal "handler threw: …" (its writes are rolled back). Writes never run in a
  // batch: queued ones (SubmitWrite) end the batch before them; every other user of the mutex
  // finds no batch open, since a leader holds the mutex for the whole of each batch. `done` is
  // called with the mutex held: it must not take it (the server's only posts the answer).
  using Read = std::function<Result<http::Response>()>;
  void SubmitRead(Read read, http::Done done);
  // Runs `write` (a state-changing request) in the same queue, in its turn, outside any batch
  // (the batch before it is committed first; its use cases open their own transactions), and
  // calls `done` with its answer. Queued with the reads, a write cannot be kept from the mutex
  // by a steady stream of them. Exceptions as for reads.
  void SubmitWrite(Read write, http::Done done);

  // How many batches SubmitRead/SubmitWrite have run and how many requests were in them (a
  // write counts in the batch it was queued with) (for tests and /metrics).
  struct ReadBatchCounts {
    int64_t batches = 0;
    int64_t reads = 0;
  };
  ReadBatchCounts read_batch_counts();
  // The same counts as Prometheus counters (kangfu_read_batches_total,
  // kangfu_read_batch_requests_total), for http::Metrics::AddSource: their ratio is the mean
  // batch size, the measure of how well the group commit shares its commits.
  std::string ReadBatchMetrics();

 private:
  struct PendingRead {
    Read read;
    http::Done done;
    std::optional<Result<http::Response>> result;
    int attempts = 0;
    bool write = false;
  };
  void Submit(PendingRead pending);
  static Result<http::Response> Guarded(const Read& work, bool* threw);
  static void Answer(PendingRead& item);
  // Runs the queued requests in order (reads in batches, writes alone) and answers each as soon
  // as the transaction holding its writes committed.
  void RunBatch(std::vector<PendingRead>& batch);
  // Opens status_facts_ for the batch just begun, dropping them first when another connection
  // committed since the previous batch; leaves it closed when the store cannot tell.
  void OpenFactsCache();

  BackendMutex mutex_;
  uint64_t batch_holds_ = 0;             // mutex_.holds() in the previous batch
  std::optional<int64_t> data_version_;  // Store::ForeignDataVersion() in the previous batch
  app::StatusFactsCache status_facts_;
  // The queue of reads waiting for a leader, guarded by reads_mutex_ (never held together with
  // mutex_ by the same thread, so the two cannot deadlock).
  std::mutex reads_mutex_;
  std::vector<PendingRead> reads_;
  bool leading_ = false;
  ReadBatchCounts read_batch_counts_;
  app::Clock clock_;
  std::unique_ptr<storage::Store> store_;
  app::AuditLog audit_;
  app::Accounts accounts_;
};

using ActorHandler = std::function<Result<http::Response>(http::Request&, const app::Actor&)>;

struct AuthApiOptions {
  bool secure_cookies = true;
};

// A small handle (a reference to the backend and the options): the handlers it registers hold
// their own copy, so the AuthApi object itself need not outlive the router.
class AuthApi {
 public:
  // `backend` must outlive the routes.
  AuthApi(Backend& backend, AuthApiOptions options) : backend_(backend), options_(options) {}

  // Adds the routes above. Errors: the router's (duplicate routes).
  Status AddRoutes(http::Router& router) const;

  // The middleware: a deferred handler that authenticates (and checks CSRF) before calling
  // `inner` with the actor, holding the backend's mutex throughout. Safe methods run through
  // Backend::SubmitRead (group commit); others through Backend::SubmitWrite, each use case in
  // its own transaction.
  http::DeferredHandler Protect(ActorHandler inner) const;

 private:
  Result<http::Response> Authenticated(http::Request& request, const ActorHandler& inner,
                                       bool safe) const;
  Result<http::Response> Login(http::Request& request) const;

  Backend& backend_;
  AuthApiOptions options_;
};

}  // namespace kangfu::api

#endif  // KANGFU_API_AUTH_API_HPP_
