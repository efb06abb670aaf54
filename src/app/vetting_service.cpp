#include "app/vetting_service.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "domain/oversight/oversight.hpp"
#include "office/docx_letter.hpp"
#include "office/table_reader.hpp"

namespace kangfu::app {
namespace {

using storage::RowId;
using Json = nlohmann::ordered_json;

struct Purpose {
  std::string_view code;
  std::string_view label;
  std::array<domain::Action, 2> actions;
  std::size_t action_count;
};

constexpr std::array<Purpose, 6> kPurposes = {{
    {"promotion", "提拔", {domain::Action::kPromote}, 1},
    {"further_use", "进一步使用", {domain::Action::kPromote}, 1},
    {"rank_promotion", "晋升职级", {domain::Action::kPromote}, 1},
    {"commendation", "评优评先", {domain::Action::kPromote}, 1},
    {"nomination",
     "推荐党代表、人大代表、政协委员",
     {domain::Action::kPromote, domain::Action::kPartyRights},
     2},
    {"transfer", "交流任职", {domain::Action::kEqualPost, domain::Action::kLeadershipPost}, 2},
}};

struct Label {
  std::string_view code;
  std::string_view label;
};
constexpr std::array<Label, 5> kAnswers = {{
    {"no_issue", "未发现影响使用的问题"},
    {"period_over", "有处分记录但影响期已满，无影响使用的问题"},
    {"period_running", "影响期未满，建议暂缓使用"},
    {"pending_matter", "有正在核查的问题线索或正在审查调查，建议暂缓使用（待查清后再作答复）"},
    {"unsuitable", "不宜使用"},
}};
constexpr std::array<Label, 3> kStates = {{
    {"open", "办理中"},
    {"approved", "已审批"},
    {"issued", "已回复"},
}};

template <std::size_t N>
std::string_view Find(const std::array<Label, N>& table, std::string_view code) {
  for (const Label& entry : table) {
    if (entry.code == code) return entry.label;
  }
  return {};
}

Json OptDate(const std::optional<domain::Date>& d) { return d ? Json(d->ToString()) : Json(); }

std::string Snapshot(const storage::VettingRequestRow& r) {
  return Json{{"id", r.id},
              {"filing_org", r.filing_org},
              {"requester", r.requester},
              {"request_ref", r.request_ref},
              {"purpose", r.purpose},
              {"request_date", r.request_date.ToString()},
              {"deadline", r.deadline.ToString()},
              {"state", r.state},
              {"approved_by", r.approved_by},
              {"approved_on", OptDate(r.approved_on)},
              {"issued_by", r.issued_by},
              {"issued_on", OptDate(r.issued_on)},
              {"letter_number", r.letter_number},
              {"issuer", r.issuer},
              {"version", r.version}}
      .dump();
}

std::string Snapshot(const storage::VettingCandidateRow& c) {
  return Json{{"id", c.id},
              {"request_id", c.request_id},
              {"person_id", c.person_id},
              {"drafted_class", c.drafted_class},
              {"confirmed_class", c.confirmed_class},
              {"change_reason", c.change_reason},
              {"statement", c.statement},
              {"confirmed_by", c.confirmed_by},
              {"confirmed_on", OptDate(c.confirmed_on)},
              {"version", c.version}}
      .dump();
}

Status NotOpen() {
  return Status::Error(ErrorCode::kFailedPrecondition, "vetting.not_open",
                       "该征求意见事项已审批或已回复，不能再修改答复意见");
}

std::string Trimmed(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// The answer class for the engine's verdicts on the purpose's actions (rules.md §6, §7): a
// blocking restriction wins over a hold (as in the verdict itself); a restriction whose end is
// unknown or never comes drafts 不宜使用; a clean verdict drafts 影响期已满 when the person has a
// decision on record (a measure not revoked), else 未发现影响使用的问题.
std::string AnswerClass(const PersonStatus& status, bool has_records) {
  bool blocked = false;
  bool open_ended = false;
  bool hold = false;
  for (const ActionStatus& action : status.actions) {
    if (action.verdict == domain::VerdictKind::kBlocked) {
      blocked = true;
      if (!action.allowed_from) open_ended = true;
    } else if (action.verdict == domain::VerdictKind::kHold) {
      hold = true;
    }
  }
  if (blocked) return open_ended ? "unsuitable" : "period_running";
  if (hold) return "pending_matter";
  return has_records ? "period_over" : "no_issue";
}

std::string ChineseDate(domain::Date d) {
  return std::to_string(d.year()) + "年" + std::to_string(d.month()) + "月" +
         std::to_string(d.day()) + "日";
}

// A clearance in the words of a reply (澄清正名, shown as such: each allegation cleared, not an
// overall assessment), its date as `date`.
std::string ClearanceStatement(const storage::ClearanceRow& c, const std::string& date) {
  std::string statement = "经核查，反映的";
  for (std::size_t i = 0; i < c.allegations.size(); ++i) {
    if (i > 0) statement += "、";
    statement += "“" + c.allegations[i] + "”";
  }
  return statement + "问题" + std::string(c.conclusion == "false_accusation" ? "系诬告" : "失实") +
         "，已于" + date + "予以澄清正名";
}

// A clearance as the answer's basis cites it.
Json ClearanceJson(const storage::ClearanceRow& c) {
  namespace ov = domain::oversight;
  std::string statement = ClearanceStatement(c, c.date.ToString());
  Json methods = Json::array();
  for (const std::string& m : c.methods) methods.push_back(ov::LabelOf(ov::ClearanceMethods(), m));
  return Json{{"clearance_id", c.id},
              {"date", c.date.ToString()},
              {"conclusion", c.conclusion},
              {"conclusion_label", ov::LabelOf(ov::ClearanceConclusions(), c.conclusion)},
              {"allegations", c.allegations},
              {"approver", c.approver},
              {"methods", std::move(methods)},
              {"referred", c.referred},
              {"statement", std::move(statement)}};
}

Json BasisJson(const PersonStatus& status, const storage::PersonHistory* history,
               const std::vector<storage::ClearanceRow>& clearances) {
  Json actions = Json::array();
  for (const ActionStatus& action : status.actions) {
    Json restrictions = Json::array();
    for (const RestrictionFact& r : action.restrictions) {
      restrictions.push_back({{"measure_id", r.measure_id},
                              {"measure_kind", r.measure_kind},
                              {"measure_name", r.measure_name},
                              {"case_id", r.case_id},
                              {"decision_number", r.decision_number},
                              {"from", r.from.ToString()},
                              {"to", OptDate(r.to)},
                              {"basis", r.basis}});
    }
    Json holds = Json::array();
    for (const HoldFact& h : action.holds) {
      holds.push_back({{"hold_id", h.hold_id},
                       {"measure_id", h.measure_id},
                       {"kind", h.kind},
                       {"label", h.label},
                       {"from", h.from.ToString()},
                       {"to", OptDate(h.to)}});
    }
    actions.push_back({{"action", domain::ActionCode(action.action)},
                       {"verdict", domain::VerdictCode(action.verdict)},
                       {"allowed_from", OptDate(action.allowed_from)},
                       {"summary", action.summary},
                       {"restrictions", std::move(restrictions)},
                       {"holds", std::move(holds)}});
  }
  Json records = Json::array();
  if (history != nullptr) {
    for (const storage::Case& c : history->cases) {
      Json measures = Json::array();
      for (const storage::Measure& m : history->measures) {
        if (m.case_id == c.id && !m.revoked) measures.push_back(m.kind);
      }
      if (measures.empty()) continue;
      records.push_back({{"case_id", c.id},
                         {"decision_number", c.decision_number},
                         {"decision_date", c.decision_date.ToString()},
                         {"measures", std::move(measures)}});
    }
  }
  Json exemptions = Json::array();
  for (const ExemptionFact& e : status.exemptions) {
    exemptions.push_back({{"fault_tolerance_id", e.fault_tolerance_id},
                          {"measure_id", e.measure_id},
                          {"measure_kind", e.measure_kind},
                          {"decision_number", e.decision_number},
                          {"decision", "exempt"},
                          {"ground", e.ground},
                          {"ground_label", e.ground_label},
                          {"approver", e.approver},
                          {"date", e.date.ToString()}});
  }
  Json cleared = Json::array();
  for (const storage::ClearanceRow& c : clearances) cleared.push_back(ClearanceJson(c));
  return Json{{"as_of", status.as_of.ToString()},
              {"actions", std::move(actions)},
              {"records", std::move(records)},
              {"exemptions", std::move(exemptions)},
              {"clearances", std::move(cleared)}};
}

std::string MeasureName(const domain::Catalogue& catalogue, const std::string& code) {
  const std::optional<domain::KindIndex> kind = catalogue.Find(code);
  return kind ? catalogue.kind(*kind).name : code;
}

bool Exempted(const PersonStatus& status, storage::RowId measure_id) {
  return std::any_of(status.exemptions.begin(), status.exemptions.end(),
                     [&](const ExemptionFact& e) { return e.measure_id == measure_id; });
}

// What a hold means in a reply, without the matter's facts.
std::string HoldStatement(const HoldFact& hold) {
  if (hold.kind == "clue_verification") return "有反映其问题的线索正在核查";
  if (hold.kind == "case_review") return "正在接受审查调查";
  return "目前" + hold.label;
}

// The drafted wording of an answer: the facts a reply covers (rules.md §7 — what is on record and
// its influence period, what is still being checked, what was cleared or exempted), taken only
// from the engine's answer and the record read for it; the answer class itself is the letter's
// next column, so it is not repeated. Sentences joined by "；", ending with "。".
std::string DraftStatement(std::string_view answer_class, const PersonStatus& status,
                           const storage::PersonHistory* history,
                           const std::vector<storage::ClearanceRow>& clearances,
                           const domain::Catalogue& catalogue) {
  std::vector<std::string> sentences;
  auto add = [&](std::string sentence) {
    if (std::find(sentences.begin(), sentences.end(), sentence) == sentences.end()) {
      sentences.push_back(std::move(sentence));
    }
  };
  // Restrictions in force: each measure once, with its latest end over the purpose's actions.
  struct InForce {
    const RestrictionFact* fact;
    std::optional<domain::Date> to;
  };
  std::vector<InForce> in_force;
  for (const ActionStatus& action : status.actions) {
    if (action.verdict != domain::VerdictKind::kBlocked) continue;
    for (const RestrictionFact& r : action.restrictions) {
      auto seen = std::find_if(in_force.begin(), in_force.end(), [&](const InForce& f) {
        return f.fact->measure_id == r.measure_id;
      });
      if (seen == in_force.end()) {
        in_force.push_back({&r, r.to});
      } else if (seen->to && (!r.to || *seen->to < *r.to)) {
        seen->to = r.to;
      }
    }
  }
  for (const InForce& f : in_force) {
    add(f.fact->decision_number + "（" + ChineseDate(f.fact->from) + "）：" + f.fact->measure_name +
        (f.to ? "，影响期至" + ChineseDate(*f.to) : "，影响使用无确定终期"));
  }
  if (in_force.empty() && history != nullptr) {
    for (const storage::Case& c : history->cases) {
      std::string names;
      for (const storage::Measure& m : history->measures) {
        if (m.case_id != c.id || m.revoked || Exempted(status, m.id)) continue;
        names += (names.empty() ? "" : "、") + MeasureName(catalogue, m.kind);
      }
      if (names.empty()) continue;
      add(c.decision_number + "（" + ChineseDate(c.decision_date) + "）：" + names +
          "，影响期已满");
    }
  }
  for (const ActionStatus& action : status.actions) {
    for (const HoldFact& h : action.holds) add(HoldStatement(h));
  }
  for (const ExemptionFact& e : status.exemptions) {
    add(MeasureName(catalogue, e.measure_kind) + "（" + e.decision_number +
        "）所涉问题经认定予以容错免责");
  }
  for (const storage::ClearanceRow& c : clearances) add(ClearanceStatement(c, ChineseDate(c.date)));
  if (sentences.empty()) {
    add(answer_class == "no_issue" ? "本机关无其处分记录，无正在核查的问题线索"
                                   : "本机关掌握的记录中无可列明的事项");
  }
  std::string out;
  for (const std::string& s : sentences) out += (out.empty() ? "" : "；") + s;
  return out + "。";
}

// The number of characters (UTF-8 code points) of valid UTF-8 text.
std::size_t CharCount(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

// A measure on record counts unless revoked or exempted (容错免责: no responsibility was found).
bool HasRecords(const storage::PersonHistory& history, const PersonStatus& status) {
  return std::any_of(
      history.measures.begin(), history.measures.end(), [&](const storage::Measure& m) {
        return !m.revoked &&
               std::none_of(status.exemptions.begin(), status.exemptions.end(),
                            [&](const ExemptionFact& e) { return e.measure_id == m.id; });
      });
}

}  // namespace

std::vector<domain::Action> VettingPurposeActions(std::string_view purpose) {
  for (const Purpose& p : kPurposes) {
    if (p.code == purpose) {
      return {p.actions.begin(), p.actions.begin() + static_cast<std::ptrdiff_t>(p.action_count)};
    }
  }
  return {};
}

std::string_view VettingPurposeLabel(std::string_view purpose) {
  for (const Purpose& p : kPurposes) {
    if (p.code == purpose) return p.label;
  }
  return {};
}

std::string_view VettingAnswerLabel(std::string_view answer_class) {
  return Find(kAnswers, answer_class);
}
std::string_view VettingStateLabel(std::string_view state) { return Find(kStates, state); }

Result<CandidateTable> ReadCandidateTable(std::string_view bytes) {
  office::ReadOptions options;
  // The number of candidates is checked below, not the row numbers: a real list has title rows,
  // blank separator rows and a footer (制表人, 日期), and Excel often stores formatted empty rows
  // far below the data. The server's request body limit bounds the work.
  options.limits.max_columns = 200;
  Result<std::vector<office::Row>> rows = office::ReadTable(bytes, options);
  if (!rows.ok()) {
    const Status& error = rows.status();
    return Status::Error(error.code(), error.reason(), error.message(), "file");
  }
  constexpr std::array<std::string_view, 4> kHeaders = {"身份证号码", "身份证号", "公民身份号码",
                                                        "id_number"};
  std::optional<std::size_t> column;
  CandidateTable table;
  for (const office::Row& row : *rows) {
    if (!column) {
      for (std::size_t c = 0; c < row.cells.size(); ++c) {
        const std::string header = Trimmed(row.cells[c]);
        if (std::find(kHeaders.begin(), kHeaders.end(), header) != kHeaders.end()) column = c;
      }
      continue;
    }
    if (*column >= row.cells.size()) continue;
    std::string number = Trimmed(row.cells[*column]);
    if (number.empty()) continue;
    std::replace(number.begin(), number.end(), 'x', 'X');
    table.id_numbers.push_back(std::move(number));
    table.rows.push_back(static_cast<int>(row.number));
  }
  if (!column) {
    return Status::Invalid("file", "vetting.table_no_id_column",
                           "表格中没有“身份证号码”列，请在名单的表头写明“身份证号码”后重新上传");
  }
  if (table.id_numbers.size() > kMaxVettingCandidates) {
    return Status::Invalid(
        "file", "vetting.batch_size",
        "一次征求意见的人数须在1至" + std::to_string(kMaxVettingCandidates) + "之间，请分批提交");
  }
  return table;
}

Status VettingService::RequireAny(const Actor& actor) const {
  if (actor.Can(Permission::kAnswerVetting) || actor.Can(Permission::kApproveVetting)) {
    return Status::Ok();
  }
  return RequirePermission(actor, Permission::kFileVettingRequests);
}

Status VettingService::Audit(const Actor& actor, const char* action, RowId id, std::string before,
                             std::string after) {
  AuditEvent event;
  event.action = action;
  event.object_type = "vetting_request";
  event.object_id = std::to_string(id);
  event.before_json = std::move(before);
  event.after_json = std::move(after);
  return audit_->Record(actor, event);
}

Result<storage::VettingRequestRow> VettingService::RequestFor(const Actor& actor, RowId id) {
  Result<storage::VettingRequestRow> request = store_->Vetting().GetVettingRequest(id);
  if (!request.ok()) return request.status();
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation org, store_->GetOrganisation(request->filing_org));
  if (!actor.InJurisdiction(org.path)) {
    return Status::NotFound("vetting.not_found",
                            "未找到该党风廉政意见回复事项，可能不在管辖范围内");
  }
  return request;
}

Result<VettingView> VettingService::BuildView(const Actor& actor,
                                              const storage::VettingRequestRow& request,
                                              bool with_candidates, domain::Date today) {
  VettingView view;
  view.request = request;
  view.facts_included =
      actor.Can(Permission::kAnswerVetting) || actor.Can(Permission::kApproveVetting);
  view.answers_included = view.facts_included || request.state == "issued";
  view.overdue =
      request.issued_on ? *request.issued_on > request.deadline : today > request.deadline;
  Result<int> used =
      calendar_->WorkingDaysBetween(request.request_date, request.issued_on.value_or(today));
  if (used.ok()) view.working_days = *used;
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::VettingCandidateRow> rows,
                          store_->Vetting().ListVettingCandidates(request.id));
  view.candidate_count = static_cast<int>(rows.size());
  view.confirmed_count = static_cast<int>(std::count_if(
      rows.begin(), rows.end(),
      [](const storage::VettingCandidateRow& c) { return !c.confirmed_class.empty(); }));
  if (!with_candidates) return view;
  for (storage::VettingCandidateRow& row : rows) {
    KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(row.person_id));
    auto name = org_names_.find(person.unit_id);
    if (name == org_names_.end()) {
      KANGFU_ASSIGN_OR_RETURN(storage::Organisation unit, store_->GetOrganisation(person.unit_id));
      name = org_names_.emplace(person.unit_id, unit.name).first;
    }
    VettingCandidateView candidate{.row = std::move(row),
                                   .name = person.name,
                                   .id_number = person.id_number,
                                   .unit_name = name->second,
                                   .post = person.post};
    view.candidates.push_back(std::move(candidate));
  }
  return view;
}

