#include "app/reuse_service.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "app/history.hpp"
#include "codec/reuse/reuse_policy_json.hpp"
#include "office/docx_letter.hpp"
#include "security/sm3.hpp"

namespace kangfu::app {
namespace {

using storage::RowId;
using Json = nlohmann::ordered_json;

struct Label {
  std::string_view code;
  std::string_view label;
};
constexpr std::array<Label, 4> kGrades = {{{"excellent", "优秀"},
                                           {"competent", "称职"},
                                           {"basically_competent", "基本称职"},
                                           {"incompetent", "不称职"}}};
constexpr std::array<Label, 4> kStates = {{{"open", "办理中"},
                                           {"reused", "已重新使用"},
                                           {"not_reused", "决定不重新使用"},
                                           {"withdrawn", "已撤回"}}};

template <std::size_t N>
std::string_view Find(const std::array<Label, N>& table, std::string_view code) {
  for (const Label& entry : table) {
    if (entry.code == code) return entry.label;
  }
  return {};
}

std::string Trimmed(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

Json OptDate(const std::optional<domain::Date>& d) { return d ? Json(d->ToString()) : Json(); }

std::string Snapshot(const storage::ReuseFileRow& f) {
  return Json{{"id", f.id},
              {"person_id", f.person_id},
              {"org_id", f.org_id},
              {"opened_on", f.opened_on.ToString()},
              {"state", f.state},
              {"override_reason", f.override_reason},
              {"override_by", f.override_by},
              {"override_approved_by", f.override_approved_by},
              {"override_approved_on", OptDate(f.override_approved_on)},
              {"closed_on", OptDate(f.closed_on)},
              {"close_reason", f.close_reason},
              {"version", f.version}}
      .dump();
}

std::string Snapshot(const storage::ReuseStepRow& s) {
  return Json{{"id", s.id},
              {"file_id", s.file_id},
              {"step", s.step},
              {"organ", s.organ},
              {"date", s.date.ToString()},
              {"opinion", s.opinion},
              {"document_id", s.document_id},
              {"details", Json::parse(s.details, nullptr, false)},
              {"version", s.version}}
      .dump();
}

Status Closed() {
  return Status::Error(ErrorCode::kFailedPrecondition, "reuse.closed",
                       "该重新使用事项已办结或已撤回，不能再办理");
}

std::string Ref(const char* type, const std::string& id) { return std::string(type) + ":" + id; }

std::string StepTitle(int step, const std::string& name) {
  switch (step) {
    case 1:
      return "关于征求对" + name + "同志重新使用意见的函";
    case 2:
      return "关于" + name + "同志影响期内现实表现和工作业绩的考察情况";
    case 3:
      return "关于" + name + "同志重新使用征求意见的函";
    case 4:
      return "关于" + name + "同志重新使用的决定";
    default:
      return "关于" + name + "同志重新使用情况的通报";
  }
}

Json FiveLooksJson(const FiveLooks& f) {
  return {{"time", f.time},
          {"cause", f.cause},
          {"performance", f.performance},
          {"sanction_type", f.sanction_type},
          {"nature", f.nature}};
}

Json EvaluationJson(const DemocraticEvaluation& e) {
  return {
      {"good", e.good}, {"fairly_good", e.fairly_good}, {"average", e.average}, {"poor", e.poor}};
}

}  // namespace

std::string_view AssessmentGradeLabel(std::string_view grade) { return Find(kGrades, grade); }
std::string_view ReuseStateLabel(std::string_view state) { return Find(kStates, state); }

Status ReuseService::Audit(const Actor& actor, const char* action, const std::string& type,
                           RowId id, std::string before, std::string after, std::string detail) {
  AuditEvent event;
  event.action = action;
  event.object_type = type;
  event.object_id = std::to_string(id);
  event.before_json = std::move(before);
  event.after_json = std::move(after);
  event.detail = std::move(detail);
  return audit_->Record(actor, event);
}

Result<storage::Person> ReuseService::PersonFor(const Actor& actor, RowId person_id) {
  Result<storage::Person> person = store_->GetPerson(person_id);
  if (!person.ok()) return person.status();
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation unit, store_->GetOrganisation(person->unit_id));
  if (!actor.InJurisdiction(unit.path)) {
    return Status::NotFound("person.not_found", "未找到该人员（或不在管辖范围内）", "person_id");
  }
  return person;
}

Result<storage::ReuseFileRow> ReuseService::FileFor(const Actor& actor, RowId id) {
  Result<storage::ReuseFileRow> file = store_->Reuse().GetReuseFile(id);
  if (!file.ok()) return file.status();
  KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(file->person_id));
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation unit, store_->GetOrganisation(person.unit_id));
  if (!actor.InJurisdiction(unit.path)) {
    return Status::NotFound("reuse.not_found", "未找到该重新使用事项，可能不在管辖范围内");
  }
  return file;
}

