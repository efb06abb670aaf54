// The oversight tables (migration 0006) over SqlConnection; see storage/oversight_store.hpp.
// Kept apart from sql_store.cpp: it shares only the connection and the owner's transactions.
//
// Optional list filters are bound as neutral values (0, '', the widest date range) so that each
// list is one named statement on both backends; CAST pins the parameter types for PostgreSQL.

#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "storage/oversight_store.hpp"
#include "storage/sql_area.hpp"
#include "storage/sql_row_reader.hpp"
#include "storage/sql_store.hpp"

namespace kangfu::storage {
namespace {

#define KANGFU_CLUE_COLS                                                                           \
  "c.id, c.person_id, c.organ_id, c.source, c.summary, c.received, c.handling, c.handling_date, "  \
  "c.reply_due, c.replied_on, c.state, c.concluded_on, c.conclusion, c.hold_id, c.registered_by, " \
  "c.version"
#define KANGFU_INTERVIEW_COLS \
  "i.id, i.organ_id, i.kind, i.talk_date, i.topics, i.follow_up, i.recorded_by, i.version"
#define KANGFU_CLEARANCE_COLS                                                                     \
  "c.id, c.person_id, c.organ_id, c.clue_id, c.conclusion, c.trigger_by, c.approver, c.methods, " \
  "c.audience, c.cleared_on, c.referred, c.recorded_by, c.version"
#define KANGFU_FT_COLS                                                                           \
  "f.id, f.person_id, f.organ_id, f.measure_id, f.clue_id, f.allegation, f.ground, f.decision, " \
  "f.approver, f.decided_on, f.reason, f.recorded_by, f.version"

// $1/$2 subtree bounds, $3 person, $4/$5 date range, then the kind's own filters.
#define KANGFU_CLUE_WHERE                                                                       \
  " FROM clues c JOIN organisations o ON o.id = c.organ_id WHERE o.path >= $1 AND o.path < $2 " \
  "AND (CAST($3 AS BIGINT) = 0 OR c.person_id = CAST($3 AS BIGINT)) AND c.received >= $4 AND "  \
  "c.received <= $5 AND (CAST($6 AS TEXT) = '' OR c.handling = CAST($6 AS TEXT)) AND "          \
  "(CAST($7 AS TEXT) = '' OR c.state = CAST($7 AS TEXT)) AND (CAST($8 AS INTEGER) = 0 OR "      \
  "(c.handling = 'inquiry' AND c.replied_on IS NULL AND c.concluded_on IS NULL AND "            \
  "c.reply_due < $9))"
#define KANGFU_INTERVIEW_WHERE                                                                  \
  " FROM interviews i JOIN organisations o ON o.id = i.organ_id WHERE o.path >= $1 AND "        \
  "o.path < $2 AND (CAST($3 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM interview_persons ip "      \
  "WHERE ip.interview_id = i.id AND ip.person_id = CAST($3 AS BIGINT))) AND i.talk_date >= $4 " \
  "AND i.talk_date <= $5 AND (CAST($6 AS TEXT) = '' OR i.kind = CAST($6 AS TEXT)) AND "         \
  "(CAST($7 AS INTEGER) = 0 OR EXISTS (SELECT 1 FROM interview_persons ip WHERE "               \
  "ip.interview_id = i.id AND ip.principal_leader))"
#define KANGFU_CLEARANCE_WHERE                                                              \
  " FROM clearances c JOIN organisations o ON o.id = c.organ_id WHERE o.path >= $1 AND "    \
  "o.path < $2 AND (CAST($3 AS BIGINT) = 0 OR c.person_id = CAST($3 AS BIGINT)) AND "       \
  "c.cleared_on >= $4 AND c.cleared_on <= $5 AND (CAST($6 AS TEXT) = '' OR c.conclusion = " \
  "CAST($6 AS TEXT))"
#define KANGFU_FT_WHERE                                                                       \
  " FROM fault_tolerance f JOIN organisations o ON o.id = f.organ_id WHERE o.path >= $1 AND " \
  "o.path < $2 AND (CAST($3 AS BIGINT) = 0 OR f.person_id = CAST($3 AS BIGINT)) AND "         \
  "f.decided_on >= $4 AND f.decided_on <= $5 AND (CAST($6 AS TEXT) = '' OR f.decision = "     \
  "CAST($6 AS TEXT))"

constexpr SqlStatement kPersonExists = {"ov_person_exists", "SELECT 1 FROM persons WHERE id = $1"};
constexpr SqlStatement kOrgExists = {"ov_org_exists", "SELECT 1 FROM organisations WHERE id = $1"};
constexpr SqlStatement kAccountExists = {"ov_account_exists",
                                         "SELECT 1 FROM accounts WHERE id = $1"};
constexpr SqlStatement kHoldExists = {"ov_hold_exists", "SELECT 1 FROM holds WHERE id = $1"};
constexpr SqlStatement kClueExists = {"ov_clue_exists", "SELECT 1 FROM clues WHERE id = $1"};
constexpr SqlStatement kMeasureExists = {"ov_measure_exists",
                                         "SELECT 1 FROM measures WHERE id = $1"};
constexpr SqlStatement kOrgPathOf = {"ov_org_path", "SELECT path FROM organisations WHERE id = $1"};

// --- clues ---
constexpr SqlStatement kClueInsert = {
    "ov_clue_insert",
    "INSERT INTO clues (person_id, organ_id, source, summary, received, handling, handling_date, "
    "reply_due, replied_on, state, concluded_on, conclusion, hold_id, registered_by) VALUES ($1, "
    "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id"};
constexpr SqlStatement kClueGet = {"ov_clue_get",
                                   "SELECT " KANGFU_CLUE_COLS " FROM clues c WHERE c.id = $1"};
constexpr SqlStatement kClueUpdate = {
    "ov_clue_update",
    "UPDATE clues SET organ_id = $3, source = $4, summary = $5, received = $6, handling = $7, "
    "handling_date = $8, reply_due = $9, replied_on = $10, state = $11, concluded_on = $12, "
    "conclusion = $13, hold_id = $14, version = version + 1 WHERE id = $1 AND version = $2 "
    "RETURNING version"};
constexpr SqlStatement kCluePage = {"ov_clue_page", "SELECT " KANGFU_CLUE_COLS KANGFU_CLUE_WHERE
                                                    " ORDER BY c.received DESC, c.id DESC LIMIT "
                                                    "$10 OFFSET $11"};
constexpr SqlStatement kClueCount = {"ov_clue_count", "SELECT count(*)" KANGFU_CLUE_WHERE};

// --- talks ---
constexpr SqlStatement kInterviewInsert = {
    "ov_interview_insert",
    "INSERT INTO interviews (organ_id, kind, talk_date, topics, follow_up, recorded_by) VALUES "
    "($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr SqlStatement kInterviewGet = {
    "ov_interview_get", "SELECT " KANGFU_INTERVIEW_COLS " FROM interviews i WHERE i.id = $1"};
constexpr SqlStatement kInterviewUpdate = {
    "ov_interview_update",
    "UPDATE interviews SET organ_id = $3, kind = $4, talk_date = $5, topics = $6, follow_up = $7, "
    "version = version + 1 WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kInterviewPage = {
    "ov_interview_page", "SELECT " KANGFU_INTERVIEW_COLS KANGFU_INTERVIEW_WHERE
                         " ORDER BY i.talk_date DESC, i.id DESC LIMIT $8 OFFSET $9"};
constexpr SqlStatement kInterviewCount = {"ov_interview_count",
                                          "SELECT count(*)" KANGFU_INTERVIEW_WHERE};
constexpr SqlStatement kInterviewerInsert = {
    "ov_interviewer_insert",
    "INSERT INTO interview_interviewers (interview_id, position, account_id, name, post) VALUES "
    "($1, $2, $3, $4, $5)"};
constexpr SqlStatement kInterviewersOf = {
    "ov_interviewers_of",
    "SELECT account_id, name, post FROM interview_interviewers WHERE interview_id = $1 "
    "ORDER BY position"};
constexpr SqlStatement kInterviewersDelete = {
    "ov_interviewers_delete", "DELETE FROM interview_interviewers WHERE interview_id = $1"};
constexpr SqlStatement kIntervieweeInsert = {
    "ov_interviewee_insert",
    "INSERT INTO interview_persons (interview_id, position, person_id, principal_leader, "
    "led_org_id) VALUES ($1, $2, $3, $4, $5)"};
constexpr SqlStatement kIntervieweesOf = {
    "ov_interviewees_of",
    "SELECT person_id, principal_leader, led_org_id FROM interview_persons WHERE interview_id = "
    "$1 ORDER BY position"};
constexpr SqlStatement kIntervieweesDelete = {
    "ov_interviewees_delete", "DELETE FROM interview_persons WHERE interview_id = $1"};

// --- clearances ---
constexpr SqlStatement kClearanceInsert = {
    "ov_clearance_insert",
    "INSERT INTO clearances (person_id, organ_id, clue_id, conclusion, trigger_by, approver, "
    "methods, audience, cleared_on, referred, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, "
    "$8, $9, $10, $11) RETURNING id"};
constexpr SqlStatement kClearanceGet = {
    "ov_clearance_get", "SELECT " KANGFU_CLEARANCE_COLS " FROM clearances c WHERE c.id = $1"};
constexpr SqlStatement kClearanceUpdate = {
    "ov_clearance_update",
    "UPDATE clearances SET organ_id = $3, clue_id = $4, conclusion = $5, trigger_by = $6, "
    "approver = $7, methods = $8, audience = $9, cleared_on = $10, referred = $11, "
    "version = version + 1 WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kClearancePage = {
    "ov_clearance_page", "SELECT " KANGFU_CLEARANCE_COLS KANGFU_CLEARANCE_WHERE
                         " ORDER BY c.cleared_on DESC, c.id DESC LIMIT $7 OFFSET $8"};
constexpr SqlStatement kClearanceCount = {"ov_clearance_count",
                                          "SELECT count(*)" KANGFU_CLEARANCE_WHERE};
constexpr SqlStatement kClearancesOfPerson = {"ov_clearances_of_person",
                                              "SELECT " KANGFU_CLEARANCE_COLS
                                              " FROM clearances c WHERE c.person_id = $1 "
                                              "ORDER BY c.cleared_on, c.id"};
constexpr SqlStatement kAllegationInsert = {
    "ov_allegation_insert",
    "INSERT INTO clearance_allegations (clearance_id, position, allegation) VALUES ($1, $2, $3)"};
constexpr SqlStatement kAllegationsOf = {
    "ov_allegations_of",
    "SELECT allegation FROM clearance_allegations WHERE clearance_id = $1 ORDER BY position"};
constexpr SqlStatement kAllegationsDelete = {
    "ov_allegations_delete", "DELETE FROM clearance_allegations WHERE clearance_id = $1"};

// --- fault tolerance ---
constexpr SqlStatement kFtInsert = {
    "ov_ft_insert",
    "INSERT INTO fault_tolerance (person_id, organ_id, measure_id, clue_id, allegation, ground, "
    "decision, approver, decided_on, reason, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
    "$9, $10, $11) RETURNING id"};
constexpr SqlStatement kFtGet = {
    "ov_ft_get", "SELECT " KANGFU_FT_COLS " FROM fault_tolerance f WHERE f.id = $1"};
constexpr SqlStatement kFtUpdate = {
    "ov_ft_update",
    "UPDATE fault_tolerance SET organ_id = $3, measure_id = $4, clue_id = $5, allegation = $6, "
    "ground = $7, decision = $8, approver = $9, decided_on = $10, reason = $11, "
    "version = version + 1 WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kFtPage = {"ov_ft_page", "SELECT " KANGFU_FT_COLS KANGFU_FT_WHERE
                                                " ORDER BY f.decided_on DESC, f.id DESC LIMIT $7 "
                                                "OFFSET $8"};
constexpr SqlStatement kFtCount = {"ov_ft_count", "SELECT count(*)" KANGFU_FT_WHERE};
constexpr SqlStatement kFtOfPerson = {"ov_ft_of_person",
                                      "SELECT " KANGFU_FT_COLS
                                      " FROM fault_tolerance f WHERE f.person_id = $1 "
                                      "ORDER BY f.decided_on, f.id"};

constexpr SqlStatement kFtOfPersons = {
    "ov_ft_of_persons",
    "SELECT " KANGFU_FT_COLS
    " FROM fault_tolerance f WHERE f.person_id IN (SELECT value FROM json_each($1)) ORDER BY "
    "f.person_id, f.decided_on, f.id",
    "SELECT " KANGFU_FT_COLS
    " FROM fault_tolerance f WHERE f.person_id = ANY (ARRAY(SELECT "
    "json_array_elements_text($1::json)::bigint)) ORDER BY f.person_id, f.decided_on, f.id"};

// ---------------------------------------------------------------------------------------------

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) {
    if (!out.empty()) out += ',';
    out += code;
  }
  return out;
}

