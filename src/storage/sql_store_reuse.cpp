// The re-use tables (migration 0007) over SqlConnection; see storage/reuse_store.hpp. Kept apart
// from sql_store.cpp: it shares only the connection and the owner's transactions. Document bytes
// are stored as base64 text, so that both backends keep them in an ordinary text column.

#include <array>
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

#define KANGFU_RFILE_COLS                                                               \
  "f.id, f.person_id, f.org_id, f.opened_by, f.opened_on, f.state, f.override_reason, " \
  "f.override_by, f.override_approved_by, f.override_approved_on, f.closed_on, "        \
  "f.close_reason, f.closed_by, f.version"
#define KANGFU_RSTEP_COLS \
  "id, file_id, step, organ, date, opinion, document_id, details, recorded_by, version"
#define KANGFU_RDOC_COLS \
  "id, file_id, name, content_type, size, hash, kind, uploaded_by, uploaded_on"

constexpr SqlStatement kPersonExists = {"ru_person_exists", "SELECT 1 FROM persons WHERE id = $1"};
constexpr SqlStatement kOrgExists = {"ru_org_exists", "SELECT 1 FROM organisations WHERE id = $1"};
constexpr SqlStatement kAccountExists = {"ru_account_exists",
                                         "SELECT 1 FROM accounts WHERE id = $1"};
constexpr SqlStatement kFileExists = {"ru_file_exists", "SELECT 1 FROM reuse_files WHERE id = $1"};
constexpr SqlStatement kOrgPathOf = {"ru_org_path", "SELECT path FROM organisations WHERE id = $1"};

constexpr SqlStatement kFileInsert = {
    "ru_file_insert",
    "INSERT INTO reuse_files (person_id, org_id, opened_by, opened_on, state, override_reason, "
    "override_by, override_approved_by, override_approved_on, closed_on, close_reason, "
    "closed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id"};
constexpr SqlStatement kFileGet = {"ru_file_get",
                                   "SELECT " KANGFU_RFILE_COLS " FROM reuse_files f WHERE id = $1"};
constexpr SqlStatement kFileUpdate = {
    "ru_file_update",
    "UPDATE reuse_files SET state = $3, override_reason = $4, override_by = $5, "
    "override_approved_by = $6, override_approved_on = $7, closed_on = $8, close_reason = $9, "
    "closed_by = $10, version = version + 1 WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kFilesUnder = {
    "ru_files_under", "SELECT " KANGFU_RFILE_COLS
                      " FROM reuse_files f JOIN persons p ON p.id = f.person_id "
                      "JOIN organisations o ON o.id = p.unit_id WHERE o.path >= $1 AND o.path < $2 "
                      "ORDER BY f.opened_on DESC, f.id DESC"};

constexpr SqlStatement kStepInsert = {
    "ru_step_insert",
    "INSERT INTO reuse_steps (file_id, step, organ, date, opinion, document_id, details, "
    "recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr SqlStatement kStepGet = {"ru_step_get",
                                   "SELECT " KANGFU_RSTEP_COLS " FROM reuse_steps WHERE id = $1"};
constexpr SqlStatement kStepUpdate = {
    "ru_step_update",
    "UPDATE reuse_steps SET organ = $3, date = $4, opinion = $5, document_id = $6, details = $7, "
    "version = version + 1 WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kStepsOf = {"ru_steps_of",
                                   "SELECT " KANGFU_RSTEP_COLS
                                   " FROM reuse_steps WHERE file_id = $1 ORDER BY step"};

constexpr SqlStatement kDocInsert = {
    "ru_doc_insert",
    "INSERT INTO reuse_documents (file_id, name, content_type, size, hash, kind, body, "
    "uploaded_by, uploaded_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr SqlStatement kDocGet = {
    "ru_doc_get", "SELECT " KANGFU_RDOC_COLS ", body FROM reuse_documents WHERE id = $1"};
constexpr SqlStatement kDocsOf = {"ru_docs_of",
                                  "SELECT " KANGFU_RDOC_COLS
                                  " FROM reuse_documents WHERE file_id = $1 ORDER BY id"};

constexpr SqlStatement kAssessmentInsert = {
    "ru_assessment_insert",
    "INSERT INTO reuse_assessments (person_id, year, grade, recorded_by) VALUES ($1, $2, $3, $4) "
    "RETURNING id"};