Result<VettingFiled> VettingService::File(const Actor& actor, const VettingFiling& filing,
                                          domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kFileVettingRequests));
  if (VettingPurposeActions(filing.purpose).empty()) {
    return Status::Invalid("purpose", "vetting.purpose_invalid",
                           "征求意见的事由只能是提拔、进一步使用、晋升职级、评优评先、"
                           "推荐党代表人大代表政协委员或交流任职");
  }
  const std::string requester = Trimmed(filing.requester);
  if (requester.empty()) {
    return Status::Invalid("requester", "vetting.requester_required",
                           "请填写征求意见的单位名称（如“中共某某市委组织部”）");
  }
  const domain::Date request_date = filing.request_date.value_or(today);
  if (request_date > today) {
    return Status::Invalid("request_date", "vetting.request_date", "来函日期不能晚于今天");
  }
  if (filing.candidates.empty() || filing.candidates.size() > kMaxVettingCandidates) {
    return Status::Invalid(
        "candidates", "vetting.batch_size",
        "一次征求意见的人数须在1至" + std::to_string(kMaxVettingCandidates) + "之间，请分批提交");
  }
  KANGFU_ASSIGN_OR_RETURN(domain::Date deadline,
                          calendar_->AddWorkingDays(request_date, deadline_days_));
  org_names_.clear();

  // Resolve the lines first (reads outside the transaction: a lookup that finds nothing would
  // doom it).
  VettingFiled filed;
  std::vector<std::pair<int, RowId>> accepted;
  std::set<RowId> seen;
  std::unordered_map<RowId, std::string> unit_paths;
  for (std::size_t i = 0; i < filing.candidates.size(); ++i) {
    const PersonRef& ref = filing.candidates[i];
    const int line = static_cast<int>(i) + 1;
    const std::string field = "candidates[" + std::to_string(i) + "]";
    const std::string input = ref.id != 0 ? "#" + std::to_string(ref.id) : ref.id_number;
    Result<storage::Person> person =
        ref.id != 0 ? store_->GetPerson(ref.id) : store_->FindPersonByIdNumber(ref.id_number);
    Status problem;
    if (!person.ok()) {
      if (person.status().code() != ErrorCode::kNotFound &&
          person.status().code() != ErrorCode::kInvalidArgument) {
        return person.status();
      }
      problem = person.status();
      if (problem.code() == ErrorCode::kNotFound) {
        problem = Status::NotFound("person.not_found",
                                   "未找到该人员，请核对身份证号码（或不在管辖范围内）");
      }
    } else {
      auto path = unit_paths.find(person->unit_id);
      if (path == unit_paths.end()) {
        KANGFU_ASSIGN_OR_RETURN(storage::Organisation unit,
                                store_->GetOrganisation(person->unit_id));
        path = unit_paths.emplace(person->unit_id, unit.path).first;
      }
      if (!actor.InJurisdiction(path->second)) {
        problem = Status::NotFound("person.not_found",
                                   "未找到该人员，请核对身份证号码（或不在管辖范围内）");
      } else if (!seen.insert(person->id).second) {
        problem = Status::Error(ErrorCode::kAlreadyExists, "vetting.duplicate_candidate",
                                "该人员在名单中重复出现，已只保留一次");
      }
    }
    if (!problem.ok()) {
      Status with_field = Status::Error(problem.code(), problem.reason(), problem.message(), field);
      filed.rejected.push_back({line, input, std::move(with_field)});
      continue;
    }
    accepted.emplace_back(line, person->id);
  }
  if (accepted.empty()) {
    return Status::Invalid("candidates", "vetting.no_candidates",
                           "名单中的人员均未能核对（共" + std::to_string(filed.rejected.size()) +
                               "行），请核对身份证号码后重新提交");
  }

  storage::VettingRequestRow stored;
  Status status = store_->InTransaction([&]() -> Status {
    storage::VettingRequestRow row{.filing_org = actor.jurisdiction_org,
                                   .filed_by = actor.account_id,
                                   .requester = requester,
                                   .request_ref = Trimmed(filing.request_ref),
                                   .purpose = filing.purpose,
                                   .request_date = request_date,
                                   .deadline = deadline,
                                   .state = "open"};
    KANGFU_ASSIGN_OR_RETURN(stored, store_->Vetting().AddVettingRequest(row));
    for (const auto& [line, person_id] : accepted) {
      KANGFU_RETURN_IF_ERROR(
          store_->Vetting()
              .AddVettingCandidate({.request_id = stored.id, .person_id = person_id, .line = line})
              .status());
    }
    Json after = Json::parse(Snapshot(stored));
    after["candidates"] = accepted.size();
    after["rejected"] = filed.rejected.size();
    return Audit(actor, "vetting.file", stored.id, "", after.dump());
  });
  if (!status.ok()) return status;
  KANGFU_ASSIGN_OR_RETURN(filed.view, BuildView(actor, stored, true, today));
  return filed;
}

