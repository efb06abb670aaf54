#include "app/aftercare_service.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "app/history.hpp"
#include "app/record_json.hpp"
#include "domain/aftercare/execution.hpp"
#include "domain/aftercare/mentoring.hpp"
#include "domain/aftercare/visit_record.hpp"

namespace kangfu::app {
namespace {

using storage::RowId;
using Json = nlohmann::ordered_json;

constexpr const char* kPersonNotFound = "未找到该人员，请核对人员信息";
constexpr const char* kCaseNotFound = "未找到该案件，可能已被删除或不在管辖范围内";
constexpr const char* kExecutionNotFound = "未找到该处分决定执行事项，可能已被删除或不在管辖范围内";
constexpr const char* kPlanNotFound = "未找到该回访方案，可能不在管辖范围内";
constexpr const char* kMentorNotFound = "未找到该教育帮带安排，或您不是该对象的帮带责任人";
constexpr const char* kEscalationNotFound = "未找到该苗头性问题处置事项，可能不在管辖范围内";

Status Stale() {
  return Status::Error(ErrorCode::kConflict, "record.stale",
                       "该记录已被他人修改，请刷新后在最新内容上重新编辑", "version");
}

std::string Id(RowId id) { return std::to_string(id); }

// The audit entry of a workbench read (what was asked: the day; the list itself is derived).
AuditEvent WorkbenchRead(domain::Date today) {
  AuditEvent event;
  event.action = "workbench.read";
  event.object_type = "workbench";
  event.object_id = today.ToString();
  return event;
}

// The 谈话函询 reply reminder of an open inquiry on `today` (none once answered or not yet due).
std::optional<domain::Reminder> ClueReplyOf(const storage::OpenInquiryRow& c, domain::Date today) {
  return domain::ClueReplyReminder({.clue_id = Id(c.clue_id),
                                    .subject_id = Id(c.person_id),
                                    .organ_id = Id(c.organ_id),
                                    .handling_date = c.handling_date,
                                    .reply_due = c.reply_due},
                                   today);
}
RowId ParseId(const std::string& text) {
  RowId value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}
Json OptDate(const std::optional<domain::Date>& d) { return d ? Json(d->ToString()) : Json(); }

// --- audit snapshots (the rows as stored) ---
std::string Snapshot(const storage::ExecutionItemRow& e) {
  return Json{{"id", e.id},
              {"case_id", e.case_id},
              {"code", e.code},
              {"due", e.due.ToString()},
              {"done_on", OptDate(e.done_on)},
              {"confirmed_by", e.confirmed_by},
              {"note", e.note},
              {"version", e.version}}
      .dump();
}
std::string Snapshot(const storage::PlanEditRow& e) {
  return Json{{"kind", e.kind},        {"visit_key", e.visit_key},
              {"title", e.title},      {"from", OptDate(e.from)},
              {"due", OptDate(e.due)}, {"responsible_org", e.responsible_org},
              {"reason", e.reason}}
      .dump();
}
std::string Snapshot(const storage::VisitRow& v) {
  return Json{{"id", v.id},
              {"person_id", v.person_id},
              {"organ_id", v.organ_id},
              {"plan_key", v.plan_key},
              {"date", v.date.ToString()},
              {"visitors", v.visitors},
              {"talked_with", v.talked_with},
              {"checked", v.checked},
              {"findings", v.findings},
              {"grade", v.grade},
              {"follow_up", v.follow_up},
              {"feedback", v.feedback},
              {"clue_hold_id", v.clue_hold_id}}
      .dump();
}
std::string Snapshot(const storage::MentorRow& m) {
  return Json{{"id", m.id},
              {"person_id", m.person_id},
              {"mentor_id", m.mentor_id},
              {"mentor_account_id", m.mentor_account_id},
              {"assigned_by", m.assigned_by},
              {"start", m.start.ToString()},
              {"end", OptDate(m.end)}}
      .dump();
}
std::string Snapshot(const storage::EscalationRow& e) {
  return Json{{"id", e.id},
              {"person_id", e.person_id},
              {"kind", e.kind},
              {"opened_on", e.opened_on.ToString()},
              {"responsible_org", e.responsible_org},
              {"due", e.due.ToString()},
              {"resolved_on", OptDate(e.resolved_on)},
              {"outcome", e.outcome},
              {"resolution", e.resolution},
              {"version", e.version}}
      .dump();
}

bool Known(const std::string& code, std::initializer_list<const char*> codes) {
  return std::any_of(codes.begin(), codes.end(), [&](const char* c) { return code == c; });
}

std::optional<domain::Interviewee> IntervieweeFromCode(const std::string& code) {
  if (code == "subject") return domain::Interviewee::kSubject;
  if (code == "unit_head") return domain::Interviewee::kUnitHead;
  if (code == "other") return domain::Interviewee::kOther;
  return std::nullopt;
}

domain::VisitRecord ToDomainVisit(const storage::VisitRow& v) {
  domain::VisitRecord r;
  r.id = Id(v.id);
  r.subject_id = Id(v.person_id);
  r.plan_key = v.plan_key;
  r.date = v.date;
  for (RowId visitor : v.visitors) r.visitors.push_back(Id(visitor));
  for (const std::string& code : v.talked_with) {
    if (auto who = IntervieweeFromCode(code)) r.talked_with.push_back(*who);
  }
  r.checked = v.checked;
  r.findings = v.findings;
  r.grade = domain::VisitGradeFromCode(v.grade);
  return r;
}

domain::PlanEdit ToDomainEdit(const storage::PlanEditRow& row) {
  domain::PlanEdit e;
  e.kind = row.kind == "add"      ? domain::PlanEditKind::kAdd
           : row.kind == "remove" ? domain::PlanEditKind::kRemove
                                  : domain::PlanEditKind::kReschedule;
  e.visit_key = row.visit_key;
  e.title = row.title;
  e.from = row.from;
  e.due = row.due;
  e.responsible = row.responsible_org == 0 ? "" : Id(row.responsible_org);
  e.reason = row.reason;
  return e;
}

std::string_view EditKindCode(domain::PlanEditKind kind) {
  switch (kind) {
    case domain::PlanEditKind::kAdd:
      return "add";
    case domain::PlanEditKind::kRemove:
      return "remove";
    case domain::PlanEditKind::kReschedule:
      return "reschedule";
  }
  return "reschedule";
}

domain::Escalation ToDomainEscalation(const storage::EscalationRow& row) {
  domain::Escalation e;
  e.id = Id(row.id);
  e.subject_id = Id(row.person_id);
  e.kind =
      domain::WarningSignFromCode(row.kind).value_or(domain::WarningSignKind::kNegativeThinking);
  e.opened_on = row.opened_on;
  e.responsible = Id(row.responsible_org);
  e.resolved_on = row.resolved_on;
  if (!row.outcome.empty()) {
    e.outcome = row.outcome == "referred" ? domain::EscalationOutcome::kReferred
                                          : domain::EscalationOutcome::kHandled;
  }
  return e;
}

domain::MentorAssignment ToDomainAssignment(const storage::MentorRow& row) {
  return {.id = Id(row.id),
          .subject_id = Id(row.person_id),
          .mentor_id = Id(row.mentor_id),
          .assigned_by = Id(row.assigned_by),
          .start = row.start,
          .end = row.end};
}

// Drops "edits[i]." from a field ApplyPlanEdits named: the request carries one edit.
Status OneEditError(const Status& error) {
  std::string field = error.field();
  const std::size_t dot = field.find("].");
  if (field.starts_with("edits[") && dot != std::string::npos) field = field.substr(dot + 2);
  return Status::Invalid(field, error.reason(), error.message());
}

}  // namespace

Status AftercareService::Audit(const Actor& actor, std::string action, std::string type, int64_t id,
                               std::string before, std::string after) {
  AuditEvent event;
  event.action = std::move(action);
  event.object_type = std::move(type);
  event.object_id = std::to_string(id);
  event.before_json = std::move(before);
  event.after_json = std::move(after);
  return audit_->Record(actor, event);
}

bool AftercareService::ActsAsMentorOnly(const Actor& actor, Permission permission) const {
  return std::none_of(actor.roles.begin(), actor.roles.end(), [&](Role role) {
    return role != Role::kMentor && RoleAllows(role, permission);
  });
}

Result<AftercareService::Subject> AftercareService::SubjectInJurisdiction(const Actor& actor,
                                                                          RowId person_id,
                                                                          const char* field) {
  Result<storage::Person> person = store_->GetPerson(person_id);
  if (!person.ok()) {
    if (person.status().code() == ErrorCode::kNotFound) {
      return Status::NotFound("person.not_found", kPersonNotFound, field);
    }
    return person.status();
  }
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation unit, store_->GetOrganisation(person->unit_id));
  if (!actor.InJurisdiction(unit.path)) {
    return Status::NotFound("person.not_found", kPersonNotFound, field);
  }
  return Subject{std::move(person).value(), std::move(unit)};
}

Result<storage::MentorRow> AftercareService::AssignmentFor(const Actor& actor, RowId assignment_id,
                                                           Permission permission) {
  Result<storage::MentorRow> row = store_->Aftercare().GetMentor(assignment_id);
  if (!row.ok()) {
    if (row.status().code() == ErrorCode::kNotFound) {
      return Status::NotFound("mentor.not_found", kMentorNotFound);
    }
    return row.status();
  }
  if (row->mentor_account_id != 0 && row->mentor_account_id == actor.account_id) return row;
  if (ActsAsMentorOnly(actor, permission)) {
    return Status::NotFound("mentor.not_found", kMentorNotFound);
  }
  Result<Subject> subject = SubjectInJurisdiction(actor, row->person_id, "");
  if (!subject.ok()) return Status::NotFound("mentor.not_found", kMentorNotFound);
  return row;
}