std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Result<ClueRow> ReadClue(const SqlRow& row) {
  RowReader r(row);
  ClueRow c;
  c.id = r.Int();
  c.person_id = r.Int();
  c.organ_id = r.Int();
  c.source = r.Text();
  c.summary = r.Text();
  c.received = r.DateColumn();
  c.handling = r.Text();
  c.handling_date = r.OptDate();
  c.reply_due = r.OptDate();
  c.replied_on = r.OptDate();
  c.state = r.Text();
  c.concluded_on = r.OptDate();
  c.conclusion = r.Text();
  c.hold_id = r.Int();
  c.registered_by = r.Text();
  c.version = r.Int();
  if (r.bad()) return Corrupt("clues");
  return c;
}

Result<InterviewRow> ReadInterview(const SqlRow& row) {
  RowReader r(row);
  InterviewRow i;
  i.id = r.Int();
  i.organ_id = r.Int();
  i.kind = r.Text();
  i.date = r.DateColumn();
  i.topics = r.Text();
  i.follow_up = r.Text();
  i.recorded_by = r.Text();
  i.version = r.Int();
  if (r.bad()) return Corrupt("interviews");
  return i;
}

Result<ClearanceRow> ReadClearance(const SqlRow& row) {
  RowReader r(row);
  ClearanceRow c;
  c.id = r.Int();
  c.person_id = r.Int();
  c.organ_id = r.Int();
  c.clue_id = r.Int();
  c.conclusion = r.Text();
  c.trigger = r.Text();
  c.approver = r.Text();
  c.methods = SplitCodes(r.Text());
  c.audience = r.Text();
  c.date = r.DateColumn();
  c.referred = r.Bool();
  c.recorded_by = r.Text();
  c.version = r.Int();
  if (r.bad()) return Corrupt("clearances");
  return c;
}

