#include "app/oversight_service.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "app/list_service.hpp"

namespace kangfu::app {
namespace {

using storage::RowId;
using Json = nlohmann::ordered_json;
namespace ov = domain::oversight;

Json OptDate(const std::optional<domain::Date>& d) { return d ? Json(d->ToString()) : Json(); }

std::string Snapshot(const storage::ClueRow& c) {
  return Json{{"id", c.id},
              {"person_id", c.person_id},
              {"organ_id", c.organ_id},
              {"source", c.source},
              {"summary", c.summary},
              {"received", c.received.ToString()},
              {"handling", c.handling},
              {"handling_date", OptDate(c.handling_date)},
              {"reply_due", OptDate(c.reply_due)},
              {"replied_on", OptDate(c.replied_on)},
              {"state", c.state},
              {"concluded_on", OptDate(c.concluded_on)},
              {"conclusion", c.conclusion},
              {"hold_id", c.hold_id},
              {"version", c.version}}
      .dump();
}

std::string Snapshot(const storage::InterviewRow& i) {
  Json interviewers = Json::array();
  for (const storage::InterviewerRow& who : i.interviewers) {
    interviewers.push_back(
        {{"account_id", who.account_id}, {"name", who.name}, {"post", who.post}});
  }
  Json persons = Json::array();
  for (const storage::IntervieweeRow& whom : i.interviewees) {
    persons.push_back({{"person_id", whom.person_id},
                       {"principal_leader", whom.principal_leader},
                       {"led_org_id", whom.led_org_id}});
  }
  return Json{{"id", i.id},
              {"organ_id", i.organ_id},
              {"kind", i.kind},
              {"date", i.date.ToString()},
              {"interviewers", interviewers},
              {"persons", persons},
              {"topics", i.topics},
              {"follow_up", i.follow_up},
              {"version", i.version}}
      .dump();
}

std::string Snapshot(const storage::ClearanceRow& c) {
  return Json{{"id", c.id},
              {"person_id", c.person_id},
              {"organ_id", c.organ_id},
              {"clue_id", c.clue_id},
              {"allegations", c.allegations},
              {"conclusion", c.conclusion},
              {"trigger", c.trigger},
              {"approver", c.approver},
              {"methods", c.methods},
              {"audience", c.audience},
              {"date", c.date.ToString()},
              {"referred", c.referred},
              {"version", c.version}}
      .dump();
}

std::string Snapshot(const storage::FaultToleranceRow& f) {
  return Json{{"id", f.id},
              {"person_id", f.person_id},
              {"organ_id", f.organ_id},
              {"measure_id", f.measure_id},
              {"clue_id", f.clue_id},
              {"allegation", f.allegation},
              {"ground", f.ground},
              {"decision", f.decision},
              {"approver", f.approver},
              {"date", f.date.ToString()},
              {"reason", f.reason},
              {"version", f.version}}
      .dump();
}

std::string HoldSnapshot(const storage::Hold& h) {
  return Json{{"id", h.id},
              {"person_id", h.person_id},
              {"kind", storage::HoldKindCode(h.kind)},
              {"from", h.from.ToString()},
              {"to", OptDate(h.to)},
              {"version", h.version}}
      .dump();
}

ov::Clue ToDomain(const storage::ClueRow& row) {
  ov::Clue clue;
  clue.source = row.source;
  clue.summary = row.summary;
  clue.received = row.received;
  clue.handling = row.handling;
  clue.handling_date = row.handling_date;
  clue.replied_on = row.replied_on;
  clue.concluded_on = row.concluded_on;
  clue.conclusion = row.conclusion;
  return clue;
}

std::string Trimmed(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

Status ClueMissing() {
  return Status::NotFound("clue.not_found", "未找到该问题线索，可能不在管辖范围内");
}
Status InterviewMissing() {
  return Status::NotFound("interview.not_found", "未找到该谈话记录，可能不在管辖范围内");
}
Status ClearanceMissing() {
  return Status::NotFound("clearance.not_found", "未找到该澄清正名记录，可能不在管辖范围内");
}
Status FaultToleranceMissing() {
  return Status::NotFound("fault_tolerance.not_found", "未找到该容错纠错记录，可能不在管辖范围内");
}
Status OrgMissing(const std::string& field) {
  return Status::NotFound("organisation.not_found", "所指定的组织（单位）不存在或不在管辖范围内",
                          field);
}
Status PersonMissing(const std::string& field) {
  return Status::NotFound("person.not_found", "未找到该人员，或该人员不在管辖范围内", field);
}

// A not-found from the store for `field` means the same as one outside the jurisdiction.
Status AsMissing(const Status& status, const Status& missing) {
  return status.code() == ErrorCode::kNotFound ? missing : status;
}

Status CheckPage(const OversightListQuery& query) {
  if (query.page < 1 || query.page > 1000000) {
    return Status::Invalid("page", "page.number", "页码须为1至1000000之间的整数");
  }
  if (query.page_size < 1 || query.page_size > kMaxPageSize) {
    return Status::Invalid("page_size", "page.size",
                           "每页条数须在1至" + std::to_string(kMaxPageSize) + "之间");
  }
  return Status::Ok();
}

std::string ListDetail(const char* what, const storage::OversightQuery& q, int64_t total) {
  std::string detail = std::string(what) + " root=" + std::to_string(q.root_org_id);
  if (q.person_id != 0) detail += " person=" + std::to_string(q.person_id);
  if (q.from) detail += " from=" + q.from->ToString();
  if (q.to) detail += " to=" + q.to->ToString();
  if (!q.kind.empty()) detail += " kind=" + q.kind;
  if (!q.state.empty()) detail += " state=" + q.state;
  if (q.overdue_on) detail += " overdue_on=" + q.overdue_on->ToString();
  if (q.principal_only) detail += " principal_only";
  detail += " offset=" + std::to_string(q.offset) + " limit=" + std::to_string(q.limit) +
            " total=" + std::to_string(total);
  return detail;
}

}  // namespace

// --- helpers ---

Result<storage::Organisation> OversightService::Org(RowId id) {
  auto found = orgs_.find(id);
  if (found != orgs_.end()) return found->second;
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation org, store_->GetOrganisation(id));
  orgs_.emplace(id, org);
  return org;
}

Result<std::string> OversightService::PersonName(RowId id) {
  auto found = person_names_.find(id);
  if (found != person_names_.end()) return found->second;
  KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(id));
  person_names_.emplace(id, person.name);
  return person.name;
}

