#include "app/status_service.hpp"

#include <algorithm>

#include "app/history.hpp"
#include "domain/oversight/oversight.hpp"

namespace kangfu::app {
namespace {

std::vector<domain::Action> Deduplicate(const std::vector<domain::Action>& actions) {
  std::vector<domain::Action> out;
  for (domain::Action action : actions) {
    if (std::find(out.begin(), out.end(), action) == out.end()) out.push_back(action);
  }
  return out;
}

Status PersonNotFound(const std::string& field) {
  return Status::NotFound("person.not_found", "未找到该人员，请核对身份证号码或人员编号", field);
}

std::string ActionsDetail(domain::Date as_of, const std::vector<domain::Action>& actions) {
  std::string detail = "as_of=" + as_of.ToString() + " actions=";
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (i > 0) detail += ",";
    detail += domain::ActionCode(actions[i]);
  }
  return detail;
}

Status RecordRead(AuditSink& audit, const Actor& actor, const PersonStatus& status,
                  const std::vector<domain::Action>& actions) {
  AuditEvent event;
  event.action = "person.status";
  event.object_type = "person";
  event.object_id = std::to_string(status.person_id);
  event.detail = ActionsDetail(status.as_of, actions);
  return audit.Record(actor, event);
}

}  // namespace

std::string StatusSummary(domain::Action action, domain::VerdictKind verdict,
                          const std::optional<domain::Date>& allowed_from) {
  std::string text(domain::ActionLabel(action));
  switch (verdict) {
    case domain::VerdictKind::kAllowed:
      return text + "：可以";
    case domain::VerdictKind::kBlocked:
      if (allowed_from) {
        return text + "：受处分影响期限制，自" + allowed_from->ToString() + "起方可";
      }
      return text + "：受处分影响期限制，解除日期尚未确定";
    case domain::VerdictKind::kHold:
      return text + "：有尚未办结的问题线索、审查调查或停职检查，暂缓办理";
  }
  return text;
}

Result<std::string> StatusService::UnitPath(storage::RowId unit_id) {
  auto found = org_paths_.find(unit_id);
  if (found == org_paths_.end()) {
    Result<storage::Organisation> unit = store_->GetOrganisation(unit_id);
    if (!unit.ok()) {
      if (unit.status().code() == ErrorCode::kNotFound) {
        return Status::Internal("person's unit " + std::to_string(unit_id) + " is missing");
      }
      return unit.status();
    }
    found = org_paths_.emplace(unit_id, unit->path).first;
  }
  return found->second;
}

Status StatusService::CheckJurisdiction(const Actor& actor, storage::RowId unit_id,
                                        const std::string& field) {
  KANGFU_ASSIGN_OR_RETURN(std::string path, UnitPath(unit_id));
  if (!actor.InJurisdiction(path)) return PersonNotFound(field);
  return Status::Ok();
}

Result<const StatusFactsCache::Facts*> StatusService::FactsOf(const StatusQuery& query,
                                                              const std::string& field,
                                                              StatusFactsCache::Facts* loaded) {
  const bool cached = query.person.id != 0 && cache_ != nullptr && cache_->usable();
  if (cached) {
    if (const StatusFactsCache::Facts* facts = cache_->Find(query.person.id)) return facts;
  }
  std::string id_number = query.person.id_number;
  if (query.person.id != 0) {
    Result<storage::Person> person = store_->GetPerson(query.person.id);
    if (!person.ok()) {
      if (person.status().code() == ErrorCode::kNotFound) return PersonNotFound(field);
      return person.status();
    }
    id_number = person->id_number;
  }
  Result<storage::PersonHistory> history = store_->LoadHistory(id_number);
  if (!history.ok()) {
    if (history.status().code() == ErrorCode::kNotFound) return PersonNotFound(field);
    return history.status();
  }
  loaded->history = std::move(history).value();
  KANGFU_ASSIGN_OR_RETURN(loaded->unit_path, UnitPath(loaded->history.person.unit_id));
  KANGFU_ASSIGN_OR_RETURN(loaded->decisions,
                          store_->Oversight().FaultToleranceOfPerson(loaded->history.person.id));
  if (cached) return &cache_->Keep(query.person.id, std::move(*loaded));
  return loaded;
}

