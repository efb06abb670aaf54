#include "app/ledger_service.hpp"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <utility>

#include "app/history.hpp"
#include "domain/id_number.hpp"
#include "office/table.hpp"
#include "office/table_reader.hpp"
#include "office/xlsx_writer.hpp"
#include "security/sm3.hpp"

namespace kangfu::app {

// The rows of one import as read and checked, before anything is written.
struct LedgerDrafts {
  struct PersonDraft {
    std::size_t row = 0;
    storage::Person person;  // id set when on record
    bool existing = false;
  };
  struct CaseDraft {
    std::size_t row = 0;
    std::size_t person = 0;  // index into persons
    storage::Case record;    // id and version set when on record
    bool existing = false;
    std::vector<std::size_t> measures;  // indexes into measures
  };
  struct MeasureDraft {
    std::size_t row = 0;
    std::size_t case_index = 0;
    storage::Measure record;
    bool existing = false;
  };
  struct Error {
    std::size_t row = 0;
    std::size_t column = 0;  // LedgerColumn
    std::string code;
    std::string message;
  };

  std::array<std::optional<std::size_t>, kLedgerColumnCount> sheet_column{};
  std::vector<PersonDraft> persons;
  std::vector<CaseDraft> cases;
  std::vector<MeasureDraft> measures;
  std::vector<Error> errors;
  int64_t rows = 0;
  domain::Date today;
  // Persons by a hash of their ID number (several on a collision).
  std::unordered_multimap<uint64_t, std::size_t> person_index;