Result<std::vector<VettingView>> VettingService::List(const Actor& actor, bool overdue_only,
                                                      domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequireAny(actor));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::VettingRequestRow> rows,
                          store_->Vetting().ListVettingRequests(actor.jurisdiction_org));
  std::vector<VettingView> views;
  for (const storage::VettingRequestRow& row : rows) {
    KANGFU_ASSIGN_OR_RETURN(VettingView view, BuildView(actor, row, false, today));
    if (overdue_only && !view.overdue) continue;
    views.push_back(std::move(view));
  }
  return views;
}

Result<VettingView> VettingService::Get(const Actor& actor, RowId id, domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequireAny(actor));
  org_names_.clear();
  KANGFU_ASSIGN_OR_RETURN(storage::VettingRequestRow request, RequestFor(actor, id));
  KANGFU_ASSIGN_OR_RETURN(VettingView view, BuildView(actor, request, true, today));
  KANGFU_RETURN_IF_ERROR(
      store_->InTransaction([&] { return Audit(actor, "vetting.read", id, "", ""); }));
  return view;
}

Result<VettingView> VettingService::Draft(const Actor& actor, RowId id, domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kAnswerVetting));
  org_names_.clear();
  KANGFU_ASSIGN_OR_RETURN(storage::VettingRequestRow request, RequestFor(actor, id));
  if (request.state != "open") return NotOpen();
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::VettingCandidateRow> rows,
                          store_->Vetting().ListVettingCandidates(id));
  std::vector<std::string> id_numbers;
  id_numbers.reserve(rows.size());
  for (const storage::VettingCandidateRow& row : rows) {
    KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(row.person_id));
    id_numbers.push_back(person.id_number);
  }
  // The engine's answers, through the status use case (which audits each read of a file).
  KANGFU_ASSIGN_OR_RETURN(
      std::vector<BatchItem> items,
      status_->EvaluateBatch(actor, id_numbers, today, VettingPurposeActions(request.purpose)));
  std::vector<storage::VettingCandidateRow> drafted = rows;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].status.ok()) {
      // The person left the jurisdiction (or the record) since filing.
      const Status& problem = items[i].status.status();
      return Status::Error(problem.code(), problem.reason(), problem.message(),
                           "candidates[" + std::to_string(i) + "]");
    }
    const PersonStatus& status = items[i].status.value();
    std::optional<storage::PersonHistory> history;
    bool has_records = false;
    if (std::all_of(status.actions.begin(), status.actions.end(), [](const ActionStatus& a) {
          return a.verdict == domain::VerdictKind::kAllowed;
        })) {
      // Only a clean verdict needs the records (影响期已满 or nothing on record).
      KANGFU_ASSIGN_OR_RETURN(history, store_->LoadHistory(id_numbers[i]));
      has_records = HasRecords(*history, status);
    }
    storage::VettingCandidateRow& row = drafted[i];
    row.drafted_class = AnswerClass(status, has_records);
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ClearanceRow> clearances,
                            store_->Oversight().ClearancesOfPerson(status.person_id));
    row.drafted_basis = BasisJson(status, history ? &*history : nullptr, clearances).dump();
    row.drafted_statement = DraftStatement(row.drafted_class, status, history ? &*history : nullptr,
                                           clearances, status_->catalogue());
    row.drafted_on = today;
    row.statement.clear();
    row.confirmed_class.clear();
    row.change_reason.clear();
    row.confirmed_by.clear();
    row.confirmed_on.reset();
  }
  Status written = store_->InTransaction([&]() -> Status {
    Json classes = Json::object();
    for (storage::VettingCandidateRow& row : drafted) {
      KANGFU_ASSIGN_OR_RETURN(row, store_->Vetting().UpdateVettingCandidate(row));
      classes[std::to_string(row.person_id)] = row.drafted_class;
    }
    return Audit(actor, "vetting.draft", id, "", Json{{"drafted", classes}}.dump());
  });
  if (!written.ok()) return written;
  return BuildView(actor, request, true, today);
}

