#include "app/person_service.hpp"

#include <algorithm>
#include <map>

#include "app/record_json.hpp"
#include "domain/id_number.hpp"

namespace kangfu::app {
namespace {

Status PersonNotFound() {
  return Status::NotFound("person.not_found", "未找到该人员，或该人员不在本账号的管辖范围内", "id");
}

Status UnitNotFound() {
  return Status::NotFound("organisation.not_found",
                          "未找到该单位，或该单位不在本账号的管辖范围内，请重新选择所在单位",
                          "unit_id");
}

Status Stale() {
  return Status::Error(ErrorCode::kConflict, "record.stale",
                       "该人员信息已被他人修改，请刷新后在最新内容上重新编辑", "version");
}

storage::Person ToRow(const PersonInput& input) {
  storage::Person row;
  row.id_number = input.id_number;
  row.name = input.name;
  row.unit_id = input.unit_id;
  row.post = input.post;
  row.post_level = input.post_level;
  row.party_member = input.party_member;
  row.civil_servant = input.civil_servant;
  row.leading_cadre = input.leading_cadre;
  return row;
}

Status Audit(AuditSink& audit, const Actor& actor, std::string action, storage::RowId id,
             std::string before, std::string after) {
  AuditEvent event;
  event.action = std::move(action);
  event.object_type = "person";
  event.object_id = std::to_string(id);
  event.before_json = std::move(before);
  event.after_json = std::move(after);
  return audit.Record(actor, event);
}

}  // namespace

Status PersonService::Validate(const PersonInput& input) {
  const bool blank = std::all_of(input.name.begin(), input.name.end(),
                                 [](char c) { return c == ' ' || c == '\t'; });
  if (blank) return Status::Invalid("name", "person.name_empty", "请填写人员姓名");
  return domain::ValidateIdNumber(input.id_number);
}

Result<storage::Organisation> PersonService::UnitInJurisdiction(const Actor& actor,
                                                                storage::RowId unit_id) {
  Result<storage::Organisation> unit = store_->GetOrganisation(unit_id);
  if (!unit.ok()) {
    if (unit.status().code() == ErrorCode::kNotFound) return UnitNotFound();
    return unit;
  }
  if (!actor.InJurisdiction(unit->path)) return UnitNotFound();
  return unit;
}

Result<storage::Person> PersonService::PersonInJurisdiction(const Actor& actor, storage::RowId id,
                                                            storage::Organisation* unit) {
  Result<storage::Person> person = store_->GetPerson(id);
  if (!person.ok()) {
    if (person.status().code() == ErrorCode::kNotFound) return PersonNotFound();
    return person;
  }
  Result<storage::Organisation> found = store_->GetOrganisation(person->unit_id);
  if (!found.ok()) return found.status();
  if (!actor.InJurisdiction(found->path)) return PersonNotFound();
  *unit = std::move(found).value();
  return person;
}

Result<storage::Person> PersonService::Create(const Actor& actor, const PersonInput& input) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteCases));
  KANGFU_RETURN_IF_ERROR(Validate(input));
  // Lookups happen before the transaction: one that finds nothing would doom it.
  KANGFU_RETURN_IF_ERROR(UnitInJurisdiction(actor, input.unit_id).status());
  storage::Person created;
  KANGFU_RETURN_IF_ERROR(store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(created, store_->AddPerson(ToRow(input)));
    return Audit(*audit_, actor, "person.create", created.id, "", PersonSnapshot(created));
  }));
  return created;
}

Result<storage::Person> PersonService::Update(const Actor& actor, storage::RowId id,
                                              int64_t version, const PersonInput& input) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteCases));
  storage::Organisation current_unit;
  KANGFU_ASSIGN_OR_RETURN(storage::Person before, PersonInJurisdiction(actor, id, &current_unit));
  KANGFU_RETURN_IF_ERROR(Validate(input));
  if (input.unit_id != before.unit_id) {
    KANGFU_RETURN_IF_ERROR(UnitInJurisdiction(actor, input.unit_id).status());
  }
  if (before.version != version) return Stale();
  storage::Person row = ToRow(input);
  row.id = id;
  row.version = version;
  storage::Person updated;
  Status status = store_->InTransaction([&]() -> Status {
    KANGFU_ASSIGN_OR_RETURN(updated, store_->UpdatePerson(row));
    return Audit(*audit_, actor, "person.update", id, PersonSnapshot(before),
                 PersonSnapshot(updated));
  });
  if (!status.ok()) {
    // Changed between our read and the write: the same answer as a stale version.
    if (status.reason() == "record.stale") return Stale();
    return status;
  }
  return updated;
}

Result<PersonFile> PersonService::ReadFile(const Actor& actor, storage::RowId id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadCaseFacts));
  PersonFile file;
  KANGFU_ASSIGN_OR_RETURN(file.person, PersonInJurisdiction(actor, id, &file.unit));
  KANGFU_ASSIGN_OR_RETURN(storage::PersonHistory history,
                          store_->LoadHistory(file.person.id_number));
  std::map<storage::RowId, std::size_t> index;
  for (storage::Case& c : history.cases) {
    index.emplace(c.id, file.cases.size());
    file.cases.push_back({std::move(c), {}});
  }
  for (storage::Measure& m : history.measures) {
    auto found = index.find(m.case_id);
    if (found == index.end()) {
      return Status::Internal("measure " + std::to_string(m.id) + " of an unknown case " +
                              std::to_string(m.case_id));
    }
    file.cases[found->second].measures.push_back(std::move(m));
  }
  file.holds = std::move(history.holds);
  if (actor.Can(Permission::kReadOversight)) {
    KANGFU_ASSIGN_OR_RETURN(file.fault_tolerance,
                            store_->Oversight().FaultToleranceOfPerson(file.person.id));
    KANGFU_ASSIGN_OR_RETURN(file.clearances,
                            store_->Oversight().ClearancesOfPerson(file.person.id));
  }
  // The file is released only once its read is on the audit log.
  KANGFU_RETURN_IF_ERROR(store_->InTransaction(
      [&] { return Audit(*audit_, actor, "person.read", file.person.id, "", ""); }));
  return file;
}

}  // namespace kangfu::app
