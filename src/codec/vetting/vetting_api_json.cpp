#include "codec/vetting/vetting_api_json.hpp"

#include <optional>

namespace kangfu::codec {
namespace {

Result<Json> ParseObject(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseJson(text));
  KANGFU_RETURN_IF_ERROR(RequireObject(document, ""));
  return document;
}

// A required positive integer (ids, versions) at `field`.
Result<int64_t> ReadId(const Json& object, std::string_view key, const std::string& base = "") {
  const std::string field = base.empty() ? std::string(key) : Path(base, key);
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return Status::Invalid(field, "json.missing", "缺少必填项“" + field + "”");
  }
  if (!it->is_number_integer() || it->get<int64_t>() <= 0) {
    return Status::Invalid(field, "json.type", "“" + field + "”应为正整数编号");
  }
  return it->get<int64_t>();
}

Result<std::string> ReadText(const Json& object, std::string_view key) {
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> text, ReadOptionalString(object, key, ""));
  return text.value_or("");
}

OrderedJson OptDate(const std::optional<domain::Date>& d) {
  return d ? OrderedJson(d->ToString()) : OrderedJson();
}

OrderedJson OrNull(const std::string& text) {
  return text.empty() ? OrderedJson() : OrderedJson(text);
}

}  // namespace

std::vector<std::string> SplitIdNumbers(std::string_view text) {
  // Separators: ASCII whitespace, ',', ';', and the UTF-8 of 、(E3 80 81) ，(EF BC 8C) ；(EF BC
  // 9B).
  std::vector<std::string> out;
  std::string token;
  auto flush = [&] {
    if (!token.empty()) out.push_back(std::move(token));
    token.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const char ch = text[i];
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == ',' || ch == ';') {
      flush();
      ++i;
      continue;
    }
    const std::string_view rest = text.substr(i);
    if (rest.starts_with("\xE3\x80\x81") || rest.starts_with("\xEF\xBC\x8C") ||
        rest.starts_with("\xEF\xBC\x9B")) {
      flush();
      i += 3;
      continue;
    }
    token += ch == 'x' ? 'X' : ch;
    ++i;
  }
  flush();
  return out;
}

Result<app::VettingFiling> ParseVettingFiling(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  app::VettingFiling filing;
  KANGFU_ASSIGN_OR_RETURN(filing.purpose, ReadString(document, "purpose", ""));
  KANGFU_ASSIGN_OR_RETURN(filing.requester, ReadString(document, "requester", ""));
  KANGFU_ASSIGN_OR_RETURN(filing.request_ref, ReadText(document, "request_ref"));
  KANGFU_ASSIGN_OR_RETURN(filing.request_date, ReadOptionalDate(document, "request_date", ""));
  KANGFU_ASSIGN_OR_RETURN(const Json* candidates, ReadArray(document, "candidates", "", true));
  for (std::size_t i = 0; i < candidates->size(); ++i) {
    const std::string path = Path("candidates", i);
    const Json& item = (*candidates)[i];
    KANGFU_RETURN_IF_ERROR(RequireObject(item, path));
    app::PersonRef ref;
    const bool has_id = item.contains("person_id") && !item["person_id"].is_null();
    if (has_id) {
      KANGFU_ASSIGN_OR_RETURN(ref.id, ReadId(item, "person_id", path));
    }
    KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> number,
                            ReadOptionalString(item, "id_number", path));
    if (number) {
      std::vector<std::string> split = SplitIdNumbers(*number);
      ref.id_number = split.empty() ? "" : split.front();
    }
    if (has_id == !ref.id_number.empty()) {
      return Status::Invalid(path, "vetting.candidate_ref",
                             "每名人选须提供人员编号或身份证号码（二者选一）");
    }
    filing.candidates.push_back(std::move(ref));
  }
  KANGFU_ASSIGN_OR_RETURN(std::string pasted, ReadText(document, "id_numbers"));
  for (std::string& number : SplitIdNumbers(pasted)) {
    filing.candidates.push_back({0, std::move(number)});
  }
  return filing;
}

Result<ConfirmAnswerRequest> ParseConfirmAnswerRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  ConfirmAnswerRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.version, ReadId(document, "version"));
  KANGFU_ASSIGN_OR_RETURN(request.answer, ReadString(document, "answer", ""));
  KANGFU_ASSIGN_OR_RETURN(request.reason, ReadText(document, "reason"));
  KANGFU_ASSIGN_OR_RETURN(request.statement, ReadOptionalString(document, "statement", ""));
  return request;
}

