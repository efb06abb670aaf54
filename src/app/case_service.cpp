#include "app/case_service.hpp"

#include <algorithm>

#include "app/history.hpp"
#include "app/record_json.hpp"

namespace kangfu::app {
namespace {

constexpr const char* kPersonNotFound = "未找到该人员，请核对人员信息";
constexpr const char* kCaseNotFound = "未找到该案件，可能已被删除或不在管辖范围内";
constexpr const char* kMeasureNotFound = "未找到该处分处理措施，可能已被删除或不在管辖范围内";
constexpr const char* kHoldNotFound = "未找到该在办事项（线索核查或审查调查）记录";

Status Stale() {
  return Status::Error(ErrorCode::kConflict, "record.stale",
                       "该记录已被他人修改，请刷新后在最新内容上重新编辑", "version");
}

Status Audit(AuditSink& audit, const Actor& actor, std::string action, std::string type, int64_t id,
             std::string before, std::string after) {
  AuditEvent event;
  event.action = std::move(action);
  event.object_type = std::move(type);
  event.object_id = std::to_string(id);
  event.before_json = std::move(before);
  event.after_json = std::move(after);
  return audit.Record(actor, event);
}

storage::Measure ToRow(const MeasureInput& input, storage::RowId case_id) {
  storage::Measure row;
  row.case_id = case_id;
  row.kind = input.kind;
  row.effective = input.effective;
  row.term_months = input.term_months;
  row.extended_on = input.extended_on;
  if (input.outcome) {
    row.outcome = input.outcome->kind == domain::ProbationOutcomeKind::kRestored
                      ? storage::OutcomeKind::kRestored
                      : storage::OutcomeKind::kExpelled;
    row.outcome_date = input.outcome->date;
  }
  row.ended = input.ended;
  row.period_months = input.period_months;
  return row;
}

}  // namespace

Result<domain::Measure> CaseService::ValidateOne(const MeasureInput& input,
                                                 const std::string& prefix) const {
  const std::string dot = prefix.empty() ? "" : prefix + ".";
  std::optional<domain::KindIndex> kind = engine_.catalogue().Find(input.kind);
  if (!kind) {
    // The same words as codec::ParseMeasure, so that `kangfu rules eval` and the API agree.
    return Status::Invalid(
        dot + "kind", "measure.unknown_kind",
        "未知的处分处理措施“" + input.kind + "”，请从措施目录中选择（如 party.warning）");
  }
  domain::Measure measure;
  measure.kind = *kind;
  measure.effective = input.effective;
  measure.term_months = input.term_months;
  measure.extended_on = input.extended_on;
  measure.outcome = input.outcome;
  measure.ended = input.ended;
  measure.period_months = input.period_months;
  Status status = engine_.ValidateMeasure(measure);
  if (!status.ok()) {
    if (!prefix.empty()) status.PrefixField(prefix);
    return status;
  }
  return measure;
}

Status CaseService::Validate(const CaseInput& input) const {
  if (input.decision_number.empty()) {
    return Status::Invalid("decision_number", "case.decision_number",
                           "请填写处理决定的文号（如 某纪发〔2026〕1号）");
  }
  if (input.measures.empty()) {
    return Status::Invalid("measures", "case.measures_empty", "一个案件至少须包含一项处分处理措施");
  }
  for (std::size_t i = 0; i < input.measures.size(); ++i) {
    Result<domain::Measure> measure =
        ValidateOne(input.measures[i], "measures[" + std::to_string(i) + "]");
    if (!measure.ok()) return measure.status();
  }
  return Status::Ok();
}

Status CaseService::CheckUnit(const Actor& actor, storage::RowId unit_id, const char* reason,
                              const char* message, const char* field) {
  Result<storage::Organisation> unit = store_->GetOrganisation(unit_id);
  if (!unit.ok()) return unit.status();
  if (!actor.InJurisdiction(unit->path)) return Status::NotFound(reason, message, field);
  return Status::Ok();
}

Result<std::vector<storage::Measure>> CaseService::MeasuresOfCase(const storage::Case& c) {
  KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(c.person_id));
  KANGFU_ASSIGN_OR_RETURN(storage::PersonHistory history, store_->LoadHistory(person.id_number));
  std::vector<storage::Measure> out;
  for (storage::Measure& m : history.measures) {
    if (m.case_id == c.id) out.push_back(std::move(m));
  }
  return out;
}