  // The index into persons of the draft with this ID number, if any.
  std::optional<std::size_t> FindPerson(std::string_view id_number) const;
};

namespace {

using Parsed = LedgerDrafts;
using office::Cell;
using office::Column;
using office::ColumnKind;

struct ColumnSpec {
  const char* header;
  ColumnKind kind;
  const char* help;
};

// Indexed by LedgerColumn.
const std::array<ColumnSpec, kLedgerColumnCount>& Specs() {
  static const std::array<ColumnSpec, kLedgerColumnCount> kSpecs = {{
      {"身份证号", ColumnKind::kText, "必填。18位公民身份号码，最后一位校验码可为X"},
      {"姓名", ColumnKind::kText, "必填"},
      {"所在单位编号", ColumnKind::kInteger,
       "与“所在单位”至少填一项；填写“单位”表中的编号，须在本账号管辖范围内"},
      {"所在单位", ColumnKind::kText, "单位全称，与“单位”表一致；同名单位须填写编号"},
      {"职务", ColumnKind::kText, "选填"},
      {"职级", ColumnKind::kText, "选填，如 处级、科级"},
      {"是否党员", ColumnKind::kText, "填“是”或“否”，空白视为“否”"},
      {"是否公务员", ColumnKind::kText, "填“是”或“否”，空白视为“否”"},
      {"是否领导干部", ColumnKind::kText, "填“是”或“否”，空白视为“否”"},
      {"决定机关编号", ColumnKind::kInteger,
       "以下各列仅登记人员时全部留空；登记处分处理时与“决定机关”至少填一项"},
      {"决定机关", ColumnKind::kText, "作出处理决定的机关全称，与“单位”表一致"},
      {"决定文号", ColumnKind::kText, "必填，如 江纪发〔2024〕3号"},
      {"决定日期", ColumnKind::kDate, "必填，日期格式 2024-03-15，不得晚于导入当日"},
      {"违纪类别", ColumnKind::kText, "必填，见“字典”表（政治纪律等）"},
      {"案件来源", ColumnKind::kText, "见“字典”表，空白视为“其他”"},
      {"处分处理措施", ColumnKind::kText,
       "必填，见“字典”表，填名称或代码；一个案件有多项措施时每项一行，人员和案件各列重复填写"},
      {"生效日期", ColumnKind::kDate, "必填，不得早于决定日期，不得晚于导入当日"},
      {"留党察看期限（月）", ColumnKind::kInteger, "仅留党察看填写：12或24"},
      {"处分期间（月）", ColumnKind::kInteger, "仅决定写明处分期间的政务处分填写"},
      {"停职检查结束日期", ColumnKind::kDate, "仅停职检查且已结束时填写，须晚于生效日期"},
  }};
  return kSpecs;
}

std::size_t Index(LedgerColumn column) { return static_cast<std::size_t>(column); }

std::string_view TrimView(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  // Full-width spaces (U+3000) around a value, as typed in Chinese input methods.
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  while (text.starts_with(kIdeographicSpace)) text.remove_prefix(kIdeographicSpace.size());
  while (text.ends_with(kIdeographicSpace)) text.remove_suffix(kIdeographicSpace.size());
  return text;
}

std::string Trim(std::string_view text) { return std::string(TrimView(text)); }

// A 64-bit FNV-1a step over bytes, for the hashed natural-key indexes below.
uint64_t Mix(uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}
uint64_t Mix(uint64_t hash, int64_t value) {
  return Mix(hash, std::string_view(reinterpret_cast<const char*>(&value), sizeof value));
}
constexpr uint64_t kHashSeed = 14695981039346656037ULL;

// "2024-03-15" (as date cells read), "2024/3/15", "2024.3.15" or "2024年3月15日".
std::optional<domain::Date> ParseLedgerDate(std::string_view text) {
  int parts[3] = {0, 0, 0};
  std::size_t part = 0;
  std::size_t digits = 0;
  std::size_t i = 0;
  auto separator = [&](std::string_view sep) {
    if (text.substr(i).starts_with(sep)) {
      i += sep.size();
      return true;
    }
    return false;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      if (++digits > 4) return std::nullopt;
      parts[part] = parts[part] * 10 + (c - '0');
      ++i;
      continue;
    }
    if (digits == 0 || part > 2) return std::nullopt;
    const bool ok = part < 2 ? (separator("-") || separator("/") || separator(".") ||
                                separator(part == 0 ? "年" : "月"))
                             : separator("日");
    if (!ok) return std::nullopt;
    ++part;
    digits = 0;
    if (part == 3 && i != text.size()) return std::nullopt;
  }
  if (!(part == 2 && digits > 0) && part != 3) return std::nullopt;
  Result<domain::Date> date = domain::Date::FromCivil(parts[0], parts[1], parts[2]);
  if (!date.ok()) return std::nullopt;
  return *date;
}

std::optional<bool> ParseYesNo(std::string_view text) {
  if (text.empty() || text == "否" || text == "0" || text == "FALSE") return false;
  if (text == "是" || text == "1" || text == "TRUE") return true;
  return std::nullopt;
}

std::optional<int64_t> ParseInt(std::string_view text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string YesNo(bool value) { return value ? "是" : "否"; }

office::CivilDate ToCivil(domain::Date date) { return {date.year(), date.month(), date.day()}; }

// Finds organisations by code (id) or full name.
class OrgIndex {
 public:
  explicit OrgIndex(const std::vector<storage::Organisation>& orgs) {
    for (const storage::Organisation& org : orgs) {
      by_id_[org.id] = &org;
      by_name_[org.name].push_back(&org);
    }
  }
  const storage::Organisation* ById(storage::RowId id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }
  const std::vector<const storage::Organisation*>* ByName(std::string_view name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<storage::RowId, const storage::Organisation*> by_id_;
  std::map<std::string, std::vector<const storage::Organisation*>, std::less<>> by_name_;
};

template <typename Enum, std::size_t N>
std::optional<Enum> EnumFromText(std::string_view text,
                                 std::optional<Enum> (*from_code)(std::string_view),
                                 std::string_view (*label)(Enum), const std::array<Enum, N>& all) {
  if (std::optional<Enum> by_code = from_code(text)) return by_code;
  for (const Enum value : all) {
    if (label(value) == text) return value;
  }
  return std::nullopt;
}

constexpr std::array<storage::Discipline, 6> kDisciplines = {
    storage::Discipline::kPolitical, storage::Discipline::kOrganisational,
    storage::Discipline::kIntegrity, storage::Discipline::kMasses,
    storage::Discipline::kWork,      storage::Discipline::kLife};
constexpr std::array<storage::CaseSource, 6> kSources = {
    storage::CaseSource::kSelfReport,  storage::CaseSource::kPetition,
    storage::CaseSource::kInspection,  storage::CaseSource::kAudit,
    storage::CaseSource::kSupervision, storage::CaseSource::kOther};

Status Audit(storage::Store& store, AuditSink& audit, const Actor& actor, std::string action,
             std::string object_id, std::string after, bool success, std::string detail) {
  AuditEvent event;
  event.action = std::move(action);
  event.object_type = "ledger";
  event.object_id = std::move(object_id);
  event.after_json = std::move(after);
  event.success = success;
  event.detail = std::move(detail);
  return store.InTransaction([&] { return audit.Record(actor, event); });
}

std::string CountsJson(const LedgerCounts& c) {
  nlohmann::json j = {{"rows", c.rows},
                      {"persons_added", c.persons_added},
                      {"persons_unchanged", c.persons_unchanged},
                      {"cases_added", c.cases_added},
                      {"cases_unchanged", c.cases_unchanged},
                      {"measures_added", c.measures_added},
                      {"measures_unchanged", c.measures_unchanged}};
  return j.dump();
}

// Reads one data row into drafts, recording every problem of the row.
class RowParser {
 public:
  RowParser(Parsed& parsed, const OrgIndex& orgs, const Actor& actor, const domain::Engine& engine)
      : parsed_(parsed), orgs_(orgs), actor_(actor), engine_(engine) {}

  void Parse(std::size_t row, const std::vector<std::string>& cells) {
    row_ = row;
    cells_ = &cells;
    errors_before_ = parsed_.errors.size();
    ++parsed_.rows;

    // --- the person ---
    storage::Person person;
    person.id_number = Get(LedgerColumn::kIdNumber);
    if (person.id_number.empty()) {
      Fail(LedgerColumn::kIdNumber, "ledger.required", "请填写身份证号");
    } else {
      for (char& c : person.id_number) {
        if (c == 'x') c = 'X';
      }
      Status id = domain::ValidateIdNumber(person.id_number);
      if (!id.ok()) Fail(LedgerColumn::kIdNumber, id.reason(), id.message());
    }
    person.name = Get(LedgerColumn::kName);
    if (person.name.empty()) Fail(LedgerColumn::kName, "ledger.required", "请填写姓名");
    const storage::Organisation* unit =
        Org(LedgerColumn::kUnitCode, LedgerColumn::kUnitName, "所在单位");
    if (unit != nullptr && !actor_.InJurisdiction(unit->path)) {
      Fail(unit_column_, "ledger.org_outside", "所在单位不在您的管辖范围内，不能导入该单位的人员");
      unit = nullptr;
    }
    if (unit != nullptr) person.unit_id = unit->id;
    person.post = Get(LedgerColumn::kPost);
    person.post_level = Get(LedgerColumn::kPostLevel);
    person.party_member = Flag(LedgerColumn::kPartyMember);
    person.civil_servant = Flag(LedgerColumn::kCivilServant);
    person.leading_cadre = Flag(LedgerColumn::kLeadingCadre);
    if (parsed_.errors.size() > errors_before_) return;

    std::size_t person_index = 0;
    if (std::optional<std::size_t> found = parsed_.FindPerson(person.id_number)) {
      person_index = *found;
      ComparePerson(parsed_.persons[person_index], person);
      if (parsed_.errors.size() > errors_before_) return;
    } else {
      person_index = parsed_.persons.size();
      parsed_.person_index.emplace(Mix(kHashSeed, person.id_number), person_index);
      parsed_.persons.push_back({.row = row, .person = std::move(person), .existing = false});
    }

    // --- the case and its measure, when any case column is filled ---
    bool any_case = false;
    for (std::size_t c = kFirstCaseColumn; c < kLedgerColumnCount && !any_case; ++c) {
      any_case = !Get(static_cast<LedgerColumn>(c)).empty();
    }
    if (!any_case) return;
    ParseCase(person_index);
  }

 private:
  void ParseCase(std::size_t person_index) {
    storage::Case c;
    const storage::Organisation* organ =
        Org(LedgerColumn::kOrganCode, LedgerColumn::kOrganName, "决定机关");
    if (organ != nullptr) c.organ_id = organ->id;
    c.decision_number = Get(LedgerColumn::kDecisionNumber);
    if (c.decision_number.empty()) {
      Fail(LedgerColumn::kDecisionNumber, "ledger.required", "请填写处理决定的文号");
    }
    const std::optional<domain::Date> decided = DateOf(LedgerColumn::kDecisionDate, true);
    if (decided) c.decision_date = *decided;
    const std::string_view discipline = Get(LedgerColumn::kDiscipline);
    if (discipline.empty()) {
      Fail(LedgerColumn::kDiscipline, "ledger.required", "请填写违纪类别");
    } else if (auto d = EnumFromText(discipline, &storage::DisciplineFromCode,
                                     &storage::DisciplineLabel, kDisciplines)) {
      c.discipline = *d;
    } else {
      Fail(LedgerColumn::kDiscipline, "ledger.unknown_discipline",
           "未知的违纪类别“" + std::string(discipline) + "”，请按“字典”表填写（如 政治纪律）");
    }
    const std::string_view source = Get(LedgerColumn::kSource);
    c.source = storage::CaseSource::kOther;
    if (!source.empty()) {
      if (auto s = EnumFromText(source, &storage::CaseSourceFromCode, &storage::CaseSourceLabel,
                                kSources)) {
        c.source = *s;
      } else {
        Fail(LedgerColumn::kSource, "ledger.unknown_source",
             "未知的案件来源“" + std::string(source) + "”，请按“字典”表填写（如 信访举报）");
      }
    }

    storage::Measure m;
    const std::string_view kind_text = Get(LedgerColumn::kMeasure);
    std::optional<domain::KindIndex> kind;
    if (kind_text.empty()) {
      Fail(LedgerColumn::kMeasure, "ledger.required", "请填写处分处理措施");
    } else {
      kind = KindOf(kind_text);
      if (!kind) {
        Fail(LedgerColumn::kMeasure, "measure.unknown_kind",
             "未知的处分处理措施“" + std::string(kind_text) + "”，请按“字典”表填写名称或代码");
      } else {
        m.kind = engine_.catalogue().kinds()[*kind].code;
      }
    }
    const std::optional<domain::Date> effective = DateOf(LedgerColumn::kEffective, true);
    if (effective) {
      m.effective = *effective;
      if (decided && *effective < *decided) {
        Fail(LedgerColumn::kEffective, "ledger.effective_before_decision",
             "生效日期不能早于决定日期（" + decided->ToString() + "）");
      }
    }
    m.term_months = Months(LedgerColumn::kTermMonths);
    m.period_months = Months(LedgerColumn::kPeriodMonths);
    m.ended = DateOf(LedgerColumn::kEnded, false);
    if (parsed_.errors.size() > errors_before_) return;

    // The catalogue's own checks (which optional members apply, allowed terms, end after start).
    domain::Measure dm;
    dm.kind = *kind;
    dm.effective = m.effective;
    dm.term_months = m.term_months;
    dm.period_months = m.period_months;
    dm.ended = m.ended;
    Status valid = engine_.ValidateMeasure(dm);
    if (!valid.ok()) {
      LedgerColumn column = LedgerColumn::kMeasure;
      if (valid.field().starts_with("term_months")) column = LedgerColumn::kTermMonths;
      if (valid.field().starts_with("period_months")) column = LedgerColumn::kPeriodMonths;
      if (valid.field().starts_with("ended")) column = LedgerColumn::kEnded;
      if (valid.field().starts_with("effective")) column = LedgerColumn::kEffective;
      Fail(column, valid.reason(), valid.message());
      return;
    }

    // The case by its natural key (person, organ, number); hashed keys, compared on a hit.
    const uint64_t case_hash =
        Mix(Mix(Mix(kHashSeed, static_cast<int64_t>(person_index)), c.organ_id), c.decision_number);
    std::optional<std::size_t> case_found;
    for (auto [it, end] = case_index_.equal_range(case_hash); it != end; ++it) {
      const Parsed::CaseDraft& other = parsed_.cases[it->second];
      if (other.person == person_index && other.record.organ_id == c.organ_id &&
          other.record.decision_number == c.decision_number) {
        case_found = it->second;
        break;
      }
    }
    std::size_t case_index = 0;
    if (!case_found) {
      case_index = parsed_.cases.size();
      case_index_.emplace(case_hash, case_index);
      parsed_.cases.push_back({.row = row_,
                               .person = person_index,
                               .record = std::move(c),
                               .existing = false,
                               .measures = {}});
    } else {
      case_index = *case_found;
      const storage::Case& first = parsed_.cases[case_index].record;
      const std::size_t first_row = parsed_.cases[case_index].row;
      if (first.decision_date != c.decision_date) {
        Inconsistent(LedgerColumn::kDecisionDate, first_row, first.decision_date.ToString());
      } else if (first.discipline != c.discipline) {
        Inconsistent(LedgerColumn::kDiscipline, first_row,
                     std::string(storage::DisciplineLabel(first.discipline)));
      } else if (first.source != c.source) {
        Inconsistent(LedgerColumn::kSource, first_row,
                     std::string(storage::CaseSourceLabel(first.source)));
      }
      if (parsed_.errors.size() > errors_before_) return;
    }
    // The measure by (case, measure, effective date).
    const uint64_t measure_hash =
        Mix(Mix(Mix(kHashSeed, static_cast<int64_t>(case_index)), static_cast<int64_t>(*kind)),
            static_cast<int64_t>(m.effective.days()));
    for (auto [it, end] = measure_index_.equal_range(measure_hash); it != end; ++it) {
      const Parsed::MeasureDraft& other = parsed_.measures[it->second];
      if (other.case_index == case_index && other.record.kind == m.kind &&
          other.record.effective == m.effective) {
        Fail(LedgerColumn::kMeasure, "ledger.duplicate_measure",
             "与第" + std::to_string(other.row) +
                 "行重复：同一案件的同一处分处理措施、同一生效日期只能填写一行");
        return;
      }
    }
    measure_index_.emplace(measure_hash, parsed_.measures.size());
    parsed_.cases[case_index].measures.push_back(parsed_.measures.size());
    parsed_.measures.push_back({.row = row_, .case_index = case_index, .record = std::move(m)});
  }

  // A measure kind by catalogue code or name; the last answer is kept, since ledgers repeat a
  // handful of measures over thousands of rows.
  std::optional<domain::KindIndex> KindOf(std::string_view text) {
    if (text == last_kind_text_) return last_kind_;
    std::optional<domain::KindIndex> kind = engine_.catalogue().Find(text);
    if (!kind) {
      const auto& kinds = engine_.catalogue().kinds();
      for (std::size_t k = 0; k < kinds.size(); ++k) {
        if (kinds[k].name == text) kind = static_cast<domain::KindIndex>(k);
      }
    }
    last_kind_text_ = text;
    last_kind_ = kind;
    return kind;
  }

  void ComparePerson(const Parsed::PersonDraft& first, const storage::Person& p) {
    const storage::Person& f = first.person;
    if (f.name != p.name) {
      Inconsistent(LedgerColumn::kName, first.row, f.name);
    } else if (f.unit_id != p.unit_id) {
      Inconsistent(unit_column_, first.row, orgs_.ById(f.unit_id)->name);
    } else if (f.post != p.post) {
      Inconsistent(LedgerColumn::kPost, first.row, f.post);
    } else if (f.post_level != p.post_level) {
      Inconsistent(LedgerColumn::kPostLevel, first.row, f.post_level);
    } else if (f.party_member != p.party_member) {
      Inconsistent(LedgerColumn::kPartyMember, first.row, YesNo(f.party_member));
    } else if (f.civil_servant != p.civil_servant) {
      Inconsistent(LedgerColumn::kCivilServant, first.row, YesNo(f.civil_servant));
    } else if (f.leading_cadre != p.leading_cadre) {
      Inconsistent(LedgerColumn::kLeadingCadre, first.row, YesNo(f.leading_cadre));
    }
  }

  void Inconsistent(LedgerColumn column, std::size_t first_row, const std::string& first_value) {
    Fail(column, "ledger.inconsistent",
         "与第" + std::to_string(first_row) + "行的同一人员或案件不一致：该行为“" + first_value +
             "”，请统一填写");
  }

  // The cell of `column` in the current row, trimmed; a view into the reader's row.
  std::string_view Get(LedgerColumn column) const {
    const std::optional<std::size_t>& at = parsed_.sheet_column[Index(column)];
    if (!at || *at >= cells_->size()) return {};
    return TrimView((*cells_)[*at]);
  }

  void Fail(LedgerColumn column, std::string code, std::string message) {
    parsed_.errors.push_back({.row = row_,
                              .column = Index(column),
                              .code = std::move(code),
                              .message = std::move(message)});
  }

  bool Flag(LedgerColumn column) {
    const std::string_view text = Get(column);
    std::optional<bool> value = ParseYesNo(text);
    if (!value) {
      Fail(column, "ledger.yes_no", "请填写“是”或“否”，不能填写“" + std::string(text) + "”");
      return false;
    }
    return *value;
  }

  std::optional<int> Months(LedgerColumn column) {
    const std::string_view text = Get(column);
    if (text.empty()) return std::nullopt;
    std::optional<int64_t> value = ParseInt(text);
    if (!value || *value < 1 || *value > 1200) {
      Fail(column, "ledger.months",
           "月数应为1至1200之间的整数，不能填写“" + std::string(text) + "”");
      return std::nullopt;
    }
    return static_cast<int>(*value);
  }

  std::optional<domain::Date> DateOf(LedgerColumn column, bool required) {
    const std::string_view text = Get(column);
    auto header = [&] { return std::string(Specs()[Index(column)].header); };
    if (text.empty()) {
      if (required) Fail(column, "ledger.required", "请填写" + header());
      return std::nullopt;
    }
    std::optional<domain::Date> date = ParseLedgerDate(text);
    if (!date) {
      Fail(column, "date.invalid",
           header() + "“" + std::string(text) + "”不是有效日期，请按 2024-03-15 的格式填写");
      return std::nullopt;
    }
    if (*date > parsed_.today) {
      Fail(column, "ledger.date_in_future",
           header() + "不能晚于今天（" + parsed_.today.ToString() + "）");
      return std::nullopt;
    }
    return date;
  }

  // The organisation named by a code column or a name column; nullptr after recording the error.
  const storage::Organisation* Org(LedgerColumn code_column, LedgerColumn name_column,
                                   const std::string& what) {
    const std::string_view code = Get(code_column);
    const std::string_view name = Get(name_column);
    LedgerColumn& remembered =
        code_column == LedgerColumn::kUnitCode ? unit_column_ : organ_column_;
    remembered = code.empty() ? name_column : code_column;
    const storage::Organisation* org = nullptr;
    if (!code.empty()) {
      std::optional<int64_t> id = ParseInt(code);
      org = id ? orgs_.ById(*id) : nullptr;
      if (org == nullptr) {
        Fail(code_column, "ledger.org_not_found",
             "没有编号为“" + std::string(code) + "”的" + what + "，请按“单位”表填写");
        return nullptr;
      }
      if (!name.empty() && name != org->name) {
        Fail(name_column, "ledger.org_mismatch",
             what + "名称“" + std::string(name) + "”与编号" + std::string(code) + "的单位“" +
                 org->name + "”不符");
        return nullptr;
      }
      return org;
    }
    if (name.empty()) {
      Fail(name_column, "ledger.required", "请填写" + what + "（名称或编号）");
      return nullptr;
    }
    const std::vector<const storage::Organisation*>* found = orgs_.ByName(name);
    if (found == nullptr) {
      Fail(name_column, "ledger.org_not_found",
           "没有名为“" + std::string(name) + "”的" + what + "，请按“单位”表填写全称");
      return nullptr;
    }
    if (found->size() > 1) {
      Fail(name_column, "ledger.org_ambiguous",
           "名为“" + std::string(name) + "”的单位不止一个，请填写" + what + "编号");
      return nullptr;
    }
    return found->front();
  }

  Parsed& parsed_;
  const OrgIndex& orgs_;
  const Actor& actor_;
  const domain::Engine& engine_;
  std::size_t row_ = 0;
  const std::vector<std::string>* cells_ = nullptr;
  std::size_t errors_before_ = 0;
  LedgerColumn unit_column_ = LedgerColumn::kUnitName;
  LedgerColumn organ_column_ = LedgerColumn::kOrganName;
  // Natural-key indexes: a hash of the key to the draft's index (several on a collision).
  std::unordered_multimap<uint64_t, std::size_t> case_index_;
  std::unordered_multimap<uint64_t, std::size_t> measure_index_;
  std::string last_kind_text_;
  std::optional<domain::KindIndex> last_kind_;
};

// Rows travel from the reading thread (inflating, XML parsing) to the checking thread in
// batches, so that reading overlaps with the checks of earlier rows. Batches are recycled: their
// rows' strings keep their buffers, and at most kDepth batches exist at a time (bounded memory).
class RowPipe {
 public:
  struct Batch {
    std::vector<office::Row> rows;
    std::size_t size = 0;
  };

  // Reader side: copies the row into the batch being filled. False when the consumer has gone.
  bool Push(const office::Row& row) {
    if (filling_ == nullptr) {
      filling_ = TakeFree();
      if (filling_ == nullptr) return false;
    }
    Batch& batch = *filling_;
    if (batch.size < batch.rows.size()) {
      batch.rows[batch.size] = row;
    } else {
      batch.rows.push_back(row);
    }
    ++batch.size;
    return batch.size < kBatchRows || Ship();
  }

  // Reader side: no more rows; `status` is the reader's result.
  void Close(Status status) {
    if (filling_ != nullptr && filling_->size > 0) (void)Ship();
    const std::lock_guard lock(mutex_);
    status_ = std::move(status);
    done_ = true;
    changed_.notify_all();
  }

  // Consumer side: the next batch, or nullptr when the reader has finished.
  std::unique_ptr<Batch> Next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty() || done_; });
    if (full_.empty()) return nullptr;
    std::unique_ptr<Batch> batch = std::move(full_.front());
    full_.pop_front();
    return batch;
  }

