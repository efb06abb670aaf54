// The integrity-vetting tables (migration 0005) over SqlConnection; see storage/vetting_store.hpp.
// Kept apart from sql_store.cpp: it shares only the connection and the owner's transactions.

#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "storage/sql_area.hpp"
#include "storage/sql_row_reader.hpp"
#include "storage/sql_store.hpp"

namespace kangfu::storage {
namespace {

#define KANGFU_VREQ_COLS                                                                       \
  "id, filing_org, filed_by, requester, request_ref, purpose, request_date, deadline, state, " \
  "approved_by, approved_on, issued_by, issued_on, letter_number, issuer, version"
#define KANGFU_VCAND_COLS                                                                        \
  "id, request_id, person_id, line, drafted_class, drafted_basis, drafted_on, confirmed_class, " \
  "change_reason, confirmed_by, confirmed_on, version, drafted_statement, statement"

constexpr SqlStatement kPersonExists = {"vt_person_exists", "SELECT 1 FROM persons WHERE id = $1"};
constexpr SqlStatement kOrgExists = {"vt_org_exists", "SELECT 1 FROM organisations WHERE id = $1"};
constexpr SqlStatement kAccountExists = {"vt_account_exists",
                                         "SELECT 1 FROM accounts WHERE id = $1"};
constexpr SqlStatement kRequestExists = {"vt_request_exists",
                                         "SELECT 1 FROM vetting_requests WHERE id = $1"};
constexpr SqlStatement kOrgPathOf = {"vt_org_path", "SELECT path FROM organisations WHERE id = $1"};

constexpr SqlStatement kRequestInsert = {
    "vt_request_insert",
    "INSERT INTO vetting_requests (filing_org, filed_by, requester, request_ref, purpose, "
    "request_date, deadline, state, approved_by, approved_on, issued_by, issued_on, "
    "letter_number, issuer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
    "RETURNING id"};
constexpr SqlStatement kRequestGet = {
    "vt_request_get", "SELECT " KANGFU_VREQ_COLS " FROM vetting_requests WHERE id = $1"};
constexpr SqlStatement kRequestUpdate = {
    "vt_request_update",
    "UPDATE vetting_requests SET state = $3, approved_by = $4, approved_on = $5, issued_by = $6, "
    "issued_on = $7, letter_number = $8, issuer = $9, version = version + 1 "
    "WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kRequestsUnder = {
    "vt_requests_under",
    "SELECT r.id, r.filing_org, r.filed_by, r.requester, r.request_ref, r.purpose, "
    "r.request_date, r.deadline, r.state, r.approved_by, r.approved_on, r.issued_by, "
    "r.issued_on, r.letter_number, r.issuer, r.version FROM vetting_requests r "
    "JOIN organisations o ON o.id = r.filing_org WHERE o.path >= $1 AND o.path < $2 "
    "ORDER BY r.request_date DESC, r.id DESC"};

constexpr SqlStatement kCandidateInsert = {
    "vt_candidate_insert",
    "INSERT INTO vetting_candidates (request_id, person_id, line, drafted_class, drafted_basis, "
    "drafted_on, confirmed_class, change_reason, confirmed_by, confirmed_on, drafted_statement, "
    "statement) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id"};
constexpr SqlStatement kCandidateGet = {
    "vt_candidate_get", "SELECT " KANGFU_VCAND_COLS " FROM vetting_candidates WHERE id = $1"};
constexpr SqlStatement kCandidateUpdate = {
    "vt_candidate_update",
    "UPDATE vetting_candidates SET drafted_class = $3, drafted_basis = $4, drafted_on = $5, "
    "confirmed_class = $6, change_reason = $7, confirmed_by = $8, confirmed_on = $9, "
    "drafted_statement = $10, statement = $11, version = version + 1 "
    "WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kCandidatesOf = {"vt_candidates_of",
                                        "SELECT " KANGFU_VCAND_COLS
                                        " FROM vetting_candidates WHERE request_id = $1 "
                                        "ORDER BY line, id"};

// ---------------------------------------------------------------------------------------------

Result<VettingRequestRow> ReadRequest(const SqlRow& row) {
  RowReader r(row);
  VettingRequestRow v;
  v.id = r.Int();
  v.filing_org = r.Int();
  v.filed_by = r.Int();
  v.requester = r.Text();
  v.request_ref = r.Text();
  v.purpose = r.Text();
  v.request_date = r.DateColumn();
  v.deadline = r.DateColumn();
  v.state = r.Text();
  v.approved_by = r.Text();
  v.approved_on = r.OptDate();
  v.issued_by = r.Text();
  v.issued_on = r.OptDate();
  v.letter_number = r.Text();
  v.issuer = r.Text();
  v.version = r.Int();
  if (r.bad()) return Corrupt("vetting_requests");
  return v;
}

Result<VettingCandidateRow> ReadCandidate(const SqlRow& row) {
  RowReader r(row);
  VettingCandidateRow c;
  c.id = r.Int();
  c.request_id = r.Int();
  c.person_id = r.Int();
  c.line = static_cast<int>(r.Int());
  c.drafted_class = r.Text();
  c.drafted_basis = r.Text();
  c.drafted_on = r.OptDate();
  c.confirmed_class = r.Text();
  c.change_reason = r.Text();
  c.confirmed_by = r.Text();
  c.confirmed_on = r.OptDate();
  c.version = r.Int();
  c.drafted_statement = r.Text();
  c.statement = r.Text();
  if (r.bad()) return Corrupt("vetting_candidates");
  return c;
}

template <typename T>
Result<std::vector<T>> ReadAll(const SqlRows& rows, Result<T> (*read)(const SqlRow&)) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const SqlRow& row : rows) {
    Result<T> item = read(row);
    if (!item.ok()) return std::move(item).TakeStatus();
    out.push_back(std::move(item).value());
  }
  return out;
}