Result<int64_t> ParseApproveRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  return ReadId(document, "version");
}

Result<IssueRequest> ParseIssueRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  IssueRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.version, ReadId(document, "version"));
  KANGFU_ASSIGN_OR_RETURN(request.letter_number, ReadString(document, "letter_number", ""));
  KANGFU_ASSIGN_OR_RETURN(request.issuer, ReadText(document, "issuer"));
  return request;
}

Result<bool> ParseVettingListParams(const std::map<std::string, std::string>& params) {
  auto it = params.find("overdue");
  if (it == params.end() || it->second.empty()) return false;
  if (it->second != "true" && it->second != "false") {
    return Status::Invalid("overdue", "param.boolean", "参数“overdue”应为 true 或 false");
  }
  return it->second == "true";
}

Result<bool> ParseLetterParams(const std::map<std::string, std::string>& params) {
  auto it = params.find("red_header");
  if (it == params.end() || it->second.empty()) return true;
  if (it->second != "true" && it->second != "false") {
    return Status::Invalid("red_header", "param.boolean", "参数“red_header”应为 true 或 false");
  }
  return it->second == "true";
}

OrderedJson VettingToJson(const app::VettingView& view, bool with_candidates) {
  const storage::VettingRequestRow& r = view.request;
  OrderedJson out{
      {"id", r.id},
      {"purpose", r.purpose},
      {"purpose_label", app::VettingPurposeLabel(r.purpose)},
      {"requester", r.requester},
      {"request_ref", r.request_ref},
      {"request_date", r.request_date.ToString()},
      {"deadline", r.deadline.ToString()},
      {"state", r.state},
      {"state_label", app::VettingStateLabel(r.state)},
      {"overdue", view.overdue},
      {"working_days", view.working_days ? OrderedJson(*view.working_days) : OrderedJson()},
      {"candidate_count", view.candidate_count},
      {"confirmed_count", view.confirmed_count},
      {"approved_by", OrNull(r.approved_by)},
      {"approved_on", OptDate(r.approved_on)},
      {"issued_on", OptDate(r.issued_on)},
      {"letter_number", OrNull(r.letter_number)},
      {"issuer", OrNull(r.issuer)},
      {"version", r.version}};
  if (!with_candidates) return out;
  OrderedJson candidates = OrderedJson::array();
  for (const app::VettingCandidateView& c : view.candidates) {
    const storage::VettingCandidateRow& row = c.row;
    OrderedJson item{{"id", row.id},   {"person_id", row.person_id}, {"line", row.line},
                     {"name", c.name}, {"id_number", c.id_number},   {"unit_name", c.unit_name},
                     {"post", c.post}, {"version", row.version}};
    const bool answered = view.answers_included && !row.confirmed_class.empty();
    item["answer"] = answered ? OrderedJson(row.confirmed_class) : OrderedJson();
    item["answer_label"] =
        answered ? OrderedJson(app::VettingAnswerLabel(row.confirmed_class)) : OrderedJson();
    item["statement"] = answered ? OrNull(row.statement) : OrderedJson();
    if (view.facts_included) {
      item["drafted"] = OrNull(row.drafted_class);
      item["drafted_label"] = row.drafted_class.empty()
                                  ? OrderedJson()
                                  : OrderedJson(app::VettingAnswerLabel(row.drafted_class));
      item["drafted_on"] = OptDate(row.drafted_on);
      item["basis"] = row.drafted_basis.empty()
                          ? OrderedJson()
                          : OrderedJson::parse(row.drafted_basis, nullptr, false);
      item["drafted_statement"] = OrNull(row.drafted_statement);
      item["change_reason"] = OrNull(row.change_reason);
      item["confirmed_by"] = OrNull(row.confirmed_by);
      item["confirmed_on"] = OptDate(row.confirmed_on);
    }
    candidates.push_back(std::move(item));
  }
  out["candidates"] = std::move(candidates);
  return out;
}

OrderedJson VettingFiledToJson(const app::VettingFiled& filed) {
  OrderedJson rejected = OrderedJson::array();
  for (const app::VettingRejection& r : filed.rejected) {
    rejected.push_back({{"line", r.line},
                        {"input", r.input},
                        {"code", r.status.reason()},
                        {"field", r.status.field()},
                        {"message", r.status.message()}});
  }
  return OrderedJson{{"request", VettingToJson(filed.view, true)},
                     {"rejected", std::move(rejected)}};
}

}  // namespace kangfu::codec
