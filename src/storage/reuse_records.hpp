#ifndef KANGFU_STORAGE_REUSE_RECORDS_HPP_
#define KANGFU_STORAGE_REUSE_RECORDS_HPP_

// Rows of the re-use tables (重新使用, issue 6, migration 0007). Plain values like records.hpp;
// the database refuses an unknown code (kInvalidArgument "record.invalid"). Editable rows carry
// `version` (optimistic locking).
//
// File states: "open", "reused" (step 5 recorded after a decision to re-use), "not_reused" (a
// decision not to re-use, with its reason), "withdrawn" (with its reason). Steps: 1 … 5
// (domain/reuse/reuse.hpp). Document kinds: "upload", "generated". Assessment grades (年度考核):
// "excellent" 优秀, "competent" 称职, "basically_competent" 基本称职, "incompetent" 不称职.

#include <cstdint>
#include <optional>
#include <string>

#include "storage/records.hpp"

namespace kangfu::storage {

struct ReuseFileRow {
  RowId id = 0;
  RowId person_id = 0;
  RowId org_id = 0;     // the organisation department's organisation that opened it
  RowId opened_by = 0;  // account
  Date opened_on{};
  std::string state{};  // "open" | "reused" | "not_reused" | "withdrawn"
  // A heavier sanction proposed anyway (差异化的分类管理): the reason, who gave it, and the leader
  // who approved it ("" / nullopt when none).
  std::string override_reason{};
  std::string override_by{};
  std::string override_approved_by{};
  std::optional<Date> override_approved_on{};
  std::optional<Date> closed_on{};
  std::string close_reason{};
  std::string closed_by{};
  int64_t version = 0;

  friend bool operator==(const ReuseFileRow&, const ReuseFileRow&) = default;
};

// One recorded step. `details` is JSON text with the step's own members (the commission's
// opinion at step 1, the five looks and the evaluation at step 2, the decision and those
// answerable for it at step 4, how it was made public at step 5).
struct ReuseStepRow {
  RowId id = 0;
  RowId file_id = 0;
  int step = 0;
  std::string organ{};  // the acting organ
  Date date{};
  std::string opinion{};
  RowId document_id = 0;  // 0 for none
  std::string details{};  // JSON text, "{}" when none
  std::string recorded_by{};
  int64_t version = 0;

  friend bool operator==(const ReuseStepRow&, const ReuseStepRow&) = default;
};

struct ReuseDocumentRow {
  RowId id = 0;
  RowId file_id = 0;
  std::string name{};
  std::string content_type{};
  int64_t size = 0;
  std::string hash{};   // hex SM3 of the bytes
  std::string kind{};   // "upload" | "generated"
  std::string bytes{};  // the content; filled by GetReuseDocument only
  std::string uploaded_by{};
  Date uploaded_on{};

  friend bool operator==(const ReuseDocumentRow&, const ReuseDocumentRow&) = default;
};

struct ReuseAssessmentRow {
  RowId id = 0;
  RowId person_id = 0;
  int year = 0;
  std::string grade{};
  std::string recorded_by{};

  friend bool operator==(const ReuseAssessmentRow&, const ReuseAssessmentRow&) = default;
};

// The eligibility policy as stored (JSON text, codec/reuse).
struct ReusePolicyRow {
  std::string body{};
  int64_t version = 0;  // 0 when writing the first copy

  friend bool operator==(const ReusePolicyRow&, const ReusePolicyRow&) = default;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_REUSE_RECORDS_HPP_