Result<VettingView> VettingService::Confirm(const Actor& actor, RowId id, RowId candidate_id,
                                            int64_t version, const std::string& answer,
                                            const std::string& reason, domain::Date today,
                                            const std::optional<std::string>& statement) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kAnswerVetting));
  org_names_.clear();
  KANGFU_ASSIGN_OR_RETURN(storage::VettingRequestRow request, RequestFor(actor, id));
  Result<storage::VettingCandidateRow> found = store_->Vetting().GetVettingCandidate(candidate_id);
  if (!found.ok()) return found.status();
  if (found->request_id != id) {
    return Status::NotFound("vetting_candidate.not_found", "未找到该拟任人选，请刷新后重试");
  }
  if (request.state != "open") return NotOpen();
  if (found->drafted_class.empty()) {
    return Status::Error(ErrorCode::kFailedPrecondition, "vetting.not_drafted",
                         "请先生成答复意见初稿，再确认");
  }
  if (VettingAnswerLabel(answer).empty()) {
    return Status::Invalid("answer", "vetting.answer_invalid",
                           "答复意见只能是：未发现影响使用的问题；有处分记录但影响期已满；"
                           "影响期未满，建议暂缓使用；有正在核查的问题线索或正在审查调查，"
                           "建议暂缓使用；不宜使用");
  }
  const std::string why = Trimmed(reason);
  if (answer != found->drafted_class && why.empty()) {
    return Status::Invalid("reason", "vetting.reason_required",
                           "答复意见与系统初稿不一致，请填写改变的理由");
  }
  std::string wording = statement ? Trimmed(*statement) : found->drafted_statement;
  if (statement && wording.empty()) {
    return Status::Invalid("statement", "vetting.statement_required",
                           "请填写答复的有关情况（可沿用系统起草的表述）");
  }
  if (CharCount(wording) > kMaxVettingStatementChars) {
    return Status::Invalid(
        "statement", "vetting.statement_too_long",
        "有关情况最多" + std::to_string(kMaxVettingStatementChars) + "个字，请精简后再确认");
  }
  storage::VettingCandidateRow row = *found;
  row.version = version;
  row.statement = std::move(wording);
  row.confirmed_class = answer;
  row.change_reason = answer == found->drafted_class ? "" : why;
  row.confirmed_by = actor.username;
  row.confirmed_on = today;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(storage::VettingCandidateRow updated,
                            store_->Vetting().UpdateVettingCandidate(row));
    return Audit(actor, "vetting.confirm", id, Snapshot(*found), Snapshot(updated));
  });
  if (!status.ok()) return status;
  return BuildView(actor, request, true, today);
}

