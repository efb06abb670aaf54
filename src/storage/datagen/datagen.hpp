#ifndef KANGFU_STORAGE_DATAGEN_DATAGEN_HPP_
#define KANGFU_STORAGE_DATAGEN_DATAGEN_HPP_

// Deterministic data sets written through the storage port: the demo city for the README's run
// command, and synthetic province- or nation-scale data for benchmarks. Same seed, same rows
// (the generator uses its own integer arithmetic, never std distributions, so the output does
// not depend on the standard library).

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.hpp"
#include "storage/store.hpp"

namespace kangfu::storage {

struct DemoSummary {
  int64_t organisations = 0;
  int64_t persons = 0;
  int64_t cases = 0;
  int64_t measures = 0;
  int64_t holds = 0;
  FormCounts forms;
  RowId city_id = 0;
  // ID number of the person whose 留党察看 term has ended with no outcome recorded yet.
  std::string probation_awaiting_outcome;
};

// Writes the demo data set in one transaction: 江州市 with its districts, counties and units,
// about 2,000 cadres with valid ID numbers, cases from 2022 to 2026 whose four-forms shares
// follow Guangdong 2019 (rules.md §8), open clues and case reviews, a probation whose term has
// ended awaiting its outcome. kFailedPrecondition "demo.already_seeded" when the database
// already holds it; storage errors otherwise (nothing is written then).
Result<DemoSummary> SeedDemo(Store& store, uint64_t seed);

struct GenOptions {
  int64_t persons = 1000;
  int64_t cases = 2000;
  uint64_t seed = 1;
  int64_t batch = 10000;  // rows per transaction
};

struct GenSummary {
  int64_t organisations = 0;
  int64_t persons = 0;
  int64_t cases = 0;
  int64_t measures = 0;
};

// Writes a synthetic province: an organisation tree sized to the number of persons (about 50
// persons per unit, 40 units per county, 10 counties per city), `persons` cadres, `cases` cases
// spread over ten years with the Guangdong 2019 form shares and one to two measures each.
// Streams through the store's bulk path (BulkAddPersons / BulkAddCases / BulkAddMeasures) in
// batches of `batch` persons or cases, each batch one transaction; `progress`, when set, is
// called after each batch.
// Designed for an empty database (ID numbers are derived from the row number).
Result<GenSummary> Generate(Store& store, const GenOptions& options,
                            const std::function<void(const GenSummary&)>& progress = {});

// The ID number Generate gives its k-th person (0-based): region 110000 + k / 14,610,000, birth
// date 1960-01-01 + (k / 1000) % 14,610 days, sequence k % 1000, then the check character.
std::string SyntheticIdNumber(int64_t k);

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_DATAGEN_DATAGEN_HPP_