Status OversightService::RequireOrgan(const Actor& actor, RowId organ_id,
                                      const std::string& field) {
  Result<storage::Organisation> org = Org(organ_id);
  if (!org.ok()) return AsMissing(org.status(), OrgMissing(field));
  if (!actor.InJurisdiction(org->path)) return OrgMissing(field);
  return Status::Ok();
}

Result<storage::Person> OversightService::RequirePerson(const Actor& actor, RowId person_id,
                                                        const std::string& field) {
  Result<storage::Person> person = store_->GetPerson(person_id);
  if (!person.ok()) return AsMissing(person.status(), PersonMissing(field));
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation unit, Org(person->unit_id));
  if (!actor.InJurisdiction(unit.path)) return PersonMissing(field);
  person_names_[person->id] = person->name;
  return person;
}

Status OversightService::Visible(const Actor& actor, RowId organ_id, const Status& missing) {
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation org, Org(organ_id));
  return actor.InJurisdiction(org.path) ? Status::Ok() : missing;
}

Status OversightService::Audit(const Actor& actor, const std::string& action,
                               const std::string& type, RowId id, std::string before,
                               std::string after) {
  AuditEvent event;
  event.action = action;
  event.object_type = type;
  event.object_id = std::to_string(id);
  event.before_json = std::move(before);
  event.after_json = std::move(after);
  return audit_->Record(actor, event);
}

Result<storage::OversightQuery> OversightService::StoreQuery(const Actor& actor,
                                                             const OversightListQuery& query) {
  KANGFU_RETURN_IF_ERROR(CheckPage(query));
  storage::OversightQuery q;
  q.root_org_id = actor.jurisdiction_org;
  if (query.org_id != 0) {
    KANGFU_RETURN_IF_ERROR(RequireOrgan(actor, query.org_id, "org_id"));
    q.root_org_id = query.org_id;
  } else if (actor.jurisdiction_path.empty()) {
    return OrgMissing("org_id");
  }
  if (query.person_id != 0) {
    KANGFU_RETURN_IF_ERROR(RequirePerson(actor, query.person_id, "person_id").status());
  }
  q.person_id = query.person_id;
  q.from = query.from;
  q.to = query.to;
  q.kind = query.kind;
  q.state = query.state;
  q.principal_only = query.principal_only;
  q.limit = query.page_size;
  q.offset = (query.page - 1) * query.page_size;
  return q;
}

// --- 问题线索 ---

