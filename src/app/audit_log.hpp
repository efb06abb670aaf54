#ifndef KANGFU_APP_AUDIT_LOG_HPP_
#define KANGFU_APP_AUDIT_LOG_HPP_

// The tamper-evident audit log: an AuditSink that appends SM3-chained entries through the
// storage port, and the verifier behind `kangfu audit verify`.
//
// Entry n stores hash(n) = SM3(hash(n-1) ‖ seq(n) ‖ AuditContent(entry n)) (security/sm3.hpp).
// Changing, removing or slipping in a row breaks the chain at that row. Someone able to rewrite
// the whole table can recompute every hash, and deleting the newest entries leaves a shorter but
// valid chain. Against both, keep the latest (seq, hash) OUTSIDE the database: e.g. print
// `kangfu audit verify` output daily to a write-once medium or the security administrator's
// paper log, or send it to a separate log host; then pass it as a checkpoint
// (`--checkpoint SEQ:HASH`). A checkpoint proves that entry SEQ still exists with that hash.

#include <cstdint>
#include <optional>
#include <string>

#include "app/audit_sink.hpp"
#include "app/clock.hpp"
#include "security/sm3.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

// The canonical bytes of an entry that the chain covers: every field but position, seq and hash,
// each as "<byte length>:<bytes>;" so that no two different entries encode alike.
std::string AuditContent(const storage::AuditRecord& record);

class AuditLog final : public AuditSink {
 public:
  // `store` must outlive the sink.
  AuditLog(storage::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

  // Appends one entry chained to the last one, inside the caller's transaction when there is
  // one (Store::InTransaction joins it), so the entry commits or rolls back with the write it
  // describes. Errors: the store's (the caller's transaction then fails); internal
  // "audit.chain_broken" when the last entry's stored hash is not a hash at all (the log was
  // tampered with: no entry is added until `kangfu audit verify` has been looked at).
  Status Record(const Actor& actor, const AuditEvent& event) override;

 private:
  storage::Store& store_;
  Clock clock_;
};

struct AuditVerification {
  security::ChainReport report;  // ok(), or the first fault with its seq and a Chinese message
  int64_t entries = 0;           // how many entries were read
  std::optional<security::ChainCheckpoint> last;  // the last entry's (seq, hash): the checkpoint
                                                  // to keep elsewhere
};

// Reads the whole log in append order, page by page, and checks the chain (and `checkpoint`,
// when given). Errors only when the store fails.
Result<AuditVerification> VerifyAuditLog(
    storage::Store& store, const std::optional<security::ChainCheckpoint>& checkpoint = {},
    int64_t page_size = 1000);

}  // namespace kangfu::app

#endif  // KANGFU_APP_AUDIT_LOG_HPP_