  void Recycle(std::unique_ptr<Batch> batch) {
    batch->size = 0;
    const std::lock_guard lock(mutex_);
    free_.push_back(std::move(batch));
    changed_.notify_all();
  }

  // Consumer side: stop the reader (its next Push returns false).
  void Cancel() {
    const std::lock_guard lock(mutex_);
    cancelled_ = true;
    changed_.notify_all();
  }

  // The reader's result, once Next() returned nullptr.
  Status status() {
    const std::lock_guard lock(mutex_);
    return status_;
  }

 private:
  static constexpr std::size_t kBatchRows = 2048;
  static constexpr std::size_t kDepth = 4;

  std::unique_ptr<Batch> TakeFree() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return cancelled_ || !free_.empty() || allocated_ < kDepth; });
    if (cancelled_) return nullptr;
    if (free_.empty()) {
      ++allocated_;
      return std::make_unique<Batch>();
    }
    std::unique_ptr<Batch> batch = std::move(free_.back());
    free_.pop_back();
    return batch;
  }

  bool Ship() {
    const std::lock_guard lock(mutex_);
    if (cancelled_) return false;
    full_.push_back(std::move(filling_));
    changed_.notify_all();
    return true;
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> full_;
  std::vector<std::unique_ptr<Batch>> free_;
  std::unique_ptr<Batch> filling_;  // the reader's own
  std::size_t allocated_ = 0;
  bool done_ = false;
  bool cancelled_ = false;
  Status status_;
};