Result<std::vector<domain::AftercareMeasure>> AftercareService::MeasuresOf(
    const storage::PersonHistory& history, std::span<const storage::FaultToleranceRow> decisions) {
  // 容错纠错: an exempted (免责) measure is treated like a revoked one — it restricts nothing and
  // there is nothing to follow up — so the schedule agrees with the status answers (the same
  // input as LoadEngineHistory: ToDomainHistory, then the person's decisions applied).
  KANGFU_ASSIGN_OR_RETURN(DomainHistory engine_history,
                          ToDomainHistory(history, engine_.catalogue()));
  ApplyExemptions(decisions, engine_history);
  const std::vector<domain::Measure>& measures = engine_history.measures;
  std::vector<domain::Restriction> restrictions;
  engine_.ComputeRestrictions(measures, &restrictions);
  std::vector<domain::AftercareMeasure> out;
  for (std::size_t i = 0; i < measures.size(); ++i) {
    const storage::Measure& row = *engine_history.measure_rows[i];
    if (row.revoked || measures[i].exempted) continue;  // 撤销 / 免责: nothing to follow up
    const domain::MeasureKind& kind = engine_.catalogue().kind(measures[i].kind);
    auto c = std::find_if(history.cases.begin(), history.cases.end(),
                          [&](const storage::Case& x) { return x.id == row.case_id; });
    domain::AftercareMeasure a;
    a.measure_id = Id(row.id);
    a.case_id = Id(row.case_id);
    a.kind_code = row.kind;
    a.form = kind.form;
    a.effective = row.effective;
    a.deciding_organ = c == history.cases.end() ? "" : Id(c->organ_id);
    a.is_probation = kind.effect == domain::Effect::kProbation;
    if (a.is_probation) {
      a.probation_term_end = engine_.ProbationTermEnd(measures[i]);
      a.probation_outcome = row.outcome.has_value();
    }
    // The first day free of every restriction of this measure; none when one has no end.
    bool open_ended = false;
    std::optional<domain::Date> end;
    for (const domain::Restriction& r : restrictions) {
      if (r.measure != i) continue;
      if (!r.until) {
        open_ended = true;
      } else if (!end || *end < *r.until) {
        end = r.until;
      }
    }
    if (!open_ended) a.influence_end = end;
    out.push_back(std::move(a));
  }
  return out;
}

Result<domain::SubjectAftercare> AftercareService::LoadSubject(RowId person_id) {
  return LoadSubject(person_id, nullptr);
}

Result<domain::SubjectAftercare> AftercareService::LoadSubject(RowId person_id,
                                                               RowId* latest_case_unit) {
  storage::AftercareStore& store = store_->Aftercare();
  KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(person_id));
  KANGFU_ASSIGN_OR_RETURN(storage::PersonHistory history, store_->LoadHistory(person.id_number));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::FaultToleranceRow> decisions,
                          store_->Oversight().FaultToleranceOfPerson(person_id));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::VisitPlanRow> plans,
                          store.ListVisitPlans(person_id));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::VisitRow> visits, store.ListVisits(person_id));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ExecutionItemRow> items,
                          store.ListExecutionItems(person_id));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MentorRow> mentors,
                          store.ListMentorsOfPerson(person_id));
  std::vector<std::vector<storage::TalkRow>> talks;
  std::vector<std::vector<storage::MentorReportRow>> reports;
  SubjectRows rows{.history = &history,
                   .decisions = decisions,
                   .plans = plans,
                   .visits = visits,
                   .items = items};
  for (const storage::MentorRow& m : mentors) {
    KANGFU_ASSIGN_OR_RETURN(talks.emplace_back(), store.ListTalks(m.id));
    KANGFU_ASSIGN_OR_RETURN(reports.emplace_back(), store.ListReports(m.id));
  }
  for (std::size_t i = 0; i < mentors.size(); ++i) {
    rows.mentors.push_back({.mentor = &mentors[i], .talks = talks[i], .reports = reports[i]});
  }
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::EscalationRow> escalations,
                          store.ListEscalations(person_id));
  rows.escalations = escalations;
  return AssembleSubject(rows, latest_case_unit);
}

Result<domain::SubjectAftercare> AftercareService::AssembleSubject(const SubjectRows& rows,
                                                                   RowId* latest_case_unit) {
  const storage::PersonHistory& history = *rows.history;
  const storage::Person& person = history.person;
  if (latest_case_unit != nullptr) {
    *latest_case_unit = person.unit_id;
    const storage::Case* latest = nullptr;
    for (const storage::Case& c : history.cases) {
      if (latest == nullptr ||
          std::tie(c.decision_date, c.id) > std::tie(latest->decision_date, latest->id)) {
        latest = &c;
      }
    }
    if (latest != nullptr) *latest_case_unit = latest->unit_id;
  }
  domain::SubjectAftercare s;
  s.subject_id = Id(person.id);
  s.executing_unit = Id(person.unit_id);
  KANGFU_ASSIGN_OR_RETURN(s.measures, MeasuresOf(history, rows.decisions));
  std::vector<const storage::PlanEditRow*> edits;
  for (const storage::VisitPlanRow& plan : rows.plans) {
    for (const storage::PlanEditRow& e : plan.edits) edits.push_back(&e);
    if (plan.imported_on) {
      s.imported_plans.push_back({.organ = Id(plan.organ_id), .imported_on = *plan.imported_on});
    }
  }
  std::sort(edits.begin(), edits.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  for (const storage::PlanEditRow* e : edits) s.plan_edits.push_back(ToDomainEdit(*e));
  for (const storage::VisitRow& v : rows.visits) s.visits.push_back(ToDomainVisit(v));
  for (const storage::ExecutionItemRow& item : rows.items) {
    if (item.done_on) {
      s.execution_done.push_back(
          {Id(item.case_id) + ":" + item.code, *item.done_on, item.confirmed_by});
    }
  }
  for (const MentorRows& m : rows.mentors) {
    domain::MentoringRecord record;
    record.assignment = ToDomainAssignment(*m.mentor);
    for (const storage::TalkRow& t : m.talks) record.talks.push_back(t.date);
    for (const storage::MentorReportRow& r : m.reports) {
      record.reports.push_back({r.year, r.half, r.submitted});
    }
    s.mentoring.push_back(std::move(record));
  }
  for (const storage::EscalationRow& e : rows.escalations) {
    s.escalations.push_back(ToDomainEscalation(e));
  }
  return s;
}

namespace {

// The rows of `rows` (ordered by key) grouped by key: each key's rows are contiguous.
template <typename T, typename Key>
std::unordered_map<RowId, std::span<const T>> GroupBy(const std::vector<T>& rows, Key key) {
  std::unordered_map<RowId, std::span<const T>> out;
  std::size_t begin = 0;
  while (begin < rows.size()) {
    std::size_t end = begin + 1;
    while (end < rows.size() && key(rows[end]) == key(rows[begin])) ++end;
    out.emplace(key(rows[begin]), std::span<const T>(rows).subspan(begin, end - begin));
    begin = end;
  }
  return out;
}

template <typename T>
std::span<const T> RowsOf(const std::unordered_map<RowId, std::span<const T>>& groups, RowId id) {
  auto found = groups.find(id);
  return found == groups.end() ? std::span<const T>() : found->second;
}

}  // namespace

Status AftercareService::LoadChunk(std::span<const RowId> person_ids,
                                   std::unordered_map<RowId, LoadedSubject>& out) {
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::PersonHistory> histories,
                          store_->LoadHistories(person_ids));
  std::unordered_map<RowId, const storage::PersonHistory*> history_of;
  for (const storage::PersonHistory& h : histories) history_of.emplace(h.person.id, &h);
  for (RowId id : person_ids) {
    if (history_of.contains(id)) continue;
    // The first unknown person: the same error as LoadSubject's.
    KANGFU_RETURN_IF_ERROR(store_->GetPerson(id).status());
    return Status::Internal("a person read by LoadHistories vanished");
  }
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::FaultToleranceRow> decisions,
                          store_->Oversight().FaultToleranceOfPersons(person_ids));
  KANGFU_ASSIGN_OR_RETURN(storage::AftercareFactRows facts,
                          store_->Aftercare().FactsOfPersons(person_ids));
  const auto by_person = [](const auto& row) { return row.person_id; };
  const auto by_assignment = [](const auto& row) { return row.assignment_id; };
  const auto decisions_of = GroupBy(decisions, by_person);
  const auto plans_of = GroupBy(facts.plans, by_person);
  const auto visits_of = GroupBy(facts.visits, by_person);
  const auto items_of = GroupBy(facts.items, by_person);
  const auto mentors_of = GroupBy(facts.mentors, by_person);
  const auto talks_of = GroupBy(facts.talks, by_assignment);
  const auto reports_of = GroupBy(facts.reports, by_assignment);
  const auto escalations_of = GroupBy(facts.escalations, by_person);
  for (RowId id : person_ids) {
    if (out.contains(id)) continue;
    SubjectRows rows{.history = history_of.at(id),
                     .decisions = RowsOf(decisions_of, id),
                     .plans = RowsOf(plans_of, id),
                     .visits = RowsOf(visits_of, id),
                     .items = RowsOf(items_of, id),
                     .escalations = RowsOf(escalations_of, id)};
    for (const storage::MentorRow& m : RowsOf(mentors_of, id)) {
      rows.mentors.push_back(
          {.mentor = &m, .talks = RowsOf(talks_of, m.id), .reports = RowsOf(reports_of, m.id)});
    }
    LoadedSubject loaded;
    KANGFU_ASSIGN_OR_RETURN(loaded.subject, AssembleSubject(rows, &loaded.latest_case_unit));
    out.emplace(id, std::move(loaded));
  }
  return Status::Ok();
}

