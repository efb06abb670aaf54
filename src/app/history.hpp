#ifndef KANGFU_APP_HISTORY_HPP_
#define KANGFU_APP_HISTORY_HPP_

// Conversion of stored rows (storage::PersonHistory) into the rules engine's vocabulary. The
// engine refers to measures and holds by index; `measure_rows` / `hold_rows` map an index back to
// the stored row so that answers can cite measure ids and decision numbers.

#include <vector>

#include "core/status.hpp"
#include "domain/catalogue.hpp"
#include "domain/model.hpp"
#include "storage/oversight_records.hpp"
#include "storage/records.hpp"

namespace kangfu::app {

struct DomainHistory {
  std::vector<domain::Measure> measures;
  std::vector<const storage::Measure*> measure_rows;  // same index as `measures`
  std::vector<domain::Hold> holds;
  std::vector<const storage::Hold*> hold_rows;  // same index as `holds`
};

// One stored measure as the engine sees it. A revoked row becomes a measure revoked on its
// effective date (the engine ignores revoked measures whatever the date). kInternal when the
// kind code is not in the catalogue (the database holds a code this build does not know: a
// defect or a catalogue downgrade; the internal message names the row).
Result<domain::Measure> ToDomainMeasure(const storage::Measure& row,
                                        const domain::Catalogue& catalogue);
domain::Hold ToDomainHold(const storage::Hold& row);

// 容错纠错: marks every measure that a 免责 decision in `decisions` names as exempted, so that the
// engine treats it like one revoked from its start (it produces no restriction). Returns the
// decisions applied, in the order given (the citations behind the answer).
std::vector<const storage::FaultToleranceRow*> ApplyExemptions(
    const std::vector<storage::FaultToleranceRow>& decisions, DomainHistory& history);

// Every measure and hold of `history`. The rows are referenced, not copied: `history` must
// outlive the result. Errors as ToDomainMeasure.
Result<DomainHistory> ToDomainHistory(const storage::PersonHistory& history,
                                      const domain::Catalogue& catalogue);

}  // namespace kangfu::app

#endif  // KANGFU_APP_HISTORY_HPP_