// Reads `bytes` (.xlsx or CSV) on a second thread and hands every row to `on_row` on this one.
// Returns the reader's error, if any (rows before it have been handed over, as when streaming).
Status ReadRowsAside(std::string_view bytes, const office::ReadOptions& options,
                     const std::function<void(const office::Row&)>& on_row) {
  RowPipe pipe;
  std::thread reader([&] {
    auto push = [&](const office::Row& row) {
      return pipe.Push(row) ? Status::Ok() : Status::Internal("ledger import: reader cancelled");
    };
    pipe.Close(office::LooksLikeXlsx(bytes) ? office::ReadXlsx(bytes, options, push)
                                            : office::ReadCsv(bytes, options, push));
  });
  // Whatever happens here (an exception included), the reader is stopped and joined.
  class Joiner {
   public:
    Joiner(RowPipe* pipe, std::thread* thread) : pipe_(pipe), thread_(thread) {}
    Joiner(const Joiner&) = delete;
    Joiner& operator=(const Joiner&) = delete;
    ~Joiner() {
      pipe_->Cancel();
      thread_->join();
    }

   private:
    RowPipe* pipe_;
    std::thread* thread_;
  } joiner(&pipe, &reader);
  while (std::unique_ptr<RowPipe::Batch> batch = pipe.Next()) {
    for (std::size_t i = 0; i < batch->size; ++i) on_row(batch->rows[i]);
    pipe.Recycle(std::move(batch));
  }
  return pipe.status();
}