Status OversightService::PrepareClue(storage::ClueRow& row, domain::Date today) {
  row.summary = Trimmed(row.summary);
  row.conclusion = Trimmed(row.conclusion);
  ov::Clue clue = ToDomain(row);
  ov::NormaliseClue(clue);
  KANGFU_RETURN_IF_ERROR(ov::ValidateClue(clue, today));
  row.concluded_on = clue.concluded_on;
  row.state = std::string(ov::ClueState(clue));
  KANGFU_ASSIGN_OR_RETURN(row.reply_due, ov::InquiryReplyDue(clue, *calendar_, reply_days_));
  if (row.handling != "inquiry") row.replied_on.reset();
  return Status::Ok();
}

// Opens the hold a clue under 初步核实 requires, or closes the one it no longer requires (inside
// the caller's transaction).
Status OversightService::SyncClueHold(const Actor& actor, storage::ClueRow& row) {
  const ov::Clue clue = ToDomain(row);
  const bool needed = ov::ClueHoldsPerson(clue);
  std::optional<storage::Hold> current;
  if (row.hold_id != 0) {
    KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(row.person_id));
    KANGFU_ASSIGN_OR_RETURN(storage::PersonHistory history, store_->LoadHistory(person.id_number));
    for (const storage::Hold& h : history.holds) {
      if (h.id == row.hold_id) current = h;
    }
  }
  const bool open = current && !current->to;
  if (needed && !open) {
    storage::Hold hold;
    hold.person_id = row.person_id;
    hold.kind = storage::HoldKind::kClueVerification;
    hold.from = *row.handling_date;
    KANGFU_ASSIGN_OR_RETURN(storage::Hold opened, store_->AddHold(hold));
    row.hold_id = opened.id;
    return Audit(actor, "hold.open", "hold", opened.id, "", HoldSnapshot(opened));
  }
  if (needed && open && current->from != *row.handling_date) {
    storage::Hold moved = *current;
    moved.from = *row.handling_date;
    KANGFU_ASSIGN_OR_RETURN(storage::Hold updated, store_->UpdateHold(moved));
    return Audit(actor, "hold.update", "hold", updated.id, HoldSnapshot(*current),
                 HoldSnapshot(updated));
  }
  if (!needed && open) {
    storage::Hold closed = *current;
    closed.to = ov::ClueHoldLastDay(clue, current->from);
    KANGFU_ASSIGN_OR_RETURN(storage::Hold updated, store_->UpdateHold(closed));
    return Audit(actor, "hold.close", "hold", updated.id, HoldSnapshot(*current),
                 HoldSnapshot(updated));
  }
  return Status::Ok();
}

Result<ClueView> OversightService::ClueViewOf(const storage::ClueRow& row, domain::Date today) {
  ClueView view;
  view.row = row;
  KANGFU_ASSIGN_OR_RETURN(view.person_name, PersonName(row.person_id));
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation organ, Org(row.organ_id));
  view.organ_name = organ.name;
  view.reply_overdue = ov::InquiryReplyOverdue(ToDomain(row), row.reply_due, today);
  return view;
}

Result<ClueView> OversightService::RegisterClue(const Actor& actor, const storage::ClueRow& input,
                                                domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteOversight));
  orgs_.clear();
  person_names_.clear();
  storage::ClueRow row = input;
  row.id = 0;
  row.version = 0;
  row.hold_id = 0;
  row.registered_by = actor.username;
  KANGFU_RETURN_IF_ERROR(RequirePerson(actor, row.person_id, "person_id").status());
  KANGFU_RETURN_IF_ERROR(RequireOrgan(actor, row.organ_id, "organ_id"));
  KANGFU_RETURN_IF_ERROR(PrepareClue(row, today));
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_RETURN_IF_ERROR(SyncClueHold(actor, row));
    KANGFU_ASSIGN_OR_RETURN(row, store_->Oversight().AddClue(row));
    return Audit(actor, "clue.create", "clue", row.id, "", Snapshot(row));
  });
  if (!status.ok()) return status;
  return ClueViewOf(row, today);
}

Result<ClueView> OversightService::UpdateClue(const Actor& actor, RowId id, int64_t version,
                                              const storage::ClueRow& input, domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteOversight));
  orgs_.clear();
  person_names_.clear();
  Result<storage::ClueRow> found = store_->Oversight().GetClue(id);
  if (!found.ok()) return found.status();
  KANGFU_RETURN_IF_ERROR(Visible(actor, found->organ_id, ClueMissing()));
  storage::ClueRow row = input;
  row.id = id;
  row.version = version;
  row.person_id = found->person_id;
  row.registered_by = found->registered_by;
  row.hold_id = found->hold_id;
  KANGFU_RETURN_IF_ERROR(RequireOrgan(actor, row.organ_id, "organ_id"));
  KANGFU_RETURN_IF_ERROR(PrepareClue(row, today));
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_RETURN_IF_ERROR(SyncClueHold(actor, row));
    KANGFU_ASSIGN_OR_RETURN(row, store_->Oversight().UpdateClue(row));
    return Audit(actor, "clue.update", "clue", id, Snapshot(*found), Snapshot(row));
  });
  if (!status.ok()) return status;
  return ClueViewOf(row, today);
}

