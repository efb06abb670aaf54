#ifndef KANGFU_CODEC_OVERSIGHT_OVERSIGHT_API_JSON_HPP_
#define KANGFU_CODEC_OVERSIGHT_OVERSIGHT_API_JSON_HPP_

// The /api/v1 JSON shapes of clues, talks, clearances and fault tolerance
// (app/oversight_service.hpp): request bodies in, documents out. Conventions as
// codec/api_json.hpp: dates "YYYY-MM-DD", absent optional members and null alike, errors name the
// member with a Chinese message ("json.missing", "json.type", date errors). Codes are those of
// domain/oversight/oversight.hpp (checked by the use case, not here); responses add the Chinese
// label of each code.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "app/oversight_service.hpp"
#include "codec/json_reader.hpp"

namespace kangfu::codec {

// A body of a create (POST, no "version") or an update (PUT, "version" required).
template <typename Row>
struct OversightBody {
  int64_t version = 0;
  Row row;
};

// {"person_id", "organ_id", "source", "summary", "received", "handling"?, "handling_date"?,
//  "replied_on"?, "concluded_on"?, "conclusion"?}; on update "person_id" is not read.
Result<OversightBody<storage::ClueRow>> ParseClueBody(std::string_view text, bool update);
// {"organ_id", "kind", "date", "interviewers": [{"account_id"? , "name"?, "post"?}],
//  "persons": [{"person_id", "principal_leader"?, "led_org_id"?}], "topics", "follow_up"?}
Result<OversightBody<storage::InterviewRow>> ParseInterviewBody(std::string_view text, bool update);
// {"person_id", "organ_id", "clue_id"?, "allegations": ["…"], "conclusion", "trigger",
//  "approver", "methods"?: ["meeting", …], "audience", "date", "referred"?}
Result<OversightBody<storage::ClearanceRow>> ParseClearanceBody(std::string_view text, bool update);
// {"person_id", "organ_id", "measure_id"?, "clue_id"?, "allegation"?, "ground", "decision",
//  "approver", "date", "reason"?}
Result<OversightBody<storage::FaultToleranceRow>> ParseFaultToleranceBody(std::string_view text,
                                                                          bool update);

// List parameters: page, page_size, org_id, person_id (integers, "param.integer"), from, to
// (dates, "param.date"), kind, state, overdue, principal (true|false, "param.boolean").
Result<app::OversightListQuery> ParseOversightListParams(
    const std::map<std::string, std::string>& params);

OrderedJson ClueToJson(const app::ClueView& view);
OrderedJson InterviewToJson(const app::InterviewView& view);
OrderedJson ClearanceToJson(const app::ClearanceView& view);
OrderedJson FaultToleranceToJson(const app::FaultToleranceView& view);
// {"items": [...], "total", "page", "page_size"}
template <typename View>
OrderedJson OversightListToJson(const app::OversightList<View>& list,
                                OrderedJson (*item)(const View&)) {
  OrderedJson items = OrderedJson::array();
  for (const View& view : list.items) items.push_back(item(view));
  OrderedJson json;
  json["items"] = items;
  json["total"] = list.total;
  json["page"] = list.page;
  json["page_size"] = list.page_size;
  return json;
}
// {"person_id", "clues_included", "interviews_included", "clues", "clearances",
//  "fault_tolerance", "interviews"} (lists the actor may not read are empty).
OrderedJson PersonOversightToJson(const app::PersonOversight& records);

}  // namespace kangfu::codec

#endif  // KANGFU_CODEC_OVERSIGHT_OVERSIGHT_API_JSON_HPP_