Result<VettingView> VettingService::Approve(const Actor& actor, RowId id, int64_t version,
                                            domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kApproveVetting));
  org_names_.clear();
  KANGFU_ASSIGN_OR_RETURN(storage::VettingRequestRow request, RequestFor(actor, id));
  if (request.state != "open") return NotOpen();
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::VettingCandidateRow> rows,
                          store_->Vetting().ListVettingCandidates(id));
  const auto unconfirmed = std::count_if(
      rows.begin(), rows.end(),
      [](const storage::VettingCandidateRow& c) { return c.confirmed_class.empty(); });
  if (unconfirmed > 0) {
    return Status::Error(
        ErrorCode::kFailedPrecondition, "vetting.unconfirmed",
        "还有" + std::to_string(unconfirmed) + "名人选的答复意见未经确认，请确认后再审批");
  }
  storage::VettingRequestRow row = request;
  row.version = version;
  row.state = "approved";
  row.approved_by = actor.username;
  row.approved_on = today;
  storage::VettingRequestRow updated;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(updated, store_->Vetting().UpdateVettingRequest(row));
    return Audit(actor, "vetting.approve", id, Snapshot(request), Snapshot(updated));
  });
  if (!status.ok()) return status;
  return BuildView(actor, updated, true, today);
}