Result<PersonStatus> StatusService::EvaluateHistory(
    const Actor& actor, const storage::PersonHistory& history,
    std::span<const storage::FaultToleranceRow> decisions, domain::Date as_of,
    const std::vector<domain::Action>& actions) {
  const domain::Catalogue& catalogue = engine_.catalogue();
  // 容错纠错: a measure exempted (免责) produces no restriction from its start (as
  // LoadEngineHistory, with the decisions read by the caller).
  KANGFU_ASSIGN_OR_RETURN(DomainHistory domain_history, ToDomainHistory(history, catalogue));
  ApplyExemptions(decisions, domain_history);
  engine_.ComputeRestrictions(domain_history.measures, &restrictions_);

  PersonStatus status;
  status.person_id = history.person.id;
  status.name = history.person.name;
  status.id_number = history.person.id_number;
  status.as_of = as_of;
  status.facts_included = actor.Can(Permission::kReadCaseFacts);
  if (status.facts_included) {
    for (const storage::FaultToleranceRow& decision : domain_history.exemptions) {
      ExemptionFact fact;
      fact.fault_tolerance_id = decision.id;
      fact.measure_id = decision.measure_id;
      for (const storage::Measure& m : history.measures) {
        if (m.id != decision.measure_id) continue;
        fact.measure_kind = m.kind;
        for (const storage::Case& c : history.cases) {
          if (c.id == m.case_id) fact.decision_number = c.decision_number;
        }
      }
      fact.ground = decision.ground;
      fact.ground_label = std::string(
          domain::oversight::LabelOf(domain::oversight::ThreeDistinctions(), decision.ground));
      fact.approver = decision.approver;
      fact.date = decision.date;
      status.exemptions.push_back(std::move(fact));
    }
  }
  for (domain::Action action : actions) {
    engine_.Evaluate(domain_history.measures, restrictions_, domain_history.holds, action, as_of,
                     &verdict_);
    ActionStatus answer;
    answer.action = action;
    answer.verdict = verdict_.kind;
    answer.allowed_from = verdict_.allowed_from;
    answer.summary = StatusSummary(action, verdict_.kind, verdict_.allowed_from);
    if (status.facts_included) {
      for (const domain::Restriction& restriction : verdict_.in_force) {
        const storage::Measure& row = *domain_history.measure_rows[restriction.measure];
        RestrictionFact fact;
        fact.measure_id = row.id;
        fact.measure_kind = row.kind;
        fact.measure_name = catalogue.kind(domain_history.measures[restriction.measure].kind).name;
        fact.case_id = row.case_id;
        for (const storage::Case& c : history.cases) {
          if (c.id == row.case_id) fact.decision_number = c.decision_number;
        }
        fact.from = restriction.from;
        fact.to = restriction.LastDay();
        fact.basis = catalogue.kind(restriction.basis_kind).basis;
        answer.restrictions.push_back(std::move(fact));
      }
      for (uint32_t index : verdict_.holds) {
        const storage::Hold& row = *domain_history.hold_rows[index];
        const domain::Hold& hold = domain_history.holds[index];
        answer.holds.push_back({row.id, 0, std::string(domain::HoldKindCode(hold.kind)),
                                std::string(domain::HoldKindLabel(hold.kind)), hold.from, hold.to});
      }
      for (uint32_t index : verdict_.suspensions) {
        const storage::Measure& row = *domain_history.measure_rows[index];
        const domain::Measure& measure = domain_history.measures[index];
        std::optional<domain::Date> last_day;
        if (measure.ended) last_day = measure.ended->AddDays(-1);
        answer.holds.push_back(
            {0, row.id, row.kind, catalogue.kind(measure.kind).name, measure.effective, last_day});
      }
    }
    status.actions.push_back(std::move(answer));
  }
  return status;
}