Result<FaultToleranceRow> ReadFaultTolerance(const SqlRow& row) {
  RowReader r(row);
  FaultToleranceRow f;
  f.id = r.Int();
  f.person_id = r.Int();
  f.organ_id = r.Int();
  f.measure_id = r.Int();
  f.clue_id = r.Int();
  f.allegation = r.Text();
  f.ground = r.Text();
  f.decision = r.Text();
  f.approver = r.Text();
  f.date = r.DateColumn();
  f.reason = r.Text();
  f.recorded_by = r.Text();
  f.version = r.Int();
  if (r.bad()) return Corrupt("fault_tolerance");
  return f;
}

// --- errors ---
Status PersonMissing(std::string field) {
  return Status::NotFound("person.not_found", "未找到该人员，请核对后重新选择", std::move(field));
}
Status OrgMissing(std::string field) {
  return Status::NotFound("organisation.not_found", "所指定的组织（单位）不存在，请重新选择",
                          std::move(field));
}
Status ClueMissing(std::string field = {}) {
  return Status::NotFound("clue.not_found", "未找到该问题线索，可能不在管辖范围内",
                          std::move(field));
}
Status ClueMissingDefault() { return ClueMissing(); }
Status InterviewMissing() {
  return Status::NotFound("interview.not_found", "未找到该谈话记录，可能不在管辖范围内");
}
Status ClearanceMissing() {
  return Status::NotFound("clearance.not_found", "未找到该澄清正名记录，可能不在管辖范围内");
}
Status FaultToleranceMissing() {
  return Status::NotFound("fault_tolerance.not_found", "未找到该容错纠错记录，可能不在管辖范围内");
}

