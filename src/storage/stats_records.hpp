#ifndef KANGFU_STORAGE_STATS_RECORDS_HPP_
#define KANGFU_STORAGE_STATS_RECORDS_HPP_

// The rows the statistics part of the storage port returns (Store::CountCasesBy…): plain values.

#include <cstdint>
#include <string>

#include "storage/records.hpp"

namespace kangfu::storage {

// What a breakdown groups by. Cases are counted once each; kMeasure counts measures instead (a
// case holding two measures counts under both kinds; revoked measures do not count), each under
// the four-forms class and decision date of its case.
enum class StatsDimension : uint8_t {
  kDiscipline = 1,  // key: DisciplineCode ("integrity" …)
  kSource = 2,      // key: CaseSourceCode ("self_report" …)
  kLevel = 3,       // key: the person's post_level when the case was recorded ("" when unknown)
  kMeasure = 4,     // key: the measure's catalogue code ("party.warning" …)
};

// Counts for one value of a dimension.
struct KeyedFormCounts {
  std::string key{};
  FormCounts counts{};

  friend bool operator==(const KeyedFormCounts&, const KeyedFormCounts&) = default;
};

// Cases of one calendar month (only the days of the month inside the period asked for).
struct MonthFormCounts {
  int year = 0;
  int month = 0;  // 1-12
  FormCounts counts{};

  friend bool operator==(const MonthFormCounts&, const MonthFormCounts&) = default;
};

// Cases of one direct child's subtree.
struct OrgFormCounts {
  Organisation org{};
  FormCounts counts{};

  friend bool operator==(const OrgFormCounts&, const OrgFormCounts&) = default;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_STATS_RECORDS_HPP_