Result<ClueView> OversightService::GetClue(const Actor& actor, RowId id, domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadOversight));
  orgs_.clear();
  person_names_.clear();
  Result<storage::ClueRow> found = store_->Oversight().GetClue(id);
  if (!found.ok()) return found.status();
  KANGFU_RETURN_IF_ERROR(Visible(actor, found->organ_id, ClueMissing()));
  KANGFU_ASSIGN_OR_RETURN(ClueView view, ClueViewOf(*found, today));
  KANGFU_RETURN_IF_ERROR(
      store_->InTransaction([&] { return Audit(actor, "clue.read", "clue", id, "", ""); }));
  return view;
}

Result<OversightList<ClueView>> OversightService::ListClues(const Actor& actor,
                                                            const OversightListQuery& query,
                                                            domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadOversight));
  orgs_.clear();
  person_names_.clear();
  KANGFU_ASSIGN_OR_RETURN(storage::OversightQuery q, StoreQuery(actor, query));
  if (query.overdue) q.overdue_on = today;
  q.principal_only = false;
  KANGFU_ASSIGN_OR_RETURN(storage::OversightPage<storage::ClueRow> page,
                          store_->Oversight().ListClues(q));
  OversightList<ClueView> list{{}, page.total, query.page, query.page_size};
  for (const storage::ClueRow& row : page.items) {
    KANGFU_ASSIGN_OR_RETURN(ClueView view, ClueViewOf(row, today));
    list.items.push_back(std::move(view));
  }
  KANGFU_RETURN_IF_ERROR(store_->InTransaction([&] {
    AuditEvent event;
    event.action = "oversight.list";
    event.object_type = "clue";
    event.detail = ListDetail("clues", q, page.total);
    return audit_->Record(actor, event);
  }));
  return list;
}

// --- 约谈 / 谈心谈话 ---

Status OversightService::CheckInterview(const Actor& actor, storage::InterviewRow& row,
                                        domain::Date today) {
  row.topics = Trimmed(row.topics);
  row.follow_up = Trimmed(row.follow_up);
  KANGFU_RETURN_IF_ERROR(RequireOrgan(actor, row.organ_id, "organ_id"));
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation organ, Org(row.organ_id));
  ov::Interview talk;
  talk.kind = row.kind;
  talk.date = row.date;
  talk.topics = row.topics;
  for (std::size_t i = 0; i < row.interviewers.size(); ++i) {
    storage::InterviewerRow& who = row.interviewers[i];
    who.name = Trimmed(who.name);
    who.post = Trimmed(who.post);
    if (who.account_id != 0) {
      Result<storage::Account> account = store_->GetAccount(who.account_id);
      if (!account.ok()) {
        return AsMissing(account.status(),
                         Status::NotFound("account.not_found", "未找到该账号",
                                          "interviewers[" + std::to_string(i) + "].account_id"));
      }
      if (who.name.empty()) who.name = account->display_name;
    }
    talk.interviewers.push_back({who.account_id != 0, who.name, who.post});
  }
  std::set<RowId> seen;
  for (std::size_t i = 0; i < row.interviewees.size(); ++i) {
    const storage::IntervieweeRow& whom = row.interviewees[i];
    const std::string base = "persons[" + std::to_string(i) + "]";
    KANGFU_RETURN_IF_ERROR(RequirePerson(actor, whom.person_id, base + ".person_id").status());
    ov::Interviewee facts;
    facts.principal_leader = whom.principal_leader;
    facts.has_led_org = whom.led_org_id != 0;
    facts.duplicate = !seen.insert(whom.person_id).second;
    if (whom.led_org_id != 0) {
      KANGFU_RETURN_IF_ERROR(RequireOrgan(actor, whom.led_org_id, base + ".led_org_id"));
      KANGFU_ASSIGN_OR_RETURN(storage::Organisation led, Org(whom.led_org_id));
      facts.led_org_lower = led.id != organ.id && led.path.starts_with(organ.path);
    }
    talk.interviewees.push_back(facts);
  }
  return ov::ValidateInterview(talk, today);
}

