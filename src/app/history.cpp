#include "app/history.hpp"

#include <string>

namespace kangfu::app {

Result<domain::Measure> ToDomainMeasure(const storage::Measure& row,
                                        const domain::Catalogue& catalogue) {
  std::optional<domain::KindIndex> kind = catalogue.Find(row.kind);
  if (!kind) {
    return Status::Internal("measure " + std::to_string(row.id) + " has kind \"" + row.kind +
                            "\" which the catalogue does not know");
  }
  domain::Measure measure;
  measure.id = std::to_string(row.id);
  measure.case_id = std::to_string(row.case_id);
  measure.kind = *kind;
  measure.effective = row.effective;
  measure.term_months = row.term_months;
  measure.extended_on = row.extended_on;
  if (row.outcome && row.outcome_date) {
    measure.outcome = domain::ProbationOutcome{*row.outcome == storage::OutcomeKind::kRestored
                                                   ? domain::ProbationOutcomeKind::kRestored
                                                   : domain::ProbationOutcomeKind::kExpelled,
                                               *row.outcome_date};
  }
  measure.ended = row.ended;
  measure.period_months = row.period_months;
  if (row.revoked) measure.revoked = row.effective;
  return measure;
}

domain::Hold ToDomainHold(const storage::Hold& row) {
  domain::Hold hold;
  hold.id = "hold-" + std::to_string(row.id);
  hold.kind = row.kind == storage::HoldKind::kClueVerification ? domain::HoldKind::kClueVerification
                                                               : domain::HoldKind::kCaseReview;
  hold.from = row.from;
  hold.to = row.to;
  return hold;
}

void ApplyExemptions(std::span<const storage::FaultToleranceRow> decisions,
                     DomainHistory& history) {
  for (const storage::FaultToleranceRow& decision : decisions) {
    if (decision.decision != "exempt" || decision.measure_id == 0) continue;
    for (std::size_t i = 0; i < history.measure_rows.size(); ++i) {
      if (history.measure_rows[i]->id == decision.measure_id) {
        history.measures[i].exempted = true;
        history.exemptions.push_back(decision);
      }
    }
  }
}

Result<DomainHistory> ToDomainHistory(const storage::PersonHistory& history,
                                      const domain::Catalogue& catalogue) {
  DomainHistory out;
  out.measures.reserve(history.measures.size());
  out.measure_rows.reserve(history.measures.size());
  for (const storage::Measure& row : history.measures) {
    KANGFU_ASSIGN_OR_RETURN(domain::Measure measure, ToDomainMeasure(row, catalogue));
    out.measures.push_back(std::move(measure));
    out.measure_rows.push_back(&row);
  }
  out.holds.reserve(history.holds.size());
  out.hold_rows.reserve(history.holds.size());
  for (const storage::Hold& row : history.holds) {
    out.holds.push_back(ToDomainHold(row));
    out.hold_rows.push_back(&row);
  }
  return out;
}

Result<DomainHistory> LoadEngineHistory(storage::Store& store,
                                        const storage::PersonHistory& history,
                                        const domain::Catalogue& catalogue) {
  KANGFU_ASSIGN_OR_RETURN(DomainHistory out, ToDomainHistory(history, catalogue));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::FaultToleranceRow> decisions,
                          store.Oversight().FaultToleranceOfPerson(history.person.id));
  ApplyExemptions(decisions, out);
  return out;
}

}  // namespace kangfu::app
