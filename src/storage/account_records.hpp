#ifndef KANGFU_STORAGE_ACCOUNT_RECORDS_HPP_
#define KANGFU_STORAGE_ACCOUNT_RECORDS_HPP_

// Rows of accounts, sessions and the audit log. Plain values: the application layer gives them
// meaning (role codes, timestamps, the SM3 chain). Timestamps are UTC text
// "YYYY-MM-DDTHH:MM:SSZ", stored byte for byte, so that both backends hash the same audit bytes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/records.hpp"

namespace kangfu::storage {

struct Account {
  RowId id = 0;
  std::string username;  // unique, as typed
  std::string display_name;
  std::string password_hash;       // argon2id PHC string
  std::vector<std::string> roles;  // app::RoleCode values, in the order granted
  RowId jurisdiction_org = 0;      // 0: none granted yet
  bool disabled = false;
  int failed_logins = 0;
  std::string locked_until;  // "" when not locked
  std::string password_changed_at;
  int64_t version = 0;

  friend bool operator==(const Account&, const Account&) = default;
};

struct StoredSession {
  std::string id_hash;  // hex SM3 of the session id; the id itself is never stored
  RowId account_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;

  friend bool operator==(const StoredSession&, const StoredSession&) = default;
};

struct AuditRecord {
  int64_t position = 0;  // physical append order, assigned by the database (read only)
  int64_t seq = 0;       // 1, 2, … assigned by the appender, hashed into the chain
  std::string at;
  RowId actor_id = 0;  // 0 for an unauthenticated actor (a failed login)
  std::string actor_username;
  std::string remote_address;
  std::string request_id;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string before_json;
  std::string after_json;
  bool success = true;
  std::string detail;
  std::string hash;  // hex SM3 chain value of this entry

  friend bool operator==(const AuditRecord&, const AuditRecord&) = default;
};

// What Store::FindAudit selects. Every filter left empty (or nullopt) matches every entry.
struct AuditFilter {
  std::string actor_username;  // exactly
  std::string action;          // exactly, or every action starting with it when it ends in '.'
  std::string object_type;     // exactly
  std::string object_id;       // exactly
  std::string at_from;         // at >= at_from (stored timestamps order as text)
  std::string at_before;       // at < at_before
  std::optional<bool> success;
  int64_t offset = 0;  // matching entries skipped, newest first
  int64_t limit = 20;  // at most this many returned
};

// One listed entry: the record WITHOUT its before/after images (they are left empty: they hold
// case facts the auditor does not see), and whether it had any.
struct AuditListing {
  AuditRecord record;
  bool has_changes = false;

  friend bool operator==(const AuditListing&, const AuditListing&) = default;
};

struct AuditPage {
  std::vector<AuditListing> items;  // newest (highest position) first
  int64_t total = 0;                // how many entries match the filters in all
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_ACCOUNT_RECORDS_HPP_