Result<InterviewView> OversightService::InterviewViewOf(const storage::InterviewRow& row) {
  InterviewView view;
  view.row = row;
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation organ, Org(row.organ_id));
  view.organ_name = organ.name;
  for (const storage::IntervieweeRow& whom : row.interviewees) {
    KANGFU_ASSIGN_OR_RETURN(std::string name, PersonName(whom.person_id));
    view.person_names.push_back(std::move(name));
  }
  return view;
}

Result<InterviewView> OversightService::RecordInterview(const Actor& actor,
                                                        const storage::InterviewRow& input,
                                                        domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteInterviews));
  orgs_.clear();
  person_names_.clear();
  storage::InterviewRow row = input;
  row.id = 0;
  row.version = 0;
  row.recorded_by = actor.username;
  KANGFU_RETURN_IF_ERROR(CheckInterview(actor, row, today));
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(row, store_->Oversight().AddInterview(row));
    return Audit(actor, "interview.create", "interview", row.id, "", Snapshot(row));
  });
  if (!status.ok()) return status;
  return InterviewViewOf(row);
}

Result<InterviewView> OversightService::UpdateInterview(const Actor& actor, RowId id,
                                                        int64_t version,
                                                        const storage::InterviewRow& input,
                                                        domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteInterviews));
  orgs_.clear();
  person_names_.clear();
  Result<storage::InterviewRow> found = store_->Oversight().GetInterview(id);
  if (!found.ok()) return found.status();
  KANGFU_RETURN_IF_ERROR(Visible(actor, found->organ_id, InterviewMissing()));
  storage::InterviewRow row = input;
  row.id = id;
  row.version = version;
  row.recorded_by = found->recorded_by;
  KANGFU_RETURN_IF_ERROR(CheckInterview(actor, row, today));
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(row, store_->Oversight().UpdateInterview(row));
    return Audit(actor, "interview.update", "interview", id, Snapshot(*found), Snapshot(row));
  });
  if (!status.ok()) return status;
  return InterviewViewOf(row);
}

Result<InterviewView> OversightService::GetInterview(const Actor& actor, RowId id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadInterviews));
  orgs_.clear();
  person_names_.clear();
  Result<storage::InterviewRow> found = store_->Oversight().GetInterview(id);
  if (!found.ok()) return found.status();
  KANGFU_RETURN_IF_ERROR(Visible(actor, found->organ_id, InterviewMissing()));
  KANGFU_ASSIGN_OR_RETURN(InterviewView view, InterviewViewOf(*found));
  KANGFU_RETURN_IF_ERROR(store_->InTransaction(
      [&] { return Audit(actor, "interview.read", "interview", id, "", ""); }));
  return view;
}

Result<OversightList<InterviewView>> OversightService::ListInterviews(
    const Actor& actor, const OversightListQuery& query) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadInterviews));
  orgs_.clear();
  person_names_.clear();
  KANGFU_ASSIGN_OR_RETURN(storage::OversightQuery q, StoreQuery(actor, query));
  q.state.clear();
  KANGFU_ASSIGN_OR_RETURN(storage::OversightPage<storage::InterviewRow> page,
                          store_->Oversight().ListInterviews(q));
  OversightList<InterviewView> list{{}, page.total, query.page, query.page_size};
  for (const storage::InterviewRow& row : page.items) {
    KANGFU_ASSIGN_OR_RETURN(InterviewView view, InterviewViewOf(row));
    list.items.push_back(std::move(view));
  }
  KANGFU_RETURN_IF_ERROR(store_->InTransaction([&] {
    AuditEvent event;
    event.action = "oversight.list";
    event.object_type = "interview";
    event.detail = ListDetail("interviews", q, page.total);
    return audit_->Record(actor, event);
  }));
  return list;
}

// --- 澄清正名 ---

Status OversightService::CheckClearance(const Actor& actor, storage::ClearanceRow& row,
                                        domain::Date today) {
  for (std::string& allegation : row.allegations) allegation = Trimmed(allegation);
  row.approver = Trimmed(row.approver);
  row.audience = Trimmed(row.audience);
  KANGFU_RETURN_IF_ERROR(RequireOrgan(actor, row.organ_id, "organ_id"));
  ov::Clearance clearance;
  clearance.allegations = row.allegations;
  clearance.conclusion = row.conclusion;
  clearance.trigger = row.trigger;
  clearance.approver = row.approver;
  clearance.methods = row.methods;
  clearance.audience = row.audience;
  clearance.date = row.date;
  clearance.referred = row.referred;
  KANGFU_RETURN_IF_ERROR(ov::ValidateClearance(clearance, today));
  row.methods = ov::NormaliseClearanceMethods(row.methods);
  if (row.clue_id != 0) {
    Result<storage::ClueRow> clue = store_->Oversight().GetClue(row.clue_id);
    if (!clue.ok()) {
      return AsMissing(clue.status(), Status::NotFound("clue.not_found",
                                                       "未找到该问题线索，请重新选择", "clue_id"));
    }
    KANGFU_RETURN_IF_ERROR(
        Visible(actor, clue->organ_id,
                Status::NotFound("clue.not_found", "未找到该问题线索，请重新选择", "clue_id")));
    if (clue->person_id != row.person_id) {
      return Status::Invalid("clue_id", "clearance.clue_other_person",
                             "所选问题线索反映的不是该人员，请重新选择");
    }
    if (clue->state != "concluded") {
      return Status::Error(ErrorCode::kFailedPrecondition, "clearance.clue_not_concluded",
                           "该问题线索尚未办结，办结并查明失实或诬告后才能澄清正名", "clue_id");
    }
  }
  return Status::Ok();
}