Result<std::vector<domain::SubjectAftercare>> AftercareService::LoadSubjects(
    std::span<const RowId> person_ids) {
  std::vector<domain::SubjectAftercare> out;
  out.reserve(person_ids.size());
  std::unordered_map<RowId, LoadedSubject> loaded;
  for (std::size_t begin = 0; begin < person_ids.size(); begin += kSubjectChunk) {
    const std::span<const RowId> chunk =
        person_ids.subspan(begin, std::min(kSubjectChunk, person_ids.size() - begin));
    loaded.clear();
    KANGFU_RETURN_IF_ERROR(LoadChunk(chunk, loaded));
    for (RowId id : chunk) out.push_back(loaded.at(id).subject);
  }
  return out;
}

// --- execution ---

Result<std::vector<storage::ExecutionItemRow>> AftercareService::ChecklistOf(
    const RecordedCase& recorded, const storage::Person& person,
    std::span<const storage::FaultToleranceRow> decisions) {
  storage::PersonHistory history;
  history.person = person;
  history.cases = {recorded.record};
  history.measures = recorded.measures;
  KANGFU_ASSIGN_OR_RETURN(std::vector<domain::AftercareMeasure> measures,
                          MeasuresOf(history, decisions));
  std::vector<storage::ExecutionItemRow> rows;
  for (const domain::ExecutionItem& item :
       domain::PlanExecutionItems(measures, policy_->execution, Id(person.unit_id))) {
    storage::ExecutionItemRow row;
    row.case_id = recorded.record.id;
    row.person_id = person.id;
    row.code = item.code;
    row.title = item.title;
    row.basis = item.basis;
    row.due = item.due;
    row.responsible_org = ParseId(item.responsible);
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::pair<std::vector<std::string>, bool>> AftercareService::InitCase(
    const RecordedCase& recorded, domain::Date today) {
  KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(recorded.record.person_id));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::FaultToleranceRow> decisions,
                          store_->Oversight().FaultToleranceOfPerson(person.id));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ExecutionItemRow> rows,
                          ChecklistOf(recorded, person, decisions));
  std::vector<std::string> created;
  for (const storage::ExecutionItemRow& row : rows) {
    KANGFU_ASSIGN_OR_RETURN(storage::ExecutionItemRow stored,
                            store_->Aftercare().AddExecutionItem(row));
    created.push_back(stored.code);
  }
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::VisitPlanRow> plans,
                          store_->Aftercare().ListVisitPlans(person.id));
  const bool has_plan = std::any_of(plans.begin(), plans.end(), [&](const auto& p) {
    return p.organ_id == recorded.record.organ_id;
  });
  if (!has_plan) {
    KANGFU_RETURN_IF_ERROR(
        store_->Aftercare()
            .AddVisitPlan(
                {.person_id = person.id, .organ_id = recorded.record.organ_id, .created_on = today})
            .status());
  }
  return std::make_pair(std::move(created), !has_plan);
}

Status AftercareService::OnCaseRecorded(const Actor& actor, const RecordedCase& recorded,
                                        domain::Date today) {
  return store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(auto init, InitCase(recorded, today));
    KANGFU_RETURN_IF_ERROR(Replan(recorded.record.person_id, today));
    return Audit(actor, "aftercare.init", "case", recorded.record.id, "",
                 Json{{"execution_items", init.first}, {"visit_plan_created", init.second}}.dump());
  });
}

Status AftercareService::OnCasesRecorded(const Actor& actor, std::span<const RecordedCase> cases,
                                         std::span<const RowId> changed_persons,
                                         domain::Date today) {
  if (cases.empty() && changed_persons.empty()) return Status::Ok();
  return store_->InTransaction([&]() -> Status {
    std::vector<RowId> persons(changed_persons.begin(), changed_persons.end());
    int64_t items = 0;
    int64_t lapsed = 0;
    int64_t plans = 0;
    // The checklists and plans written in bulk, a chunk of cases at a time (InitCase's rows).
    // A ledger brings in cases decided before Kangfu knew of them: an item whose deadline had
    // already passed on the day of the import is not tracked (its execution belongs to the paper
    // ledger; tracking it would only raise an overdue alert nobody can answer), items still due
    // are. A case recorded by hand (OnCaseRecorded) always gets its whole checklist. The plan it
    // creates records the import day, so that the reminders leave out the same items and the
    // visits due before it (domain::ImportedPlan); a person who already had a plan with the organ
    // keeps it as it was (everything tracked).
    constexpr std::size_t kChunk = 2000;
    std::vector<storage::ExecutionItemRow> item_rows;
    std::vector<storage::VisitPlanRow> plan_rows;
    std::vector<RowId> chunk_persons;
    for (std::size_t begin = 0; begin < cases.size(); begin += kChunk) {
      const std::size_t end = std::min(cases.size(), begin + kChunk);
      item_rows.clear();
      plan_rows.clear();
      // The persons of the chunk and their 容错纠错 decisions, each one set query.
      chunk_persons.clear();
      for (std::size_t i = begin; i < end; ++i) chunk_persons.push_back(cases[i].record.person_id);
      std::sort(chunk_persons.begin(), chunk_persons.end());
      chunk_persons.erase(std::unique(chunk_persons.begin(), chunk_persons.end()),
                          chunk_persons.end());
      KANGFU_ASSIGN_OR_RETURN(std::vector<storage::PersonHistory> histories,
                              store_->LoadHistories(chunk_persons));
      std::unordered_map<RowId, const storage::Person*> person_of;
      for (const storage::PersonHistory& h : histories) person_of.emplace(h.person.id, &h.person);
      KANGFU_ASSIGN_OR_RETURN(std::vector<storage::FaultToleranceRow> decisions,
                              store_->Oversight().FaultToleranceOfPersons(chunk_persons));
      const auto decisions_of =
          GroupBy(decisions, [](const storage::FaultToleranceRow& d) { return d.person_id; });
      for (std::size_t i = begin; i < end; ++i) {
        const RecordedCase& recorded = cases[i];
        auto found = person_of.find(recorded.record.person_id);
        if (found == person_of.end()) {
          KANGFU_RETURN_IF_ERROR(store_->GetPerson(recorded.record.person_id).status());
          return Status::Internal("a person read by LoadHistories vanished");
        }
        const storage::Person& person = *found->second;
        KANGFU_ASSIGN_OR_RETURN(
            std::vector<storage::ExecutionItemRow> rows,
            ChecklistOf(recorded, person, RowsOf(decisions_of, recorded.record.person_id)));
        for (storage::ExecutionItemRow& row : rows) {
          if (row.due < today) {
            ++lapsed;
          } else {
            item_rows.push_back(std::move(row));
          }
        }
        plan_rows.push_back({.person_id = person.id,
                             .organ_id = recorded.record.organ_id,
                             .created_on = today,
                             .imported_on = today});
        persons.push_back(recorded.record.person_id);
      }
      KANGFU_ASSIGN_OR_RETURN(int64_t added,
                              store_->Aftercare().AddChecklists(item_rows, plan_rows));
      items += static_cast<int64_t>(item_rows.size());
      plans += added;
    }
    std::sort(persons.begin(), persons.end());
    persons.erase(std::unique(persons.begin(), persons.end()), persons.end());
    KANGFU_RETURN_IF_ERROR(ReplanMany(persons, today));
    return Audit(actor, "aftercare.init", "cases", 0, "",
                 Json{{"cases", cases.size()},
                      {"execution_items", items},
                      {"execution_items_lapsed", lapsed},
                      {"visit_plans_created", plans},
                      {"persons_replanned", persons.size()}}
                     .dump());
  });
}

Result<std::vector<storage::ExecutionItemRow>> AftercareService::ListExecution(const Actor& actor,
                                                                               RowId case_id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadAftercare));
  std::vector<storage::ExecutionItemRow> out;
  Status status = store_->InTransaction([&]() -> Status {
    Result<storage::Case> c = store_->GetCase(case_id);
    if (!c.ok()) return Status::NotFound("case.not_found", kCaseNotFound);
    KANGFU_ASSIGN_OR_RETURN(storage::Organisation unit, store_->GetOrganisation(c->unit_id));
    if (!actor.InJurisdiction(unit.path)) {
      return Status::NotFound("case.not_found", kCaseNotFound);
    }
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ExecutionItemRow> all,
                            store_->Aftercare().ListExecutionItems(c->person_id));
    for (storage::ExecutionItemRow& item : all) {
      if (item.case_id == case_id) out.push_back(std::move(item));
    }
    return Audit(actor, "execution.read", "case", case_id, "", "");
  });
  if (!status.ok()) return status;
  return out;
}