Result<ReuseFileView> ReuseService::BuildView(const storage::ReuseFileRow& file, bool full) {
  ReuseFileView view;
  view.file = file;
  KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(file.person_id));
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation unit, store_->GetOrganisation(person.unit_id));
  view.person_name = person.name;
  view.unit_name = unit.name;
  KANGFU_ASSIGN_OR_RETURN(view.steps, store_->Reuse().ListReuseSteps(file.id));
  if (full) {
    KANGFU_ASSIGN_OR_RETURN(view.documents, store_->Reuse().ListReuseDocuments(file.id));
  }
  const int done = static_cast<int>(view.steps.size());
  view.next_step = file.state == "open" && done < domain::kReuseStepCount ? done + 1 : 0;
  view.override_required = !file.override_reason.empty() && !file.override_approved_on;
  return view;
}

Result<domain::ReusePolicy> ReuseService::LoadPolicy(int64_t* version) {
  KANGFU_ASSIGN_OR_RETURN(std::optional<storage::ReusePolicyRow> stored,
                          store_->Reuse().GetReusePolicy());
  if (version != nullptr) *version = stored ? stored->version : 0;
  if (!stored) return domain::DefaultReusePolicy();
  Result<domain::ReusePolicy> policy = codec::ParseReusePolicy(stored->body);
  if (!policy.ok()) return Status::Internal("stored reuse policy: " + policy.status().ToString());
  return policy;
}

Result<ReuseCheck> ReuseService::Evaluate(const storage::Person& person, domain::Date as_of) {
  ReuseCheck check;
  check.person_id = person.id;
  check.name = person.name;
  check.as_of = as_of;
  KANGFU_ASSIGN_OR_RETURN(storage::PersonHistory history, store_->LoadHistory(person.id_number));
  // 容错纠错: an exempted measure (免责) is neither a running period nor a disposition to assess.
  KANGFU_ASSIGN_OR_RETURN(DomainHistory domain_history,
                          LoadEngineHistory(*store_, history, engine_.catalogue()));
  std::vector<domain::Restriction> restrictions;
  engine_.ComputeRestrictions(domain_history.measures, &restrictions);

  std::map<RowId, const storage::Case*> cases;
  for (const storage::Case& c : history.cases) cases.emplace(c.id, &c);

  domain::ReuseFacts facts;
  facts.as_of = as_of;
  std::vector<domain::DispositionItem> items;
  std::map<RowId, bool> case_counts;  // cases with a measure not revoked
  for (std::size_t i = 0; i < domain_history.measures.size(); ++i) {
    const storage::Measure& row = *domain_history.measure_rows[i];
    const domain::Measure& measure = domain_history.measures[i];
    if (measure.revoked || measure.exempted) continue;
    facts.has_disposition = true;
    case_counts[row.case_id] = true;
    const storage::Case& c = *cases.at(row.case_id);
    items.push_back({row.kind, engine_.catalogue().kind(measure.kind).name,
                     std::string(storage::DisciplineCode(c.discipline)),
                     std::string(storage::DisciplineLabel(c.discipline)),
                     Ref("measure", std::to_string(row.id))});
    if (engine_.SuspensionInForce(measure, as_of)) {
      facts.holds.push_back(Ref("measure", std::to_string(row.id)));
    }
  }
  // Periods not over on as_of (restrictions on re-admission to the party are not about use).
  std::map<RowId, domain::RunningPeriod> running;
  std::vector<domain::CaseWindow> windows;
  for (const domain::Restriction& r : restrictions) {
    const storage::Measure& row = *domain_history.measure_rows[r.measure];
    windows.push_back({Ref("case", std::to_string(row.case_id)), r.from, r.until});
    if (r.action == domain::Action::kReadmit || (r.until && *r.until <= as_of)) continue;
    auto [it, inserted] = running.try_emplace(
        row.id, domain::RunningPeriod{Ref("measure", std::to_string(row.id)), r.until});
    if (!inserted && it->second.allowed_from) {
      if (!r.until) {
        it->second.allowed_from.reset();
      } else if (*it->second.allowed_from < *r.until) {
        it->second.allowed_from = r.until;
      }
    }
  }
  for (auto& [id, period] : running) facts.running.push_back(std::move(period));
  for (std::size_t i = 0; i < domain_history.holds.size(); ++i) {
    const domain::Hold& hold = domain_history.holds[i];
    if (hold.from <= as_of && (!hold.to || as_of <= *hold.to)) {
      facts.holds.push_back(Ref("hold", std::to_string(domain_history.hold_rows[i]->id)));
    }
  }
  std::vector<domain::CaseDate> case_dates;
  case_dates.reserve(case_counts.size());
  for (const auto& [case_id, counted] : case_counts) {
    case_dates.push_back({Ref("case", std::to_string(case_id)), cases.at(case_id)->decision_date});
  }
  facts.new_violations = domain::FindNewViolations(windows, case_dates);

  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::VisitRow> visits,
                          store_->Aftercare().ListVisits(person.id));
  facts.visit_count = static_cast<int>(std::count_if(
      visits.begin(), visits.end(), [&](const storage::VisitRow& v) { return v.date <= as_of; }));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MentorRow> mentors,
                          store_->Aftercare().ListMentorsOfPerson(person.id));
  for (const storage::MentorRow& m : mentors) {
    if (as_of < m.start) continue;
    domain::MentorPeriod period{Ref("mentor", std::to_string(m.id)), m.start, m.end, {}};
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MentorReportRow> reports,
                            store_->Aftercare().ListReports(m.id));
    for (const storage::MentorReportRow& r : reports) period.reports.emplace_back(r.year, r.half);
    facts.mentors.push_back(std::move(period));
  }
  check.preconditions = domain::EvaluateReusePreconditions(facts);
  int64_t version = 0;
  KANGFU_ASSIGN_OR_RETURN(domain::ReusePolicy policy, LoadPolicy(&version));
  check.eligibility = domain::AssessReuseEligibility(policy, items);
  check.ready = check.eligibility.level != domain::ReuseEligibility::kExcluded &&
                std::all_of(check.preconditions.begin(), check.preconditions.end(),
                            [](const domain::PreconditionResult& p) { return p.met; });
  return check;
}

