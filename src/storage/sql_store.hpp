#ifndef KANGFU_STORAGE_SQL_STORE_HPP_
#define KANGFU_STORAGE_SQL_STORE_HPP_

// The Store implemented once over SqlConnection: both adapters share the statements below and
// so the behaviour the contract suite checks. Dialect differences live in SqlStatement::pg_sql
// and in the migrations.

#include <functional>
#include <memory>

#include "storage/sql_connection.hpp"
#include "storage/sql_row_reader.hpp"
#include "storage/store.hpp"

namespace kangfu::storage {

// Takes an open, migrated connection.
std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<SqlConnection> connection);

// The aftercare part of the SqlStore (sql_store_aftercare.cpp). `owner` provides the transactions
// (writes run inside owner.InTransaction, joining an open one); `doomed` tells whether the open
// transaction has already failed (writes then return "transaction.aborted" without running).
std::unique_ptr<AftercareStore> MakeSqlAftercareStore(SqlConnection& connection, Store& owner,
                                                      std::function<bool()> doomed);

// The vetting part of the SqlStore (sql_store_vetting.cpp); `owner` and `doomed` as above.
std::unique_ptr<VettingStore> MakeSqlVettingStore(SqlConnection& connection, Store& owner,
                                                  std::function<bool()> doomed);

// The re-use part of the SqlStore (sql_store_reuse.cpp); `owner` and `doomed` as above.
std::unique_ptr<ReuseStore> MakeSqlReuseStore(SqlConnection& connection, Store& owner,
                                              std::function<bool()> doomed);
// The oversight part of the SqlStore (sql_store_oversight.cpp); `owner` and `doomed` as above.
std::unique_ptr<OversightStore> MakeSqlOversightStore(SqlConnection& connection, Store& owner,
                                                      std::function<bool()> doomed);
// A persons / cases / measures row selected with the columns in table order (id first, version
// last, as in sql_store.cpp's KANGFU_*_COLS); "storage.corrupt" when a value does not read.
Result<Person> ReadPerson(const SqlRow& row);
Result<Case> ReadCase(const SqlRow& row);
Result<Measure> ReadMeasure(const SqlRow& row);
// One audit_log row's columns in table order (id, seq, at, actor_id, actor_username,
// remote_address, request_id, action, object_type, object_id, [before_json, after_json,] success,
// detail, hash) into `a`; the JSON columns only `with_changes`. Errors are left in `r` (r.bad()).
void ReadAuditColumns(RowReader& r, AuditRecord& a, bool with_changes);
// The filtered audit list (sql_store_audit.cpp): Store::FindAudit on `connection`.
Result<AuditPage> FindAuditEntries(SqlConnection& connection, const AuditFilter& filter);
// The ledger reads (sql_store_ledger.cpp); read-only, so it needs no transaction hooks.
std::unique_ptr<LedgerStore> MakeSqlLedgerStore(SqlConnection& connection);
// The indicator queries (sql_store_indicators.cpp), read-only.
std::unique_ptr<IndicatorStore> MakeSqlIndicatorStore(SqlConnection& connection);

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_SQL_STORE_HPP_