// Rows of bulk writes per store call (the bulk path's own batch size).
constexpr std::size_t kChunk = 10000;

}  // namespace

std::optional<std::size_t> LedgerDrafts::FindPerson(std::string_view id_number) const {
  for (auto [it, end] = person_index.equal_range(Mix(kHashSeed, id_number)); it != end; ++it) {
    if (persons[it->second].person.id_number == id_number) return it->second;
  }
  return std::nullopt;
}

std::string_view LedgerHeader(LedgerColumn column) { return Specs()[Index(column)].header; }

Result<LedgerImportResult> LedgerService::ImportFile(const Actor& actor, const std::string& path,
                                                     const LedgerImportOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound("table.open", "无法打开文件“" + path + "”，请检查路径和权限", "file");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return Import(actor, buffer.str(), options);
}

Result<LedgerImportResult> LedgerService::Import(const Actor& actor, std::string_view bytes,
                                                 const LedgerImportOptions& options) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteCases));
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadCaseFacts));
  LedgerImportResult result;
  result.dry_run = options.dry_run;
  KANGFU_ASSIGN_OR_RETURN(security::Sm3Digest digest, security::Sm3(bytes));
  result.file_hash = security::DigestHex(digest);

  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Organisation> all_orgs, store_->ListSubtree(0));
  const OrgIndex orgs(all_orgs);
  Parsed parsed;
  parsed.today = options.today;
  RowParser parser(parsed, orgs, actor, engine_);

  bool header_seen = false;
  bool header_bad = false;
  auto on_row = [&](const office::Row& row) {
    if (!header_seen) {
      header_seen = true;
      for (std::size_t c = 0; c < row.cells.size(); ++c) {
        const std::string header = Trim(row.cells[c]);
        if (header.empty() || header == "序号" || header == "备注") continue;
        std::optional<std::size_t> found;
        for (std::size_t k = 0; k < kLedgerColumnCount; ++k) {
          if (header == Specs()[k].header) found = k;
        }
        if (!found) {
          result.errors.push_back({row.number, office::ColumnLetters(c), header,
                                   "ledger.unknown_column",
                                   "未知的列“" + header + "”，请使用导入模板的列名"});
          header_bad = true;
        } else if (parsed.sheet_column[*found]) {
          result.errors.push_back({row.number, office::ColumnLetters(c), header,
                                   "ledger.duplicate_column", "列“" + header + "”出现了两次"});
          header_bad = true;
        } else {
          parsed.sheet_column[*found] = c;
        }
      }
      auto missing = [&](LedgerColumn column) {
        result.errors.push_back(
            {row.number, "", std::string(LedgerHeader(column)), "ledger.missing_column",
             "缺少必需的列“" + std::string(LedgerHeader(column)) + "”，请使用导入模板"});
        header_bad = true;
      };
      if (!parsed.sheet_column[Index(LedgerColumn::kIdNumber)]) missing(LedgerColumn::kIdNumber);
      if (!parsed.sheet_column[Index(LedgerColumn::kName)]) missing(LedgerColumn::kName);
      if (!parsed.sheet_column[Index(LedgerColumn::kUnitCode)] &&
          !parsed.sheet_column[Index(LedgerColumn::kUnitName)]) {
        missing(LedgerColumn::kUnitName);
      }
      return;
    }
    if (header_bad) return;
    parser.Parse(row.number, row.cells);
  };
  KANGFU_RETURN_IF_ERROR(ReadRowsAside(bytes, office::ReadOptions{}, on_row));
  if (!header_seen) {
    return Status::Invalid("file", "ledger.empty", "文件中没有内容，请使用导入模板填写");
  }
  if (!header_bad && parsed.rows == 0) {
    return Status::Invalid("file", "ledger.no_rows", "文件中只有表头，没有要导入的数据行");
  }
  result.counts.rows = parsed.rows;

  if (!header_bad && parsed.errors.empty()) KANGFU_RETURN_IF_ERROR(Check(actor, parsed));

  // Errors in row order, then column order; at most max_errors kept.
  std::stable_sort(parsed.errors.begin(), parsed.errors.end(),
                   [](const Parsed::Error& a, const Parsed::Error& b) {
                     return a.row != b.row ? a.row < b.row : a.column < b.column;
                   });
  for (const Parsed::Error& e : parsed.errors) {
    const std::optional<std::size_t>& at = parsed.sheet_column[e.column];
    result.errors.push_back(
        {e.row, at ? office::ColumnLetters(*at) : "", Specs()[e.column].header, e.code, e.message});
  }
  result.error_total = static_cast<int64_t>(result.errors.size());
  if (result.errors.size() > options.max_errors) result.errors.resize(options.max_errors);

  for (const auto& p : parsed.persons) {
    ++(p.existing ? result.counts.persons_unchanged : result.counts.persons_added);
  }
  for (const auto& c : parsed.cases) {
    ++(c.existing ? result.counts.cases_unchanged : result.counts.cases_added);
  }
  for (const auto& m : parsed.measures) {
    ++(m.existing ? result.counts.measures_unchanged : result.counts.measures_added);
  }

  if (result.error_total > 0) {
    KANGFU_RETURN_IF_ERROR(Audit(*store_, *audit_, actor, "ledger.import", result.file_hash,
                                 CountsJson(result.counts), false,
                                 "导入被拒绝：" + std::to_string(result.error_total) + "处错误"));
    return result;
  }
  if (options.dry_run) {
    KANGFU_RETURN_IF_ERROR(Audit(*store_, *audit_, actor, "ledger.check", result.file_hash,
                                 CountsJson(result.counts), true, "试导入（未写入）"));
    return result;
  }
  KANGFU_RETURN_IF_ERROR(Write(actor, parsed, result));
  result.imported = true;
  return result;
}

