// The indicator queries (storage/indicator_store.hpp) over SqlConnection: read-only, each a few
// set-based statements over a subtree's path range (organisations_path index), grouped in SQL
// where the caller needs counts only.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <utility>

#include "storage/indicator_store.hpp"
#include "storage/schedule_rollup.hpp"
#include "storage/sql_area.hpp"
#include "storage/sql_row_reader.hpp"
#include "storage/sql_store.hpp"

namespace kangfu::storage {
namespace {

constexpr SqlStatement kRootPath = {"ind_root_path",
                                    "SELECT path FROM organisations WHERE id = $1"};

// $1/$2 the subtree's path range; $3/$4 the days; $5/$6 the forms.
constexpr SqlStatement kCaseSubjects = {
    "ind_case_subjects",
    "SELECT c.person_id, o.path FROM organisations o JOIN cases c ON c.unit_id = o.id "
    "WHERE o.path >= $1 AND o.path < $2 AND c.decision_date >= $3 AND c.decision_date <= $4 "
    "AND c.form >= $5 AND c.form <= $6 ORDER BY c.person_id, c.decision_date, c.id"};

constexpr SqlStatement kDisciplinedVisited = {
    "ind_disciplined_visited",
    "SELECT o.path, count(DISTINCT c.person_id), count(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM "
    "aftercare_visits v WHERE v.person_id = c.person_id AND v.visit_date >= $3 AND "
    "v.visit_date <= $4) THEN c.person_id END) FROM organisations o JOIN cases c "
    "ON c.unit_id = o.id WHERE o.path >= $1 AND o.path < $2 AND c.decision_date >= $3 "
    "AND c.decision_date <= $4 AND c.form IN (2, 3) GROUP BY o.path ORDER BY o.path"};

// Assignments of the subtree's subjects overlapping [$3, $4].
#define KANGFU_IND_MENTORS                                                                       \
  " FROM aftercare_mentors m JOIN persons p ON p.id = m.person_id JOIN organisations o ON o.id " \
  "= p.unit_id WHERE o.path >= $1 AND o.path < $2 AND m.start_date <= $4 AND (m.end_date IS "    \
  "NULL OR m.end_date >= $3)"
constexpr SqlStatement kMentors = {
    "ind_mentors",
    "SELECT m.id, m.person_id, m.mentor_id, COALESCE(m.mentor_account_id, 0), m.assigned_by, "
    "m.start_date, m.end_date, m.version, o.path" KANGFU_IND_MENTORS " ORDER BY m.id"};
constexpr SqlStatement kMentorTalks = {
    "ind_mentor_talks",
    "SELECT t.assignment_id, t.talk_date FROM aftercare_talks t JOIN (SELECT "
    "m.id" KANGFU_IND_MENTORS
    ") a ON a.id = t.assignment_id ORDER BY t.assignment_id, t.talk_date, t.id"};
constexpr SqlStatement kMentorReports = {
    "ind_mentor_reports",
    "SELECT r.assignment_id, r.id, r.year, r.half, r.submitted_on FROM aftercare_reports r "
    "JOIN (SELECT m.id" KANGFU_IND_MENTORS
    ") a ON a.id = r.assignment_id ORDER BY r.assignment_id, r.year, r.half"};
#undef KANGFU_IND_MENTORS

constexpr SqlStatement kIssuedVetting = {
    "ind_issued_vetting",
    "SELECT r.id, o.path, r.request_date, r.deadline, r.issued_on, (SELECT count(*) FROM "
    "vetting_candidates vc WHERE vc.request_id = r.id) FROM vetting_requests r JOIN "
    "organisations o ON o.id = r.filing_org WHERE o.path >= $1 AND o.path < $2 AND "
    "r.state = 'issued' AND r.issued_on >= $3 AND r.issued_on <= $4 ORDER BY r.id"};

// One statement for the three record kinds keeps the per-unit attribution in one place.
constexpr SqlStatement kGatekeeping = {
    "ind_gatekeeping",
    "SELECT o.path, i.kind, count(*) FROM interviews i JOIN organisations o ON o.id = i.organ_id "
    "WHERE o.path >= $1 AND o.path < $2 AND i.talk_date >= $3 AND i.talk_date <= $4 "
    "GROUP BY o.path, i.kind "
    "UNION ALL SELECT o.path, 'principal:' || i.kind, count(*) FROM interviews i JOIN "
    "organisations o ON o.id = i.organ_id WHERE o.path >= $1 AND o.path < $2 AND "
    "i.talk_date >= $3 AND i.talk_date <= $4 AND EXISTS (SELECT 1 FROM interview_persons p "
    "WHERE p.interview_id = i.id AND p.principal_leader) GROUP BY o.path, i.kind "
    "UNION ALL SELECT o.path, 'clearance', count(*) FROM clearances c JOIN organisations o ON "
    "o.id = c.organ_id WHERE o.path >= $1 AND o.path < $2 AND c.cleared_on >= $3 AND "
    "c.cleared_on <= $4 GROUP BY o.path "
    "UNION ALL SELECT o.path, 'reuse', count(*) FROM reuse_files f JOIN organisations o ON "
    "o.id = f.org_id WHERE o.path >= $1 AND o.path < $2 AND f.state = 'reused' AND "
    "f.closed_on >= $3 AND f.closed_on <= $4 GROUP BY o.path "
    "ORDER BY 1, 2"};

constexpr SqlStatement kOverdueExecution = {
    "ind_overdue_execution",
    "SELECT o.path, count(*) FROM aftercare_execution_items e JOIN organisations o ON o.id = "
    "e.responsible_org WHERE o.path >= $1 AND o.path < $2 AND e.due_date < $3 AND "
    "(e.done_on IS NULL OR e.done_on > $3) GROUP BY o.path"};
constexpr SqlStatement kOverdueEscalations = {
    "ind_overdue_escalations",
    "SELECT o.path, count(*) FROM aftercare_escalations e JOIN organisations o ON o.id = "
    "e.responsible_org WHERE o.path >= $1 AND o.path < $2 AND e.due_date < $3 AND "
    "(e.resolved_on IS NULL OR e.resolved_on > $3) GROUP BY o.path"};

// From the indicator counts of the stored schedule (0010, storage/schedule_rollup.hpp), per
// organisation of the subtree ($1/$2 its path range): one index range per organisation and grain
// or level, bounded by the period's days and months, whatever the number of subjects.
// Coverage over [F, T]: per grain, a from, a to, b from, b to ($3…$18).
#define KANGFU_IND_COVERAGE_PART(grain, a, b, c, d)                                           \
  "SELECT o.path AS path, r.due AS due, r.bad AS bad FROM organisations o JOIN "              \
  "aftercare_coverage_rollup r ON r.unit_path = o.path AND r.grain = " grain " AND r.a >= " a \
  " AND r.a <= " b " AND r.b >= " c " AND r.b <= " d " WHERE o.path >= $1 AND o.path < $2"
constexpr SqlStatement kVisitCoverage = {
    "ind_visit_coverage",
    "SELECT path, sum(due), sum(due) - sum(bad) FROM (" KANGFU_IND_COVERAGE_PART(
        "0", "$3", "$4", "$5", "$6") " UNION ALL " KANGFU_IND_COVERAGE_PART("1", "$7", "$8", "$9",
                                                                            "$10") " UNION ALL "
        KANGFU_IND_COVERAGE_PART("2", "$11", "$12", "$13", "$14") " UNION ALL "
            KANGFU_IND_COVERAGE_PART("3", "$15", "$16", "$17",
                                     "$18") ") p GROUP BY path ORDER BY path"};
#undef KANGFU_IND_COVERAGE_PART
// Overdue on D: the events of the years before D's ($3), of the months of D's year before D's
// ($4, $5), of the days of D's month up to D ($6, $7).
#define KANGFU_IND_OVERDUE_PART(level, a, b)                                                  \
  "SELECT o.path AS path, r.visit AS visit, r.first_talk AS first_talk, r.talk AS talk, "     \
  "r.report AS report FROM organisations o JOIN aftercare_overdue_rollup r ON r.unit_path = " \
  "o.path AND r.level = " level " AND r.bucket >= " a " AND r.bucket <= " b                   \
  " WHERE o.path >= $1 AND o.path < $2"
constexpr SqlStatement kOverdueScheduled = {
    "ind_overdue_scheduled",
    "SELECT path, sum(visit), sum(first_talk), sum(talk), sum(report) FROM "
    "(" KANGFU_IND_OVERDUE_PART("2", "0", "$3") " UNION ALL " KANGFU_IND_OVERDUE_PART(
        "1", "$4",
        "$5") " UNION ALL " KANGFU_IND_OVERDUE_PART("0", "$6",
                                                    "$7") ") p GROUP BY path ORDER BY path"};
#undef KANGFU_IND_OVERDUE_PART

class SqlIndicatorStore final : public IndicatorStore {
 public:
  explicit SqlIndicatorStore(SqlConnection& db) : db_(db) {}

