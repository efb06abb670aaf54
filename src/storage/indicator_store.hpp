#ifndef KANGFU_STORAGE_INDICATOR_STORE_HPP_
#define KANGFU_STORAGE_INDICATOR_STORE_HPP_

// The read-only queries behind the work indicators of the statistics (回访覆盖率, 教育帮带合规率,
// 党风廉政意见回复时效, 逾期事项): each counts or lists, for one organisation subtree, in a few
// set-based statements, so that a statistic does not load its subjects one by one. No table of
// its own: it reads the case, aftercare and vetting tables.
//
// Every row names the path of the organisation it belongs to (`unit_path`): the caller
// attributes it to the direct child of the root whose subtree holds it (or to the root itself).
// Every method: kNotFound "organisation.not_found" (field org) when `root` does not exist.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "storage/aftercare_records.hpp"
#include "storage/records.hpp"

namespace kangfu::storage {

// A person with a case in the subtree (the unit of their latest such case, by date then id).
struct IndicatorSubject {
  RowId person_id = 0;
  std::string unit_path{};

  friend bool operator==(const IndicatorSubject&, const IndicatorSubject&) = default;
};

// Persons disciplined in a unit over a window, and how many of them were visited.
struct DisciplinedVisited {
  std::string unit_path{};
  int64_t disciplined = 0;
  int64_t visited = 0;

  friend bool operator==(const DisciplinedVisited&, const DisciplinedVisited&) = default;
};

// One mentoring assignment with its talks and reports; the unit is the subject's current unit.
struct MentoringFacts {
  MentorRow assignment{};
  std::string unit_path{};
  std::vector<Date> talks{};               // by date
  std::vector<MentorReportRow> reports{};  // by (year, half); summary not read

  friend bool operator==(const MentoringFacts&, const MentoringFacts&) = default;
};

// An issued vetting reply; the unit is the filing organisation.
struct IssuedVetting {
  RowId request_id = 0;
  std::string unit_path{};
  Date request_date{};
  Date deadline{};
  Date issued_on{};
  int64_t candidates = 0;

  friend bool operator==(const IssuedVetting&, const IssuedVetting&) = default;
};

// Stored items overdue on a day, per responsible organisation.
struct OverdueItems {
  std::string unit_path{};
  int64_t execution = 0;   // execution items due before the day, not done by it
  int64_t escalation = 0;  // escalations due before the day, not resolved by it

  friend bool operator==(const OverdueItems&, const OverdueItems&) = default;
};

// A count for one unit and one key (see CountGatekeeping).
struct UnitCount {
  std::string unit_path{};
  std::string key{};
  int64_t n = 0;

  friend bool operator==(const UnitCount&, const UnitCount&) = default;
};

class IndicatorStore {
 public:
  virtual ~IndicatorStore() = default;
  IndicatorStore(const IndicatorStore&) = delete;
  IndicatorStore& operator=(const IndicatorStore&) = delete;

  // Persons with a case of form `min_form`..`max_form` decided in [from, to] on a unit of the
  // subtree, by person id.
  virtual Result<std::vector<IndicatorSubject>> CaseSubjects(RowId root, Date from, Date to,
                                                             int min_form, int max_form) = 0;

  // Per unit of the subtree holding such cases: the distinct persons with a case of form 2 or 3
  // decided in [from, to] on that unit, and how many of them have a visit recorded in
  // [from, to]. Units without such a case are left out; by path.
  virtual Result<std::vector<DisciplinedVisited>> CountDisciplinedVisited(RowId root, Date from,
                                                                          Date to) = 0;

  // Assignments of subjects whose unit lies in the subtree, begun on or before `to` and not
  // ended before `from`, with all their talks and reports; by assignment id.
  virtual Result<std::vector<MentoringFacts>> ListMentoring(RowId root, Date from, Date to) = 0;

  // Requests filed by an organisation of the subtree and issued in [from, to], with their
  // number of candidates; by request id.
  virtual Result<std::vector<IssuedVetting>> ListIssuedVetting(RowId root, Date from, Date to) = 0;

  // Execution items and escalations whose responsible organisation lies in the subtree that
  // are overdue on `day` (due date before it, not done / resolved on or before it). Units with
  // none are left out; by path.
  virtual Result<std::vector<OverdueItems>> CountOverdueItems(RowId root, Date day) = 0;
  // Gatekeeping work per organisation of the subtree over [from, to]: talks it held, key the
  // kind ("routine" …), and, key "principal:<kind>", those with a principal leader (一把手) of a
  // lower-level organisation among the persons talked with; clearances it made ("clearance");
  // re-use files it closed as re-used ("reuse"). Zero counts are left out; by path, then key.
  virtual Result<std::vector<UnitCount>> CountGatekeeping(RowId root, Date from, Date to) = 0;

  // From the stored reminder schedule (migration 0008) through its indicator counts (0010,
  // schedule_rollup.hpp: rows bounded by the subtree's organisations and the period's days and
  // months), per unit path of the subjects (their latest case's unit) in the subtree: subjects with
  // a planned visit due in [from, to], and of them those whose every such visit was fulfilled on or
  // before `to` (key "", n = subjects, numerator in DisciplinedVisited.visited). By path.
  virtual Result<std::vector<DisciplinedVisited>> CountVisitCoverage(RowId root, Date from,
                                                                     Date to) = 0;
  // From the stored schedule's indicator counts (0010): items of the subtree's subjects listed
  // on `day` and overdue (visit, mentor_first_talk, mentor_talk, mentor_report), per unit path
  // and kind code (key). By path, then key.
  virtual Result<std::vector<UnitCount>> CountOverdueScheduled(RowId root, Date day) = 0;

 protected:
  IndicatorStore() = default;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_INDICATOR_STORE_HPP_