// Compares the drafts with the records on file: marks what exists, refuses what differs.
Status LedgerService::Check(const Actor& actor, Parsed& parsed) {
  auto fail = [&](std::size_t row, LedgerColumn column, std::string code, std::string message) {
    parsed.errors.push_back({row, Index(column), std::move(code), std::move(message)});
  };
  const std::string refused = "。导入不修改已有记录，请核对本行，或在系统中修改后再导入";

  // Where each organisation lies, for the persons on record (one query, not one per person).
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Organisation> all_orgs, store_->ListSubtree(0));
  std::unordered_map<storage::RowId, std::string> org_paths;
  for (storage::Organisation& o : all_orgs) org_paths.emplace(o.id, std::move(o.path));

  std::vector<std::size_t> existing;  // person indexes on record
  std::vector<std::string> numbers;
  for (std::size_t start = 0; start < parsed.persons.size(); start += kChunk) {
    numbers.clear();
    const std::size_t end = std::min(parsed.persons.size(), start + kChunk);
    for (std::size_t i = start; i < end; ++i) numbers.push_back(parsed.persons[i].person.id_number);
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Person> found,
                            store_->Ledger().FindPersons(numbers));
    for (const storage::Person& stored : found) {
      const std::optional<std::size_t> index = parsed.FindPerson(stored.id_number);
      if (!index) continue;  // the store matched on the number, so this does not happen
      Parsed::PersonDraft& draft = parsed.persons[*index];
      const storage::Person& p = draft.person;
      auto unit = org_paths.find(stored.unit_id);
      if (unit == org_paths.end() || !actor.InJurisdiction(unit->second)) {
        fail(draft.row, LedgerColumn::kIdNumber, "ledger.person_outside",
             "该身份证号码的人员已登记在您的管辖范围以外的单位，不能由本账号导入");
        continue;
      }
      const char* differs = nullptr;
      LedgerColumn column = LedgerColumn::kName;
      if (stored.name != p.name) {
        differs = "姓名";
      } else if (stored.unit_id != p.unit_id) {
        differs = "所在单位";
        column = parsed.sheet_column[Index(LedgerColumn::kUnitCode)] ? LedgerColumn::kUnitCode
                                                                     : LedgerColumn::kUnitName;
      } else if (stored.post != p.post) {
        differs = "职务", column = LedgerColumn::kPost;
      } else if (stored.post_level != p.post_level) {
        differs = "职级", column = LedgerColumn::kPostLevel;
      } else if (stored.party_member != p.party_member) {
        differs = "是否党员", column = LedgerColumn::kPartyMember;
      } else if (stored.civil_servant != p.civil_servant) {
        differs = "是否公务员", column = LedgerColumn::kCivilServant;
      } else if (stored.leading_cadre != p.leading_cadre) {
        differs = "是否领导干部", column = LedgerColumn::kLeadingCadre;
      }
      if (differs != nullptr) {
        fail(draft.row, column, "ledger.person_changed",
             std::string("该人员已在系统中登记，但") + differs + "与系统中的记录不一致" + refused);
        continue;
      }
      draft.person = stored;
      draft.existing = true;
      existing.push_back(*index);
    }
  }
  if (existing.empty()) return Status::Ok();

  // Cases of persons on record: by (person index, organ, number).
  std::unordered_map<std::string, std::size_t> case_index;
  for (std::size_t i = 0; i < parsed.cases.size(); ++i) {
    const Parsed::CaseDraft& c = parsed.cases[i];
    if (!parsed.persons[c.person].existing) continue;
    case_index.emplace(std::to_string(parsed.persons[c.person].person.id) + '\x1f' +
                           std::to_string(c.record.organ_id) + '\x1f' + c.record.decision_number,
                       i);
  }
  if (case_index.empty()) return Status::Ok();
  std::vector<storage::RowId> ids;
  for (std::size_t start = 0; start < existing.size(); start += kChunk) {
    ids.clear();
    const std::size_t end = std::min(existing.size(), start + kChunk);
    for (std::size_t i = start; i < end; ++i) ids.push_back(parsed.persons[existing[i]].person.id);
    KANGFU_ASSIGN_OR_RETURN(storage::CasesAndMeasures on_file,
                            store_->Ledger().CasesOfPersons(ids));
    std::unordered_map<storage::RowId, std::vector<const storage::Measure*>> measures_of;
    for (const storage::Measure& m : on_file.measures) measures_of[m.case_id].push_back(&m);
    for (const storage::Case& stored : on_file.cases) {
      auto it = case_index.find(std::to_string(stored.person_id) + '\x1f' +
                                std::to_string(stored.organ_id) + '\x1f' + stored.decision_number);
      if (it == case_index.end()) continue;
      Parsed::CaseDraft& draft = parsed.cases[it->second];
      const char* differs = nullptr;
      LedgerColumn column = LedgerColumn::kDecisionDate;
      if (stored.decision_date != draft.record.decision_date) {
        differs = "决定日期";
      } else if (stored.discipline != draft.record.discipline) {
        differs = "违纪类别", column = LedgerColumn::kDiscipline;
      } else if (stored.source != draft.record.source) {
        differs = "案件来源", column = LedgerColumn::kSource;
      }
      if (differs != nullptr) {
        fail(draft.row, column, "ledger.case_changed",
             std::string("该案件（决定文号相同）已在系统中登记，但") + differs +
                 "与系统中的记录不一致" + refused);
        continue;
      }
      draft.record = stored;
      draft.existing = true;
      for (const std::size_t mi : draft.measures) {
        Parsed::MeasureDraft& md = parsed.measures[mi];
        for (const storage::Measure* m : measures_of[stored.id]) {
          if (m->kind != md.record.kind || m->effective != md.record.effective) continue;
          if (m->term_months != md.record.term_months ||
              m->period_months != md.record.period_months || m->ended != md.record.ended) {
            fail(md.row, LedgerColumn::kMeasure, "ledger.measure_changed",
                 "该处分处理措施已在系统中登记，但期限或结束日期与系统中的记录不一致" + refused);
          } else {
            md.record = *m;
            md.existing = true;
          }
          break;
        }
      }
    }
  }
  return Status::Ok();
}

Status LedgerService::NotifyRecorded(const Actor& actor, const Parsed& parsed) {
  if (!on_recorded_) return Status::Ok();
  std::vector<RecordedCase> recorded;
  std::vector<storage::RowId> changed;
  for (const Parsed::CaseDraft& c : parsed.cases) {
    if (!c.existing) {
      RecordedCase rc{.record = c.record, .measures = {}};
      for (const std::size_t mi : c.measures) rc.measures.push_back(parsed.measures[mi].record);
      recorded.push_back(std::move(rc));
      continue;
    }
    const bool gains = std::any_of(c.measures.begin(), c.measures.end(),
                                   [&](std::size_t mi) { return !parsed.measures[mi].existing; });
    if (gains) changed.push_back(c.record.person_id);
  }
  return on_recorded_(actor, recorded, changed);
}

