#ifndef KANGFU_APP_DEMO_ACCOUNTS_HPP_
#define KANGFU_APP_DEMO_ACCOUNTS_HPP_

// The demo accounts: one per role, created by `kangfu demo seed` on the demo database and
// listed by `kangfu serve --demo`. They exist only where the demo data set was seeded; a
// production database gets its first administrator from `kangfu admin init` and has no default
// password anywhere.
//
// The accounts are created through Accounts exactly as people would create them (the first
// 系统管理员 by InitAdmin, the other two administrators by the bootstrap, the business accounts by
// the 系统管理员, their roles and jurisdictions granted by the 安全保密管理员), so every step is in
// the audit log like any other account change.

#include <string_view>
#include <vector>

#include "app/accounts.hpp"
#include "core/status.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

// Every demo account shares this password (it satisfies the password policy).
inline constexpr std::string_view kDemoPassword = "Kangfu@2026";

enum class DemoScope : uint8_t {
  kNone,  // administrators: no jurisdiction
  kCity,  // the whole demo city
  kUnit,  // one unit of the city
};

struct DemoAccountSpec {
  std::string_view username{};
  std::string_view display_name{};
  Role role = Role::kCaseManager;
  DemoScope scope = DemoScope::kNone;
};

// The demo accounts in the order they are listed: the business roles, then the administrators.
const std::vector<DemoAccountSpec>& DemoAccountSpecs();

struct DemoAccount {
  DemoAccountSpec spec;
  storage::RowId jurisdiction_org = 0;  // 0 for administrators
  std::string jurisdiction_name{};      // "" for administrators
};

// Creates every demo account. `city_id` is the demo city, `unit_id` one of its units.
// kFailedPrecondition "admin.already_initialised" when the database already has accounts;
// otherwise the errors of Accounts (nothing is left half-created only per account: each step is
// its own transaction, as in real use).
Result<std::vector<DemoAccount>> CreateDemoAccounts(Accounts& accounts, storage::Store& store,
                                                    storage::RowId city_id, storage::RowId unit_id);

// The demo accounts present in `store` (those of DemoAccountSpecs() that exist and are
// enabled), with their jurisdictions, for printing at start-up.
Result<std::vector<DemoAccount>> FindDemoAccounts(storage::Store& store);

}  // namespace kangfu::app

#endif  // KANGFU_APP_DEMO_ACCOUNTS_HPP_