Result<ReuseCheck> ReuseService::Check(const Actor& actor, RowId person_id,
                                       std::optional<domain::Date> as_of, domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadReuse));
  KANGFU_ASSIGN_OR_RETURN(storage::Person person, PersonFor(actor, person_id));
  KANGFU_ASSIGN_OR_RETURN(ReuseCheck check, Evaluate(person, as_of.value_or(today)));
  check.facts_included = actor.Can(Permission::kReadCaseFacts);
  if (!check.facts_included) {
    for (domain::PreconditionResult& p : check.preconditions) p.refs.clear();
    for (domain::EligibilityFinding& f : check.eligibility.findings) f.ref.clear();
  }
  KANGFU_RETURN_IF_ERROR(store_->InTransaction([&] {
    return Audit(actor, "reuse.check", "person", person_id, "",
                 Json{{"as_of", check.as_of.ToString()}, {"ready", check.ready}}.dump());
  }));
  return check;
}

Result<ReuseFileView> ReuseService::Open(const Actor& actor, RowId person_id,
                                         const std::string& override_reason, domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kRunReuse));
  KANGFU_ASSIGN_OR_RETURN(storage::Person person, PersonFor(actor, person_id));
  KANGFU_ASSIGN_OR_RETURN(ReuseCheck check, Evaluate(person, today));
  const std::string reason = Trimmed(override_reason);
  Status eligible = domain::CheckEligibility(check.eligibility, reason);
  if (!eligible.ok()) {
    // The refusal is on record too: who tried to propose whom.
    KANGFU_RETURN_IF_ERROR(store_->InTransaction([&] {
      AuditEvent event;
      event.action = "reuse.open";
      event.object_type = "person";
      event.object_id = std::to_string(person_id);
      event.success = false;
      event.detail = eligible.reason();
      return audit_->Record(actor, event);
    }));
    return eligible;
  }
  const bool needs_override = check.eligibility.level == domain::ReuseEligibility::kOverride;
  storage::ReuseFileRow stored;
  Status status = store_->InTransaction([&]() -> Status {
    storage::ReuseFileRow row{.person_id = person.id,
                              .org_id = actor.jurisdiction_org,
                              .opened_by = actor.account_id,
                              .opened_on = today,
                              .state = "open"};
    if (needs_override) {
      row.override_reason = reason;
      row.override_by = actor.username;
    }
    KANGFU_ASSIGN_OR_RETURN(stored, store_->Reuse().AddReuseFile(row));
    KANGFU_RETURN_IF_ERROR(
        Audit(actor, "reuse.open", "reuse_file", stored.id, "", Snapshot(stored)));
    if (!needs_override) return Status::Ok();
    Json findings = Json::array();
    for (const domain::EligibilityFinding& f : check.eligibility.findings) {
      findings.push_back({{"code", f.reason}, {"message", f.message}, {"ref", f.ref}});
    }
    return Audit(actor, "reuse.override", "reuse_file", stored.id, "",
                 Json{{"reason", reason}, {"findings", findings}}.dump(), reason);
  });
  if (!status.ok()) return status;
  return BuildView(stored, true);
}