Result<PersonStatus> StatusService::Evaluate(const Actor& actor, const StatusQuery& query) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadStatusAnswers));
  const bool by_id = query.person.id != 0;
  const bool by_number = !query.person.id_number.empty();
  if (by_id == by_number) {
    return Status::Invalid("id_number", "status.person", "请提供人员编号或身份证号码（二者选一）");
  }
  const std::vector<domain::Action> actions = Deduplicate(query.actions);
  if (actions.empty()) {
    return Status::Invalid("actions", "status.actions", "请至少选择一项要查询的事项");
  }
  org_paths_.clear();
  const std::string field = by_id ? "id" : "id_number";
  StatusFactsCache::Facts loaded;
  KANGFU_ASSIGN_OR_RETURN(const StatusFactsCache::Facts* facts, FactsOf(query, field, &loaded));
  if (!actor.InJurisdiction(facts->unit_path)) return PersonNotFound(field);
  KANGFU_ASSIGN_OR_RETURN(
      PersonStatus status,
      EvaluateHistory(actor, facts->history, facts->decisions, query.as_of, actions));
  // Reads happen outside the transaction (a lookup that finds nothing would doom it); the
  // answer is released only once its audit entry is committed.
  KANGFU_RETURN_IF_ERROR(
      store_->InTransaction([&] { return RecordRead(*audit_, actor, status, actions); }));
  return status;
}

Result<std::vector<BatchItem>> StatusService::EvaluateBatch(
    const Actor& actor, const std::vector<std::string>& id_numbers, domain::Date as_of,
    const std::vector<domain::Action>& requested_actions) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadStatusAnswers));
  if (id_numbers.empty() || id_numbers.size() > kMaxBatchPersons) {
    return Status::Invalid(
        "id_numbers", "status.batch_size",
        "一次查询的人数须在1至" + std::to_string(kMaxBatchPersons) + "之间，请分批查询");
  }
  const std::vector<domain::Action> actions = Deduplicate(requested_actions);
  if (actions.empty()) {
    return Status::Invalid("actions", "status.actions", "请至少选择一项要查询的事项");
  }
  org_paths_.clear();
  std::vector<BatchItem> items;
  items.reserve(id_numbers.size());
  for (std::size_t i = 0; i < id_numbers.size(); ++i) {
    const std::string field = "id_numbers[" + std::to_string(i) + "]";
    Result<storage::PersonHistory> history = store_->LoadHistory(id_numbers[i]);
    if (!history.ok()) {
      if (history.status().code() != ErrorCode::kNotFound) return history.status();
      items.push_back({id_numbers[i], PersonNotFound(field)});
      continue;
    }
    Status in_jurisdiction = CheckJurisdiction(actor, history->person.unit_id, field);
    if (!in_jurisdiction.ok()) {
      if (in_jurisdiction.code() != ErrorCode::kNotFound) return in_jurisdiction;
      items.push_back({id_numbers[i], std::move(in_jurisdiction)});
      continue;
    }
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::FaultToleranceRow> decisions,
                            store_->Oversight().FaultToleranceOfPerson(history->person.id));
    KANGFU_ASSIGN_OR_RETURN(PersonStatus status,
                            EvaluateHistory(actor, *history, decisions, as_of, actions));
    items.push_back({id_numbers[i], std::move(status)});
  }
  Status audited = store_->InTransaction([&]() -> Status {
    for (const BatchItem& item : items) {
      if (item.status.ok()) {
        KANGFU_RETURN_IF_ERROR(RecordRead(*audit_, actor, item.status.value(), actions));
      }
    }
    return Status::Ok();
  });
  if (!audited.ok()) return audited;
  return items;
}

}  // namespace kangfu::app
