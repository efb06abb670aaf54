#ifndef KANGFU_STORAGE_RECORDS_HPP_
#define KANGFU_STORAGE_RECORDS_HPP_

// The rows the storage port reads and writes: plain values, no behaviour. Identifiers are
// database-assigned 64-bit integers (0 = not yet stored). Every mutable row carries `version`,
// which starts at 1 and grows by one with each successful update; an update must carry the
// version it read (optimistic locking).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/model.hpp"

namespace kangfu::storage {

using domain::Date;
using RowId = int64_t;

enum class OrgLevel : uint8_t { kProvince, kCity, kCounty, kUnit };

// The six disciplines of 条例 (violation category of a case).
enum class Discipline : uint8_t {
  kPolitical,       // 政治纪律
  kOrganisational,  // 组织纪律
  kIntegrity,       // 廉洁纪律
  kMasses,          // 群众纪律
  kWork,            // 工作纪律
  kLife,            // 生活纪律
};

// Where the case came from.
enum class CaseSource : uint8_t {
  kSelfReport,   // 主动说明问题
  kPetition,     // 信访举报
  kInspection,   // 巡视巡察
  kAudit,        // 审计
  kSupervision,  // 监督检查
  kOther,        // 其他
};

// Holds are the engine's own vocabulary (clue under verification, case under review).
using domain::HoldKind;
using domain::HoldKindCode;
using domain::HoldKindFromCode;

// Stable text codes as stored in the database ("province", "political", "self_report" …) and
// the reverse lookups (nullopt for an unknown code).
std::string_view OrgLevelCode(OrgLevel level);
std::string_view OrgLevelLabel(OrgLevel level);  // "省" / "市" / "县（区）" / "单位"
std::optional<OrgLevel> OrgLevelFromCode(std::string_view code);
std::string_view DisciplineCode(Discipline discipline);
std::optional<Discipline> DisciplineFromCode(std::string_view code);
std::string_view DisciplineLabel(Discipline discipline);  // "政治纪律" …
std::string_view CaseSourceCode(CaseSource source);
std::optional<CaseSource> CaseSourceFromCode(std::string_view code);
std::string_view CaseSourceLabel(CaseSource source);  // "主动说明问题" …

// A node of the organisation tree (province → city → county → unit). `path` is the
// materialised path of ids from the root, "/1/7/42/", assigned by the store; a subtree is every
// row whose path starts with the root's path.
struct Organisation {
  RowId id = 0;
  RowId parent_id = 0;  // 0 for a root
  std::string name{};
  OrgLevel level = OrgLevel::kUnit;
  std::string path{};  // read-only
  int64_t version = 0;

  friend bool operator==(const Organisation&, const Organisation&) = default;
};

struct Person {
  RowId id = 0;
  std::string id_number{};  // GB 11643, validated and unique
  std::string name{};
  RowId unit_id = 0;
  std::string post{};        // 职务
  std::string post_level{};  // 职级
  bool party_member = false;
  bool civil_servant = false;
  bool leading_cadre = false;
  int64_t version = 0;

  friend bool operator==(const Person&, const Person&) = default;
};

struct Case {
  RowId id = 0;
  RowId person_id = 0;
  RowId organ_id = 0;  // the deciding organ
  // The person's unit when the case was recorded; set by the store from the person, read-only.
  // Statistics by jurisdiction count a case where the person served when it was decided.
  RowId unit_id = 0;
  std::string decision_number{};  // 文号
  Date decision_date{};
  Discipline discipline = Discipline::kPolitical;
  CaseSource source = CaseSource::kOther;
  // Four-forms class 1-4 computed by the caller (the rules engine); 0 = not classified yet.
  int form = 0;
  int64_t version = 0;

  friend bool operator==(const Case&, const Case&) = default;
};

enum class OutcomeKind : uint8_t { kRestored, kExpelled };

struct Measure {
  RowId id = 0;
  RowId case_id = 0;
  std::string kind{};  // catalogue code, e.g. "party.probation"; validated by the app layer
  Date effective{};
  std::optional<int> term_months{};
  std::optional<Date> extended_on{};
  std::optional<OutcomeKind> outcome{};
  std::optional<Date> outcome_date{};  // set exactly when `outcome` is
  std::optional<Date> ended{};
  std::optional<int> period_months{};
  bool revoked = false;
  int64_t version = 0;

  friend bool operator==(const Measure&, const Measure&) = default;
};

struct Hold {
  RowId id = 0;
  RowId person_id = 0;
  HoldKind kind = HoldKind::kClueVerification;
  Date from{};
  std::optional<Date> to{};  // nullopt while open
  int64_t version = 0;

  friend bool operator==(const Hold&, const Hold&) = default;
};

// Everything on record about one person, in a stable order: cases by (decision_date, id),
// measures by (case_id, effective, id), holds by (from, id).
struct PersonHistory {
  Person person{};
  std::vector<Case> cases{};
  std::vector<Measure> measures{};
  std::vector<Hold> holds{};
};

// Cases per four-forms class; index 0 counts cases not classified yet.
struct FormCounts {
  std::array<int64_t, 5> by_form{};

  int64_t Total() const { return by_form[0] + by_form[1] + by_form[2] + by_form[3] + by_form[4]; }
  friend bool operator==(const FormCounts&, const FormCounts&) = default;
};

// A page of persons for lists (Store::ListPersons).
enum class PersonSort : uint8_t {
  kName,  // by name (byte order of the UTF-8 text, the same on every backend), then id
  kId,    // by id (order of entry)
};

struct PersonQuery {
  RowId root_org_id = 0;        // persons whose unit lies in this organisation's subtree
  std::string name_contains{};  // "" = any name
  std::optional<bool> party_member{};
  std::optional<bool> leading_cadre{};
  PersonSort sort = PersonSort::kName;
  int64_t limit = 20;
  int64_t offset = 0;
};

struct PersonPage {
  std::vector<Person> persons{};
  int64_t total = 0;  // matching persons on every page
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_RECORDS_HPP_