  Result<std::vector<IndicatorSubject>> CaseSubjects(RowId root, Date from, Date to, int min_form,
                                                     int max_form) override {
    KANGFU_ASSIGN_OR_RETURN(Range range, Subtree(root));
    KANGFU_ASSIGN_OR_RETURN(
        SqlRows rows, Run(kCaseSubjects, {Text(range.first), Text(range.second), DateValue(from),
                                          DateValue(to), Int(min_form), Int(max_form)}));
    std::vector<IndicatorSubject> out;
    for (const SqlRow& row : rows) {
      RowReader r(row);
      IndicatorSubject s{.person_id = r.Int(), .unit_path = r.Text()};
      if (r.bad()) return Corrupt("cases");
      // Rows come by person, then date: the last one of a person is the latest case.
      if (!out.empty() && out.back().person_id == s.person_id) {
        out.back() = std::move(s);
      } else {
        out.push_back(std::move(s));
      }
    }
    return out;
  }

  Result<std::vector<DisciplinedVisited>> CountDisciplinedVisited(RowId root, Date from,
                                                                  Date to) override {
    KANGFU_ASSIGN_OR_RETURN(Range range, Subtree(root));
    KANGFU_ASSIGN_OR_RETURN(
        SqlRows rows, Run(kDisciplinedVisited,
                          {Text(range.first), Text(range.second), DateValue(from), DateValue(to)}));
    std::vector<DisciplinedVisited> out;
    for (const SqlRow& row : rows) {
      RowReader r(row);
      DisciplinedVisited d{.unit_path = r.Text(), .disciplined = r.Int(), .visited = r.Int()};
      if (r.bad()) return Corrupt("cases");
      out.push_back(std::move(d));
    }
    return out;
  }