Result<storage::ExecutionItemRow> AftercareService::ConfirmExecution(const Actor& actor,
                                                                     RowId item_id, int64_t version,
                                                                     domain::Date done_on,
                                                                     const std::string& note,
                                                                     domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kConfirmExecution));
  storage::ExecutionItemRow result;
  Status status = store_->InTransaction([&]() -> Status {
    Result<storage::ExecutionItemRow> item = store_->Aftercare().GetExecutionItem(item_id);
    if (!item.ok()) {
      if (item.status().code() == ErrorCode::kNotFound) {
        return Status::NotFound("execution.not_found", kExecutionNotFound);
      }
      return item.status();
    }
    Result<Subject> subject = SubjectInJurisdiction(actor, item->person_id, "");
    if (!subject.ok()) return Status::NotFound("execution.not_found", kExecutionNotFound);
    if (item->version != version) return Stale();
    if (item->done_on) {
      return Status::Error(ErrorCode::kFailedPrecondition, "execution.already_done",
                           "该执行事项已于" + item->done_on->ToString() + "确认完成，无需再次确认");
    }
    if (done_on > today) {
      return Status::Invalid("done_on", "execution.done_in_future",
                             "完成日期不能晚于今天，请填写实际完成的日期");
    }
    KANGFU_ASSIGN_OR_RETURN(storage::Case c, store_->GetCase(item->case_id));
    if (done_on < c.decision_date) {
      return Status::Invalid("done_on", "execution.done_before_decision",
                             "完成日期不能早于处理决定日期（" + c.decision_date.ToString() + "）");
    }
    storage::ExecutionItemRow updated = *item;
    updated.done_on = done_on;
    updated.confirmed_by = actor.username;
    updated.note = note;
    KANGFU_ASSIGN_OR_RETURN(result, store_->Aftercare().UpdateExecutionItem(updated));
    KANGFU_RETURN_IF_ERROR(Replan(result.person_id, today));
    return Audit(actor, "execution.confirm", "execution_item", result.id, Snapshot(*item),
                 Snapshot(result));
  });
  if (!status.ok()) return status;
  return result;
}

// --- visit plans ---

Result<VisitPlanView> AftercareService::BuildPlan(RowId person_id) {
  KANGFU_ASSIGN_OR_RETURN(domain::SubjectAftercare s, LoadSubject(person_id));
  VisitPlanView view;
  KANGFU_ASSIGN_OR_RETURN(view.rows, store_->Aftercare().ListVisitPlans(person_id));
  view.plan = domain::PlanVisits(s.measures, policy_->visit, s.imported_plans);
  if (!s.plan_edits.empty()) {
    KANGFU_ASSIGN_OR_RETURN(view.plan, domain::ApplyPlanEdits(view.plan, s.plan_edits));
  }
  view.fulfilled = domain::MatchVisits(view.plan, s.visits);
  return view;
}

Result<VisitPlanView> AftercareService::GetVisitPlan(const Actor& actor, RowId person_id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadAftercare));
  if (ActsAsMentorOnly(actor, Permission::kReadAftercare)) {
    return Status::NotFound("person.not_found", kPersonNotFound);
  }
  VisitPlanView view;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_RETURN_IF_ERROR(SubjectInJurisdiction(actor, person_id, "").status());
    KANGFU_ASSIGN_OR_RETURN(view, BuildPlan(person_id));
    return Audit(actor, "visit_plan.read", "person", person_id, "", "");
  });
  if (!status.ok()) return status;
  return view;
}

Result<VisitPlanView> AftercareService::EditVisitPlan(const Actor& actor, RowId plan_id,
                                                      int64_t version, domain::PlanEdit edit,
                                                      domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kPlanVisits));
  VisitPlanView view;
  Status status = store_->InTransaction([&]() -> Status {
    Result<storage::VisitPlanRow> plan = store_->Aftercare().GetVisitPlan(plan_id);
    if (!plan.ok()) {
      if (plan.status().code() == ErrorCode::kNotFound) {
        return Status::NotFound("visit_plan.not_found", kPlanNotFound);
      }
      return plan.status();
    }
    KANGFU_ASSIGN_OR_RETURN(storage::Organisation organ, store_->GetOrganisation(plan->organ_id));
    if (!actor.InJurisdiction(organ.path)) {
      return Status::NotFound("visit_plan.not_found", kPlanNotFound);
    }
    if (plan->version != version) return Stale();
    KANGFU_ASSIGN_OR_RETURN(VisitPlanView current, BuildPlan(plan->person_id));
    // An added visit belongs to this plan's organ unless the edit names another.
    if (edit.kind == domain::PlanEditKind::kAdd && edit.responsible.empty()) {
      edit.responsible = Id(plan->organ_id);
    }
    std::vector<domain::PlanEdit> one = {edit};
    Result<domain::VisitPlan> applied = domain::ApplyPlanEdits(current.plan, one);
    if (!applied.ok()) return OneEditError(applied.status());
    storage::PlanEditRow row;
    row.kind = std::string(EditKindCode(edit.kind));
    row.visit_key = edit.visit_key;
    row.title = edit.title;
    row.from = edit.from;
    row.due = edit.due;
    row.responsible_org = edit.responsible.empty() ? 0 : ParseId(edit.responsible);
    row.reason = edit.reason;
    row.edited_by = actor.username;
    row.edited_on = today;
    if (row.responsible_org != 0) {
      Result<storage::Organisation> target = store_->GetOrganisation(row.responsible_org);
      if (!target.ok() || !actor.InJurisdiction(target->path)) {
        return Status::NotFound("organisation.not_found",
                                "所指定的回访责任机关不存在或不在管辖范围内", "responsible");
      }
    }
    KANGFU_RETURN_IF_ERROR(store_->Aftercare().AddPlanEdit(plan_id, version, row).status());
    KANGFU_ASSIGN_OR_RETURN(view, BuildPlan(plan->person_id));
    KANGFU_RETURN_IF_ERROR(Replan(plan->person_id, today));
    return Audit(actor, "visit_plan.edit", "visit_plan", plan_id, "", Snapshot(row));
  });
  if (!status.ok()) return status;
  return view;
}

// --- visits ---

Result<storage::VisitRow> AftercareService::RecordVisit(const Actor& actor, const VisitInput& input,
                                                        domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteVisits));
  for (std::size_t i = 0; i < input.talked_with.size(); ++i) {
    if (!IntervieweeFromCode(input.talked_with[i])) {
      return Status::Invalid("talked_with[" + std::to_string(i) + "]", "visit.code_invalid",
                             "谈话对象只能是本人（subject）、单位主要负责人（unit_head）或其他人员"
                             "（other）");
    }
  }
  for (std::size_t i = 0; i < input.checked.size(); ++i) {
    if (!Known(input.checked[i], {"execution", "attitude", "work", "thinking", "life"})) {
      return Status::Invalid("checked[" + std::to_string(i) + "]", "visit.code_invalid",
                             "了解事项只能是处分决定执行情况、对错误的认识、工作、思想或生活情况");
    }
  }
  if (!input.grade.empty() && !domain::VisitGradeFromCode(input.grade)) {
    return Status::Invalid("grade", "visit.grade_invalid", "回访评价只能是好、一般或较差");
  }
  storage::VisitRow result;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(Subject subject,
                            SubjectInJurisdiction(actor, input.person_id, "person_id"));
    KANGFU_ASSIGN_OR_RETURN(storage::PersonHistory history,
                            store_->LoadHistory(subject.person.id_number));
    std::optional<domain::Date> first_effective;
    for (const storage::Measure& m : history.measures) {
      if (!m.revoked && (!first_effective || m.effective < *first_effective)) {
        first_effective = m.effective;
      }
    }
    if (!first_effective || history.cases.empty()) {
      return Status::Invalid("person_id", "visit.no_decision",
                             "该人员没有生效的处分处理决定，无需回访");
    }
    for (std::size_t i = 0; i < input.visitors.size(); ++i) {
      Result<storage::Person> visitor = store_->GetPerson(input.visitors[i]);
      if (!visitor.ok()) {
        return Status::Invalid("visitors[" + std::to_string(i) + "]", "visit.visitor_unknown",
                               "回访人员不在人员名录中，请重新选择");
      }
    }
    storage::VisitRow row;
    row.person_id = input.person_id;
    row.organ_id = input.organ_id != 0 ? input.organ_id : history.cases.back().organ_id;
    row.plan_key = input.plan_key;
    row.date = input.date;
    row.visitors = input.visitors;
    row.talked_with = input.talked_with;
    row.others_talked = input.others_talked;
    row.checked = input.checked;
    row.findings = input.findings;
    row.grade = input.grade;
    row.follow_up = input.follow_up;
    row.feedback = input.feedback;
    if (!input.feedback.empty()) row.feedback_on = input.date;
    row.recorded_by = actor.username;
    domain::VisitRecord record = ToDomainVisit(row);
    KANGFU_RETURN_IF_ERROR(
        domain::ValidateVisitRecord(record, {.decision_effective = *first_effective,
                                             .today = today,
                                             .min_visitors = policy_->visit.min_visitors}));
    if (!input.plan_key.empty()) {
      KANGFU_ASSIGN_OR_RETURN(VisitPlanView plan, BuildPlan(input.person_id));
      const bool known =
          std::any_of(plan.plan.visits.begin(), plan.plan.visits.end(),
                      [&](const domain::PlannedVisit& v) { return v.key == input.plan_key; });
      if (!known) {
        return Status::Invalid("plan_key", "visit.plan_key_unknown",
                               "回访方案中没有该次回访，请从方案中选择");
      }
    }
    KANGFU_ASSIGN_OR_RETURN(storage::Organisation organ, store_->GetOrganisation(row.organ_id));
    (void)organ;
    if (input.open_clue) {
      storage::Hold hold;
      hold.person_id = input.person_id;
      hold.kind = storage::HoldKind::kClueVerification;
      hold.from = input.date;
      KANGFU_ASSIGN_OR_RETURN(storage::Hold opened, store_->AddHold(hold));
      row.clue_hold_id = opened.id;
      KANGFU_RETURN_IF_ERROR(
          Audit(actor, "hold.open", "hold", opened.id, "", HoldSnapshot(opened)));
      // The clue itself, in the clue registry (问题线索, app/oversight_service.hpp): found on a
      // visit, under 初步核实 from the visit date, holding the person through that hold.
      storage::ClueRow clue;
      clue.person_id = input.person_id;
      clue.organ_id = row.organ_id;
      clue.source = "visit";
      clue.summary = input.findings.empty() ? "回访中发现新的违纪违法问题线索" : input.findings;
      clue.received = input.date;
      clue.handling = "verification";
      clue.handling_date = input.date;
      clue.state = "in_progress";
      clue.hold_id = opened.id;
      clue.registered_by = actor.username;
      KANGFU_ASSIGN_OR_RETURN(storage::ClueRow registered, store_->Oversight().AddClue(clue));
      KANGFU_RETURN_IF_ERROR(
          Audit(actor, "clue.create", "clue", registered.id, "",
                "{\"source\":\"visit\",\"hold_id\":" + std::to_string(opened.id) + "}"));
    }
    KANGFU_ASSIGN_OR_RETURN(result, store_->Aftercare().AddVisit(row));
    KANGFU_RETURN_IF_ERROR(Replan(result.person_id, today));
    return Audit(actor, "visit.create", "visit", result.id, "", Snapshot(result));
  });
  if (!status.ok()) return status;
  return result;
}

