#ifndef KANGFU_STORAGE_SQL_STORE_HPP_
#define KANGFU_STORAGE_SQL_STORE_HPP_

// The Store implemented once over SqlConnection: both adapters share the statements below and
// so the behaviour the contract suite checks. Dialect differences live in SqlStatement::pg_sql
// and in the migrations.

#include <memory>

#include "storage/sql_connection.hpp"
#include "storage/store.hpp"

namespace kangfu::storage {

// Takes an open, migrated connection.
std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<SqlConnection> connection);

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_SQL_STORE_HPP_