Result<VettingView> VettingService::Issue(const Actor& actor, RowId id, int64_t version,
                                          const std::string& letter_number,
                                          const std::string& issuer, domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kAnswerVetting));
  org_names_.clear();
  KANGFU_ASSIGN_OR_RETURN(storage::VettingRequestRow request, RequestFor(actor, id));
  if (request.state != "approved") {
    return Status::Error(
        ErrorCode::kFailedPrecondition, "vetting.not_approved",
        request.state == "issued" ? "该征求意见事项已经回复" : "答复意见须经领导审批后才能回复");
  }
  const std::string number = Trimmed(letter_number);
  if (number.empty()) {
    return Status::Invalid("letter_number", "vetting.letter_number_required",
                           "请填写回复函的发文字号（如“某纪函〔2026〕15号”）");
  }
  std::string organ = Trimmed(issuer);
  if (organ.empty()) {
    KANGFU_ASSIGN_OR_RETURN(storage::Organisation own,
                            store_->GetOrganisation(actor.jurisdiction_org));
    organ = own.name;
  }
  storage::VettingRequestRow row = request;
  row.version = version;
  row.state = "issued";
  row.issued_by = actor.username;
  row.issued_on = today;
  row.letter_number = number;
  row.issuer = organ;
  storage::VettingRequestRow updated;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(updated, store_->Vetting().UpdateVettingRequest(row));
    return Audit(actor, "vetting.issue", id, Snapshot(request), Snapshot(updated));
  });
  if (!status.ok()) return status;
  return BuildView(actor, updated, true, today);
}

