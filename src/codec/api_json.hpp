#ifndef KANGFU_CODEC_API_JSON_HPP_
#define KANGFU_CODEC_API_JSON_HPP_

// The JSON shapes of the /api/v1 use cases (app/status_service, case_service, list_service):
// request bodies and query parameters in, response documents out. Parse errors name the member
// ("measures[1].term_months") with a Chinese message; the HTTP layer turns a Status into
// problem+json (its `errors` come from the Status field/details).
//
// Dates are "YYYY-MM-DD"; absent optional members and null are the same; codes are the stable
// lower-case codes of records.hpp / model.hpp ("integrity", "promote", "clue_verification" …),
// each response code accompanied by its Chinese label where a screen shows it.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/case_service.hpp"
#include "app/list_service.hpp"
#include "app/person_service.hpp"
#include "app/status_service.hpp"
#include "codec/json_reader.hpp"
#include "domain/catalogue.hpp"

namespace kangfu::codec {

// --- requests ---

// POST /persons/status:batch  {"as_of": "2026-06-01", "actions": ["promote", …],
//                              "id_numbers": ["110…", …]}
struct BatchStatusRequest {
  domain::Date as_of;
  std::vector<domain::Action> actions;
  std::vector<std::string> id_numbers;
};
Result<BatchStatusRequest> ParseBatchStatusRequest(std::string_view text);

// "promote,salary_step" (query parameter `action`, repeated or comma-separated) → actions.
// kInvalidArgument "action.unknown" (field `field`) for an unknown code, "json.missing" when
// empty.
Result<std::vector<domain::Action>> ParseActionList(std::string_view text,
                                                    const std::string& field);

// A measure object: {"kind", "effective", "term_months"?, "extended_on"?,
// "outcome"? {"kind": "restored"|"expelled", "date"}, "ended"?, "period_months"?}.
Result<app::MeasureInput> ParseMeasureInput(const Json& object, const std::string& path);

// POST /cases  {"person_id", "organ_id", "decision_number", "decision_date", "discipline",
//               "source", "measures": [measure, …]}
Result<app::CaseInput> ParseCaseInput(std::string_view text);

// POST /cases:preview  the same object, but only "measures" is required: "person_id" (null or
// absent: the case alone, else stacked on the person's record), "organ_id", "decision_number",
// "decision_date" (default: the first measure's effective date), "discipline" and "source" may
// be left out while the form is being filled in.
Result<app::CaseInput> ParseCasePreviewInput(std::string_view text);

// POST /persons  {"id_number", "name", "unit_id", "post"?, "post_level"?, "party_member"?,
//                 "civil_servant"?, "leading_cadre"?}  (absent strings "", absent flags false)
Result<app::PersonInput> ParsePersonInput(std::string_view text);

// PUT /persons/{id}  the same object plus "version" (the person's version read).
struct PersonUpdateRequest {
  int64_t version = 0;
  app::PersonInput person;
};
Result<PersonUpdateRequest> ParsePersonUpdateRequest(std::string_view text);

// GET /persons/{id}/status?as_of=YYYY-MM-DD&action=promote,salary_step
// `as_of` absent: nullopt (the caller answers for today); "date.invalid" etc. (field "as_of")
// when malformed. `action` as ParseActionList (field "action"); required.
struct StatusParams {
  std::optional<domain::Date> as_of;
  std::vector<domain::Action> actions;
};
Result<StatusParams> ParseStatusParams(const std::map<std::string, std::string>& params);

// POST /cases/{id}/measures  the measure object plus "case_version" (the case's version read).
struct AddMeasureRequest {
  int64_t case_version = 0;
  app::MeasureInput measure;
};
Result<AddMeasureRequest> ParseAddMeasureRequest(std::string_view text);

// POST /measures/{id}/outcome  {"version", "kind": "restored"|"expelled", "date"}
struct OutcomeRequest {
  int64_t version = 0;
  domain::ProbationOutcome outcome{};
};
Result<OutcomeRequest> ParseOutcomeRequest(std::string_view text);

// POST /measures/{id}/revoke, and any body that only carries the version read: {"version"}.
Result<int64_t> ParseVersionRequest(std::string_view text);

// POST /persons/{id}/holds  {"kind": "clue_verification"|"case_review", "from"}
struct OpenHoldRequest {
  storage::HoldKind kind = storage::HoldKind::kClueVerification;
  domain::Date from;
};
Result<OpenHoldRequest> ParseOpenHoldRequest(std::string_view text);

// POST /persons/{pid}/holds/{id}/close  {"version", "to"}
struct CloseHoldRequest {
  int64_t version = 0;
  domain::Date to;
};
Result<CloseHoldRequest> ParseCloseHoldRequest(std::string_view text);

// GET /persons?page=&page_size=&name=&unit_id=&party_member=true|false&leading_cadre=&sort=name|id
// Unknown parameters are ignored; errors name the parameter ("page.number" etc. are checked by
// ListService; here only syntax: "param.integer", "param.boolean", "param.sort").
Result<app::PersonListQuery> ParsePersonListParams(
    const std::map<std::string, std::string>& params);

// --- responses ---

// {"person": {"id", "name", "id_number"}, "as_of", "facts_included",
//  "answers": [{"action", "action_label", "verdict", "verdict_label", "allowed_from", "summary",
//               and only when facts_included:
//               "restrictions": [{"measure_id", "measure_kind", "measure_name", "case_id",
//                                 "decision_number", "from", "to", "basis"}],
//               "holds": [{"hold_id", "measure_id", "kind", "label", "from", "to"}]}]}
// `to` is the last restricted day, null when open-ended; hold_id/measure_id null when absent.
// With facts, when a 容错免责 decision took a measure out of the engine's input:
//  "exemptions": [{"fault_tolerance_id", "measure_id", "measure_kind", "decision_number",
//                  "ground", "ground_label", "approver", "date"}].
// Written as text directly (core/json_writer.hpp): these answers are the hot path. Throws
// std::invalid_argument when a text field is not valid UTF-8.
std::string PersonStatusJson(const app::PersonStatus& status);

// {"results": [{"id_number", "status": <PersonStatusJson>} |
//              {"id_number", "error": {"code": reason, "field", "detail": message}}]}
std::string BatchJson(const std::vector<app::BatchItem>& items);

OrderedJson PersonToJson(const storage::Person& person);
OrderedJson MeasureToJson(const storage::Measure& measure);
OrderedJson HoldToJson(const storage::Hold& hold);
// {"id", "person_id", "organ_id", "unit_id", "decision_number", "decision_date", "discipline",
//  "discipline_label", "source", "source_label", "form", "version", "measures": [measure]}
OrderedJson RecordedCaseToJson(const app::RecordedCase& recorded);
// {"form", "restrictions": [{"measure_index", "action", "from", "to", "basis"}]}
OrderedJson CasePreviewToJson(const app::CasePreview& preview);
// {"items": [person], "total", "page", "page_size"}
OrderedJson PersonListToJson(const app::PersonList& list);
// GET /persons/{id}: {"person": <PersonToJson>, "unit": {"id", "name"},
//  "cases": [<RecordedCaseToJson>], "holds": [<HoldToJson>],
//  "fault_tolerance": [{"id", "measure_id", "clue_id", "allegation", "ground", "ground_label",
//    "decision", "decision_label", "approver", "date"}],
//  "clearances": [{"id", "allegations", "conclusion", "conclusion_label", "approver", "date"}]}
// (the last two empty unless the reader may read oversight records).
OrderedJson PersonFileToJson(const app::PersonFile& file);
// GET /catalogue: what the entry forms offer, with Chinese labels:
// {"measures": [{"code", "name", "family", "form", "effect", "stated_period", "probation_terms",
//                "basis"}],
//  "actions": [{"code", "label"}], "disciplines": [{"code", "label"}],
//  "sources": [{"code", "label"}], "hold_kinds": [{"code", "label"}]}
// `probation_terms` is [] except for 留党察看 (the allowed terms in months).
OrderedJson CatalogueSummaryToJson(const domain::Catalogue& catalogue);
// Nested: [{"id", "parent_id", "name", "level", "version", "children": […]}] from a list ordered
// by path (as ListService::OrganisationTree returns it).
OrderedJson OrganisationTreeToJson(const std::vector<storage::Organisation>& orgs);

}  // namespace kangfu::codec

#endif  // KANGFU_CODEC_API_JSON_HPP_