Result<ClearanceView> OversightService::ClearanceViewOf(const storage::ClearanceRow& row) {
  ClearanceView view;
  view.row = row;
  KANGFU_ASSIGN_OR_RETURN(view.person_name, PersonName(row.person_id));
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation organ, Org(row.organ_id));
  view.organ_name = organ.name;
  return view;
}

Result<ClearanceView> OversightService::RecordClearance(const Actor& actor,
                                                        const storage::ClearanceRow& input,
                                                        domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteOversight));
  orgs_.clear();
  person_names_.clear();
  storage::ClearanceRow row = input;
  row.id = 0;
  row.version = 0;
  row.recorded_by = actor.username;
  KANGFU_RETURN_IF_ERROR(RequirePerson(actor, row.person_id, "person_id").status());
  KANGFU_RETURN_IF_ERROR(CheckClearance(actor, row, today));
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(row, store_->Oversight().AddClearance(row));
    return Audit(actor, "clearance.create", "clearance", row.id, "", Snapshot(row));
  });
  if (!status.ok()) return status;
  return ClearanceViewOf(row);
}

Result<ClearanceView> OversightService::UpdateClearance(const Actor& actor, RowId id,
                                                        int64_t version,
                                                        const storage::ClearanceRow& input,
                                                        domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteOversight));
  orgs_.clear();
  person_names_.clear();
  Result<storage::ClearanceRow> found = store_->Oversight().GetClearance(id);
  if (!found.ok()) return found.status();
  KANGFU_RETURN_IF_ERROR(Visible(actor, found->organ_id, ClearanceMissing()));
  storage::ClearanceRow row = input;
  row.id = id;
  row.version = version;
  row.person_id = found->person_id;
  row.recorded_by = found->recorded_by;
  KANGFU_RETURN_IF_ERROR(CheckClearance(actor, row, today));
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(row, store_->Oversight().UpdateClearance(row));
    return Audit(actor, "clearance.update", "clearance", id, Snapshot(*found), Snapshot(row));
  });
  if (!status.ok()) return status;
  return ClearanceViewOf(row);
}

Result<ClearanceView> OversightService::GetClearance(const Actor& actor, RowId id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadOversight));
  orgs_.clear();
  person_names_.clear();
  Result<storage::ClearanceRow> found = store_->Oversight().GetClearance(id);
  if (!found.ok()) return found.status();
  KANGFU_RETURN_IF_ERROR(Visible(actor, found->organ_id, ClearanceMissing()));
  KANGFU_ASSIGN_OR_RETURN(ClearanceView view, ClearanceViewOf(*found));
  KANGFU_RETURN_IF_ERROR(store_->InTransaction(
      [&] { return Audit(actor, "clearance.read", "clearance", id, "", ""); }));
  return view;
}

Result<OversightList<ClearanceView>> OversightService::ListClearances(
    const Actor& actor, const OversightListQuery& query) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadOversight));
  orgs_.clear();
  person_names_.clear();
  KANGFU_ASSIGN_OR_RETURN(storage::OversightQuery q, StoreQuery(actor, query));
  KANGFU_ASSIGN_OR_RETURN(storage::OversightPage<storage::ClearanceRow> page,
                          store_->Oversight().ListClearances(q));
  OversightList<ClearanceView> list{{}, page.total, query.page, query.page_size};
  for (const storage::ClearanceRow& row : page.items) {
    KANGFU_ASSIGN_OR_RETURN(ClearanceView view, ClearanceViewOf(row));
    list.items.push_back(std::move(view));
  }
  KANGFU_RETURN_IF_ERROR(store_->InTransaction([&] {
    AuditEvent event;
    event.action = "oversight.list";
    event.object_type = "clearance";
    event.detail = ListDetail("clearances", q, page.total);
    return audit_->Record(actor, event);
  }));
  return list;
}

