#ifndef KANGFU_CODEC_VETTING_VETTING_API_JSON_HPP_
#define KANGFU_CODEC_VETTING_VETTING_API_JSON_HPP_

// The /api/v1 JSON shapes of integrity vetting (app/vetting_service): request bodies in,
// documents out. Conventions as codec/api_json.hpp: dates "YYYY-MM-DD", absent optional members
// and null alike, errors name the member with a Chinese message ("json.missing", "json.type",
// date errors). Codes are those of storage/vetting_records.hpp; responses add the Chinese label.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "app/vetting_service.hpp"
#include "codec/json_reader.hpp"

namespace kangfu::codec {

// --- requests ---

// POST /vetting-requests  {"purpose", "requester", "request_ref"?, "request_date"?,
//   "candidates"?: [{"person_id"} | {"id_number"}], "id_numbers"?: "pasted text"}
// The pasted text is split at whitespace, commas, semicolons and 、，； (a list copied from a
// spreadsheet column or a document); its numbers follow `candidates`, upper-cased ("x" → "X").
// "vetting.candidate_ref" (candidates[i]) for an entry with neither or both references.
Result<app::VettingFiling> ParseVettingFiling(std::string_view text);
// The ID numbers of a pasted list, in order (empty tokens dropped).
std::vector<std::string> SplitIdNumbers(std::string_view text);

// POST …/candidates/{cid}/confirm  {"version", "answer", "reason"?}
struct ConfirmAnswerRequest {
  int64_t version = 0;
  std::string answer;
  std::string reason;
  std::optional<std::string> statement;  // absent or null: the drafted wording
};
Result<ConfirmAnswerRequest> ParseConfirmAnswerRequest(std::string_view text);

// POST …/approve  {"version"}
Result<int64_t> ParseApproveRequest(std::string_view text);

// POST …/issue  {"version", "letter_number", "issuer"?}
struct IssueRequest {
  int64_t version = 0;
  std::string letter_number;
  std::string issuer;
};
Result<IssueRequest> ParseIssueRequest(std::string_view text);

// GET /vetting-requests?overdue=true|false  → overdue only ("param.boolean").
Result<bool> ParseVettingListParams(const std::map<std::string, std::string>& params);

// GET …/letter.docx?red_header=true|false  → whether to print the red organ mark (default true;
// "param.boolean").
Result<bool> ParseLetterParams(const std::map<std::string, std::string>& params);

// --- responses ---

// {"id", "purpose", "purpose_label", "requester", "request_ref", "request_date", "deadline",
//  "state", "state_label", "overdue", "working_days", "candidate_count", "confirmed_count",
//  "approved_by", "approved_on", "issued_on", "letter_number", "issuer", "version",
//  "candidates": [{"id", "person_id", "line", "name", "id_number", "unit_name", "post",
//    "version", "answer", "answer_label", "statement" (when answers are included; else null)
//    "drafted", "drafted_label", "drafted_on", "basis", "drafted_statement", "change_reason",
//    "confirmed_by", "confirmed_on"                   (only when facts are included)}]}
// Lists leave out "candidates".
OrderedJson VettingToJson(const app::VettingView& view, bool with_candidates);
// {"request": VettingToJson, "rejected": [{"line", "input", "code", "field", "message"}]}
OrderedJson VettingFiledToJson(const app::VettingFiled& filed);

}  // namespace kangfu::codec

#endif  // KANGFU_CODEC_VETTING_VETTING_API_JSON_HPP_