Result<int> CaseService::FormOf(const std::vector<storage::Measure>& measures) const {
  std::vector<domain::Measure> domain_measures;
  domain_measures.reserve(measures.size());
  for (const storage::Measure& row : measures) {
    KANGFU_ASSIGN_OR_RETURN(domain::Measure measure, ToDomainMeasure(row, engine_.catalogue()));
    domain_measures.push_back(std::move(measure));
  }
  return engine_.CaseForm(domain_measures).value_or(0);
}

Result<storage::Case> CaseService::CaseInJurisdiction(const Actor& actor, storage::RowId case_id,
                                                      const char* reason, const char* message) {
  Result<storage::Case> c = store_->GetCase(case_id);
  if (!c.ok()) {
    if (c.status().code() == ErrorCode::kNotFound) return Status::NotFound(reason, message);
    return c.status();
  }
  KANGFU_RETURN_IF_ERROR(CheckUnit(actor, c->unit_id, reason, message, ""));
  return c;
}

Result<RecordedCase> CaseService::CreateCase(const Actor& actor, const CaseInput& input) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteCases));
  KANGFU_RETURN_IF_ERROR(Validate(input));
  RecordedCase recorded;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(storage::Person person, store_->GetPerson(input.person_id));
    KANGFU_RETURN_IF_ERROR(
        CheckUnit(actor, person.unit_id, "person.not_found", kPersonNotFound, "person_id"));
    std::vector<storage::Measure> rows;
    rows.reserve(input.measures.size());
    for (const MeasureInput& m : input.measures) rows.push_back(ToRow(m, 0));
    KANGFU_ASSIGN_OR_RETURN(int form, FormOf(rows));
    storage::Case c;
    c.person_id = input.person_id;
    c.organ_id = input.organ_id;
    c.decision_number = input.decision_number;
    c.decision_date = input.decision_date;
    c.discipline = input.discipline;
    c.source = input.source;
    c.form = form;
    KANGFU_ASSIGN_OR_RETURN(recorded.record, store_->AddCase(c));
    for (storage::Measure& row : rows) {
      row.case_id = recorded.record.id;
      KANGFU_ASSIGN_OR_RETURN(storage::Measure stored, store_->AddMeasure(row));
      recorded.measures.push_back(std::move(stored));
    }
    if (on_recorded_) KANGFU_RETURN_IF_ERROR(on_recorded_(actor, recorded));
    return Audit(*audit_, actor, "case.create", "case", recorded.record.id, "",
                 CaseSnapshot(recorded.record, recorded.measures));
  });
  if (!status.ok()) {
    if (status.reason() == "person.not_found") {
      return Status::NotFound("person.not_found", kPersonNotFound, "person_id");
    }
    return status;
  }
  return recorded;
}

Result<RecordedCase> CaseService::ReadCase(const Actor& actor, storage::RowId case_id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadCaseFacts));
  RecordedCase recorded;
  KANGFU_ASSIGN_OR_RETURN(recorded.record,
                          CaseInJurisdiction(actor, case_id, "case.not_found", kCaseNotFound));
  KANGFU_ASSIGN_OR_RETURN(recorded.measures, MeasuresOfCase(recorded.record));
  KANGFU_RETURN_IF_ERROR(store_->InTransaction(
      [&] { return Audit(*audit_, actor, "case.read", "case", case_id, "", ""); }));
  return recorded;
}

Result<RecordedCase> CaseService::AddMeasure(const Actor& actor, storage::RowId case_id,
                                             int64_t case_version, const MeasureInput& measure) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteCases));
  KANGFU_RETURN_IF_ERROR(ValidateOne(measure, "").status());
  RecordedCase recorded;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(storage::Case c,
                            CaseInJurisdiction(actor, case_id, "case.not_found", kCaseNotFound));
    if (c.version != case_version) return Stale();
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Measure> before, MeasuresOfCase(c));
    const std::string before_json = CaseSnapshot(c, before);
    KANGFU_ASSIGN_OR_RETURN(storage::Measure stored, store_->AddMeasure(ToRow(measure, c.id)));
    recorded.measures = std::move(before);
    recorded.measures.push_back(std::move(stored));
    KANGFU_ASSIGN_OR_RETURN(c.form, FormOf(recorded.measures));
    KANGFU_ASSIGN_OR_RETURN(recorded.record, store_->UpdateCase(c));
    if (on_changed_) KANGFU_RETURN_IF_ERROR(on_changed_(actor, c.person_id));
    return Audit(*audit_, actor, "case.measure_add", "case", c.id, before_json,
                 CaseSnapshot(recorded.record, recorded.measures));
  });
  if (!status.ok()) return status;
  return recorded;
}