Status LedgerService::Write(const Actor& actor, Parsed& parsed, LedgerImportResult& result) {
  // Four-forms class of every case that gains a measure (existing measures of a case on record
  // are read back so that its form is that of all its measures).
  std::vector<storage::RowId> changed_existing;
  std::unordered_map<storage::RowId, std::vector<storage::Measure>> stored_measures;
  {
    std::vector<storage::RowId> person_ids;
    for (const auto& c : parsed.cases) {
      if (!c.existing) continue;
      for (const std::size_t mi : c.measures) {
        if (!parsed.measures[mi].existing) {
          person_ids.push_back(c.record.person_id);
          break;
        }
      }
    }
    std::sort(person_ids.begin(), person_ids.end());
    person_ids.erase(std::unique(person_ids.begin(), person_ids.end()), person_ids.end());
    for (std::size_t start = 0; start < person_ids.size(); start += kChunk) {
      std::span<const storage::RowId> part(person_ids.data() + start,
                                           std::min(kChunk, person_ids.size() - start));
      KANGFU_ASSIGN_OR_RETURN(storage::CasesAndMeasures on_file,
                              store_->Ledger().CasesOfPersons(part));
      for (storage::Measure& m : on_file.measures) {
        stored_measures[m.case_id].push_back(std::move(m));
      }
    }
  }
  auto form_of = [&](const Parsed::CaseDraft& c) -> Result<int> {
    std::vector<domain::Measure> measures;
    if (c.existing) {
      for (const storage::Measure& m : stored_measures[c.record.id]) {
        KANGFU_ASSIGN_OR_RETURN(domain::Measure dm, ToDomainMeasure(m, engine_.catalogue()));
        measures.push_back(std::move(dm));
      }
    }
    for (const std::size_t mi : c.measures) {
      if (parsed.measures[mi].existing) continue;
      KANGFU_ASSIGN_OR_RETURN(domain::Measure dm,
                              ToDomainMeasure(parsed.measures[mi].record, engine_.catalogue()));
      measures.push_back(std::move(dm));
    }
    return engine_.CaseForm(measures).value_or(0);
  };

  return store_->InTransaction([&]() -> Status {
    std::vector<storage::Person> persons;
    std::vector<std::size_t> person_at;
    auto flush_persons = [&]() -> Status {
      KANGFU_RETURN_IF_ERROR(store_->BulkAddPersons(persons));
      for (std::size_t i = 0; i < persons.size(); ++i) {
        parsed.persons[person_at[i]].person = std::move(persons[i]);
      }
      persons.clear();
      person_at.clear();
      return Status::Ok();
    };
    for (std::size_t i = 0; i < parsed.persons.size(); ++i) {
      if (parsed.persons[i].existing) continue;
      // Moved into the batch and back (with its id) after the write: no copies of the strings.
      persons.push_back(std::move(parsed.persons[i].person));
      person_at.push_back(i);
      if (persons.size() == kChunk) KANGFU_RETURN_IF_ERROR(flush_persons());
    }
    KANGFU_RETURN_IF_ERROR(flush_persons());

    std::vector<storage::Case> cases;
    std::vector<std::size_t> case_at;
    auto flush_cases = [&]() -> Status {
      KANGFU_RETURN_IF_ERROR(store_->BulkAddCases(cases));
      for (std::size_t i = 0; i < cases.size(); ++i) {
        parsed.cases[case_at[i]].record = std::move(cases[i]);
      }
      cases.clear();
      case_at.clear();
      return Status::Ok();
    };
    for (std::size_t i = 0; i < parsed.cases.size(); ++i) {
      Parsed::CaseDraft& c = parsed.cases[i];
      bool gains = false;
      for (const std::size_t mi : c.measures) gains = gains || !parsed.measures[mi].existing;
      if (c.existing) {
        if (!gains) continue;
        KANGFU_ASSIGN_OR_RETURN(int form, form_of(c));
        if (form != c.record.form) {
          storage::Case updated = c.record;
          updated.form = form;
          KANGFU_ASSIGN_OR_RETURN(c.record, store_->UpdateCase(updated));
        }
        continue;
      }
      c.record.person_id = parsed.persons[c.person].person.id;
      KANGFU_ASSIGN_OR_RETURN(c.record.form, form_of(c));
      cases.push_back(std::move(c.record));
      case_at.push_back(i);
      if (cases.size() == kChunk) KANGFU_RETURN_IF_ERROR(flush_cases());
    }
    KANGFU_RETURN_IF_ERROR(flush_cases());

    std::vector<storage::Measure> measures;
    std::vector<std::size_t> measure_at;
    auto flush_measures = [&]() -> Status {
      KANGFU_RETURN_IF_ERROR(store_->BulkAddMeasures(measures));
      for (std::size_t i = 0; i < measures.size(); ++i) {
        parsed.measures[measure_at[i]].record = std::move(measures[i]);
      }
      measures.clear();
      measure_at.clear();
      return Status::Ok();
    };
    for (std::size_t i = 0; i < parsed.measures.size(); ++i) {
      Parsed::MeasureDraft& m = parsed.measures[i];
      if (m.existing) continue;
      m.record.case_id = parsed.cases[m.case_index].record.id;
      measures.push_back(std::move(m.record));
      measure_at.push_back(i);
      if (measures.size() == kChunk) KANGFU_RETURN_IF_ERROR(flush_measures());
    }
    KANGFU_RETURN_IF_ERROR(flush_measures());
    // Every draft now holds its record as written (ids set): aftercare for the new cases runs
    // in the same transaction, before the audit entry.
    KANGFU_RETURN_IF_ERROR(NotifyRecorded(actor, parsed));
    AuditEvent event;
    event.action = "ledger.import";
    event.object_type = "ledger";
    event.object_id = result.file_hash;
    event.after_json = CountsJson(result.counts);
    return audit_->Record(actor, event);
  });
}

Result<LedgerExportSummary> LedgerService::ExportPersons(const Actor& actor,
                                                         const std::string& path) {
  return Export(actor, path, false);
}

Result<LedgerExportSummary> LedgerService::ExportCases(const Actor& actor,
                                                       const std::string& path) {
  return Export(actor, path, true);
}