Result<std::vector<storage::VisitRow>> AftercareService::ListVisits(const Actor& actor,
                                                                    RowId person_id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadAftercare));
  if (ActsAsMentorOnly(actor, Permission::kReadAftercare)) {
    return Status::NotFound("person.not_found", kPersonNotFound);
  }
  std::vector<storage::VisitRow> out;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_RETURN_IF_ERROR(SubjectInJurisdiction(actor, person_id, "").status());
    KANGFU_ASSIGN_OR_RETURN(out, store_->Aftercare().ListVisits(person_id));
    return Audit(actor, "visit.read", "person", person_id, "", "");
  });
  if (!status.ok()) return status;
  return out;
}

// --- mentoring ---

Result<storage::MentorRow> AftercareService::AssignMentor(const Actor& actor,
                                                          const MentorInput& input) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kAssignMentors));
  storage::MentorRow result;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(Subject subject,
                            SubjectInJurisdiction(actor, input.person_id, "person_id"));
    domain::MentorFacts facts;
    if (input.mentor_id != 0 && input.mentor_id != input.person_id) {
      Result<storage::Person> mentor = store_->GetPerson(input.mentor_id);
      if (!mentor.ok()) {
        return Status::NotFound("person.not_found", "未找到所选的帮带责任人，请重新选择",
                                "mentor_id");
      }
      facts.leads_subject_unit = mentor->leading_cadre && mentor->unit_id == subject.unit.id;
      facts.leads_parent_unit = mentor->leading_cadre && subject.unit.parent_id != 0 &&
                                mentor->unit_id == subject.unit.parent_id;
      KANGFU_ASSIGN_OR_RETURN(storage::PersonHistory history,
                              store_->LoadHistory(mentor->id_number));
      // 容错纠错: a measure exempted (免责) does not put the mentor under an influence period.
      KANGFU_ASSIGN_OR_RETURN(DomainHistory domain_history,
                              LoadEngineHistory(*store_, history, engine_.catalogue()));
      std::vector<domain::Restriction> restrictions;
      engine_.ComputeRestrictions(domain_history.measures, &restrictions);
      facts.under_influence_period =
          std::any_of(restrictions.begin(), restrictions.end(),
                      [&](const domain::Restriction& r) { return r.Covers(input.start); });
      facts.on_hold = std::any_of(domain_history.holds.begin(), domain_history.holds.end(),
                                  [&](const domain::Hold& h) {
                                    return h.from <= input.start && (!h.to || input.start <= *h.to);
                                  }) ||
                      std::any_of(domain_history.measures.begin(), domain_history.measures.end(),
                                  [&](const domain::Measure& m) {
                                    return engine_.SuspensionInForce(m, input.start);
                                  });
    }
    domain::MentorAssignment assignment{
        .id = "",
        .subject_id = Id(input.person_id),
        .mentor_id = input.mentor_id == 0 ? "" : Id(input.mentor_id),
        .assigned_by = Id(subject.unit.id),
        .start = input.start,
        .end = input.end};
    KANGFU_RETURN_IF_ERROR(domain::ValidateMentorAssignment(assignment, facts));
    if (input.mentor_account_id != 0) {
      Result<storage::Account> account = store_->GetAccount(input.mentor_account_id);
      const bool is_mentor =
          account.ok() && std::find(account->roles.begin(), account->roles.end(),
                                    RoleCode(Role::kMentor)) != account->roles.end();
      if (!is_mentor) {
        return Status::Invalid(
            "mentor_account_id", "mentor.account_not_mentor",
            "所选账号不存在或不具有“教育帮带责任人”角色，请先由安全保密管理员授予");
      }
    }
    storage::MentorRow row{.person_id = input.person_id,
                           .mentor_id = input.mentor_id,
                           .mentor_account_id = input.mentor_account_id,
                           .assigned_by = subject.unit.id,
                           .start = input.start,
                           .end = input.end};
    KANGFU_ASSIGN_OR_RETURN(result, store_->Aftercare().AddMentor(row));
    KANGFU_RETURN_IF_ERROR(Replan(result.person_id, input.start));
    return Audit(actor, "mentor.assign", "mentor", result.id, "", Snapshot(result));
  });
  if (!status.ok()) return status;
  return result;
}

Result<std::vector<MentoringView>> AftercareService::GetMentoring(const Actor& actor,
                                                                  RowId person_id,
                                                                  domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadAftercare));
  std::vector<MentoringView> out;
  Status status = store_->InTransaction([&]() -> Status {
    const bool mentor_only = ActsAsMentorOnly(actor, Permission::kReadAftercare);
    if (!mentor_only) {
      KANGFU_RETURN_IF_ERROR(SubjectInJurisdiction(actor, person_id, "").status());
    }
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MentorRow> rows,
                            store_->Aftercare().ListMentorsOfPerson(person_id));
    for (const storage::MentorRow& row : rows) {
      if (mentor_only && row.mentor_account_id != actor.account_id) continue;
      MentoringView view;
      view.assignment = row;
      KANGFU_ASSIGN_OR_RETURN(view.talks, store_->Aftercare().ListTalks(row.id));
      KANGFU_ASSIGN_OR_RETURN(view.reports, store_->Aftercare().ListReports(row.id));
      std::vector<domain::Date> talks;
      talks.reserve(view.talks.size());
      for (const storage::TalkRow& t : view.talks) talks.push_back(t.date);
      std::vector<domain::MentorReport> reports;
      reports.reserve(view.reports.size());
      for (const storage::MentorReportRow& r : view.reports) {
        reports.push_back({r.year, r.half, r.submitted});
      }
      view.compliance = domain::ComputeMentoringCompliance(ToDomainAssignment(row), talks, reports,
                                                           policy_->mentoring, today);
      out.push_back(std::move(view));
    }
    if (mentor_only && out.empty()) return Status::NotFound("person.not_found", kPersonNotFound);
    return Audit(actor, "mentor.read", "person", person_id, "", "");
  });
  if (!status.ok()) return status;
  return out;
}

Result<storage::TalkRow> AftercareService::RecordTalk(const Actor& actor, RowId assignment_id,
                                                      domain::Date date, const std::string& summary,
                                                      domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteMentoring));
  storage::TalkRow result;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(storage::MentorRow assignment,
                            AssignmentFor(actor, assignment_id, Permission::kWriteMentoring));
    if (date < assignment.start || date > today || (assignment.end && date > *assignment.end)) {
      return Status::Invalid(
          "date", "talk.date_outside",
          "谈心谈话日期须在帮带期间内（自" + assignment.start.ToString() + "起），且不能晚于今天");
    }
    KANGFU_ASSIGN_OR_RETURN(result, store_->Aftercare().AddTalk({.assignment_id = assignment_id,
                                                                 .date = date,
                                                                 .summary = summary,
                                                                 .recorded_by = actor.username}));
    KANGFU_RETURN_IF_ERROR(Replan(assignment.person_id, today));
    return Audit(actor, "mentor.talk", "mentor", assignment_id, "",
                 Json{{"talk_id", result.id}, {"date", date.ToString()}}.dump());
  });
  if (!status.ok()) return status;
  return result;
}

