#ifndef KANGFU_APP_HISTORY_HPP_
#define KANGFU_APP_HISTORY_HPP_

// Conversion of stored rows (storage::PersonHistory) into the rules engine's vocabulary. The
// engine refers to measures and holds by index; `measure_rows` / `hold_rows` map an index back to
// the stored row so that answers can cite measure ids and decision numbers.

#include <span>
#include <vector>

#include "core/status.hpp"
#include "domain/catalogue.hpp"
#include "domain/model.hpp"
#include "storage/oversight_records.hpp"
#include "storage/records.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

struct DomainHistory {
  std::vector<domain::Measure> measures;
  std::vector<const storage::Measure*> measure_rows;  // same index as `measures`
  std::vector<domain::Hold> holds;
  std::vector<const storage::Hold*> hold_rows;  // same index as `holds`
  // The 容错纠错 免责 decisions applied to `measures` (ApplyExemptions), in the order given: the
  // citations behind an answer that no longer counts an exempted measure.
  std::vector<storage::FaultToleranceRow> exemptions;
};

// One stored measure as the engine sees it. A revoked row becomes a measure revoked on its
// effective date (the engine ignores revoked measures whatever the date). kInternal when the
// kind code is not in the catalogue (the database holds a code this build does not know: a
// defect or a catalogue downgrade; the internal message names the row).
Result<domain::Measure> ToDomainMeasure(const storage::Measure& row,
                                        const domain::Catalogue& catalogue);
domain::Hold ToDomainHold(const storage::Hold& row);

// 容错纠错: marks every measure that a 免责 decision in `decisions` names as exempted, so that the
// engine treats it like one revoked from its start (it produces no restriction), and appends each
// decision applied to `history.exemptions`. 减责 decisions and decisions about a clue or an
// allegation change nothing.
void ApplyExemptions(std::span<const storage::FaultToleranceRow> decisions, DomainHistory& history);

// Every measure and hold of `history`. The rows are referenced, not copied: `history` must
// outlive the result. Errors as ToDomainMeasure.
Result<DomainHistory> ToDomainHistory(const storage::PersonHistory& history,
                                      const domain::Catalogue& catalogue);

// The person's history as every use case must hand it to the engine: ToDomainHistory, then the
// person's 容错纠错 decisions (one read of OversightStore::FaultToleranceOfPerson) applied by
// ApplyExemptions. Use this rather than ToDomainHistory wherever restrictions of a stored person
// are computed, so that an exempted measure restricts nothing anywhere (status answers, vetting,
// re-use preconditions, mentor eligibility, case previews). Same lifetime rule as
// ToDomainHistory; errors are ToDomainHistory's and the store's.
Result<DomainHistory> LoadEngineHistory(storage::Store& store,
                                        const storage::PersonHistory& history,
                                        const domain::Catalogue& catalogue);

}  // namespace kangfu::app

#endif  // KANGFU_APP_HISTORY_HPP_
