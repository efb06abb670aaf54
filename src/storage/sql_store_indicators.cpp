// The indicator queries (storage/indicator_store.hpp) over SqlConnection: read-only, each a few
// set-based statements over a subtree's path range (organisations_path index), grouped in SQL
// where the caller needs counts only.

#include <map>
#include <utility>

#include "storage/indicator_store.hpp"
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

// From the stored reminder schedule (0008), by the subjects' unit path: $1/$2 the path range.
// Coverage: per subject with a planned visit due in [$3, $4], whether every one was fulfilled by
// $4; then per unit.
constexpr SqlStatement kVisitCoverage = {
    "ind_visit_coverage",
    "SELECT unit_path, count(*), sum(all_done) FROM (SELECT person_id, min(unit_path) AS "
    "unit_path, min(CASE WHEN done_on IS NOT NULL AND done_on <= $4 THEN 1 ELSE 0 END) AS "
    "all_done FROM aftercare_schedule WHERE unit_path >= $1 AND unit_path < $2 AND kind = "
    "'visit' AND due_date >= $3 AND due_date <= $4 GROUP BY person_id) s GROUP BY unit_path "
    "ORDER BY unit_path"};
constexpr SqlStatement kOverdueScheduled = {
    "ind_overdue_scheduled",
    "SELECT unit_path, kind, count(*) FROM aftercare_schedule WHERE unit_path >= $1 AND "
    "unit_path < $2 AND kind IN ('visit', 'mentor_first_talk', 'mentor_talk', 'mentor_report') "
    "AND done_on IS NULL AND may_be_overdue = 1 AND due_date < $3 AND listed_from <= $3 AND "
    "(listed_until IS NULL OR listed_until >= $3) GROUP BY unit_path, kind ORDER BY 1, 2"};

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
    KANGFU_ASSIGN_OR_RETURN(
        SqlRows rows, Run(kVisitCoverage,
                          {Text(range.first), Text(range.second), DateValue(from), DateValue(to)}));
    std::vector<DisciplinedVisited> out;
    out.reserve(rows.size());
    for (const SqlRow& row : rows) {
      RowReader r(row);
      DisciplinedVisited c{.unit_path = r.Text(), .disciplined = r.Int(), .visited = r.Int()};
      if (r.bad()) return Corrupt("aftercare_schedule");
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<std::vector<UnitCount>> CountOverdueScheduled(RowId root, Date day) override {
    KANGFU_ASSIGN_OR_RETURN(Range range, Subtree(root));
    KANGFU_ASSIGN_OR_RETURN(
        SqlRows rows,
        Run(kOverdueScheduled, {Text(range.first), Text(range.second), DateValue(day)}));
    std::vector<UnitCount> out;
    out.reserve(rows.size());
    for (const SqlRow& row : rows) {
      RowReader r(row);
      UnitCount c{.unit_path = r.Text(), .key = r.Text(), .n = r.Int()};
      if (r.bad()) return Corrupt("aftercare_schedule");
      out.push_back(std::move(c));
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