Result<std::string> VettingService::Letter(const Actor& actor, RowId id, bool red_header) {
  KANGFU_RETURN_IF_ERROR(RequireAny(actor));
  org_names_.clear();
  KANGFU_ASSIGN_OR_RETURN(storage::VettingRequestRow request, RequestFor(actor, id));
  if (request.state != "issued" || !request.issued_on) {
    return Status::Error(ErrorCode::kFailedPrecondition, "vetting.not_issued",
                         "回复函在答复意见审批并回复后才能下载");
  }
  KANGFU_ASSIGN_OR_RETURN(VettingView view, BuildView(actor, request, true, *request.issued_on));
  office::Letter letter;
  if (red_header) letter.organ_mark = request.issuer;
  letter.document_number = request.letter_number;
  const std::string first = view.candidates.empty() ? "" : view.candidates.front().name;
  const std::string who = view.candidates.size() == 1
                              ? first + "同志"
                              : first + "等" + std::to_string(view.candidates.size()) + "名同志";
  letter.title = "关于" + who + "党风廉政情况的回复";
  letter.addressee = request.requester;
  const std::string ref = request.request_ref.empty() ? "" : "（" + request.request_ref + "）";
  letter.body = {
      {office::ParagraphKind::kBody, "你单位" + request.request_date.ToString().substr(0, 4) +
                                         "年" + std::to_string(request.request_date.month()) +
                                         "月" + std::to_string(request.request_date.day()) +
                                         "日来函" + ref + "就" + who +
                                         std::string(VettingPurposeLabel(request.purpose)) +
                                         "征求党风廉政意见。经研究，现将有关情况回复如下："},
      {office::ParagraphKind::kBody, "以上意见仅就本机关掌握的情况作出，供你单位参考。特此函复。"},
  };
  office::LetterTable table;
  table.headers = {"序号", "姓名", "单位及职务", "有关情况", "答复意见"};
  table.widths = {2, 3, 5, 9, 5};
  int index = 0;
  for (const VettingCandidateView& c : view.candidates) {
    // Answers confirmed before the wording existed (migration 0011) print a dash.
    table.rows.push_back({std::to_string(++index), c.name,
                          c.post.empty() ? c.unit_name : c.unit_name + c.post,
                          c.row.statement.empty() ? "—" : c.row.statement,
                          std::string(VettingAnswerLabel(c.row.confirmed_class))});
  }
  letter.table = std::move(table);
  letter.table_after = 1;
  letter.signature = request.issuer;
  letter.date = {request.issued_on->year(), request.issued_on->month(), request.issued_on->day()};
  KANGFU_ASSIGN_OR_RETURN(std::string bytes, office::WriteDocxLetter(letter));
  KANGFU_RETURN_IF_ERROR(
      store_->InTransaction([&] { return Audit(actor, "vetting.letter", id, "", ""); }));
  return bytes;
}

}  // namespace kangfu::app