  Result<std::vector<MentoringFacts>> ListMentoring(RowId root, Date from, Date to) override {
    KANGFU_ASSIGN_OR_RETURN(Range range, Subtree(root));
    const std::initializer_list<SqlValue> params = {Text(range.first), Text(range.second),
                                                    DateValue(from), DateValue(to)};
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kMentors, params));
    std::vector<MentoringFacts> out;
    std::map<RowId, std::size_t> index;
    for (const SqlRow& row : rows) {
      RowReader r(row);
      MentoringFacts f;
      f.assignment.id = r.Int();
      f.assignment.person_id = r.Int();
      f.assignment.mentor_id = r.Int();
      f.assignment.mentor_account_id = r.Int();
      f.assignment.assigned_by = r.Int();
      f.assignment.start = r.DateColumn();
      f.assignment.end = r.OptDate();
      f.assignment.version = r.Int();
      f.unit_path = r.Text();
      if (r.bad()) return Corrupt("aftercare_mentors");
      index[f.assignment.id] = out.size();
      out.push_back(std::move(f));
    }
    KANGFU_ASSIGN_OR_RETURN(SqlRows talks, Run(kMentorTalks, params));
    for (const SqlRow& row : talks) {
      RowReader r(row);
      const RowId id = r.Int();
      const Date date = r.DateColumn();
      if (r.bad() || !index.contains(id)) return Corrupt("aftercare_talks");
      out[index[id]].talks.push_back(date);
    }
    KANGFU_ASSIGN_OR_RETURN(SqlRows reports, Run(kMentorReports, params));
    for (const SqlRow& row : reports) {
      RowReader r(row);
      MentorReportRow report;
      report.assignment_id = r.Int();
      report.id = r.Int();
      report.year = static_cast<int>(r.Int());
      report.half = static_cast<int>(r.Int());
      report.submitted = r.DateColumn();
      if (r.bad() || !index.contains(report.assignment_id)) return Corrupt("aftercare_reports");
      out[index[report.assignment_id]].reports.push_back(std::move(report));
    }
    return out;
  }