Result<std::vector<ReuseFileView>> ReuseService::List(const Actor& actor) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadReuse));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ReuseFileRow> rows,
                          store_->Reuse().ListReuseFiles(actor.jurisdiction_org));
  std::vector<ReuseFileView> views;
  for (const storage::ReuseFileRow& row : rows) {
    KANGFU_ASSIGN_OR_RETURN(ReuseFileView view, BuildView(row, false));
    views.push_back(std::move(view));
  }
  KANGFU_RETURN_IF_ERROR(store_->InTransaction([&] {
    return Audit(actor, "reuse.list", "organisation", actor.jurisdiction_org, "",
                 Json{{"files", views.size()}}.dump());
  }));
  return views;
}

Result<ReuseFileView> ReuseService::Get(const Actor& actor, RowId id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadReuse));
  KANGFU_ASSIGN_OR_RETURN(storage::ReuseFileRow file, FileFor(actor, id));
  KANGFU_ASSIGN_OR_RETURN(ReuseFileView view, BuildView(file, true));
  KANGFU_RETURN_IF_ERROR(
      store_->InTransaction([&] { return Audit(actor, "reuse.read", "reuse_file", id, "", ""); }));
  return view;
}

Result<ReuseEvidence> ReuseService::Evidence(const Actor& actor, RowId id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadReuse));
  KANGFU_ASSIGN_OR_RETURN(storage::ReuseFileRow file, FileFor(actor, id));
  ReuseEvidence evidence;
  evidence.file_id = id;
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ReuseStepRow> steps,
                          store_->Reuse().ListReuseSteps(id));
  for (const storage::ReuseStepRow& step : steps) {
    if (step.step != 2) continue;
    const nlohmann::json details = nlohmann::json::parse(step.details, nullptr, false);
    if (!details.is_object()) return Status::Internal("reuse step details are not an object");
    evidence.attitude = details.value("attitude", "");
    if (details.contains("five_looks")) {
      const nlohmann::json& f = details["five_looks"];
      evidence.five_looks =
          FiveLooks{f.value("time", ""), f.value("cause", ""), f.value("performance", ""),
                    f.value("sanction_type", ""), f.value("nature", "")};
    }
    if (details.contains("evaluation")) {
      const nlohmann::json& e = details["evaluation"];
      evidence.evaluation = DemocraticEvaluation{e.value("good", 0), e.value("fairly_good", 0),
                                                 e.value("average", 0), e.value("poor", 0)};
    }
  }
  KANGFU_ASSIGN_OR_RETURN(evidence.assessments,
                          store_->Reuse().ListReuseAssessments(file.person_id));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::VisitRow> visits,
                          store_->Aftercare().ListVisits(file.person_id));
  for (const storage::VisitRow& v : visits) evidence.visits.push_back({v.date, v.grade});
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MentorRow> mentors,
                          store_->Aftercare().ListMentorsOfPerson(file.person_id));
  const bool summaries = actor.Can(Permission::kReadAftercare);
  for (const storage::MentorRow& m : mentors) {
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MentorReportRow> reports,
                            store_->Aftercare().ListReports(m.id));
    for (const storage::MentorReportRow& r : reports) {
      evidence.mentor_reports.push_back(
          {r.year, r.half, r.submitted, summaries ? r.summary : std::string()});
    }
  }
  KANGFU_RETURN_IF_ERROR(store_->InTransaction(
      [&] { return Audit(actor, "reuse.evidence", "reuse_file", id, "", ""); }));
  return evidence;
}

Result<ReuseFileView> ReuseService::ApproveOverride(const Actor& actor, RowId id, int64_t version,
                                                    domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kApproveReuse));
  KANGFU_ASSIGN_OR_RETURN(storage::ReuseFileRow file, FileFor(actor, id));
  if (file.state != "open") return Closed();
  if (file.override_reason.empty() || file.override_approved_on) {
    return Status::Error(ErrorCode::kFailedPrecondition, "reuse.no_override",
                         "该事项没有待批准的特别理由");
  }
  storage::ReuseFileRow row = file;
  row.version = version;
  row.override_approved_by = actor.username;
  row.override_approved_on = today;
  storage::ReuseFileRow updated;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(updated, store_->Reuse().UpdateReuseFile(row));
    return Audit(actor, "reuse.override_approve", "reuse_file", id, Snapshot(file),
                 Snapshot(updated), file.override_reason);
  });
  if (!status.ok()) return status;
  return BuildView(updated, true);
}