// ---------------------------------------------------------------------------------------------

class SqlOversightStore final : public OversightStore, private SqlArea {
 public:
  SqlOversightStore(SqlConnection& db, Store& owner, std::function<bool()> doomed)
      : SqlArea(db, owner, std::move(doomed)) {}

  // --- clues ---

  Result<ClueRow> AddClue(const ClueRow& c) override {
    return Write<ClueRow>([&]() -> Result<ClueRow> {
      KANGFU_RETURN_IF_ERROR(CheckPersonAndOrgan(c.person_id, c.organ_id));
      if (c.hold_id != 0) {
        KANGFU_RETURN_IF_ERROR(Require(kHoldExists, c.hold_id, [] {
          return Status::NotFound("hold.not_found", "未找到该暂缓事项", "hold_id");
        }));
      }
      Result<SqlRows> rows =
          Run(kClueInsert,
              {Int(c.person_id), Int(c.organ_id), Text(c.source), Text(c.summary),
               DateValue(c.received), OptText(c.handling), OptDate(c.handling_date),
               OptDate(c.reply_due), OptDate(c.replied_on), Text(c.state), OptDate(c.concluded_on),
               Text(c.conclusion), OptId(c.hold_id), Text(c.registered_by)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
      ClueRow stored = c;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<ClueRow> GetClue(RowId id) override {
    return ReadOne(kClueGet, id, &ReadClue, &ClueMissingDefault);
  }

  Result<ClueRow> UpdateClue(const ClueRow& c) override {
    return Write<ClueRow>([&]() -> Result<ClueRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kOrgExists, c.organ_id, [] { return OrgMissing("organ_id"); }));
      KANGFU_RETURN_IF_ERROR(
          Update(kClueUpdate, kClueGet,
                 {Int(c.id), Int(c.version), Int(c.organ_id), Text(c.source), Text(c.summary),
                  DateValue(c.received), OptText(c.handling), OptDate(c.handling_date),
                  OptDate(c.reply_due), OptDate(c.replied_on), Text(c.state),
                  OptDate(c.concluded_on), Text(c.conclusion), OptId(c.hold_id)},
                 &ClueMissingDefault));
      return GetClue(c.id);
    });
  }

  Result<OversightPage<ClueRow>> ListClues(const OversightQuery& q) override {
    KANGFU_ASSIGN_OR_RETURN(std::vector<SqlValue> params, Filters(q));
    params.push_back(Text(q.kind));
    params.push_back(Text(q.state));
    params.push_back(Bool(q.overdue_on.has_value()));
    params.push_back(DateValue(q.overdue_on.value_or(Date())));
    return Page<ClueRow>(kCluePage, kClueCount, std::move(params), q, &ReadClue,
                         [](ClueRow&) { return Status::Ok(); });
  }

  // --- talks ---

  Result<InterviewRow> AddInterview(const InterviewRow& i) override {
    return Write<InterviewRow>([&]() -> Result<InterviewRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kOrgExists, i.organ_id, [] { return OrgMissing("organ_id"); }));
      Result<SqlRows> rows =
          Run(kInterviewInsert, {Int(i.organ_id), Text(i.kind), DateValue(i.date), Text(i.topics),
                                 Text(i.follow_up), Text(i.recorded_by)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
      InterviewRow stored = i;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      KANGFU_RETURN_IF_ERROR(WriteInterviewLists(stored));
      return stored;
    });
  }

  Result<InterviewRow> GetInterview(RowId id) override {
    KANGFU_ASSIGN_OR_RETURN(InterviewRow row,
                            ReadOne(kInterviewGet, id, &ReadInterview, &InterviewMissing));
    KANGFU_RETURN_IF_ERROR(ReadInterviewLists(row));
    return row;
  }

  Result<InterviewRow> UpdateInterview(const InterviewRow& i) override {
    return Write<InterviewRow>([&]() -> Result<InterviewRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kOrgExists, i.organ_id, [] { return OrgMissing("organ_id"); }));
      KANGFU_RETURN_IF_ERROR(Update(kInterviewUpdate, kInterviewGet,
                                    {Int(i.id), Int(i.version), Int(i.organ_id), Text(i.kind),
                                     DateValue(i.date), Text(i.topics), Text(i.follow_up)},
                                    &InterviewMissing));
      KANGFU_RETURN_IF_ERROR(Exec(kInterviewersDelete, {Int(i.id)}));
      KANGFU_RETURN_IF_ERROR(Exec(kIntervieweesDelete, {Int(i.id)}));
      KANGFU_RETURN_IF_ERROR(WriteInterviewLists(i));
      return GetInterview(i.id);
    });
  }

  Result<OversightPage<InterviewRow>> ListInterviews(const OversightQuery& q) override {
    KANGFU_ASSIGN_OR_RETURN(std::vector<SqlValue> params, Filters(q));
    params.push_back(Text(q.kind));
    params.push_back(Bool(q.principal_only));
    return Page<InterviewRow>(kInterviewPage, kInterviewCount, std::move(params), q, &ReadInterview,
                              [this](InterviewRow& row) { return ReadInterviewLists(row); });
  }

  // --- clearances ---

  Result<ClearanceRow> AddClearance(const ClearanceRow& c) override {
    return Write<ClearanceRow>([&]() -> Result<ClearanceRow> {
      KANGFU_RETURN_IF_ERROR(CheckPersonAndOrgan(c.person_id, c.organ_id));
      KANGFU_RETURN_IF_ERROR(CheckClue(c.clue_id));
      Result<SqlRows> rows =
          Run(kClearanceInsert,
              {Int(c.person_id), Int(c.organ_id), OptId(c.clue_id), Text(c.conclusion),
               Text(c.trigger), Text(c.approver), Text(JoinCodes(c.methods)), Text(c.audience),
               DateValue(c.date), Bool(c.referred), Text(c.recorded_by)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
      ClearanceRow stored = c;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      KANGFU_RETURN_IF_ERROR(WriteAllegations(stored));
      return stored;
    });
  }

  Result<ClearanceRow> GetClearance(RowId id) override {
    KANGFU_ASSIGN_OR_RETURN(ClearanceRow row,
                            ReadOne(kClearanceGet, id, &ReadClearance, &ClearanceMissing));
    KANGFU_RETURN_IF_ERROR(ReadAllegations(row));
    return row;
  }

  Result<ClearanceRow> UpdateClearance(const ClearanceRow& c) override {
    return Write<ClearanceRow>([&]() -> Result<ClearanceRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kOrgExists, c.organ_id, [] { return OrgMissing("organ_id"); }));
      KANGFU_RETURN_IF_ERROR(CheckClue(c.clue_id));
      KANGFU_RETURN_IF_ERROR(
          Update(kClearanceUpdate, kClearanceGet,
                 {Int(c.id), Int(c.version), Int(c.organ_id), OptId(c.clue_id), Text(c.conclusion),
                  Text(c.trigger), Text(c.approver), Text(JoinCodes(c.methods)), Text(c.audience),
                  DateValue(c.date), Bool(c.referred)},
                 &ClearanceMissing));
      KANGFU_RETURN_IF_ERROR(Exec(kAllegationsDelete, {Int(c.id)}));
      KANGFU_RETURN_IF_ERROR(WriteAllegations(c));
      return GetClearance(c.id);
    });
  }

  Result<OversightPage<ClearanceRow>> ListClearances(const OversightQuery& q) override {
    KANGFU_ASSIGN_OR_RETURN(std::vector<SqlValue> params, Filters(q));
    params.push_back(Text(q.kind));
    return Page<ClearanceRow>(kClearancePage, kClearanceCount, std::move(params), q, &ReadClearance,
                              [this](ClearanceRow& row) { return ReadAllegations(row); });
  }

  Result<std::vector<ClearanceRow>> ClearancesOfPerson(RowId person_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kClearancesOfPerson, {Int(person_id)}));
    std::vector<ClearanceRow> out;
    out.reserve(rows.size());
    for (const SqlRow& row : rows) {
      KANGFU_ASSIGN_OR_RETURN(ClearanceRow item, ReadClearance(row));
      KANGFU_RETURN_IF_ERROR(ReadAllegations(item));
      out.push_back(std::move(item));
    }
    return out;
  }

  // --- fault tolerance ---

  Result<FaultToleranceRow> AddFaultTolerance(const FaultToleranceRow& f) override {
    return Write<FaultToleranceRow>([&]() -> Result<FaultToleranceRow> {
      KANGFU_RETURN_IF_ERROR(CheckPersonAndOrgan(f.person_id, f.organ_id));
      KANGFU_RETURN_IF_ERROR(CheckMeasure(f.measure_id));
      KANGFU_RETURN_IF_ERROR(CheckClue(f.clue_id));
      Result<SqlRows> rows =
          Run(kFtInsert, {Int(f.person_id), Int(f.organ_id), OptId(f.measure_id), OptId(f.clue_id),
                          Text(f.allegation), Text(f.ground), Text(f.decision), Text(f.approver),
                          DateValue(f.date), Text(f.reason), Text(f.recorded_by)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
      FaultToleranceRow stored = f;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<FaultToleranceRow> GetFaultTolerance(RowId id) override {
    return ReadOne(kFtGet, id, &ReadFaultTolerance, &FaultToleranceMissing);
  }

  Result<FaultToleranceRow> UpdateFaultTolerance(const FaultToleranceRow& f) override {
    return Write<FaultToleranceRow>([&]() -> Result<FaultToleranceRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kOrgExists, f.organ_id, [] { return OrgMissing("organ_id"); }));
      KANGFU_RETURN_IF_ERROR(CheckMeasure(f.measure_id));
      KANGFU_RETURN_IF_ERROR(CheckClue(f.clue_id));
      KANGFU_RETURN_IF_ERROR(
          Update(kFtUpdate, kFtGet,
                 {Int(f.id), Int(f.version), Int(f.organ_id), OptId(f.measure_id), OptId(f.clue_id),
                  Text(f.allegation), Text(f.ground), Text(f.decision), Text(f.approver),
                  DateValue(f.date), Text(f.reason)},
                 &FaultToleranceMissing));
      return GetFaultTolerance(f.id);
    });
  }

  Result<OversightPage<FaultToleranceRow>> ListFaultTolerance(const OversightQuery& q) override {
    KANGFU_ASSIGN_OR_RETURN(std::vector<SqlValue> params, Filters(q));
    params.push_back(Text(q.kind));
    return Page<FaultToleranceRow>(kFtPage, kFtCount, std::move(params), q, &ReadFaultTolerance,
                                   [](FaultToleranceRow&) { return Status::Ok(); });
  }

  Result<std::vector<FaultToleranceRow>> FaultToleranceOfPerson(RowId person_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kFtOfPerson, {Int(person_id)}));
    std::vector<FaultToleranceRow> out;
    out.reserve(rows.size());
    for (const SqlRow& row : rows) {
      KANGFU_ASSIGN_OR_RETURN(FaultToleranceRow item, ReadFaultTolerance(row));
      out.push_back(std::move(item));
    }
    return out;
  }

  Result<std::vector<FaultToleranceRow>> FaultToleranceOfPersons(
      std::span<const RowId> person_ids) override {
    std::vector<FaultToleranceRow> out;
    if (person_ids.empty()) return out;
    std::string ids = JsonIdArray(person_ids);
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kFtOfPersons, {Text(std::move(ids))}));
    out.reserve(rows.size());
    for (const SqlRow& row : rows) {
      KANGFU_ASSIGN_OR_RETURN(FaultToleranceRow item, ReadFaultTolerance(row));
      out.push_back(std::move(item));
    }
    return out;
  }

 private:
  Result<SqlRows> RunVector(const SqlStatement& statement, const std::vector<SqlValue>& params) {
    return db_.Run(statement, std::span<const SqlValue>(params.data(), params.size()));
  }
  Status Exec(const SqlStatement& statement, std::initializer_list<SqlValue> params) {
    Result<SqlRows> rows = Run(statement, params);
    if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
    return Status::Ok();
  }

  Status CheckPersonAndOrgan(RowId person_id, RowId organ_id) {
    KANGFU_RETURN_IF_ERROR(
        Require(kPersonExists, person_id, [] { return PersonMissing("person_id"); }));
    return Require(kOrgExists, organ_id, [] { return OrgMissing("organ_id"); });
  }
  Status CheckClue(RowId clue_id) {
    if (clue_id == 0) return Status::Ok();
    return Require(kClueExists, clue_id, [] { return ClueMissing("clue_id"); });
  }
  Status CheckMeasure(RowId measure_id) {
    if (measure_id == 0) return Status::Ok();
    return Require(kMeasureExists, measure_id, [] {
      return Status::NotFound("measure.not_found", "未找到该处分处理措施", "measure_id");
    });
  }

  // The common filters $1-$5: subtree bounds, person, date range. Checks the page.
  Result<std::vector<SqlValue>> Filters(const OversightQuery& q) {
    if (q.limit < 1 || q.limit > 1000) {
      return Status::Invalid("limit", "page.limit", "每页条数须在1至1000之间");
    }
    if (q.offset < 0) return Status::Invalid("offset", "page.offset", "页码不能为负数");
    KANGFU_ASSIGN_OR_RETURN(SqlRows path, Run(kOrgPathOf, {Int(q.root_org_id)}));
    if (path.empty()) return OrgMissing("root_org_id");
    std::string root = AsText(path[0][0]);
    std::string bound = root;
    if (!bound.empty()) bound.back() = '0';  // '/' sorts right before '0'
    return std::vector<SqlValue>{Text(root), Text(bound), Int(q.person_id),
                                 Text(q.from ? q.from->ToString() : "0001-01-01"),
                                 Text(q.to ? q.to->ToString() : "9999-12-31")};
  }

  template <typename T, typename Complete>
  Result<OversightPage<T>> Page(const SqlStatement& page, const SqlStatement& count,
                                std::vector<SqlValue> params, const OversightQuery& q,
                                Result<T> (*read)(const SqlRow&), Complete complete) {
    OversightPage<T> out;
    KANGFU_ASSIGN_OR_RETURN(SqlRows total, RunVector(count, params));
    out.total = total.empty() ? 0 : AsInt(total[0][0]);
    params.push_back(Int(q.limit));
    params.push_back(Int(q.offset));
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, RunVector(page, params));
    out.items.reserve(rows.size());
    for (const SqlRow& row : rows) {
      KANGFU_ASSIGN_OR_RETURN(T item, read(row));
      KANGFU_RETURN_IF_ERROR(complete(item));
      out.items.push_back(std::move(item));
    }
    return out;
  }

  Status WriteInterviewLists(const InterviewRow& i) {
    for (std::size_t k = 0; k < i.interviewers.size(); ++k) {
      const InterviewerRow& who = i.interviewers[k];
      if (who.account_id != 0) {
        const std::string field = "interviewers[" + std::to_string(k) + "].account_id";
        KANGFU_RETURN_IF_ERROR(Require(kAccountExists, who.account_id, [&] {
          return Status::NotFound("account.not_found", "未找到该账号", field);
        }));
      }
      KANGFU_RETURN_IF_ERROR(
          Exec(kInterviewerInsert, {Int(i.id), Int(static_cast<int64_t>(k)), OptId(who.account_id),
                                    Text(who.name), Text(who.post)}));
    }
    for (std::size_t k = 0; k < i.interviewees.size(); ++k) {
      const IntervieweeRow& whom = i.interviewees[k];
      const std::string base = "persons[" + std::to_string(k) + "]";
      KANGFU_RETURN_IF_ERROR(Require(kPersonExists, whom.person_id,
                                     [&] { return PersonMissing(base + ".person_id"); }));
      if (whom.led_org_id != 0) {
        KANGFU_RETURN_IF_ERROR(
            Require(kOrgExists, whom.led_org_id, [&] { return OrgMissing(base + ".led_org_id"); }));
      }
      KANGFU_RETURN_IF_ERROR(
          Exec(kIntervieweeInsert, {Int(i.id), Int(static_cast<int64_t>(k)), Int(whom.person_id),
                                    Bool(whom.principal_leader), OptId(whom.led_org_id)}));
    }
    return Status::Ok();
  }

  Status ReadInterviewLists(InterviewRow& i) {
    KANGFU_ASSIGN_OR_RETURN(SqlRows who, Run(kInterviewersOf, {Int(i.id)}));
    i.interviewers.clear();
    for (const SqlRow& row : who) {
      RowReader r(row);
      InterviewerRow item;
      item.account_id = r.Int();
      item.name = r.Text();
      item.post = r.Text();
      if (r.bad()) return Corrupt("interview_interviewers");
      i.interviewers.push_back(std::move(item));
    }
    KANGFU_ASSIGN_OR_RETURN(SqlRows whom, Run(kIntervieweesOf, {Int(i.id)}));
    i.interviewees.clear();
    for (const SqlRow& row : whom) {
      RowReader r(row);
      IntervieweeRow item;
      item.person_id = r.Int();
      item.principal_leader = r.Bool();
      item.led_org_id = r.Int();
      if (r.bad()) return Corrupt("interview_persons");
      i.interviewees.push_back(item);
    }
    return Status::Ok();
  }

  Status WriteAllegations(const ClearanceRow& c) {
    for (std::size_t k = 0; k < c.allegations.size(); ++k) {
      KANGFU_RETURN_IF_ERROR(Exec(
          kAllegationInsert, {Int(c.id), Int(static_cast<int64_t>(k)), Text(c.allegations[k])}));
    }
    return Status::Ok();
  }

  Status ReadAllegations(ClearanceRow& c) {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kAllegationsOf, {Int(c.id)}));
    c.allegations.clear();
    for (const SqlRow& row : rows) c.allegations.push_back(AsText(row[0]));
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<OversightStore> MakeSqlOversightStore(SqlConnection& connection, Store& owner,
                                                      std::function<bool()> doomed) {
  return std::make_unique<SqlOversightStore>(connection, owner, std::move(doomed));
}

}  // namespace kangfu::storage
