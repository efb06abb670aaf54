#ifndef KANGFU_APP_CASE_SERVICE_HPP_
#define KANGFU_APP_CASE_SERVICE_HPP_

// Recording dispositions: a case with its measures, later measures, probation outcomes,
// revocations, and the holds (open matters) on a person. Every write checks
// Permission::kWriteCases and the jurisdiction, validates exactly as `kangfu rules eval` does
// (same reason codes, Chinese messages and field paths), keeps the case's four-forms class
// (Engine::CaseForm) up to date, and is audited with its before/after state in the same
// transaction: on any failure, the audit sink's included, nothing is written.
//
// Common errors:
//   kPermissionDenied "auth.forbidden" without kWriteCases;
//   kNotFound "person.not_found" / "case.not_found" / "measure.not_found" / "hold.not_found"
//     when the record does not exist or lies outside the actor's jurisdiction;
//   kConflict "record.stale" (field "version") when the record changed since it was read;
//   the audit sink's error.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "core/status.hpp"
#include "domain/engine.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

// One measure as entered (the members of the rule-case format but id, case and revoked).
struct MeasureInput {
  std::string kind;  // catalogue code
  domain::Date effective;
  std::optional<int> term_months;
  std::optional<domain::Date> extended_on;
  std::optional<domain::ProbationOutcome> outcome;
  std::optional<domain::Date> ended;
  std::optional<int> period_months;
};

struct CaseInput {
  storage::RowId person_id = 0;
  storage::RowId organ_id = 0;
  std::string decision_number;
  domain::Date decision_date;
  storage::Discipline discipline = storage::Discipline::kPolitical;
  storage::CaseSource source = storage::CaseSource::kOther;
  std::vector<MeasureInput> measures;
};

struct RecordedCase {
  storage::Case record;
  std::vector<storage::Measure> measures;  // of this case, in store order
};

// What an unsaved case would impose, on top of the person's record (for the entry screen).
struct PreviewRestriction {
  std::size_t measure_index = 0;  // into CaseInput::measures
  domain::Action action = domain::Action::kPromote;
  domain::Date from;
  std::optional<domain::Date> to;  // last restricted day; nullopt when open-ended
  std::string basis;
};
struct CasePreview {
  int form = 0;  // four-forms class 1-4
  std::vector<PreviewRestriction> restrictions;
};

class CaseService {
 public:
  // Everything referenced must outlive the service. One service per Store (one thread).
  CaseService(storage::Store& store, const domain::Catalogue& catalogue,
              domain::EngineOptions options, AuditSink& audit)
      : store_(&store), engine_(catalogue, options), audit_(&audit) {}

  // One case with its measures, for case-fact readers; audit "case.read" (a read of the
  // person's file). kPermissionDenied "auth.forbidden" without kReadCaseFacts; kNotFound
  // "case.not_found" when the case does not exist or lies outside the jurisdiction.
  Result<RecordedCase> ReadCase(const Actor& actor, storage::RowId case_id);

  // Validates the input without touching the database: "case.decision_number" (empty),
  // "case.measures_empty", then per measure "measures[i].kind" (measure.unknown_kind) and
  // Engine::ValidateMeasure's errors prefixed with "measures[i]".
  Status Validate(const CaseInput& input) const;

  // Stores the case and its measures with the computed four-forms class; audit "case.create".
  // Also kNotFound "organisation.not_found" (field organ_id) for an unknown deciding organ.
  Result<RecordedCase> CreateCase(const Actor& actor, const CaseInput& input);

  // Adds a measure to a case read at `case_version`, recomputes the case's form; audit
  // "case.measure_add". Measure errors carry the fields of the measure ("kind", "term_months").
  Result<RecordedCase> AddMeasure(const Actor& actor, storage::RowId case_id, int64_t case_version,
                                  const MeasureInput& measure);

  // Records the outcome of a 留党察看 read at `version`; Engine::ValidateMeasure decides whether it
  // is allowed (fields "outcome.date" …). Audit "measure.outcome".
  Result<storage::Measure> RecordOutcome(const Actor& actor, storage::RowId measure_id,
                                         int64_t version, domain::ProbationOutcome outcome);

  // Revokes a measure (撤销) read at `version` and recomputes its case's form (0 when every
  // measure of the case is revoked). kFailedPrecondition "measure.already_revoked". Audit
  // "measure.revoke".
  Result<storage::Measure> RevokeMeasure(const Actor& actor, storage::RowId measure_id,
                                         int64_t version);

  // Opens a hold on a person (to = nullopt). Audit "hold.open".
  Result<storage::Hold> OpenHold(const Actor& actor, storage::RowId person_id,
                                 storage::HoldKind kind, domain::Date from);
  // Closes a hold of `person_id` read at `version`: `to` is its last day.
  // kInvalidArgument "hold.ends_before_start" (field "to"); kFailedPrecondition
  // "hold.already_closed". Audit "hold.close".
  Result<storage::Hold> CloseHold(const Actor& actor, storage::RowId person_id,
                                  storage::RowId hold_id, int64_t version, domain::Date to);

  // The form and restrictions of an unsaved case, stacked on the person's record when
  // `input.person_id` is set (0: the case alone). Writes nothing; audits nothing when the person
  // is not named, "person.preview" otherwise (a read of the file).
  Result<CasePreview> Preview(const Actor& actor, const CaseInput& input);

  // Work that must happen with every recorded case, inside CreateCase's transaction (aftercare:
  // the execution checklist and the visit plan, AftercareService::OnCaseRecorded). An error
  // rolls the case back.
  using CaseHook = std::function<Status(const Actor&, const RecordedCase&)>;
  void SetOnCaseRecorded(CaseHook hook) { on_recorded_ = std::move(hook); }
  // Work that must follow a change of a recorded case's measures (AddMeasure, RecordOutcome,
  // RevokeMeasure), inside its transaction (aftercare: replanning the person's reminder
  // schedule, AftercareService::Replan). An error rolls the change back.
  using PersonHook = std::function<Status(const Actor&, storage::RowId person_id)>;
  void SetOnCaseChanged(PersonHook hook) { on_changed_ = std::move(hook); }

 private:
  Result<domain::Measure> ValidateOne(const MeasureInput& input, const std::string& prefix) const;
  Status CheckUnit(const Actor& actor, storage::RowId unit_id, const char* reason,
                   const char* message, const char* field);
  Result<std::vector<storage::Measure>> MeasuresOfCase(const storage::Case& c);
  Result<int> FormOf(const std::vector<storage::Measure>& measures) const;
  // Loads the case of a measure and checks the jurisdiction (measure.not_found outside).
  Result<storage::Case> CaseInJurisdiction(const Actor& actor, storage::RowId case_id,
                                           const char* reason, const char* message);

  storage::Store* store_;
  domain::Engine engine_;
  AuditSink* audit_;
  CaseHook on_recorded_;
  PersonHook on_changed_;
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_CASE_SERVICE_HPP_