Result<ReuseFileView> ReuseService::RecordStep(const Actor& actor, RowId id, const StepInput& input,
                                               domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kRunReuse));
  KANGFU_ASSIGN_OR_RETURN(storage::ReuseFileRow file, FileFor(actor, id));
  if (file.state != "open") return Closed();
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ReuseStepRow> steps,
                          store_->Reuse().ListReuseSteps(id));
  const domain::Date date = input.date.value_or(today);
  std::vector<domain::ReuseStepDone> done;
  done.reserve(steps.size());
  for (const storage::ReuseStepRow& s : steps) done.push_back({s.step, s.date});
  KANGFU_RETURN_IF_ERROR(domain::CheckReuseStep(done, input.step, date, today));

  const std::string organ = Trimmed(input.organ);
  if (organ.empty()) {
    return Status::Invalid("organ", "reuse.organ_required",
                           "请填写办理机关（如“中共甲市委组织部”）");
  }
  const std::string opinion = Trimmed(input.opinion);
  if (opinion.empty()) return Status::Invalid("opinion", "reuse.opinion_required", "请填写意见");
  if (input.document_id == 0 && !input.generate_letter) {
    return Status::Invalid("document_id", "reuse.document_required",
                           "每一步须有文书：请上传文件或选择生成函件");
  }
  if (input.document_id != 0) {
    Result<storage::ReuseDocumentRow> doc = store_->Reuse().GetReuseDocument(input.document_id);
    if (!doc.ok() && doc.status().code() != ErrorCode::kNotFound) return doc.status();
    if (!doc.ok() || doc->file_id != id) {
      return Status::NotFound("reuse_document.not_found", "未找到该文件，请先上传到本事项",
                              "document_id");
    }
  }
  Json details = Json::object();
  switch (input.step) {
    case 1:
      if (!file.override_reason.empty() && !file.override_approved_on) {
        return Status::Error(ErrorCode::kFailedPrecondition, "reuse.override_unapproved",
                             "提出重新使用的特别理由尚未经领导批准，暂不能办理第1步");
      }
      break;
    case 2: {
      const nlohmann::json first = nlohmann::json::parse(steps.front().details, nullptr, false);
      if (!first.is_object() || !first.contains("commission")) {
        return Status::Error(ErrorCode::kFailedPrecondition, "reuse.commission_opinion_missing",
                             "纪检监察机关尚未对第1步提出意见，请待其回复后再办理第2步");
      }
      if (Trimmed(input.attitude).empty()) {
        return Status::Invalid("attitude", "reuse.attitude_required",
                               "请填写本人对所犯错误的认识和态度");
      }
      if (!input.five_looks) {
        return Status::Invalid("five_looks", "reuse.five_looks_required",
                               "请填写“五看”：时间、原因、表现、处分类型、错误性质");
      }
      const FiveLooks& f = *input.five_looks;
      const std::pair<const char*, const std::string*> looks[] = {
          {"time", &f.time},
          {"cause", &f.cause},
          {"performance", &f.performance},
          {"sanction_type", &f.sanction_type},
          {"nature", &f.nature}};
      for (const auto& [member, text] : looks) {
        if (Trimmed(*text).empty()) {
          return Status::Invalid(std::string("five_looks.") + member, "reuse.five_looks_required",
                                 "请填写“五看”：时间、原因、表现、处分类型、错误性质，均不能为空");
        }
      }
      if (!input.evaluation) {
        return Status::Invalid("evaluation", "reuse.evaluation_invalid",
                               "请填写民主测评结果（好、较好、一般、差的票数）");
      }
      const DemocraticEvaluation& e = *input.evaluation;
      if (e.good < 0 || e.fairly_good < 0 || e.average < 0 || e.poor < 0 ||
          e.good + e.fairly_good + e.average + e.poor == 0) {
        return Status::Invalid("evaluation", "reuse.evaluation_invalid",
                               "民主测评票数不能为负，且合计须大于0");
      }
      details["attitude"] = Trimmed(input.attitude);
      details["five_looks"] = FiveLooksJson(f);
      details["evaluation"] = EvaluationJson(e);
      break;
    }
    case 4: {
      if (Trimmed(input.meeting).empty()) {
        return Status::Invalid("meeting", "reuse.meeting_required",
                               "请填写集体讨论决定的会议（如“市委常委会第12次会议”）");
      }
      if (input.decision != "reuse" && input.decision != "not_reuse") {
        return Status::Invalid(
            "decision", "reuse.decision_invalid",
            "集体讨论结果只能是reuse（同意重新使用）或not_reuse（不予重新使用）");
      }
      Json responsible = Json::array();
      for (const std::string& name : input.responsible) {
        if (!Trimmed(name).empty()) responsible.push_back(Trimmed(name));
      }
      if (responsible.empty()) {
        return Status::Invalid("responsible", "reuse.responsible_required",
                               "请写明对用人决定负责的人员（用人责任）");
      }
      details["meeting"] = Trimmed(input.meeting);
      details["decision"] = input.decision;
      details["responsible"] = responsible;
      break;
    }
    case 5:
      if (Trimmed(input.publicity).empty()) {
        return Status::Invalid("publicity", "reuse.publicity_required",
                               "请填写公开的方式和范围（如“在本单位公示5个工作日”）");
      }
      details["publicity"] = Trimmed(input.publicity);
      break;
    default:
      break;
  }
  KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(file.person_id));
  if (input.step == 1 || input.step == 4) {
    KANGFU_ASSIGN_OR_RETURN(ReuseCheck check, Evaluate(person, date));
    Status refused =
        domain::PreconditionsStatus(check.preconditions, actor.Can(Permission::kReadCaseFacts));
    if (refused.ok() && input.step == 1) {
      refused = domain::CheckEligibility(check.eligibility, file.override_reason);
    }
    if (!refused.ok()) {
      KANGFU_RETURN_IF_ERROR(store_->InTransaction([&] {
        std::string codes;
        for (const FieldError& e : refused.details()) {
          codes += (codes.empty() ? "" : ",") + e.reason;
        }
        AuditEvent event;
        event.action = "reuse.step";
        event.object_type = "reuse_file";
        event.object_id = std::to_string(id);
        event.after_json = Json{{"step", input.step}, {"date", date.ToString()}}.dump();
        event.success = false;
        event.detail = codes.empty() ? refused.reason() : codes;
        return audit_->Record(actor, event);
      }));
      return refused;
    }
  }

  storage::ReuseFileRow updated = file;
  Status status = store_->InTransaction([&]() -> Status {
    RowId document_id = input.document_id;
    if (input.generate_letter) {
      office::Letter letter;
      letter.organ_mark = organ;
      letter.title = StepTitle(input.step, person.name);
      letter.body = {{office::ParagraphKind::kBody, opinion}};
      letter.signature = organ;
      letter.date = {date.year(), date.month(), date.day()};
      KANGFU_ASSIGN_OR_RETURN(std::string bytes, office::WriteDocxLetter(letter));
      KANGFU_ASSIGN_OR_RETURN(security::Sm3Digest digest, security::Sm3(bytes));
      storage::ReuseDocumentRow doc{
          .file_id = id,
          .name = letter.title + ".docx",
          .content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          .hash = security::DigestHex(digest),
          .kind = "generated",
          .bytes = std::move(bytes),
          .uploaded_by = actor.username,
          .uploaded_on = today};
      KANGFU_ASSIGN_OR_RETURN(storage::ReuseDocumentRow stored,
                              store_->Reuse().AddReuseDocument(doc));
      document_id = stored.id;
    }
    KANGFU_ASSIGN_OR_RETURN(storage::ReuseStepRow step,
                            store_->Reuse().AddReuseStep({.file_id = id,
                                                          .step = input.step,
                                                          .organ = organ,
                                                          .date = date,
                                                          .opinion = opinion,
                                                          .document_id = document_id,
                                                          .details = details.dump(),
                                                          .recorded_by = actor.username}));
    KANGFU_RETURN_IF_ERROR(Audit(actor, "reuse.step", "reuse_file", id, "", Snapshot(step)));
    const bool declined = input.step == 4 && input.decision == "not_reuse";
    if (input.step != 5 && !declined) return Status::Ok();
    storage::ReuseFileRow closed = file;
    closed.state = declined ? "not_reused" : "reused";
    closed.closed_on = date;
    closed.close_reason = declined ? opinion : "";
    closed.closed_by = actor.username;
    KANGFU_ASSIGN_OR_RETURN(updated, store_->Reuse().UpdateReuseFile(closed));
    return Audit(actor, declined ? "reuse.decline" : "reuse.complete", "reuse_file", id,
                 Snapshot(file), Snapshot(updated));
  });
  if (!status.ok()) return status;
  return BuildView(updated, true);
}

