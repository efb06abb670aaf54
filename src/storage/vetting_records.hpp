#ifndef KANGFU_STORAGE_VETTING_RECORDS_HPP_
#define KANGFU_STORAGE_VETTING_RECORDS_HPP_

// Rows of the integrity-vetting tables (党风廉政意见回复, issue 6, migration 0005). Plain values
// like records.hpp: codes are stable lower-case codes; the database refuses an unknown code
// (kInvalidArgument "record.invalid"). Editable rows carry `version` (optimistic locking).
//
// Purposes: "promotion" (提拔), "further_use" (进一步使用), "rank_promotion" (晋升职级),
// "commendation" (评优评先), "nomination" (推荐代表委员), "transfer" (交流任职).
// Answer classes (rules.md §7): "no_issue", "period_over", "period_running", "pending_matter",
// "unsuitable". Request states: "open" (answers being drafted and confirmed), "approved" (a leader
// approved every answer), "issued" (the reply letter went out).

#include <cstdint>
#include <optional>
#include <string>

#include "storage/records.hpp"

namespace kangfu::storage {

struct VettingRequestRow {
  RowId id = 0;
  RowId filing_org = 0;       // the organisation department's organisation (its jurisdiction)
  RowId filed_by = 0;         // the filing account
  std::string requester{};    // 主送机关 of the reply, e.g. "中共甲市委组织部"
  std::string request_ref{};  // the request's own document number ("" when none)
  std::string purpose{};
  Date request_date{};
  Date deadline{};            // last day to reply (working days, computed by the app)
  std::string state{};        // "open" | "approved" | "issued"
  std::string approved_by{};  // username of the approving leader
  std::optional<Date> approved_on{};
  std::string issued_by{};
  std::optional<Date> issued_on{};
  std::string letter_number{};  // 发文字号 of the reply
  std::string issuer{};         // 发文机关 named on the letter
  int64_t version = 0;

  friend bool operator==(const VettingRequestRow&, const VettingRequestRow&) = default;
};

// One candidate of a request: the engine's draft (with the records and articles behind it, as
// JSON text) and the answer a case manager confirmed.
struct VettingCandidateRow {
  RowId id = 0;
  RowId request_id = 0;
  RowId person_id = 0;
  int line = 0;                 // position in the request as filed (1-based)
  std::string drafted_class{};  // "" until drafted
  std::string drafted_basis{};  // JSON text ("" until drafted)
  std::optional<Date> drafted_on{};
  std::string confirmed_class{};  // "" until confirmed
  std::string change_reason{};    // required when confirmed_class differs from drafted_class
  std::string confirmed_by{};
  std::optional<Date> confirmed_on{};
  int64_t version = 0;
  // The wording of the answer (migration 0011): the engine's draft and the confirmed text that
  // the reply letter prints ("" before drafting / confirming).
  std::string drafted_statement{};
  std::string statement{};

  friend bool operator==(const VettingCandidateRow&, const VettingCandidateRow&) = default;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_VETTING_RECORDS_HPP_
