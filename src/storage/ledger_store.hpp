#ifndef KANGFU_STORAGE_LEDGER_STORE_HPP_
#define KANGFU_STORAGE_LEDGER_STORE_HPP_

// Set-at-a-time reads for ledger (台账) import and export (issue 7): finding which rows of a
// spreadsheet are already on record, and streaming a subtree's persons, cases and measures in
// pages without OFFSET scans. Writes go through Store's bulk methods; this area writes nothing.
// Errors: kUnavailable / kInternal as for Store.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "storage/records.hpp"

namespace kangfu::storage {

// Cases ordered by (person_id, id) and their measures ordered by (case_id, id).
struct CasesAndMeasures {
  std::vector<Case> cases{};
  std::vector<Measure> measures{};
};

class LedgerStore {
 public:
  virtual ~LedgerStore() = default;

  // The persons whose ID number is among `id_numbers`, ordered by id. Numbers not on record are
  // simply absent; an empty span gives an empty result.
  virtual Result<std::vector<Person>> FindPersons(std::span<const std::string> id_numbers) = 0;

  // Every case of the persons `person_ids` (revoked measures included), as ordered above.
  virtual Result<CasesAndMeasures> CasesOfPersons(std::span<const RowId> person_ids) = 0;

  // Up to `limit` persons with id > `after_id` whose unit lies in the subtree whose root has the
  // materialised path `root_path` ("/1/7/"), ordered by id. Page through a subtree by passing the
  // last id read. kInvalidArgument "page.limit" unless 1 <= limit <= 100000.
  virtual Result<std::vector<Person>> PersonsAfter(std::string_view root_path, RowId after_id,
                                                   int64_t limit) = 0;

 protected:
  LedgerStore() = default;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_LEDGER_STORE_HPP_