  Result<std::vector<IssuedVetting>> ListIssuedVetting(RowId root, Date from, Date to) override {
    KANGFU_ASSIGN_OR_RETURN(Range range, Subtree(root));
    KANGFU_ASSIGN_OR_RETURN(
        SqlRows rows, Run(kIssuedVetting,
                          {Text(range.first), Text(range.second), DateValue(from), DateValue(to)}));
    std::vector<IssuedVetting> out;
    for (const SqlRow& row : rows) {
      RowReader r(row);
      IssuedVetting v;
      v.request_id = r.Int();
      v.unit_path = r.Text();
      v.request_date = r.DateColumn();
      v.deadline = r.DateColumn();
      v.issued_on = r.DateColumn();
      v.candidates = r.Int();
      if (r.bad()) return Corrupt("vetting_requests");
      out.push_back(std::move(v));
    }
    return out;
  }

  Result<std::vector<UnitCount>> CountGatekeeping(RowId root, Date from, Date to) override {
    KANGFU_ASSIGN_OR_RETURN(Range range, Subtree(root));
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kGatekeeping, {Text(range.first), Text(range.second),
                                                             DateValue(from), DateValue(to)}));
    std::vector<UnitCount> out;
    out.reserve(rows.size());
    for (const SqlRow& row : rows) {
      RowReader r(row);
      UnitCount c;
      c.unit_path = r.Text();
      c.key = r.Text();
      c.n = r.Int();
      if (r.bad()) return Corrupt("interviews");
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<std::vector<OverdueItems>> CountOverdueItems(RowId root, Date day) override {
    KANGFU_ASSIGN_OR_RETURN(Range range, Subtree(root));
    const std::initializer_list<SqlValue> params = {Text(range.first), Text(range.second),
                                                    DateValue(day)};
    std::map<std::string, OverdueItems> units;
    KANGFU_ASSIGN_OR_RETURN(SqlRows execution, Run(kOverdueExecution, params));
    for (const SqlRow& row : execution) {
      RowReader r(row);
      std::string path = r.Text();
      const int64_t n = r.Int();
      if (r.bad()) return Corrupt("aftercare_execution_items");
      units[path].execution = n;
    }
    KANGFU_ASSIGN_OR_RETURN(SqlRows escalations, Run(kOverdueEscalations, params));
    for (const SqlRow& row : escalations) {
      RowReader r(row);
      std::string path = r.Text();
      const int64_t n = r.Int();
      if (r.bad()) return Corrupt("aftercare_escalations");
      units[path].escalation = n;
    }
    std::vector<OverdueItems> out;
    for (auto& [path, items] : units) {
      items.unit_path = path;
      out.push_back(std::move(items));
    }
    return out;
  }

  Result<std::vector<DisciplinedVisited>> CountVisitCoverage(RowId root, Date from,
                                                             Date to) override {
    KANGFU_ASSIGN_OR_RETURN(Range range, Subtree(root));
    std::vector<DisciplinedVisited> out;
    if (to < from) return out;
    const int32_t f = from.days();
    const int32_t t = to.days();
    const int32_t mf = MonthNumber(from);
    const int32_t mt = MonthNumber(to);
    const int32_t f_month_end =
        from.AddDays(domain::DaysInMonth(from.year(), from.month()) - from.day()).days();
    constexpr int32_t kAny = std::numeric_limits<int32_t>::min();
    // The grains as schedule_rollup.hpp keys them: (a, b) = (y day, x day), (x day, y month),
    // (y day, x month), (x month, y month); the edge months' days are prefix sums, read at T
    // (y) and at F (x), so each organisation reads at most 31 + 2 M + M²/2 rows for M months.
    KANGFU_ASSIGN_OR_RETURN(
        SqlRows rows, Run(kVisitCoverage, {Text(range.first), Text(range.second),
                                           // x in F's month from F, y in T's month up to T
                                           Int(t), Int(t), Int(f), Int(f_month_end),
                                           // x in F's month from F, y before T's month
                                           Int(f), Int(f), Int(kAny), Int(mt - 1),
                                           // x after F's month, y in T's month up to T
                                           Int(t), Int(t), Int(mf + 1), Int(mt),
                                           // x after F's month, y before T's month
                                           Int(mf + 1), Int(mt - 1), Int(kAny), Int(mt - 1)}));
    out.reserve(rows.size());
    for (const SqlRow& row : rows) {
      RowReader r(row);
      DisciplinedVisited c{.unit_path = r.Text(), .disciplined = r.Int(), .visited = r.Int()};
      if (r.bad()) return Corrupt("aftercare_coverage_rollup");
      if (c.disciplined != 0) out.push_back(std::move(c));
    }
    return out;
  }

  Result<std::vector<UnitCount>> CountOverdueScheduled(RowId root, Date day) override {
    KANGFU_ASSIGN_OR_RETURN(Range range, Subtree(root));
    const int32_t month = MonthNumber(day);
    KANGFU_ASSIGN_OR_RETURN(
        SqlRows rows,
        Run(kOverdueScheduled, {Text(range.first), Text(range.second), Int(day.year() - 1),
                                Int(static_cast<int64_t>(day.year()) * 12), Int(month - 1),
                                Int(day.AddDays(1 - day.day()).days()), Int(day.days())}));
    std::vector<UnitCount> out;
    for (const SqlRow& row : rows) {
      RowReader r(row);
      const std::string path = r.Text();
      std::vector<UnitCount> of_unit;
      for (const char* kind : kOverdueKinds) {
        UnitCount c{.unit_path = path, .key = kind, .n = r.Int()};
        if (c.n != 0) of_unit.push_back(std::move(c));
      }
      if (r.bad()) return Corrupt("aftercare_overdue_rollup");
      std::sort(of_unit.begin(), of_unit.end(),
                [](const UnitCount& a, const UnitCount& b) { return a.key < b.key; });
      for (UnitCount& c : of_unit) out.push_back(std::move(c));
    }
    return out;
  }

 private:
  using Range = std::pair<std::string, std::string>;

  Result<SqlRows> Run(const SqlStatement& statement, std::initializer_list<SqlValue> params) {
    return db_.Run(statement, std::span<const SqlValue>(params.begin(), params.size()));
  }

  // The root's path and the bound after its subtree ('/' sorts right before '0').
  Result<Range> Subtree(RowId root) {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kRootPath, {Int(root)}));
    if (rows.empty()) {
      return Status::NotFound("organisation.not_found", "未找到该单位，请重新选择", "org");
    }
    std::string path = AsText(rows[0][0]);
    std::string bound = path;
    if (!bound.empty()) bound.back() = '0';
    return Range{std::move(path), std::move(bound)};
  }

  SqlConnection& db_;
};

}  // namespace

std::unique_ptr<IndicatorStore> MakeSqlIndicatorStore(SqlConnection& connection) {
  return std::make_unique<SqlIndicatorStore>(connection);
}

}  // namespace kangfu::storage