Result<storage::Measure> CaseService::RecordOutcome(const Actor& actor, storage::RowId measure_id,
                                                    int64_t version,
                                                    domain::ProbationOutcome outcome) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteCases));
  storage::Measure result;
  Status status = store_->InTransaction([&]() -> Status {
    Result<storage::Measure> row = store_->GetMeasure(measure_id);
    if (!row.ok()) return row.status();
    KANGFU_ASSIGN_OR_RETURN(
        storage::Case c,
        CaseInJurisdiction(actor, row->case_id, "measure.not_found", kMeasureNotFound));
    if (row->version != version) return Stale();
    storage::Measure updated = *row;
    updated.outcome = outcome.kind == domain::ProbationOutcomeKind::kRestored
                          ? storage::OutcomeKind::kRestored
                          : storage::OutcomeKind::kExpelled;
    updated.outcome_date = outcome.date;
    KANGFU_ASSIGN_OR_RETURN(domain::Measure measure, ToDomainMeasure(updated, engine_.catalogue()));
    KANGFU_RETURN_IF_ERROR(engine_.ValidateMeasure(measure));
    KANGFU_ASSIGN_OR_RETURN(result, store_->UpdateMeasure(updated));
    if (on_changed_) KANGFU_RETURN_IF_ERROR(on_changed_(actor, c.person_id));
    return Audit(*audit_, actor, "measure.outcome", "measure", result.id, MeasureSnapshot(*row),
                 MeasureSnapshot(result));
  });
  if (!status.ok()) return status;
  return result;
}

Result<storage::Measure> CaseService::RevokeMeasure(const Actor& actor, storage::RowId measure_id,
                                                    int64_t version) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteCases));
  storage::Measure result;
  Status status = store_->InTransaction([&]() -> Status {
    Result<storage::Measure> row = store_->GetMeasure(measure_id);
    if (!row.ok()) return row.status();
    KANGFU_ASSIGN_OR_RETURN(
        storage::Case c,
        CaseInJurisdiction(actor, row->case_id, "measure.not_found", kMeasureNotFound));
    if (row->version != version) return Stale();
    if (row->revoked) {
      return Status::Error(ErrorCode::kFailedPrecondition, "measure.already_revoked",
                           "该处分处理措施已经撤销，无需再次撤销");
    }
    storage::Measure updated = *row;
    updated.revoked = true;
    KANGFU_ASSIGN_OR_RETURN(result, store_->UpdateMeasure(updated));
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Measure> measures, MeasuresOfCase(c));
    KANGFU_ASSIGN_OR_RETURN(c.form, FormOf(measures));
    KANGFU_RETURN_IF_ERROR(store_->UpdateCase(c).status());
    if (on_changed_) KANGFU_RETURN_IF_ERROR(on_changed_(actor, c.person_id));
    return Audit(*audit_, actor, "measure.revoke", "measure", result.id, MeasureSnapshot(*row),
                 MeasureSnapshot(result));
  });
  if (!status.ok()) return status;
  return result;
}

Result<storage::Hold> CaseService::OpenHold(const Actor& actor, storage::RowId person_id,
                                            storage::HoldKind kind, domain::Date from) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteCases));
  storage::Hold result;
  Status status = store_->InTransaction([&]() -> Status {
    Result<storage::Person> person = store_->GetPerson(person_id);
    if (!person.ok()) return person.status();
    KANGFU_RETURN_IF_ERROR(
        CheckUnit(actor, person->unit_id, "person.not_found", kPersonNotFound, "person_id"));
    storage::Hold hold;
    hold.person_id = person_id;
    hold.kind = kind;
    hold.from = from;
    KANGFU_ASSIGN_OR_RETURN(result, store_->AddHold(hold));
    return Audit(*audit_, actor, "hold.open", "hold", result.id, "", HoldSnapshot(result));
  });
  if (!status.ok()) {
    if (status.reason() == "person.not_found") {
      return Status::NotFound("person.not_found", kPersonNotFound, "person_id");
    }
    return status;
  }
  return result;
}