Result<storage::MentorReportRow> AftercareService::RecordReport(const Actor& actor,
                                                                RowId assignment_id, int year,
                                                                int half,
                                                                const std::string& summary,
                                                                domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteMentoring));
  if (half != 1 && half != 2) {
    return Status::Invalid("half", "report.half_invalid", "半年度只能是1（上半年）或2（下半年）");
  }
  storage::MentorReportRow result;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(storage::MentorRow assignment,
                            AssignmentFor(actor, assignment_id, Permission::kWriteMentoring));
    Result<domain::Date> first = domain::Date::FromCivil(year, half == 1 ? 1 : 7, 1);
    Result<domain::Date> last =
        domain::Date::FromCivil(year, half == 1 ? 6 : 12, half == 1 ? 30 : 31);
    if (!first.ok() || !last.ok() || *first > today || *last < assignment.start ||
        (assignment.end && *first > *assignment.end)) {
      return Status::Invalid("year", "report.period_outside",
                             "只能报告帮带期间内已经开始的半年度（" +
                                 domain::HalfYearLabel(year, half) + "不在其中）");
    }
    KANGFU_ASSIGN_OR_RETURN(result, store_->Aftercare().AddReport({.assignment_id = assignment_id,
                                                                   .year = year,
                                                                   .half = half,
                                                                   .submitted = today,
                                                                   .summary = summary,
                                                                   .recorded_by = actor.username}));
    KANGFU_RETURN_IF_ERROR(Replan(assignment.person_id, today));
    return Audit(actor, "mentor.report", "mentor", assignment_id, "",
                 Json{{"report_id", result.id}, {"year", year}, {"half", half}}.dump());
  });
  if (!status.ok()) return status;
  return result;
}

// --- escalations ---

Result<storage::EscalationRow> AftercareService::OpenEscalation(const Actor& actor,
                                                                const EscalationInput& input,
                                                                domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kOpenEscalations));
  std::optional<domain::WarningSignKind> kind = domain::WarningSignFromCode(input.kind);
  if (!kind) {
    return Status::Invalid("kind", "escalation.kind_invalid",
                           "苗头性问题的类别只能是思想消极、履职不力或新的违规违纪苗头");
  }
  if (input.opened_on > today) {
    return Status::Invalid("opened_on", "escalation.in_future", "发现日期不能晚于今天");
  }
  storage::EscalationRow result;
  Status status = store_->InTransaction([&]() -> Status {
    if (ActsAsMentorOnly(actor, Permission::kOpenEscalations)) {
      if (input.assignment_id == 0) {
        return Status::NotFound("mentor.not_found", kMentorNotFound, "assignment_id");
      }
      KANGFU_ASSIGN_OR_RETURN(
          storage::MentorRow assignment,
          AssignmentFor(actor, input.assignment_id, Permission::kOpenEscalations));
      if (assignment.person_id != input.person_id) {
        return Status::NotFound("mentor.not_found", kMentorNotFound, "assignment_id");
      }
    } else {
      KANGFU_RETURN_IF_ERROR(SubjectInJurisdiction(actor, input.person_id, "person_id").status());
    }
    KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(input.person_id));
    domain::Escalation e{.id = "",
                         .subject_id = Id(person.id),
                         .kind = *kind,
                         .opened_on = input.opened_on,
                         .responsible = Id(person.unit_id),
                         .resolved_on = std::nullopt,
                         .outcome = std::nullopt};
    KANGFU_ASSIGN_OR_RETURN(domain::Date due,
                            domain::EscalationDeadline(e, policy_->escalation, *calendar_));
    storage::EscalationRow row{.person_id = person.id,
                               .assignment_id = input.assignment_id,
                               .kind = input.kind,
                               .opened_on = input.opened_on,
                               .description = input.description,
                               .responsible_org = person.unit_id,
                               .due = due};
    KANGFU_ASSIGN_OR_RETURN(result, store_->Aftercare().AddEscalation(row));
    KANGFU_RETURN_IF_ERROR(Replan(result.person_id, today));
    return Audit(actor, "escalation.open", "escalation", result.id, "", Snapshot(result));
  });
  if (!status.ok()) return status;
  return result;
}

Result<storage::EscalationRow> AftercareService::ResolveEscalation(
    const Actor& actor, RowId id, int64_t version, domain::Date resolved_on,
    const std::string& outcome, const std::string& resolution, domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kResolveEscalations));
  if (outcome != "handled" && outcome != "referred") {
    return Status::Invalid("outcome", "escalation.outcome_invalid",
                           "处置结果只能是研究处理（handled）或向有权处理机关反映（referred）");
  }
  if (resolution.empty()) {
    return Status::Invalid("resolution", "escalation.resolution_required",
                           "请填写研究处理或反映的具体情况");
  }
  storage::EscalationRow result;
  Status status = store_->InTransaction([&]() -> Status {
    Result<storage::EscalationRow> row = store_->Aftercare().GetEscalation(id);
    if (!row.ok()) {
      if (row.status().code() == ErrorCode::kNotFound) {
        return Status::NotFound("escalation.not_found", kEscalationNotFound);
      }
      return row.status();
    }
    KANGFU_ASSIGN_OR_RETURN(storage::Organisation unit,
                            store_->GetOrganisation(row->responsible_org));
    if (!actor.InJurisdiction(unit.path)) {
      return Status::NotFound("escalation.not_found", kEscalationNotFound);
    }
    if (row->version != version) return Stale();
    if (row->resolved_on) {
      return Status::Error(ErrorCode::kFailedPrecondition, "escalation.already_resolved",
                           "该苗头性问题已于" + row->resolved_on->ToString() + "处置完毕");
    }
    if (resolved_on < row->opened_on || resolved_on > today) {
      return Status::Invalid(
          "resolved_on", "escalation.resolved_date",
          "处置日期须在发现日期（" + row->opened_on.ToString() + "）之后且不能晚于今天");
    }
    storage::EscalationRow updated = *row;
    updated.resolved_on = resolved_on;
    updated.outcome = outcome;
    updated.resolution = resolution;
    KANGFU_ASSIGN_OR_RETURN(result, store_->Aftercare().UpdateEscalation(updated));
    KANGFU_RETURN_IF_ERROR(Replan(result.person_id, today));
    return Audit(actor, "escalation.resolve", "escalation", id, Snapshot(*row), Snapshot(result));
  });
  if (!status.ok()) return status;
  return result;
}

Result<std::vector<storage::EscalationRow>> AftercareService::ListEscalations(const Actor& actor,
                                                                              RowId person_id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadAftercare));
  std::vector<storage::EscalationRow> out;
  Status status = store_->InTransaction([&]() -> Status {
    if (ActsAsMentorOnly(actor, Permission::kReadAftercare)) {
      KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MentorRow> mine,
                              store_->Aftercare().ListMentorsOfAccount(actor.account_id));
      const bool mentee = std::any_of(mine.begin(), mine.end(),
                                      [&](const auto& m) { return m.person_id == person_id; });
      if (!mentee) return Status::NotFound("person.not_found", kPersonNotFound);
    } else {
      KANGFU_RETURN_IF_ERROR(SubjectInJurisdiction(actor, person_id, "").status());
    }
    KANGFU_ASSIGN_OR_RETURN(out, store_->Aftercare().ListEscalations(person_id));
    return Audit(actor, "escalation.read", "person", person_id, "", "");
  });
  if (!status.ok()) return status;
  return out;
}

// --- settings ---

Result<storage::AftercareSetting> AftercareService::SaveSetting(
    const Actor& actor, const storage::AftercareSetting& setting) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kManageAftercareData));
  storage::AftercareSetting result;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(std::optional<storage::AftercareSetting> before,
                            store_->Aftercare().GetSetting(setting.name, setting.org_id));
    KANGFU_ASSIGN_OR_RETURN(result, store_->Aftercare().PutSetting(setting));
    AuditEvent event;
    event.action = "aftercare.setting";
    event.object_type = "aftercare_setting";
    event.object_id = setting.name;
    event.before_json = before ? before->body : "";
    event.after_json = result.body;
    return audit_->Record(actor, event);
  });
  if (!status.ok()) return status;
  return result;
}

// --- workbench ---