// --- errors ---
Status NotFound(const char* reason, const char* message, std::string field = {}) {
  return Status::NotFound(reason, message, std::move(field));
}
Status RequestMissing(std::string field = {}) {
  return NotFound("vetting.not_found", "未找到该党风廉政意见回复事项，可能不在管辖范围内",
                  std::move(field));
}
Status RequestMissingDefault() { return RequestMissing(); }
Status CandidateMissing() {
  return NotFound("vetting_candidate.not_found", "未找到该拟任人选，请刷新后重试");
}

// ---------------------------------------------------------------------------------------------

class SqlVettingStore final : public VettingStore, private SqlArea {
 public:
  SqlVettingStore(SqlConnection& db, Store& owner, std::function<bool()> doomed)
      : SqlArea(db, owner, std::move(doomed)) {}

  Result<VettingRequestRow> AddVettingRequest(const VettingRequestRow& request) override {
    return Write<VettingRequestRow>([&]() -> Result<VettingRequestRow> {
      KANGFU_RETURN_IF_ERROR(Require(kOrgExists, request.filing_org, [] {
        return NotFound("organisation.not_found", "所指定的组织（单位）不存在，请重新选择",
                        "filing_org");
      }));
      KANGFU_RETURN_IF_ERROR(Require(kAccountExists, request.filed_by, [] {
        return NotFound("account.not_found", "未找到该账号", "filed_by");
      }));
      Result<SqlRows> rows =
          Run(kRequestInsert,
              {Int(request.filing_org), Int(request.filed_by), Text(request.requester),
               Text(request.request_ref), Text(request.purpose), DateValue(request.request_date),
               DateValue(request.deadline), Text(request.state.empty() ? "open" : request.state),
               Text(request.approved_by), OptDate(request.approved_on), Text(request.issued_by),
               OptDate(request.issued_on), Text(request.letter_number), Text(request.issuer)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
      VettingRequestRow stored = request;
      if (stored.state.empty()) stored.state = "open";
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<VettingRequestRow> GetVettingRequest(RowId id) override {
    return ReadOne(kRequestGet, id, &ReadRequest, &RequestMissingDefault);
  }

  Result<VettingRequestRow> UpdateVettingRequest(const VettingRequestRow& r) override {
    return Write<VettingRequestRow>([&]() -> Result<VettingRequestRow> {
      KANGFU_RETURN_IF_ERROR(Update(
          kRequestUpdate, kRequestGet,
          {Int(r.id), Int(r.version), Text(r.state), Text(r.approved_by), OptDate(r.approved_on),
           Text(r.issued_by), OptDate(r.issued_on), Text(r.letter_number), Text(r.issuer)},
          &RequestMissingDefault));
      return GetVettingRequest(r.id);
    });
  }

  Result<std::vector<VettingRequestRow>> ListVettingRequests(RowId root_org_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows path, Run(kOrgPathOf, {Int(root_org_id)}));
    if (path.empty()) {
      return NotFound("organisation.not_found", "所指定的组织（单位）不存在，请重新选择",
                      "root_org_id");
    }
    std::string root = AsText(path[0][0]);
    std::string bound = root;
    if (!bound.empty()) bound.back() = '0';  // '/' sorts right before '0' (see SubtreeBound)
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kRequestsUnder, {Text(root), Text(bound)}));
    return ReadAll<VettingRequestRow>(rows, &ReadRequest);
  }

  Result<VettingCandidateRow> AddVettingCandidate(const VettingCandidateRow& c) override {
    return Write<VettingCandidateRow>([&]() -> Result<VettingCandidateRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kRequestExists, c.request_id, [] { return RequestMissing("request_id"); }));
      KANGFU_RETURN_IF_ERROR(Require(kPersonExists, c.person_id, [] {
        return NotFound("person.not_found", "未找到该人员，请核对身份证号码或重新选择",
                        "person_id");
      }));
      Result<SqlRows> rows =
          Run(kCandidateInsert,
              {Int(c.request_id), Int(c.person_id), Int(c.line), OptText(c.drafted_class),
               Text(c.drafted_basis), OptDate(c.drafted_on), OptText(c.confirmed_class),
               Text(c.change_reason), Text(c.confirmed_by), OptDate(c.confirmed_on),
               Text(c.drafted_statement), Text(c.statement)});
      if (!rows.ok()) {
        return MapError(std::move(rows).TakeStatus(), [] {
          return Status::Error(ErrorCode::kAlreadyExists, "vetting.duplicate_candidate",
                               "该人员已在本次征求意见的名单中，请勿重复填报", "person_id");
        });
      }
      VettingCandidateRow stored = c;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<VettingCandidateRow> GetVettingCandidate(RowId id) override {
    return ReadOne(kCandidateGet, id, &ReadCandidate, &CandidateMissing);
  }

  Result<VettingCandidateRow> UpdateVettingCandidate(const VettingCandidateRow& c) override {
    return Write<VettingCandidateRow>([&]() -> Result<VettingCandidateRow> {
      KANGFU_RETURN_IF_ERROR(
          Update(kCandidateUpdate, kCandidateGet,
                 {Int(c.id), Int(c.version), OptText(c.drafted_class), Text(c.drafted_basis),
                  OptDate(c.drafted_on), OptText(c.confirmed_class), Text(c.change_reason),
                  Text(c.confirmed_by), OptDate(c.confirmed_on), Text(c.drafted_statement),
                  Text(c.statement)},
                 &CandidateMissing));
      return GetVettingCandidate(c.id);
    });
  }

  Result<std::vector<VettingCandidateRow>> ListVettingCandidates(RowId request_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kCandidatesOf, {Int(request_id)}));
    return ReadAll<VettingCandidateRow>(rows, &ReadCandidate);
  }

 private:
};

}  // namespace

std::unique_ptr<VettingStore> MakeSqlVettingStore(SqlConnection& connection, Store& owner,
                                                  std::function<bool()> doomed) {
  return std::make_unique<SqlVettingStore>(connection, owner, std::move(doomed));
}

}  // namespace kangfu::storage