Result<LedgerExportSummary> LedgerService::Export(const Actor& actor, const std::string& path,
                                                  bool with_cases) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadCaseFacts));
  // Visitors and mentors read case facts of their assigned subjects only (aftercare narrows
  // them); a ledger of the whole jurisdiction is for the roles that see all of it.
  const bool whole = std::any_of(actor.roles.begin(), actor.roles.end(), [](Role role) {
    return role == Role::kCaseManager || role == Role::kUnitCommittee || role == Role::kLeader;
  });
  if (!whole) {
    return Status::Error(ErrorCode::kPermissionDenied, "auth.forbidden",
                         "导出台账须能查阅管辖范围内的全部案件（案件监督管理、单位党组织或领导）；"
                         "回访人员和教育帮带责任人只能查看分配给本人的对象");
  }
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Organisation> all_orgs, store_->ListSubtree(0));
  std::unordered_map<storage::RowId, const storage::Organisation*> orgs;
  for (const storage::Organisation& o : all_orgs) orgs[o.id] = &o;
  const auto& kinds = engine_.catalogue().kinds();

  office::XlsxWriter writer(path);
  std::vector<Column> columns;
  const std::size_t count = with_cases ? kLedgerColumnCount : kFirstCaseColumn;
  for (std::size_t c = 0; c < count; ++c) {
    // Widths fixed up front: the writer streams, so it cannot measure a million rows afterwards.
    static constexpr std::array<double, kLedgerColumnCount> kWidths = {
        21, 10, 13, 24, 16, 10, 9, 11, 13, 13, 24, 22, 12, 10, 13, 14, 12, 18, 14, 16};
    columns.push_back({Specs()[c].header, Specs()[c].kind, kWidths[c]});
  }
  KANGFU_RETURN_IF_ERROR(writer.AddSheet(with_cases ? "案件台账" : "人员台账", columns));

  LedgerExportSummary summary;
  std::vector<Cell> row(count);
  auto person_cells = [&](const storage::Person& p) {
    const storage::Organisation* unit = orgs.count(p.unit_id) ? orgs[p.unit_id] : nullptr;
    row[0] = p.id_number;
    row[1] = p.name;
    row[2] = int64_t{p.unit_id};
    row[3] = unit != nullptr ? unit->name : std::string();
    row[4] = p.post;
    row[5] = p.post_level;
    row[6] = YesNo(p.party_member);
    row[7] = YesNo(p.civil_servant);
    row[8] = YesNo(p.leading_cadre);
  };
  storage::RowId after = 0;
  for (;;) {
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Person> page,
                            store_->Ledger().PersonsAfter(actor.jurisdiction_path, after, 5000));
    if (page.empty()) break;
    after = page.back().id;
    summary.persons += static_cast<int64_t>(page.size());
    if (!with_cases) {
      for (const storage::Person& p : page) {
        person_cells(p);
        KANGFU_RETURN_IF_ERROR(writer.AddRow(row));
        ++summary.rows;
      }
      continue;
    }
    std::vector<storage::RowId> ids;
    ids.reserve(page.size());
    for (const storage::Person& p : page) ids.push_back(p.id);
    KANGFU_ASSIGN_OR_RETURN(storage::CasesAndMeasures on_file,
                            store_->Ledger().CasesOfPersons(ids));
    // Cases come by (person, id) and measures by (case, id): walk the cases in order and take
    // each one's measures by binary search, with no hashing or sorting per row.
    auto by_case = [](const storage::Measure& m, storage::RowId id) { return m.case_id < id; };
    for (const storage::Case& c : on_file.cases) {
      auto m_it = std::lower_bound(on_file.measures.begin(), on_file.measures.end(), c.id, by_case);
      auto p_it =
          std::lower_bound(page.begin(), page.end(), c.person_id,
                           [](const storage::Person& p, storage::RowId id) { return p.id < id; });
      bool counted = false;
      for (; m_it != on_file.measures.end() && m_it->case_id == c.id; ++m_it) {
        const storage::Measure& m = *m_it;
        if (m.revoked) continue;
        if (!counted) {
          ++summary.cases;
          counted = true;
        }
        person_cells(*p_it);
        const storage::Organisation* organ = orgs.count(c.organ_id) ? orgs[c.organ_id] : nullptr;
        row[9] = int64_t{c.organ_id};
        row[10] = organ != nullptr ? organ->name : std::string();
        row[11] = c.decision_number;
        row[12] = ToCivil(c.decision_date);
        row[13] = std::string(storage::DisciplineLabel(c.discipline));
        row[14] = std::string(storage::CaseSourceLabel(c.source));
        std::optional<domain::KindIndex> kind = engine_.catalogue().Find(m.kind);
        row[15] = kind ? kinds[*kind].name : m.kind;
        row[16] = ToCivil(m.effective);
        row[17] = m.term_months ? Cell(int64_t{*m.term_months}) : Cell();
        row[18] = m.period_months ? Cell(int64_t{*m.period_months}) : Cell();
        row[19] = m.ended ? Cell(ToCivil(*m.ended)) : Cell();
        KANGFU_RETURN_IF_ERROR(writer.AddRow(row));
        ++summary.rows;
      }
    }
  }
  KANGFU_RETURN_IF_ERROR(writer.Close());
  nlohmann::json detail = {
      {"rows", summary.rows}, {"persons", summary.persons}, {"cases", summary.cases}};
  KANGFU_RETURN_IF_ERROR(Audit(*store_, *audit_, actor,
                               with_cases ? "ledger.export_cases" : "ledger.export_persons",
                               std::to_string(actor.jurisdiction_org), detail.dump(), true, ""));
  return summary;
}

Result<std::string> LedgerService::Template(const Actor& actor) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kWriteCases));
  office::Table ledger;
  ledger.sheet_name = "台账";
  for (const ColumnSpec& spec : Specs()) ledger.columns.push_back({spec.header, spec.kind, 0});

  office::Table help;
  help.sheet_name = "填写说明";
  help.columns = {{"列名", ColumnKind::kText, 0}, {"填写要求", ColumnKind::kText, 0}};
  help.rows.push_back(
      {std::string("说明"),
       std::string("在“台账”表第1行以下逐行填写，每项处分处理措施一行；只登记人员时"
                   "案件各列留空。整个文件全部通过校验才会导入，有任何错误则不导入，"
                   "并列出每处错误的行、列和原因。重复导入同一文件不会重复登记。")});
  for (const ColumnSpec& spec : Specs()) {
    help.rows.push_back({std::string(spec.header), std::string(spec.help)});
  }

  office::Table dictionary;
  dictionary.sheet_name = "字典";
  dictionary.columns = {{"类别", ColumnKind::kText, 0},
                        {"名称", ColumnKind::kText, 0},
                        {"代码", ColumnKind::kText, 0},
                        {"说明", ColumnKind::kText, 0}};
  for (const domain::MeasureKind& kind : engine_.catalogue().kinds()) {
    dictionary.rows.push_back({std::string("处分处理措施"), kind.name, kind.code,
                               "第" + std::to_string(kind.form) + "种形态"});
  }
  for (const storage::Discipline d : kDisciplines) {
    dictionary.rows.push_back({std::string("违纪类别"), std::string(storage::DisciplineLabel(d)),
                               std::string(storage::DisciplineCode(d)), std::string()});
  }
  for (const storage::CaseSource s : kSources) {
    dictionary.rows.push_back({std::string("案件来源"), std::string(storage::CaseSourceLabel(s)),
                               std::string(storage::CaseSourceCode(s)), std::string()});
  }
  dictionary.rows.push_back({std::string("是否"), std::string("是"), std::string(), std::string()});
  dictionary.rows.push_back({std::string("是否"), std::string("否"), std::string(), std::string()});

  office::Table units;
  units.sheet_name = "单位";
  units.columns = {{"编号", ColumnKind::kInteger, 0},
                   {"名称", ColumnKind::kText, 0},
                   {"层级", ColumnKind::kText, 0}};
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Organisation> orgs,
                          store_->ListSubtree(actor.jurisdiction_org));
  for (const storage::Organisation& o : orgs) {
    static const char* const kLevels[] = {"省", "市", "县", "单位"};
    units.rows.push_back(
        {int64_t{o.id}, o.name, std::string(kLevels[static_cast<std::size_t>(o.level)])});
  }
  return office::WriteXlsx({ledger, help, dictionary, units});
}

namespace {
office::Table ErrorTable(const LedgerImportResult& result) {
  office::Table table;
  table.sheet_name = "错误报告";
  table.columns = {{"行号", ColumnKind::kInteger, 0},
                   {"列", ColumnKind::kText, 0},
                   {"列名", ColumnKind::kText, 0},
                   {"错误代码", ColumnKind::kText, 0},
                   {"错误说明", ColumnKind::kText, 0}};
  for (const LedgerError& e : result.errors) {
    table.rows.push_back({static_cast<int64_t>(e.row), e.column, e.header, e.code, e.message});
  }
  if (result.error_total > static_cast<int64_t>(result.errors.size())) {
    table.rows.push_back({std::monostate{}, std::string(), std::string(), std::string(),
                          "共" + std::to_string(result.error_total) + "处错误，仅列出前" +
                              std::to_string(result.errors.size()) + "处"});
  }
  return table;
}
}  // namespace

Result<std::string> LedgerService::ErrorReport(const LedgerImportResult& result) {
  return office::WriteXlsx({ErrorTable(result)});
}

Status LedgerService::WriteErrorReport(const LedgerImportResult& result, const std::string& path) {
  return office::WriteXlsxFile({ErrorTable(result)}, path);
}

}  // namespace kangfu::app