Result<storage::Hold> CaseService::CloseHold(const Actor& actor, storage::RowId person_id,
                                             storage::RowId hold_id, int64_t version,
                                             domain::Date to) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteCases));
  storage::Hold result;
  Status status = store_->InTransaction([&]() -> Status {
    Result<storage::Person> person = store_->GetPerson(person_id);
    if (!person.ok()) return Status::NotFound("hold.not_found", kHoldNotFound);
    KANGFU_RETURN_IF_ERROR(CheckUnit(actor, person->unit_id, "hold.not_found", kHoldNotFound, ""));
    KANGFU_ASSIGN_OR_RETURN(storage::PersonHistory history, store_->LoadHistory(person->id_number));
    auto found = std::find_if(history.holds.begin(), history.holds.end(),
                              [&](const storage::Hold& h) { return h.id == hold_id; });
    if (found == history.holds.end()) return Status::NotFound("hold.not_found", kHoldNotFound);
    if (found->version != version) return Stale();
    if (found->to) {
      return Status::Error(ErrorCode::kFailedPrecondition, "hold.already_closed",
                           "该事项已于" + found->to->ToString() + "办结，无需再次办结");
    }
    storage::Hold updated = *found;
    updated.to = to;
    KANGFU_RETURN_IF_ERROR(domain::Engine::ValidateHold(ToDomainHold(updated)));
    KANGFU_ASSIGN_OR_RETURN(result, store_->UpdateHold(updated));
    return Audit(*audit_, actor, "hold.close", "hold", result.id, HoldSnapshot(*found),
                 HoldSnapshot(result));
  });
  if (!status.ok()) return status;
  return result;
}

Result<CasePreview> CaseService::Preview(const Actor& actor, const CaseInput& input) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteCases));
  if (input.measures.empty()) {
    return Status::Invalid("measures", "case.measures_empty", "一个案件至少须包含一项处分处理措施");
  }
  std::vector<domain::Measure> fresh;
  for (std::size_t i = 0; i < input.measures.size(); ++i) {
    KANGFU_ASSIGN_OR_RETURN(domain::Measure measure,
                            ValidateOne(input.measures[i], "measures[" + std::to_string(i) + "]"));
    measure.id = "new-" + std::to_string(i);
    measure.case_id = "new";
    fresh.push_back(std::move(measure));
  }
  CasePreview preview;
  preview.form = engine_.CaseForm(fresh).value_or(0);

  std::vector<domain::Measure> all;
  storage::PersonHistory history;
  if (input.person_id != 0) {
    Result<storage::Person> person = store_->GetPerson(input.person_id);
    if (!person.ok()) {
      if (person.status().code() == ErrorCode::kNotFound) {
        return Status::NotFound("person.not_found", kPersonNotFound, "person_id");
      }
      return person.status();
    }
    KANGFU_RETURN_IF_ERROR(
        CheckUnit(actor, person->unit_id, "person.not_found", kPersonNotFound, "person_id"));
    KANGFU_ASSIGN_OR_RETURN(history, store_->LoadHistory(person->id_number));
    // 容错纠错: an exempted measure (免责) neither restricts nor stacks with the new case.
    KANGFU_ASSIGN_OR_RETURN(DomainHistory recorded,
                            LoadEngineHistory(*store_, history, engine_.catalogue()));
    all = std::move(recorded.measures);
  }
  const std::size_t first_new = all.size();
  all.insert(all.end(), fresh.begin(), fresh.end());
  std::vector<domain::Restriction> restrictions;
  engine_.ComputeRestrictions(all, &restrictions);
  for (const domain::Restriction& r : restrictions) {
    if (r.measure < first_new) continue;
    preview.restrictions.push_back({r.measure - first_new, r.action, r.from, r.LastDay(),
                                    engine_.catalogue().kind(r.basis_kind).basis});
  }
  if (input.person_id != 0) {
    AuditEvent event;
    event.action = "person.preview";
    event.object_type = "person";
    event.object_id = std::to_string(input.person_id);
    KANGFU_RETURN_IF_ERROR(store_->InTransaction([&] { return audit_->Record(actor, event); }));
  }
  return preview;
}

}  // namespace kangfu::app