Result<std::vector<RowId>> AftercareService::ListAllSubjects() {
  std::vector<RowId> all;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Organisation> orgs, store_->ListSubtree(0));
    for (const storage::Organisation& org : orgs) {
      if (org.parent_id != 0) continue;
      KANGFU_ASSIGN_OR_RETURN(std::vector<RowId> ids,
                              store_->Aftercare().ListAftercareSubjects(org.id));
      all.insert(all.end(), ids.begin(), ids.end());
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

Result<domain::ReminderReport> AftercareService::ComputeRemindersOf(std::span<const RowId> ids,
                                                                    domain::Date today) {
  std::vector<domain::SubjectAftercare> loaded;
  loaded.reserve(ids.size());
  Status status = store_->InTransaction([&]() -> Status {
    for (RowId id : ids) {
      KANGFU_ASSIGN_OR_RETURN(domain::SubjectAftercare s, LoadSubject(id));
      loaded.push_back(std::move(s));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return domain::ComputeReminders(loaded, *policy_, *calendar_, today);
}

// --- the stored reminder schedule ---

Result<storage::SchedulePlan> AftercareService::PlanOf(RowId person_id, domain::Date day,
                                                       std::map<RowId, std::string>& unit_paths) {
  LoadedSubject loaded;
  KANGFU_ASSIGN_OR_RETURN(loaded.subject, LoadSubject(person_id, &loaded.latest_case_unit));
  return PlanFrom(person_id, loaded, day, unit_paths);
}

Result<storage::SchedulePlan> AftercareService::PlanFrom(RowId person_id,
                                                         const LoadedSubject& loaded,
                                                         domain::Date day,
                                                         std::map<RowId, std::string>& unit_paths) {
  const domain::SubjectAftercare& s = loaded.subject;
  const RowId unit_id = loaded.latest_case_unit;
  storage::SchedulePlan plan;
  auto known = unit_paths.find(unit_id);
  if (known == unit_paths.end()) {
    KANGFU_ASSIGN_OR_RETURN(storage::Organisation unit, store_->GetOrganisation(unit_id));
    known = unit_paths.emplace(unit_id, unit.path).first;
  }
  plan.person_id = person_id;
  plan.unit_path = known->second;
  // Open mentoring is planned two years ahead, staggered by subject so that the replanning of
  // expiring horizons spreads over half a year instead of falling on one day.
  plan.planned_until = day.AddMonths(24).AddDays(static_cast<int32_t>(person_id % 183));
  plan.stamp = stamp_;
  std::vector<domain::ScheduledReminder> items;
  Status problem = domain::AppendSchedule(s, *policy_, *calendar_, plan.planned_until, &items);
  if (!problem.ok()) {
    plan.problem_reason = problem.reason();
    plan.problem_field = problem.field();
    plan.problem_message = problem.message();
  }
  plan.items.reserve(items.size());
  for (domain::ScheduledReminder& item : items) {
    const bool mentoring = domain::IsMentoringKind(item.reminder.kind);
    const RowId responsible = ParseId(item.reminder.responsible);
    plan.items.push_back({.kind = std::string(domain::ReminderKindCode(item.reminder.kind)),
                          .ref = std::move(item.reminder.ref),
                          .title = std::move(item.reminder.title),
                          .responsible_org = mentoring ? 0 : responsible,
                          .mentor_id = mentoring ? responsible : 0,
                          .listed_from = item.listed_from,
                          .listed_until = item.listed_until,
                          .due = item.reminder.due,
                          .may_be_overdue = item.may_be_overdue,
                          .done_on = item.done_on});
  }
  return plan;
}

Status AftercareService::Replan(RowId person_id, domain::Date day) {
  std::map<RowId, std::string> unit_paths;
  KANGFU_ASSIGN_OR_RETURN(storage::SchedulePlan plan, PlanOf(person_id, day, unit_paths));
  return store_->Aftercare().ReplaceSchedule(plan);
}

Status AftercareService::ReplanMany(std::span<const RowId> person_ids, domain::Date day) {
  // One plan at a time when the store asks for it (it asks in the order of `person_ids`), the
  // facts read a chunk of subjects ahead in set queries (LoadChunk); the store sums the indicator
  // counts' changes of all of them and writes each distinct count once.
  std::map<RowId, std::string> unit_paths;
  std::unordered_map<RowId, LoadedSubject> loaded;
  std::size_t next = 0;  // where in person_ids the next chunk begins
  return store_->Aftercare().ReplaceSchedulesOf(
      person_ids, [&](RowId person_id) -> Result<storage::SchedulePlan> {
        auto found = loaded.find(person_id);
        if (found == loaded.end()) {
          loaded.clear();
          std::span<const RowId> chunk(&person_id, 1);
          if (next < person_ids.size() && person_ids[next] == person_id) {
            chunk = person_ids.subspan(next, std::min(kSubjectChunk, person_ids.size() - next));
            next += chunk.size();
          }
          KANGFU_RETURN_IF_ERROR(LoadChunk(chunk, loaded));
          found = loaded.find(person_id);
        }
        return PlanFrom(person_id, found->second, day, unit_paths);
      });
}

Result<int64_t> AftercareService::ReplanStale(domain::Date day, int64_t limit) {
  int64_t done = 0;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(std::vector<RowId> ids,
                            store_->Aftercare().ListUnplannedSubjects(day, stamp_, limit));
    KANGFU_RETURN_IF_ERROR(ReplanMany(ids, day));
    done = static_cast<int64_t>(ids.size());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return done;
}

Result<ReminderDigest> AftercareService::DigestFromSchedule(domain::Date today) {
  ReminderDigest digest;
  digest.as_of = today;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ListedCount> counts,
                            store_->Aftercare().CountListed(today));
    for (const storage::ListedCount& c : counts) {
      const std::optional<domain::ReminderKind> kind = domain::ReminderKindFromCode(c.kind);
      if (!kind) continue;  // a kind of a newer version: not counted by this one
      const bool mentoring = domain::IsMentoringKind(*kind);
      ReminderCount& count = digest.counts[{
          .mentor = mentoring, .id = mentoring ? c.mentor_id : c.responsible_org}][*kind];
      count.due += c.listed - c.overdue;
      count.overdue += c.overdue;
    }
    KANGFU_ASSIGN_OR_RETURN(digest.subjects, store_->Aftercare().CountPlannedSubjects());
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::SchedulePlan> problems,
                            store_->Aftercare().ListScheduleProblems());
    for (const storage::SchedulePlan& p : problems) {
      digest.problems.push_back(
          Status::Invalid("subjects[" + Id(p.person_id) + "]." + p.problem_field, p.problem_reason,
                          p.problem_message));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return digest;
}

Result<std::vector<std::pair<domain::ReminderKind, ReminderCount>>>
AftercareService::SummariseDigest(const Actor& actor, const ReminderDigest& digest) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadAftercare));
  std::set<RowId> orgs;
  std::set<RowId> mentors;
  Status status = store_->InTransaction([&]() -> Status {
    if (!ActsAsMentorOnly(actor, Permission::kReadAftercare) && actor.jurisdiction_org != 0) {
      KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Organisation> subtree,
                              store_->ListSubtree(actor.jurisdiction_org));
      for (const storage::Organisation& org : subtree) orgs.insert(org.id);
    }
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MentorRow> mine,
                            store_->Aftercare().ListMentorsOfAccount(actor.account_id));
    for (const storage::MentorRow& m : mine) mentors.insert(m.mentor_id);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return digest.Total([&](const Responsible& who) {
    return who.mentor ? mentors.contains(who.id) : orgs.contains(who.id);
  });
}

Status AftercareService::EnsureScheduleUpToDate(domain::Date day) {
  bool stale = false;
  KANGFU_RETURN_IF_ERROR(store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(stale, store_->Aftercare().ScheduleMayBeStale(day, stamp_));
    return Status::Ok();
  }));
  if (!stale) return Status::Ok();
  constexpr int64_t kBatch = 500;
  for (;;) {
    KANGFU_ASSIGN_OR_RETURN(int64_t replanned, ReplanStale(day, kBatch));
    if (replanned < kBatch) return Status::Ok();
  }
}

namespace {

// A workbench item before the page is cut: the order of domain::ComputeReminders (due, subject,
// kind, ref), the 谈话函询 replies after the other items of their due date (as GetWorkbenchLive
// appends and stable-sorts them).
struct WorkbenchEntry {
  domain::Reminder reminder;
  RowId subject_id = 0;
  std::string subject_name;
  bool clue = false;
  std::size_t clue_order = 0;
};

bool EntryBefore(const WorkbenchEntry& a, const WorkbenchEntry& b) {
  if (a.reminder.due != b.reminder.due) return a.reminder.due < b.reminder.due;
  if (a.clue != b.clue) return b.clue;
  if (a.clue) return a.clue_order < b.clue_order;
  return std::tie(a.subject_id, a.reminder.kind, a.reminder.ref) <
         std::tie(b.subject_id, b.reminder.kind, b.reminder.ref);
}

WorkbenchEntry EntryOf(const storage::ListedItemRow& row, domain::ReminderKind kind,
                       domain::Date today) {
  const bool mentoring = domain::IsMentoringKind(kind);
  WorkbenchEntry entry;
  entry.reminder = {.kind = kind,
                    .subject_id = Id(row.person_id),
                    .ref = row.ref,
                    .due = row.due,
                    .overdue = row.may_be_overdue && row.due < today,
                    .responsible = Id(mentoring ? row.mentor_id : row.responsible_org),
                    .title = row.title};
  entry.subject_id = row.person_id;
  entry.subject_name = row.person_name;
  return entry;
}

}  // namespace

