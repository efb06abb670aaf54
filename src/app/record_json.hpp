#ifndef KANGFU_APP_RECORD_JSON_HPP_
#define KANGFU_APP_RECORD_JSON_HPP_

// Compact JSON snapshots of stored rows for the audit log's before/after state. Members use the
// storage codes ("political", "restored" …); absent optionals are null.

#include <string>
#include <vector>

#include "storage/records.hpp"

namespace kangfu::app {

std::string CaseSnapshot(const storage::Case& c, const std::vector<storage::Measure>& measures);
std::string MeasureSnapshot(const storage::Measure& measure);
std::string HoldSnapshot(const storage::Hold& hold);
std::string PersonSnapshot(const storage::Person& person);

}  // namespace kangfu::app

#endif  // KANGFU_APP_RECORD_JSON_HPP_
