#ifndef KANGFU_CODEC_REUSE_REUSE_API_JSON_HPP_
#define KANGFU_CODEC_REUSE_REUSE_API_JSON_HPP_

// The /api/v1 JSON shapes of re-use (app/reuse_service): request bodies in, documents out.
// Conventions as codec/api_json.hpp: dates "YYYY-MM-DD", absent optional members and null alike,
// errors name the member ("json.missing", "json.type", date errors). Codes are those of
// storage/reuse_records.hpp; responses add the Chinese label.

#include <map>
#include <string>
#include <string_view>

#include "app/reuse_service.hpp"
#include "codec/json_reader.hpp"

namespace kangfu::codec {

// POST /reuse-files  {"person_id", "override_reason"?}
struct ReuseOpenRequest {
  int64_t person_id = 0;
  std::string override_reason;
};
Result<ReuseOpenRequest> ParseReuseOpenRequest(std::string_view text);

// POST /reuse-files/{id}/steps  {"step", "organ", "date"?, "opinion", "document_id"?,
//   "generate_letter"?, "attitude"?, "five_looks"?: {"time", "cause", "performance",
//   "sanction_type", "nature"}, "evaluation"?: {"good", "fairly_good", "average", "poor"},
//   "meeting"?, "decision"?, "responsible"?: ["name", …], "publicity"?}
Result<app::StepInput> ParseReuseStep(std::string_view text);

// POST /reuse-files/{id}/commission-opinion  {"organ", "date"?, "result", "opinion",
//   "document_id"?}
Result<app::CommissionOpinionInput> ParseCommissionOpinion(std::string_view text);

// {"version"} and {"version", "reason"}.
Result<int64_t> ParseReuseVersion(std::string_view text);
struct VersionReason {
  int64_t version = 0;
  std::string reason;
};
Result<VersionReason> ParseVersionReason(std::string_view text);

// POST /persons/{id}/annual-assessments  {"year", "grade"}
struct AssessmentRequest {
  int year = 0;
  std::string grade;
};
Result<AssessmentRequest> ParseAssessmentRequest(std::string_view text);

// PUT /reuse-policy  {"version", "policy": {…}}  (version 0 for the first stored copy)
struct PolicyRequest {
  int64_t version = 0;
  domain::ReusePolicy policy;
};
Result<PolicyRequest> ParsePolicyRequest(std::string_view text);

// GET /persons/{id}/reuse-check?date=YYYY-MM-DD  ("param.date" for a bad date).
Result<std::optional<domain::Date>> ParseReuseCheckParams(
    const std::map<std::string, std::string>& params);

// --- responses ---

// {"id", "person_id", "person_name", "unit_name", "state", "state_label", "opened_on",
//  "next_step", "next_step_label", "override_reason", "override_pending",
//  "override_approved_by", "override_approved_on", "closed_on", "close_reason", "version",
//  "steps": [{"step", "label", "organ", "date", "opinion", "document_id", "details",
//  "recorded_by", "version"}], "documents": [ReuseDocumentToJson]}   (lists: no documents)
OrderedJson ReuseFileToJson(const app::ReuseFileView& view, bool with_documents);
// {"id", "name", "content_type", "size", "hash", "kind", "uploaded_by", "uploaded_on"}
OrderedJson ReuseDocumentToJson(const storage::ReuseDocumentRow& document);
// {"person_id", "name", "as_of", "ready", "facts_included",
//  "preconditions": [{"code", "label", "met", "message", "refs"}],
//  "eligibility": {"level", "label", "findings": [{"level", "code", "message", "ref"}]}}
// refs / ref are empty without case facts.
OrderedJson ReuseCheckToJson(const app::ReuseCheck& check);
// {"file_id", "attitude", "five_looks", "evaluation": {… counts, "total", "good_share"},
//  "assessments": [{"year", "grade", "grade_label"}], "visits": [{"date", "grade",
//  "grade_label"}], "mentor_reports": [{"year", "half", "label", "submitted", "summary"}]}
OrderedJson ReuseEvidenceToJson(const app::ReuseEvidence& evidence);
OrderedJson AssessmentToJson(const storage::ReuseAssessmentRow& row);
// {"version", "policy": ReusePolicyToJson}
OrderedJson PolicyResponseToJson(const domain::ReusePolicy& policy, int64_t version);

}  // namespace kangfu::codec

#endif  // KANGFU_CODEC_REUSE_REUSE_API_JSON_HPP_