// --- 容错纠错 ---

Status OversightService::CheckFaultTolerance(const Actor& actor,
                                             const storage::FaultToleranceRow& row,
                                             domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequireOrgan(actor, row.organ_id, "organ_id"));
  ov::FaultTolerance record;
  record.names_measure = row.measure_id != 0;
  record.names_clue = row.clue_id != 0;
  record.allegation = row.allegation;
  record.ground = row.ground;
  record.decision = row.decision;
  record.approver = row.approver;
  record.date = row.date;
  KANGFU_RETURN_IF_ERROR(ov::ValidateFaultTolerance(record, today));
  if (row.measure_id != 0) {
    Result<storage::Measure> measure = store_->GetMeasure(row.measure_id);
    if (!measure.ok()) {
      return AsMissing(measure.status(),
                       Status::NotFound("measure.not_found", "未找到该处分处理措施", "measure_id"));
    }
    KANGFU_ASSIGN_OR_RETURN(storage::Case decided, store_->GetCase(measure->case_id));
    if (decided.person_id != row.person_id) {
      return Status::Invalid("measure_id", "fault_tolerance.measure_other_person",
                             "所选处分处理措施不是对该人员作出的，请重新选择");
    }
    if (row.date < measure->effective) {
      return Status::Invalid("date", "fault_tolerance.date_before_measure",
                             "容错决定日期不能早于该处分处理措施的生效日期");
    }
  }
  if (row.clue_id != 0) {
    Result<storage::ClueRow> clue = store_->Oversight().GetClue(row.clue_id);
    if (!clue.ok()) {
      return AsMissing(clue.status(), Status::NotFound("clue.not_found",
                                                       "未找到该问题线索，请重新选择", "clue_id"));
    }
    if (clue->person_id != row.person_id) {
      return Status::Invalid("clue_id", "fault_tolerance.clue_other_person",
                             "所选问题线索反映的不是该人员，请重新选择");
    }
  }
  return Status::Ok();
}

Result<FaultToleranceView> OversightService::FaultToleranceViewOf(
    const storage::FaultToleranceRow& row) {
  FaultToleranceView view;
  view.row = row;
  KANGFU_ASSIGN_OR_RETURN(view.person_name, PersonName(row.person_id));
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation organ, Org(row.organ_id));
  view.organ_name = organ.name;
  if (row.measure_id != 0) {
    KANGFU_ASSIGN_OR_RETURN(storage::Measure measure, store_->GetMeasure(row.measure_id));
    view.measure_kind = measure.kind;
    KANGFU_ASSIGN_OR_RETURN(storage::Case decided, store_->GetCase(measure.case_id));
    view.decision_number = decided.decision_number;
  }
  return view;
}

Result<FaultToleranceView> OversightService::RecordFaultTolerance(
    const Actor& actor, const storage::FaultToleranceRow& input, domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteOversight));
  orgs_.clear();
  person_names_.clear();
  storage::FaultToleranceRow row = input;
  row.id = 0;
  row.version = 0;
  row.recorded_by = actor.username;
  row.allegation = Trimmed(row.allegation);
  row.approver = Trimmed(row.approver);
  row.reason = Trimmed(row.reason);
  KANGFU_RETURN_IF_ERROR(RequirePerson(actor, row.person_id, "person_id").status());
  KANGFU_RETURN_IF_ERROR(CheckFaultTolerance(actor, row, today));
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(row, store_->Oversight().AddFaultTolerance(row));
    return Audit(actor, "fault_tolerance.create", "fault_tolerance", row.id, "", Snapshot(row));
  });
  if (!status.ok()) return status;
  return FaultToleranceViewOf(row);
}

Result<FaultToleranceView> OversightService::UpdateFaultTolerance(
    const Actor& actor, RowId id, int64_t version, const storage::FaultToleranceRow& input,
    domain::Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteOversight));
  orgs_.clear();
  person_names_.clear();
  Result<storage::FaultToleranceRow> found = store_->Oversight().GetFaultTolerance(id);
  if (!found.ok()) return found.status();
  KANGFU_RETURN_IF_ERROR(Visible(actor, found->organ_id, FaultToleranceMissing()));
  storage::FaultToleranceRow row = input;
  row.id = id;
  row.version = version;
  row.person_id = found->person_id;
  row.recorded_by = found->recorded_by;
  row.allegation = Trimmed(row.allegation);
  row.approver = Trimmed(row.approver);
  row.reason = Trimmed(row.reason);
  KANGFU_RETURN_IF_ERROR(CheckFaultTolerance(actor, row, today));
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(row, store_->Oversight().UpdateFaultTolerance(row));
    return Audit(actor, "fault_tolerance.update", "fault_tolerance", id, Snapshot(*found),
                 Snapshot(row));
  });
  if (!status.ok()) return status;
  return FaultToleranceViewOf(row);
}