Result<ReuseFileView> ReuseService::GiveCommissionOpinion(const Actor& actor, RowId id,
                                                          const CommissionOpinionInput& input,
                                                          domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kGiveReuseOpinion));
  KANGFU_ASSIGN_OR_RETURN(storage::ReuseFileRow file, FileFor(actor, id));
  if (file.state != "open") return Closed();
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ReuseStepRow> steps,
                          store_->Reuse().ListReuseSteps(id));
  if (steps.size() != 1) {
    return Status::Error(ErrorCode::kFailedPrecondition, "reuse.step_out_of_order",
                         steps.empty() ? "组织人事部门尚未办理第1步，暂不能提出纪检监察机关意见"
                                       : "第2步已经办理，纪检监察机关意见不能再修改");
  }
  const std::string organ = Trimmed(input.organ);
  if (organ.empty()) {
    return Status::Invalid("organ", "reuse.organ_required",
                           "请填写提出意见的纪检监察机关（如“中共甲市纪律检查委员会”）");
  }
  if (input.result != "agree" && input.result != "disagree") {
    return Status::Invalid("result", "reuse.result_invalid",
                           "意见结论只能是agree（同意）或disagree（不同意）");
  }
  const std::string opinion = Trimmed(input.opinion);
  if (opinion.empty()) return Status::Invalid("opinion", "reuse.opinion_required", "请填写意见");
  const domain::Date date = input.date.value_or(today);
  if (date < steps.front().date) {
    return Status::Invalid(
        "date", "reuse.step_date",
        "意见日期不能早于第1步的办理日期（" + steps.front().date.ToString() + "）");
  }
  if (date > today) {
    return Status::Invalid("date", "reuse.step_date_future", "办理日期不能晚于今天");
  }
  if (input.document_id != 0) {
    Result<storage::ReuseDocumentRow> doc = store_->Reuse().GetReuseDocument(input.document_id);
    if (!doc.ok() && doc.status().code() != ErrorCode::kNotFound) return doc.status();
    if (!doc.ok() || doc->file_id != id) {
      return Status::NotFound("reuse_document.not_found", "未找到该文件，请先上传到本事项",
                              "document_id");
    }
  }
  storage::ReuseStepRow step = steps.front();
  Json details = Json::parse(step.details, nullptr, false);
  if (!details.is_object()) details = Json::object();
  details["commission"] = {
      {"organ", organ},     {"date", date.ToString()},          {"result", input.result},
      {"opinion", opinion}, {"document_id", input.document_id}, {"by", actor.username}};
  step.details = details.dump();
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(storage::ReuseStepRow updated, store_->Reuse().UpdateReuseStep(step));
    return Audit(actor, "reuse.commission_opinion", "reuse_file", id, Snapshot(steps.front()),
                 Snapshot(updated));
  });
  if (!status.ok()) return status;
  return BuildView(file, true);
}