constexpr SqlStatement kAssessmentsOf = {
    "ru_assessments_of",
    "SELECT id, person_id, year, grade, recorded_by FROM reuse_assessments WHERE person_id = $1 "
    "ORDER BY year"};

constexpr SqlStatement kPolicyGet = {"ru_policy_get",
                                     "SELECT body, version FROM reuse_settings WHERE name = "
                                     "'policy'"};
constexpr SqlStatement kPolicyInsert = {
    "ru_policy_insert",
    "INSERT INTO reuse_settings (name, body) VALUES ('policy', $1) RETURNING version"};
constexpr SqlStatement kPolicyUpdate = {
    "ru_policy_update",
    "UPDATE reuse_settings SET body = $1, version = version + 1 WHERE name = 'policy' AND "
    "version = $2 RETURNING version"};

// ---------------------------------------------------------------------------------------------

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                       (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += kBase64[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += rest == 2 ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  uint32_t n = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '=') {
      if (i + 2 < text.size()) return std::nullopt;
      break;
    }
    const std::size_t v = kBase64.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    n = (n << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((n >> bits) & 0xFF);
    }
  }
  return out;
}

Result<ReuseFileRow> ReadFile(const SqlRow& row) {
  RowReader r(row);
  ReuseFileRow f;
  f.id = r.Int();
  f.person_id = r.Int();
  f.org_id = r.Int();
  f.opened_by = r.Int();
  f.opened_on = r.DateColumn();
  f.state = r.Text();
  f.override_reason = r.Text();
  f.override_by = r.Text();
  f.override_approved_by = r.Text();
  f.override_approved_on = r.OptDate();
  f.closed_on = r.OptDate();
  f.close_reason = r.Text();
  f.closed_by = r.Text();
  f.version = r.Int();
  if (r.bad()) return Corrupt("reuse_files");
  return f;
}

Result<ReuseStepRow> ReadStep(const SqlRow& row) {
  RowReader r(row);
  ReuseStepRow s;
  s.id = r.Int();
  s.file_id = r.Int();
  s.step = static_cast<int>(r.Int());
  s.organ = r.Text();
  s.date = r.DateColumn();
  s.opinion = r.Text();
  s.document_id = r.Int();
  s.details = r.Text();
  s.recorded_by = r.Text();
  s.version = r.Int();
  if (r.bad()) return Corrupt("reuse_steps");
  return s;
}

Result<ReuseDocumentRow> ReadDocument(const SqlRow& row) {
  RowReader r(row);
  ReuseDocumentRow d;
  d.id = r.Int();
  d.file_id = r.Int();
  d.name = r.Text();
  d.content_type = r.Text();
  d.size = r.Int();
  d.hash = r.Text();
  d.kind = r.Text();
  d.uploaded_by = r.Text();
  d.uploaded_on = r.DateColumn();
  if (r.bad()) return Corrupt("reuse_documents");
  return d;
}