Result<FaultToleranceView> OversightService::GetFaultTolerance(const Actor& actor, RowId id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadOversight));
  orgs_.clear();
  person_names_.clear();
  Result<storage::FaultToleranceRow> found = store_->Oversight().GetFaultTolerance(id);
  if (!found.ok()) return found.status();
  KANGFU_RETURN_IF_ERROR(Visible(actor, found->organ_id, FaultToleranceMissing()));
  KANGFU_ASSIGN_OR_RETURN(FaultToleranceView view, FaultToleranceViewOf(*found));
  KANGFU_RETURN_IF_ERROR(store_->InTransaction(
      [&] { return Audit(actor, "fault_tolerance.read", "fault_tolerance", id, "", ""); }));
  return view;
}

Result<OversightList<FaultToleranceView>> OversightService::ListFaultTolerance(
    const Actor& actor, const OversightListQuery& query) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadOversight));
  orgs_.clear();
  person_names_.clear();
  KANGFU_ASSIGN_OR_RETURN(storage::OversightQuery q, StoreQuery(actor, query));
  KANGFU_ASSIGN_OR_RETURN(storage::OversightPage<storage::FaultToleranceRow> page,
                          store_->Oversight().ListFaultTolerance(q));
  OversightList<FaultToleranceView> list{{}, page.total, query.page, query.page_size};
  for (const storage::FaultToleranceRow& row : page.items) {
    KANGFU_ASSIGN_OR_RETURN(FaultToleranceView view, FaultToleranceViewOf(row));
    list.items.push_back(std::move(view));
  }
  KANGFU_RETURN_IF_ERROR(store_->InTransaction([&] {
    AuditEvent event;
    event.action = "oversight.list";
    event.object_type = "fault_tolerance";
    event.detail = ListDetail("fault_tolerance", q, page.total);
    return audit_->Record(actor, event);
  }));
  return list;
}

// --- a person's records ---

Result<PersonOversight> OversightService::PersonRecords(const Actor& actor, RowId person_id,
                                                        domain::Date today) {
  const bool oversight = actor.Can(Permission::kReadOversight);
  const bool talks = actor.Can(Permission::kReadInterviews);
  if (!oversight && !talks) return RequirePermission(actor, Permission::kReadOversight);
  orgs_.clear();
  person_names_.clear();
  KANGFU_RETURN_IF_ERROR(RequirePerson(actor, person_id, "id").status());
  storage::OversightQuery q;
  q.root_org_id = actor.jurisdiction_org;
  q.person_id = person_id;
  q.limit = 1000;
  PersonOversight out;
  out.person_id = person_id;
  out.clues_included = oversight;
  out.interviews_included = talks;
  if (oversight) {
    KANGFU_ASSIGN_OR_RETURN(auto clues, store_->Oversight().ListClues(q));
    for (const storage::ClueRow& row : clues.items) {
      KANGFU_ASSIGN_OR_RETURN(ClueView view, ClueViewOf(row, today));
      out.clues.push_back(std::move(view));
    }
    KANGFU_ASSIGN_OR_RETURN(auto clearances, store_->Oversight().ListClearances(q));
    for (const storage::ClearanceRow& row : clearances.items) {
      KANGFU_ASSIGN_OR_RETURN(ClearanceView view, ClearanceViewOf(row));
      out.clearances.push_back(std::move(view));
    }
    KANGFU_ASSIGN_OR_RETURN(auto tolerance, store_->Oversight().ListFaultTolerance(q));
    for (const storage::FaultToleranceRow& row : tolerance.items) {
      KANGFU_ASSIGN_OR_RETURN(FaultToleranceView view, FaultToleranceViewOf(row));
      out.fault_tolerance.push_back(std::move(view));
    }
  }
  if (talks) {
    KANGFU_ASSIGN_OR_RETURN(auto interviews, store_->Oversight().ListInterviews(q));
    for (const storage::InterviewRow& row : interviews.items) {
      KANGFU_ASSIGN_OR_RETURN(InterviewView view, InterviewViewOf(row));
      out.interviews.push_back(std::move(view));
    }
  }
  KANGFU_RETURN_IF_ERROR(store_->InTransaction(
      [&] { return Audit(actor, "oversight.person", "person", person_id, "", ""); }));
  return out;
}

}  // namespace kangfu::app