Result<storage::ReuseDocumentRow> ReuseService::Upload(const Actor& actor, RowId id,
                                                       const UploadInput& input,
                                                       domain::Date today) {
  if (!actor.Can(Permission::kGiveReuseOpinion)) {
    KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kRunReuse));
  }
  KANGFU_ASSIGN_OR_RETURN(storage::ReuseFileRow file, FileFor(actor, id));
  if (file.state != "open") return Closed();
  const std::string name = Trimmed(input.name);
  const bool bad_name =
      name.empty() || name.size() > 255 || std::any_of(name.begin(), name.end(), [](char c) {
        return c == '/' || c == '\\' || (static_cast<unsigned char>(c) < 0x20);
      });
  if (bad_name) {
    return Status::Invalid("name", "reuse.document_name",
                           "请给出文件名（不超过255字节，不含“/”“\\”和控制字符）");
  }
  if (input.bytes.empty()) {
    return Status::Invalid("file", "reuse.document_empty", "上传的文件是空的，请重新选择文件");
  }
  KANGFU_ASSIGN_OR_RETURN(domain::ReusePolicy policy, LoadPolicy(nullptr));
  if (static_cast<int64_t>(input.bytes.size()) > policy.max_document_bytes) {
    return Status::Error(ErrorCode::kResourceExhausted, "reuse.document_too_large",
                         "文件超过大小上限（" + std::to_string(policy.max_document_bytes) +
                             "字节），请压缩后重新上传",
                         "file");
  }
  KANGFU_ASSIGN_OR_RETURN(security::Sm3Digest digest, security::Sm3(input.bytes));
  storage::ReuseDocumentRow stored;
  Status status = store_->InTransaction([&]() -> Status {
    storage::ReuseDocumentRow row{.file_id = id,
                                  .name = name,
                                  .content_type = input.content_type.empty()
                                                      ? "application/octet-stream"
                                                      : input.content_type,
                                  .hash = security::DigestHex(digest),
                                  .kind = "upload",
                                  .bytes = input.bytes,
                                  .uploaded_by = actor.username,
                                  .uploaded_on = today};
    KANGFU_ASSIGN_OR_RETURN(stored, store_->Reuse().AddReuseDocument(row));
    return Audit(actor, "reuse.upload", "reuse_file", id, "",
                 Json{{"document_id", stored.id},
                      {"name", stored.name},
                      {"content_type", stored.content_type},
                      {"size", stored.size},
                      {"hash", stored.hash}}
                     .dump());
  });
  if (!status.ok()) return status;
  stored.bytes.clear();
  return stored;
}

Result<storage::ReuseDocumentRow> ReuseService::Document(const Actor& actor, RowId id,
                                                         RowId document_id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadReuse));
  KANGFU_ASSIGN_OR_RETURN(storage::ReuseFileRow file, FileFor(actor, id));
  KANGFU_ASSIGN_OR_RETURN(storage::ReuseDocumentRow doc,
                          store_->Reuse().GetReuseDocument(document_id));
  if (doc.file_id != file.id) {
    return Status::NotFound("reuse_document.not_found", "未找到该文件，请刷新后重试");
  }
  KANGFU_RETURN_IF_ERROR(store_->InTransaction([&] {
    return Audit(actor, "reuse.document", "reuse_file", id, "",
                 Json{{"document_id", document_id}}.dump());
  }));
  return doc;
}