Result<ReuseAssessmentRow> ReadAssessment(const SqlRow& row) {
  RowReader r(row);
  ReuseAssessmentRow a;
  a.id = r.Int();
  a.person_id = r.Int();
  a.year = static_cast<int>(r.Int());
  a.grade = r.Text();
  a.recorded_by = r.Text();
  if (r.bad()) return Corrupt("reuse_assessments");
  return a;
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

Status FileMissing(std::string field = {}) {
  return Status::NotFound("reuse.not_found", "未找到该重新使用事项，可能不在管辖范围内",
                          std::move(field));
}
Status FileMissingDefault() { return FileMissing(); }
Status StepMissing() { return Status::NotFound("reuse_step.not_found", "未找到该办理步骤"); }
Status DocumentMissing() {
  return Status::NotFound("reuse_document.not_found", "未找到该文件，请刷新后重试");
}

// ---------------------------------------------------------------------------------------------

class SqlReuseStore final : public ReuseStore, private SqlArea {
 public:
  SqlReuseStore(SqlConnection& db, Store& owner, std::function<bool()> doomed)
      : SqlArea(db, owner, std::move(doomed)) {}

  Result<ReuseFileRow> AddReuseFile(const ReuseFileRow& f) override {
    return Write<ReuseFileRow>([&]() -> Result<ReuseFileRow> {
      KANGFU_RETURN_IF_ERROR(Require(kPersonExists, f.person_id, [] {
        return Status::NotFound("person.not_found", "未找到该人员，请核对后重新选择", "person_id");
      }));
      KANGFU_RETURN_IF_ERROR(Require(kOrgExists, f.org_id, [] {
        return Status::NotFound("organisation.not_found", "所指定的组织（单位）不存在，请重新选择",
                                "org_id");
      }));
      KANGFU_RETURN_IF_ERROR(Require(kAccountExists, f.opened_by, [] {
        return Status::NotFound("account.not_found", "未找到该账号", "opened_by");
      }));
      const std::string state = f.state.empty() ? "open" : f.state;
      Result<SqlRows> rows = Run(
          kFileInsert, {Int(f.person_id), Int(f.org_id), Int(f.opened_by), DateValue(f.opened_on),
                        Text(state), Text(f.override_reason), Text(f.override_by),
                        Text(f.override_approved_by), OptDate(f.override_approved_on),
                        OptDate(f.closed_on), Text(f.close_reason), Text(f.closed_by)});
      if (!rows.ok()) {
        return MapError(std::move(rows).TakeStatus(), [] {
          return Status::Error(ErrorCode::kAlreadyExists, "reuse.file_open",
                               "该人员已有正在办理的重新使用事项，不能重复启动", "person_id");
        });
      }
      ReuseFileRow stored = f;
      stored.state = state;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<ReuseFileRow> GetReuseFile(RowId id) override {
    return ReadOne(kFileGet, id, &ReadFile, &FileMissingDefault);
  }

  Result<ReuseFileRow> UpdateReuseFile(const ReuseFileRow& f) override {
    return Write<ReuseFileRow>([&]() -> Result<ReuseFileRow> {
      KANGFU_RETURN_IF_ERROR(Update(
          kFileUpdate, kFileGet,
          {Int(f.id), Int(f.version), Text(f.state), Text(f.override_reason), Text(f.override_by),
           Text(f.override_approved_by), OptDate(f.override_approved_on), OptDate(f.closed_on),
           Text(f.close_reason), Text(f.closed_by)},
          &FileMissingDefault));
      return GetReuseFile(f.id);
    });
  }

  Result<std::vector<ReuseFileRow>> ListReuseFiles(RowId root_org_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows path, Run(kOrgPathOf, {Int(root_org_id)}));
    if (path.empty()) {
      return Status::NotFound("organisation.not_found", "所指定的组织（单位）不存在，请重新选择",
                              "root_org_id");
    }
    std::string root = AsText(path[0][0]);
    std::string bound = root;
    if (!bound.empty()) bound.back() = '0';  // '/' sorts right before '0' (see SubtreeBound)
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kFilesUnder, {Text(root), Text(bound)}));
    return ReadAll<ReuseFileRow>(rows, &ReadFile);
  }

  Result<ReuseStepRow> AddReuseStep(const ReuseStepRow& s) override {
    return Write<ReuseStepRow>([&]() -> Result<ReuseStepRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kFileExists, s.file_id, [] { return FileMissing("file_id"); }));
      const std::string details = s.details.empty() ? "{}" : s.details;
      Result<SqlRows> rows = Run(
          kStepInsert, {Int(s.file_id), Int(s.step), Text(s.organ), DateValue(s.date),
                        Text(s.opinion), OptId(s.document_id), Text(details), Text(s.recorded_by)});
      if (!rows.ok()) {
        return MapError(std::move(rows).TakeStatus(), [] {
          return Status::Error(ErrorCode::kAlreadyExists, "reuse.step_done",
                               "该步骤已经办理，不能重复办理", "step");
        });
      }
      ReuseStepRow stored = s;
      stored.details = details;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<ReuseStepRow> UpdateReuseStep(const ReuseStepRow& s) override {
    return Write<ReuseStepRow>([&]() -> Result<ReuseStepRow> {
      KANGFU_RETURN_IF_ERROR(
          Update(kStepUpdate, kStepGet,
                 {Int(s.id), Int(s.version), Text(s.organ), DateValue(s.date), Text(s.opinion),
                  OptId(s.document_id), Text(s.details.empty() ? "{}" : s.details)},
                 &StepMissing));
      return ReadOne(kStepGet, s.id, &ReadStep, &StepMissing);
    });
  }

  Result<std::vector<ReuseStepRow>> ListReuseSteps(RowId file_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kStepsOf, {Int(file_id)}));
    return ReadAll<ReuseStepRow>(rows, &ReadStep);
  }

  Result<ReuseDocumentRow> AddReuseDocument(const ReuseDocumentRow& d) override {
    return Write<ReuseDocumentRow>([&]() -> Result<ReuseDocumentRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kFileExists, d.file_id, [] { return FileMissing("file_id"); }));
      Result<SqlRows> rows = Run(
          kDocInsert, {Int(d.file_id), Text(d.name), Text(d.content_type),
                       Int(static_cast<int64_t>(d.bytes.size())), Text(d.hash), Text(d.kind),
                       Text(Base64Encode(d.bytes)), Text(d.uploaded_by), DateValue(d.uploaded_on)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
      ReuseDocumentRow stored = d;
      stored.size = static_cast<int64_t>(d.bytes.size());
      stored.id = AsInt((*rows)[0][0]);
      return stored;
    });
  }

  Result<ReuseDocumentRow> GetReuseDocument(RowId id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kDocGet, {Int(id)}));
    if (rows.empty()) return DocumentMissing();
    KANGFU_ASSIGN_OR_RETURN(ReuseDocumentRow document, ReadDocument(rows[0]));
    std::optional<std::string> bytes = Base64Decode(AsText(rows[0].at(9)));
    if (!bytes || static_cast<int64_t>(bytes->size()) != document.size) {
      return Corrupt("reuse_documents");
    }
    document.bytes = std::move(*bytes);
    return document;
  }

  Result<std::vector<ReuseDocumentRow>> ListReuseDocuments(RowId file_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kDocsOf, {Int(file_id)}));
    return ReadAll<ReuseDocumentRow>(rows, &ReadDocument);
  }

  Result<ReuseAssessmentRow> AddReuseAssessment(const ReuseAssessmentRow& a) override {
    return Write<ReuseAssessmentRow>([&]() -> Result<ReuseAssessmentRow> {
      KANGFU_RETURN_IF_ERROR(Require(kPersonExists, a.person_id, [] {
        return Status::NotFound("person.not_found", "未找到该人员，请核对后重新选择", "person_id");
      }));
      Result<SqlRows> rows = Run(
          kAssessmentInsert, {Int(a.person_id), Int(a.year), Text(a.grade), Text(a.recorded_by)});
      if (!rows.ok()) {
        return MapError(std::move(rows).TakeStatus(), [] {
          return Status::Error(ErrorCode::kAlreadyExists, "reuse_assessment.duplicate",
                               "该年度的考核结果已经登记", "year");
        });
      }
      ReuseAssessmentRow stored = a;
      stored.id = AsInt((*rows)[0][0]);
      return stored;
    });
  }

  Result<std::vector<ReuseAssessmentRow>> ListReuseAssessments(RowId person_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kAssessmentsOf, {Int(person_id)}));
    return ReadAll<ReuseAssessmentRow>(rows, &ReadAssessment);
  }

  Result<std::optional<ReusePolicyRow>> GetReusePolicy() override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kPolicyGet, {}));
    if (rows.empty()) return std::optional<ReusePolicyRow>();
    return std::optional<ReusePolicyRow>(
        ReusePolicyRow{AsText(rows[0].at(0)), AsInt(rows[0].at(1))});
  }

  Result<ReusePolicyRow> PutReusePolicy(const ReusePolicyRow& policy) override {
    return Write<ReusePolicyRow>([&]() -> Result<ReusePolicyRow> {
      ReusePolicyRow stored = policy;
      if (policy.version == 0) {
        Result<SqlRows> rows = Run(kPolicyInsert, {Text(policy.body)});
        if (!rows.ok()) {
          return MapError(std::move(rows).TakeStatus(), [] {
            return Status::Error(ErrorCode::kAlreadyExists, "setting.exists",
                                 "该设置已存在，请刷新后在最新内容上修改", "version");
          });
        }
        stored.version = AsInt((*rows)[0][0]);
        return stored;
      }
      KANGFU_ASSIGN_OR_RETURN(SqlRows rows,
                              Run(kPolicyUpdate, {Text(policy.body), Int(policy.version)}));
      if (rows.empty()) return Stale();
      stored.version = AsInt(rows[0][0]);
      return stored;
    });
  }

 private:
};

}  // namespace

std::unique_ptr<ReuseStore> MakeSqlReuseStore(SqlConnection& connection, Store& owner,
                                              std::function<bool()> doomed) {
  return std::make_unique<SqlReuseStore>(connection, owner, std::move(doomed));
}

}  // namespace kangfu::storage