Result<Workbench> AftercareService::GetWorkbench(const Actor& actor, const WorkbenchQuery& query) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadAftercare));
  if (query.limit < 1 || query.limit > 1000) {
    return Status::Invalid("limit", "page.limit", "每页条数须在1至1000之间");
  }
  KANGFU_RETURN_IF_ERROR(EnsureScheduleUpToDate(query.today));
  const bool jurisdiction =
      !ActsAsMentorOnly(actor, Permission::kReadAftercare) && actor.jurisdiction_org != 0;
  const auto wanted = [&](domain::ReminderKind kind) {
    return query.kinds.empty() ||
           std::find(query.kinds.begin(), query.kinds.end(), kind) != query.kinds.end();
  };
  Workbench bench;
  Status status = store_->InTransaction([&]() -> Status {
    std::map<domain::ReminderKind, int64_t> counts;
    std::vector<WorkbenchEntry> entries;
    const auto count = [&](const WorkbenchEntry& entry) {
      ++bench.total;
      if (entry.reminder.overdue) ++bench.overdue;
      ++counts[entry.reminder.kind];
    };
    std::string root_path;
    if (jurisdiction) {
      KANGFU_ASSIGN_OR_RETURN(storage::Organisation root,
                              store_->GetOrganisation(actor.jurisdiction_org));
      root_path = root.path;
      storage::ListedQuery listed{
          .day = query.today, .overdue_only = query.overdue_only, .limit = query.limit};
      for (domain::ReminderKind kind : query.kinds) {
        listed.kinds.emplace_back(domain::ReminderKindCode(kind));
      }
      // Counted per kind over the whole subtree, the first page read in order: both in SQL.
      KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ListedCount> by_kind,
                              store_->Aftercare().CountListedIn(actor.jurisdiction_org, listed));
      for (const storage::ListedCount& c : by_kind) {
        const std::optional<domain::ReminderKind> kind = domain::ReminderKindFromCode(c.kind);
        if (!kind || !wanted(*kind)) continue;
        bench.total += c.listed;
        bench.overdue += c.overdue;
        counts[*kind] += c.listed;
      }
      listed.large = bench.total > 100 * query.limit;
      KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ListedItemRow> rows,
                              store_->Aftercare().ListListedIn(actor.jurisdiction_org, listed));
      for (const storage::ListedItemRow& row : rows) {
        const std::optional<domain::ReminderKind> kind = domain::ReminderKindFromCode(row.kind);
        if (kind) entries.push_back(EntryOf(row, *kind, query.today));
      }
    }
    // A mentor's mentees outside the jurisdiction's list: its own assignments' items and the
    // mentees' escalations.
    std::set<std::string> my_assignments;
    std::set<RowId> mentees;
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MentorRow> mine,
                            store_->Aftercare().ListMentorsOfAccount(actor.account_id));
    for (const storage::MentorRow& m : mine) {
      my_assignments.insert(Id(m.id));
      mentees.insert(m.person_id);
    }
    std::set<RowId> outside;  // mentees not listed with the jurisdiction
    for (RowId mentee : mentees) {
      KANGFU_ASSIGN_OR_RETURN(std::vector<storage::ListedItemRow> rows,
                              store_->Aftercare().ListListedOf(mentee, query.today));
      if (rows.empty()) {
        outside.insert(mentee);
        continue;
      }
      if (jurisdiction && rows[0].has_case && rows[0].unit_path.starts_with(root_path)) continue;
      outside.insert(mentee);
      for (const storage::ListedItemRow& row : rows) {
        const std::optional<domain::ReminderKind> kind = domain::ReminderKindFromCode(row.kind);
        if (!kind) continue;
        const bool own = domain::IsMentoringKind(*kind)
                             ? my_assignments.contains(row.ref.substr(0, row.ref.find(':')))
                             : *kind == domain::ReminderKind::kEscalation;
        if (!own || !wanted(*kind)) continue;
        WorkbenchEntry entry = EntryOf(row, *kind, query.today);
        if (query.overdue_only && !entry.reminder.overdue) continue;
        count(entry);
        entries.push_back(std::move(entry));
      }
    }
    // 谈话函询 replies due to the organisations of the jurisdiction (not a mentor's).
    if (jurisdiction) {
      KANGFU_ASSIGN_OR_RETURN(std::vector<storage::OpenInquiryRow> inquiries,
                              store_->Aftercare().ListOpenInquiries(actor.jurisdiction_org));
      for (const storage::OpenInquiryRow& c : inquiries) {
        std::optional<domain::Reminder> r = ClueReplyOf(c, query.today);
        if (!r || outside.contains(c.person_id) || !wanted(r->kind)) continue;
        if (query.overdue_only && !r->overdue) continue;
        WorkbenchEntry entry{.reminder = std::move(*r),
                             .subject_id = c.person_id,
                             .subject_name = {},
                             .clue = true,
                             .clue_order = entries.size()};
        count(entry);
        entries.push_back(std::move(entry));
      }
    }
    std::stable_sort(entries.begin(), entries.end(), EntryBefore);
    if (static_cast<int64_t>(entries.size()) > query.limit) {
      entries.resize(static_cast<std::size_t>(query.limit));
    }
    for (WorkbenchEntry& e : entries) {
      if (e.clue) {
        KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(e.subject_id));
        e.subject_name = person.name;
      }
      bench.items.push_back({std::move(e.reminder), e.subject_id, std::move(e.subject_name)});
    }
    for (domain::ReminderKind kind : domain::kAllReminderKinds) {
      bench.by_kind.emplace_back(kind, counts[kind]);
    }
    // The stored problems of the subjects listed.
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::SchedulePlan> problems,
                            store_->Aftercare().ListScheduleProblems());
    for (const storage::SchedulePlan& p : problems) {
      const bool listed =
          (jurisdiction && p.unit_path.starts_with(root_path)) || mentees.contains(p.person_id);
      if (!listed) continue;
      bench.problems.push_back(
          Status::Invalid("subjects[" + Id(p.person_id) + "]." + p.problem_field, p.problem_reason,
                          p.problem_message));
    }
    return audit_->Record(actor, WorkbenchRead(query.today));
  });
  if (!status.ok()) return status;
  return bench;
}

Result<Workbench> AftercareService::GetWorkbenchLive(const Actor& actor,
                                                     const WorkbenchQuery& query) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadAftercare));
  if (query.limit < 1 || query.limit > 1000) {
    return Status::Invalid("limit", "page.limit", "每页条数须在1至1000之间");
  }
  Workbench bench;
  Status status = store_->InTransaction([&]() -> Status {
    // Subjects seen with every kind (jurisdiction) and those seen as a mentor only.
    std::set<RowId> full;
    if (!ActsAsMentorOnly(actor, Permission::kReadAftercare) && actor.jurisdiction_org != 0) {
      KANGFU_ASSIGN_OR_RETURN(std::vector<RowId> ids,
                              store_->Aftercare().ListAftercareSubjects(actor.jurisdiction_org));
      full.insert(ids.begin(), ids.end());
    }
    std::set<std::string> my_assignments;
    std::set<RowId> mentees;
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MentorRow> mine,
                            store_->Aftercare().ListMentorsOfAccount(actor.account_id));
    for (const storage::MentorRow& m : mine) {
      my_assignments.insert(Id(m.id));
      if (!full.contains(m.person_id)) mentees.insert(m.person_id);
    }
    std::vector<RowId> subjects(full.begin(), full.end());
    subjects.insert(subjects.end(), mentees.begin(), mentees.end());
    std::sort(subjects.begin(), subjects.end());

    std::vector<domain::SubjectAftercare> loaded;
    std::vector<std::string> names;
    loaded.reserve(subjects.size());
    for (RowId id : subjects) {
      KANGFU_ASSIGN_OR_RETURN(domain::SubjectAftercare s, LoadSubject(id));
      KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(id));
      loaded.push_back(std::move(s));
      names.push_back(person.name);
    }
    domain::ReminderReport report =
        domain::ComputeReminders(loaded, *policy_, *calendar_, query.today);
    bench.problems = std::move(report.problems);
    // 谈话函询 replies due to the organisations of the jurisdiction (not a mentor's).
    if (!full.empty() ||
        (!ActsAsMentorOnly(actor, Permission::kReadAftercare) && actor.jurisdiction_org != 0)) {
      KANGFU_ASSIGN_OR_RETURN(std::vector<storage::OpenInquiryRow> inquiries,
                              store_->Aftercare().ListOpenInquiries(actor.jurisdiction_org));
      bool added = false;
      for (const storage::OpenInquiryRow& c : inquiries) {
        std::optional<domain::Reminder> r = ClueReplyOf(c, query.today);
        if (!r) continue;
        if (!std::binary_search(subjects.begin(), subjects.end(), c.person_id)) {
          KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(c.person_id));
          subjects.insert(std::lower_bound(subjects.begin(), subjects.end(), c.person_id),
                          c.person_id);
          names.insert(
              names.begin() + (std::lower_bound(subjects.begin(), subjects.end(), c.person_id) -
                               subjects.begin()),
              person.name);
        }
        report.reminders.push_back(std::move(*r));
        added = true;
      }
      if (added) {
        std::stable_sort(
            report.reminders.begin(), report.reminders.end(),
            [](const domain::Reminder& a, const domain::Reminder& b) { return a.due < b.due; });
      }
    }
    std::map<domain::ReminderKind, int64_t> counts;
    for (domain::Reminder& r : report.reminders) {
      const RowId subject = ParseId(r.subject_id);
      const bool mentoring_kind = r.kind == domain::ReminderKind::kMentorFirstTalk ||
                                  r.kind == domain::ReminderKind::kMentorTalk ||
                                  r.kind == domain::ReminderKind::kMentorReport;
      if (mentees.contains(subject)) {
        // A mentor sees its own assignments' items and its mentees' escalations only.
        const std::string assignment = r.ref.substr(0, r.ref.find(':'));
        const bool own = mentoring_kind ? my_assignments.contains(assignment)
                                        : r.kind == domain::ReminderKind::kEscalation;
        if (!own) continue;
      }
      if (!query.kinds.empty() &&
          std::find(query.kinds.begin(), query.kinds.end(), r.kind) == query.kinds.end()) {
        continue;
      }
      if (query.overdue_only && !r.overdue) continue;
      ++bench.total;
      if (r.overdue) ++bench.overdue;
      ++counts[r.kind];
      if (static_cast<int64_t>(bench.items.size()) < query.limit) {
        const auto index = static_cast<std::size_t>(
            std::lower_bound(subjects.begin(), subjects.end(), subject) - subjects.begin());
        bench.items.push_back({std::move(r), subject, names[index]});
      }
    }
    for (domain::ReminderKind kind : domain::kAllReminderKinds) {
      bench.by_kind.emplace_back(kind, counts[kind]);
    }
    return audit_->Record(actor, WorkbenchRead(query.today));
  });
  if (!status.ok()) return status;
  return bench;
}

}  // namespace kangfu::app