Result<storage::ReuseFileRow> ReuseService::Close(const Actor& actor, RowId id, int64_t version,
                                                  const std::string& reason, const char* state,
                                                  const char* action, domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kRunReuse));
  KANGFU_ASSIGN_OR_RETURN(storage::ReuseFileRow file, FileFor(actor, id));
  if (file.state != "open") return Closed();
  const std::string why = Trimmed(reason);
  if (why.empty()) {
    return Status::Invalid("reason", "reuse.reason_required", "请填写理由");
  }
  storage::ReuseFileRow row = file;
  row.version = version;
  row.state = state;
  row.closed_on = today;
  row.close_reason = why;
  row.closed_by = actor.username;
  storage::ReuseFileRow updated;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(updated, store_->Reuse().UpdateReuseFile(row));
    return Audit(actor, action, "reuse_file", id, Snapshot(file), Snapshot(updated), why);
  });
  if (!status.ok()) return status;
  return updated;
}

Result<ReuseFileView> ReuseService::Withdraw(const Actor& actor, RowId id, int64_t version,
                                             const std::string& reason, domain::Date today) {
  KANGFU_ASSIGN_OR_RETURN(storage::ReuseFileRow file,
                          Close(actor, id, version, reason, "withdrawn", "reuse.withdraw", today));
  return BuildView(file, true);
}

Result<ReuseFileView> ReuseService::Decline(const Actor& actor, RowId id, int64_t version,
                                            const std::string& reason, domain::Date today) {
  KANGFU_ASSIGN_OR_RETURN(storage::ReuseFileRow file,
                          Close(actor, id, version, reason, "not_reused", "reuse.decline", today));
  return BuildView(file, true);
}

Result<storage::ReuseAssessmentRow> ReuseService::AddAssessment(const Actor& actor, RowId person_id,
                                                                int year, const std::string& grade,
                                                                domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kRunReuse));
  KANGFU_ASSIGN_OR_RETURN(storage::Person person, PersonFor(actor, person_id));
  if (year < 1949 || year > today.year()) {
    return Status::Invalid("year", "reuse.assessment_year",
                           "考核年度须在1949年至" + std::to_string(today.year()) + "年之间");
  }
  if (AssessmentGradeLabel(grade).empty()) {
    return Status::Invalid("grade", "reuse.assessment_grade",
                           "考核结果只能是优秀（excellent）、称职（competent）、"
                           "基本称职（basically_competent）或不称职（incompetent）");
  }
  storage::ReuseAssessmentRow stored;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(
        stored,
        store_->Reuse().AddReuseAssessment(
            {.person_id = person.id, .year = year, .grade = grade, .recorded_by = actor.username}));
    return Audit(actor, "reuse.assessment", "person", person.id, "",
                 Json{{"year", year}, {"grade", grade}}.dump());
  });
  if (!status.ok()) return status;
  return stored;
}

Result<std::pair<domain::ReusePolicy, int64_t>> ReuseService::Policy(const Actor& actor) {
  if (!actor.Can(Permission::kManageReusePolicy)) {
    KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadReuse));
  }
  int64_t version = 0;
  KANGFU_ASSIGN_OR_RETURN(domain::ReusePolicy policy, LoadPolicy(&version));
  KANGFU_RETURN_IF_ERROR(store_->InTransaction(
      [&] { return Audit(actor, "reuse.policy_read", "reuse_policy", version, "", ""); }));
  return std::make_pair(std::move(policy), version);
}

Result<std::pair<domain::ReusePolicy, int64_t>> ReuseService::PutPolicy(
    const Actor& actor, const domain::ReusePolicy& policy, int64_t version) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kManageReusePolicy));
  const domain::Catalogue& catalogue = engine_.catalogue();
  KANGFU_RETURN_IF_ERROR(domain::ValidateReusePolicy(
      policy, [&](std::string_view code) { return catalogue.Find(code).has_value(); },
      [](std::string_view code) { return storage::DisciplineFromCode(code).has_value(); }));
  int64_t before_version = 0;
  KANGFU_ASSIGN_OR_RETURN(domain::ReusePolicy before, LoadPolicy(&before_version));
  const std::string body = codec::ReusePolicyToJson(policy).dump();
  storage::ReusePolicyRow stored;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(stored, store_->Reuse().PutReusePolicy({body, version}));
    return Audit(actor, "reuse.policy", "reuse_policy", stored.version,
                 codec::ReusePolicyToJson(before).dump(), body);
  });
  if (!status.ok()) return status;
  return std::make_pair(policy, stored.version);
}

}  // namespace kangfu::app
