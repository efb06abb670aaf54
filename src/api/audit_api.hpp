#ifndef KANGFU_API_AUDIT_API_HPP_
#define KANGFU_API_AUDIT_API_HPP_

// The security auditor's (安全审计员) view of the tamper-evident audit log. Both routes go
// through AuthApi::Protect (session; GET, so no CSRF token) and need Permission::kReadAuditLog,
// which only the auditor role carries (403 "auth.forbidden" otherwise).
//
//   GET /api/v1/audit?page=&page_size=&actor=&action=&object_type=&object_id=&from=&to=&success=
//     → 200 {"items": [Entry], "total", "page", "page_size"}, newest first.
//       actor        the account's username, exactly
//       action       exactly, or every action starting with it when it ends with "." ("vetting.")
//       object_type, object_id   exactly
//       from, to     Beijing civil dates "YYYY-MM-DD", both days included
//       success      "true" | "false"
//     Entry = {"seq","at"(UTC "YYYY-MM-DDTHH:MM:SSZ"),"actor_id","actor_username",
//              "remote_address","request_id","action","object_type","object_id","success",
//              "detail","has_changes"}
//     The rows' before/after images are NOT returned: they hold case facts and ID numbers, and
//     the 三员 see no case data (design.md); `has_changes` says that an entry carries them.
//   GET /api/v1/audit/verify?checkpoint=SEQ:HASH
//     → 200 {"ok","problem":"none"|"altered"|"inserted"|"removed","seq","message","entries",
//            "checkpoint":{"seq","hash"}|null,"recorded"}
//     The same check as `kangfu audit verify` (app::VerifyAuditLog), with the same optional
//     checkpoint (400 "audit.checkpoint_invalid", field checkpoint, when malformed).
//
// Reading the log is itself audited (an auditor's reads are what the security administrator's
// oversight of the auditor rests on): a list request appends "audit.read" (detail: the filters and
// the number of matches) after it has read the log, and returns nothing if that append fails; a
// verification appends "audit.verify" (success = whether the chain holds, detail = the result).
// The verification report is returned even when that append fails (`recorded` false): the append
// is refused precisely when the chain's last entry is damaged, which is what the auditor must see.
//
// Errors: 400 "page.number" (page outside 1..1000: narrow the filters instead), "page.size"
// (page_size outside 1..100), "date.malformed" / "date.invalid" (field from / to), "audit.range"
// (from after to), "audit.success" (neither true nor false), "audit.checkpoint_invalid".
//
// Filtering and paging happen in the database (Store::FindAudit, one indexed query per filter
// combination; migration 0009), so a page costs the same however long the log is.

#include <map>
#include <optional>
#include <string>

#include "api/auth_api.hpp"
#include "core/status.hpp"
#include "http/router.hpp"
#include "storage/account_records.hpp"

namespace kangfu::api {

inline constexpr int64_t kMaxAuditPage = 1000;

struct AuditQuery {
  int64_t page = 1;
  int64_t page_size = 20;
  std::string actor;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string from;  // the "from" date as given ("" = open); for the audit entry's detail
  std::string to;
  std::string at_from;    // UTC timestamp bounds of the Beijing days: at_from <= at < at_before
  std::string at_before;  // "" = open
  std::optional<bool> success;
};

// Reads the query parameters above. Errors as listed in the header comment (unknown parameters
// are ignored, as everywhere in /api/v1).
Result<AuditQuery> ParseAuditQuery(const std::map<std::string, std::string>& params);

// Whether `record` passes every filter of `query` (the same rule as Store::FindAudit; kept for
// callers that hold records already).
bool AuditMatches(const AuditQuery& query, const storage::AuditRecord& record);

// Adds the two routes above. `backend` must outlive the router. Errors: the router's.
Status AddAuditRoutes(http::Router& router, const AuthApi& auth, Backend& backend);

}  // namespace kangfu::api

#endif  // KANGFU_API_AUDIT_API_HPP_
