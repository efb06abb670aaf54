#include "storage/datagen/datagen.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/id_number.hpp"

namespace kangfu::storage {
namespace {

// SplitMix64: tiny, fast and identical on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31U);
  }
  // Uniform in [0, n) (the modulo bias is negligible for the small n used here).
  int64_t Below(int64_t n) { return static_cast<int64_t>(Next() % static_cast<uint64_t>(n)); }
  bool Percent(int p) { return Below(100) < p; }
  template <typename T, std::size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[static_cast<std::size_t>(Below(static_cast<int64_t>(N)))];
  }
  // Index chosen with the given integer weights.
  template <std::size_t N>
  std::size_t Weighted(const std::array<int, N>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int64_t r = Below(total);
    for (std::size_t i = 0; i < N; ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return N - 1;
  }

 private:
  uint64_t state_;
};

// Guangdong 2019 (rules.md §8): 37,170 : 17,958 : 4,020 : 3,754 of 62,902.
constexpr std::array<int, 4> kGuangdong2019 = {37170, 17958, 4020, 3754};

// Splits `total` cases over the four forms in Guangdong's proportions (largest remainder).
std::array<int64_t, 4> FormQuota(int64_t total) {
  constexpr int64_t kSum = 62902;
  std::array<int64_t, 4> quota{};
  std::array<int64_t, 4> remainder{};
  int64_t given = 0;
  for (std::size_t f = 0; f < 4; ++f) {
    quota[f] = total * kGuangdong2019[f] / kSum;
    remainder[f] = total * kGuangdong2019[f] % kSum;
    given += quota[f];
  }
  while (given < total) {
    std::size_t best = 0;
    for (std::size_t f = 1; f < 4; ++f) {
      if (remainder[f] > remainder[best]) best = f;
    }
    ++quota[best];
    remainder[best] = -1;
    ++given;
  }
  return quota;
}

constexpr std::array<std::string_view, 100> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",  "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐",  "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余",  "杜", "叶", "程", "魏", "苏",
    "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭",  "陆", "汪", "范", "金", "石",
    "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊",  "秦", "邱", "江", "尹", "薛",
    "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾",  "毛", "郝", "龚", "邵", "万",
    "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "欧阳"};
constexpr std::array<std::string_view, 64> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "文", "华", "红", "建", "国", "志", "海", "玲", "斌", "辉",
    "鹏", "飞", "宇", "浩", "凯", "健", "俊", "帆", "晨", "婷", "雪", "琳", "颖", "倩", "鑫", "博",
    "毅", "峰", "立", "新", "春", "燕", "宁", "洁", "波", "晓", "亮", "东", "林", "云", "卫", "荣"};

std::string MakeName(Rng& rng) {
  std::string name(rng.Pick(kSurnames));
  name += rng.Pick(kGiven);
  if (rng.Percent(70)) name += rng.Pick(kGiven);
  return name;
}

// A valid GB 11643 number from a region code, a birth date and a sequence number.
std::string MakeIdNumber(int region, Date birth, int sequence) {
  std::string date = birth.ToString();
  std::string first17 = std::to_string(region) + date.substr(0, 4) + date.substr(5, 2) +
                        date.substr(8, 2) + std::to_string(1000 + sequence).substr(1);
  return first17 + *domain::IdNumberCheckChar(first17);
}

Date Day(int year, int month, int day) { return *Date::FromCivil(year, month, day); }

// --- the demo city ---------------------------------------------------------------------------

struct County {
  std::string_view name;
  std::string_view abbr;  // first character used in decision numbers
  bool district;
};

constexpr std::array<County, 6> kCounties = {{{"东江区", "东", true},
                                              {"西塘区", "西", true},
                                              {"南屏县", "南", false},
                                              {"北岭县", "北", false},
                                              {"青阳县", "青", false},
                                              {"望江市", "望", false}}};
constexpr std::array<std::string_view, 18> kCityUnits = {"中共江州市委办公室",
                                                         "江州市人民政府办公室",
                                                         "江州市发展和改革委员会",
                                                         "江州市财政局",
                                                         "江州市教育局",
                                                         "江州市公安局",
                                                         "江州市自然资源和规划局",
                                                         "江州市住房和城乡建设局",
                                                         "江州市交通运输局",
                                                         "江州市农业农村局",
                                                         "江州市卫生健康委员会",
                                                         "江州市市场监督管理局",
                                                         "江州市人力资源和社会保障局",
                                                         "江州市生态环境局",
                                                         "江州市水利局",
                                                         "江州市审计局",
                                                         "江州市国有资产监督管理委员会",
                                                         "江州城市建设投资集团有限公司"};
constexpr std::array<std::string_view, 10> kCountyUnits = {
    "发展和改革局", "财政局",     "教育体育局", "自然资源局",     "住房和城乡建设局",
    "交通运输局",   "农业农村局", "卫生健康局", "市场监督管理局", "人力资源和社会保障局"};
constexpr std::array<std::string_view, 18> kTowns = {
    "临江", "石桥", "白沙", "长岭", "桃源", "清溪", "黄田", "新塘", "梅林",
    "龙湾", "双河", "柳塘", "凤岗", "枫林", "高坪", "金溪", "云山", "杨柳"};

struct DemoUnit {
  RowId id;
  RowId organ;  // the commission that decides its cases
  std::string_view abbr;
  int region;  // ID number region code of its people
  bool town;
  bool company;
};

constexpr std::array<std::string_view, 5> kOfficePosts = {"科员", "副科长", "科长", "副局长",
                                                          "局长"};
constexpr std::array<std::string_view, 5> kTownPosts = {"科员", "站所负责人", "副镇长", "镇长",
                                                        "镇党委书记"};
constexpr std::array<std::string_view, 5> kPostLevels = {"一级科员", "四级主任科员", "三级主任科员",
                                                         "二级调研员", "一级调研员"};

constexpr std::array<int, 6> kDisciplineWeights = {6, 12, 35, 12, 25, 10};
constexpr std::array<int, 6> kSourceWeights = {12, 38, 15, 8, 25, 2};

struct DemoPerson {
  Person row;
  std::size_t unit;
  bool expelled = false;
};

class DemoWriter {
 public:
  DemoWriter(Store& store, uint64_t seed) : store_(store), rng_(seed) {}

  Status Write() {
    KANGFU_RETURN_IF_ERROR(BuildTree());
    KANGFU_RETURN_IF_ERROR(AddPersons());
    KANGFU_RETURN_IF_ERROR(AddCases());
    return AddHolds();
  }
  const DemoSummary& summary() const { return summary_; }

 private:
  Result<RowId> Org(RowId parent, std::string name, OrgLevel level) {
    Result<Organisation> org =
        store_.AddOrganisation({.parent_id = parent, .name = std::move(name), .level = level});
    if (!org.ok()) return std::move(org).TakeStatus();
    ++summary_.organisations;
    return org->id;
  }

  Status BuildTree() {
    Result<RowId> province = Org(0, "江南省", OrgLevel::kProvince);
    if (!province.ok()) return province.status();
    Result<RowId> city = Org(*province, "江州市", OrgLevel::kCity);
    if (!city.ok()) return city.status();
    summary_.city_id = *city;
    Result<RowId> city_organ = Org(*city, "江州市纪委监委", OrgLevel::kUnit);
    if (!city_organ.ok()) return city_organ.status();
    for (std::size_t i = 0; i < kCityUnits.size(); ++i) {
      Result<RowId> unit = Org(*city, std::string(kCityUnits[i]), OrgLevel::kUnit);
      if (!unit.ok()) return unit.status();
      units_.push_back({*unit, *city_organ, "江", 369900, false, i + 1 == kCityUnits.size()});
    }
    for (std::size_t c = 0; c < kCounties.size(); ++c) {
      const County& county = kCounties[c];
      Result<RowId> county_id = Org(*city, std::string(county.name), OrgLevel::kCounty);
      if (!county_id.ok()) return county_id.status();
      Result<RowId> organ = Org(*county_id, std::string(county.name) + "纪委监委", OrgLevel::kUnit);
      if (!organ.ok()) return organ.status();
      const int region = 369901 + static_cast<int>(c);
      for (std::string_view suffix : kCountyUnits) {
        Result<RowId> unit =
            Org(*county_id, std::string(county.name) + std::string(suffix), OrgLevel::kUnit);
        if (!unit.ok()) return unit.status();
        units_.push_back({*unit, *organ, county.abbr, region, false, false});
      }
      for (std::size_t t = 0; t < 3; ++t) {
        std::string town(kTowns[c * 3 + t]);
        town += county.district && t == 0 ? "街道办事处" : "镇人民政府";
        Result<RowId> unit = Org(*county_id, std::string(county.name) + town, OrgLevel::kUnit);
        if (!unit.ok()) return unit.status();
        units_.push_back({*unit, *organ, county.abbr, region, true, false});
      }
    }
    return Status::Ok();
  }

  Status AddPersons() {
    constexpr int kPersons = 2000;
    std::set<std::string> numbers;
    const Date earliest = Day(1963, 1, 1);
    for (int i = 0; i < kPersons; ++i) {
      const std::size_t u = static_cast<std::size_t>(i) % units_.size();
      const DemoUnit& unit = units_[u];
      std::string id_number;
      do {
        id_number =
            MakeIdNumber(unit.region, earliest.AddDays(static_cast<int32_t>(rng_.Below(13149))),
                         static_cast<int>(rng_.Below(1000)));
      } while (!numbers.insert(id_number).second);
      const std::size_t rank = rng_.Weighted(std::array<int, 5>{45, 25, 15, 10, 5});
      Person p = {.id_number = id_number,
                  .name = MakeName(rng_),
                  .unit_id = unit.id,
                  .post = std::string(unit.town ? kTownPosts[rank] : kOfficePosts[rank]),
                  .post_level = std::string(kPostLevels[rank]),
                  .party_member = rank >= 2 || rng_.Percent(82),
                  .civil_servant = !unit.company && rng_.Percent(92),
                  .leading_cadre = rank >= 3};
      Result<Person> stored = store_.AddPerson(p);
      if (!stored.ok()) return stored.status();
      persons_.push_back({*stored, u});
      ++summary_.persons;
    }
    return Status::Ok();
  }

  std::string DecisionNumber(const DemoUnit& unit, Date date) {
    const std::string key = std::string(unit.abbr) + std::to_string(date.year());
    const int n = ++numbers_[key];
    return std::string(unit.abbr) + "纪处〔" + std::to_string(date.year()) + "〕" +
           std::to_string(n) + "号";
  }

  Result<Case> AddCase(DemoPerson& person, Date date, int form) {
    const DemoUnit& unit = units_[person.unit];
    Case c = {.person_id = person.row.id,
              .organ_id = unit.organ,
              .decision_number = DecisionNumber(unit, date),
              .decision_date = date,
              .discipline = static_cast<Discipline>(rng_.Weighted(kDisciplineWeights)),
              .source = static_cast<CaseSource>(rng_.Weighted(kSourceWeights)),
              .form = form};
    Result<Case> stored = store_.AddCase(c);
    if (stored.ok()) {
      ++summary_.cases;
      ++summary_.forms.by_form.at(static_cast<std::size_t>(form));
    }
    return stored;
  }

  Status AddMeasure(const Measure& m) {
    Result<Measure> stored = store_.AddMeasure(m);
    if (!stored.ok()) return stored.status();
    ++summary_.measures;
    return Status::Ok();
  }

  // The measures of a case of `form` for this person, by what the person is (party member,
  // civil servant).
  Status AddMeasures(const Case& c, DemoPerson& person, int form) {
    const bool party = person.row.party_member;
    const bool civil = person.row.civil_servant;
    const Date when = c.decision_date;
    auto measure = [&](std::string kind) {
      return Measure{.case_id = c.id, .kind = std::move(kind), .effective = when};
    };
    switch (form) {
      case 1: {
        constexpr std::array<std::string_view, 6> kFirst = {
            "first.reminder_talk", "first.criticism",      "first.written_review",
            "first.admonishment",  "first.inquiry_closed", "first.circulated_criticism"};
        const std::size_t k = rng_.Weighted(std::array<int, 6>{30, 25, 15, 20, 5, 5});
        return AddMeasure(measure(std::string(kFirst[k])));
      }
      case 2: {
        constexpr std::array<std::string_view, 4> kGov = {"gov.warning", "gov.demerit",
                                                          "gov.major_demerit", "gov.demotion"};
        constexpr std::array<std::string_view, 2> kOrg = {"org.reassignment", "org.removal"};
        if (party) {
          KANGFU_RETURN_IF_ERROR(
              AddMeasure(measure(rng_.Percent(60) ? "party.warning" : "party.serious_warning")));
          if (civil && rng_.Percent(25)) {
            KANGFU_RETURN_IF_ERROR(AddMeasure(measure(std::string(rng_.Pick(kGov)))));
          }
        } else if (civil) {
          KANGFU_RETURN_IF_ERROR(AddMeasure(measure(std::string(rng_.Pick(kGov)))));
        } else {
          KANGFU_RETURN_IF_ERROR(AddMeasure(measure(std::string(rng_.Pick(kOrg)))));
        }
        if (person.row.leading_cadre && rng_.Percent(30)) {
          KANGFU_RETURN_IF_ERROR(AddMeasure(measure(std::string(rng_.Pick(kOrg)))));
        }
        return Status::Ok();
      }
      case 3: {
        if (!party) {
          return AddMeasure(measure(civil ? "gov.dismissal_from_post" : "org.demotion"));
        }
        const std::size_t k = rng_.Weighted(std::array<int, 3>{25, 40, 35});
        if (k == 0) {
          KANGFU_RETURN_IF_ERROR(AddMeasure(measure("party.removal_from_post")));
          if (civil) KANGFU_RETURN_IF_ERROR(AddMeasure(measure("gov.dismissal_from_post")));
          return Status::Ok();
        }
        if (k == 1) {
          Measure probation = measure("party.probation");
          probation.term_months = rng_.Percent(70) ? 12 : 24;
          const Date term_end = when.AddMonths(*probation.term_months);
          // Outcomes are on record for terms that ended well before the demo's present.
          if (term_end < Day(2026, 3, 1)) {
            probation.outcome = rng_.Percent(90) ? OutcomeKind::kRestored : OutcomeKind::kExpelled;
            probation.outcome_date = term_end.AddDays(static_cast<int32_t>(rng_.Below(30)));
            if (probation.outcome == OutcomeKind::kExpelled) person.expelled = true;
          }
          if (civil) KANGFU_RETURN_IF_ERROR(AddMeasure(measure("gov.dismissal_from_post")));
          return AddMeasure(probation);
        }
        person.expelled = true;
        KANGFU_RETURN_IF_ERROR(AddMeasure(measure("party.expulsion")));
        if (civil) KANGFU_RETURN_IF_ERROR(AddMeasure(measure("gov.expulsion")));
        return Status::Ok();
      }
      default: {
        person.expelled = true;
        if (party) KANGFU_RETURN_IF_ERROR(AddMeasure(measure("party.expulsion")));
        if (civil || !party) KANGFU_RETURN_IF_ERROR(AddMeasure(measure("gov.expulsion")));
        return AddMeasure(measure("judicial.transfer"));
      }
    }
  }

  DemoPerson& PickPerson(bool party_member) {
    for (;;) {
      DemoPerson& p =
          persons_[static_cast<std::size_t>(rng_.Below(static_cast<int64_t>(persons_.size())))];
      if (!p.expelled && (!party_member || p.row.party_member)) return p;
    }
  }

  Status AddCases() {
    constexpr int64_t kCases = 400;
    std::array<int64_t, 4> quota = FormQuota(kCases);

    // The probation awaiting its outcome: a 12-month term from 2025-06-16 ended on 2026-06-16.
    DemoPerson& awaiting = PickPerson(/*party_member=*/true);
    Result<Case> awaiting_case = AddCase(awaiting, Day(2025, 6, 16), 3);
    if (!awaiting_case.ok()) return awaiting_case.status();
    KANGFU_RETURN_IF_ERROR(AddMeasure({.case_id = awaiting_case->id,
                                       .kind = "party.probation",
                                       .effective = Day(2025, 6, 16),
                                       .term_months = 12}));
    summary_.probation_awaiting_outcome = awaiting.row.id_number;
    --quota[2];

    std::vector<int> forms;
    for (std::size_t f = 0; f < 4; ++f) {
      forms.insert(forms.end(), static_cast<std::size_t>(quota[f]), static_cast<int>(f + 1));
    }
    // Dates ascend so that nobody is sanctioned after an expulsion.
    const Date first = Day(2022, 1, 4);
    const int32_t span = Day(2026, 10, 30).days() - first.days();
    std::vector<Date> dates;
    dates.reserve(forms.size());
    for (std::size_t i = 0; i < forms.size(); ++i) {
      dates.push_back(first.AddDays(static_cast<int32_t>(rng_.Below(span))));
    }
    std::sort(dates.begin(), dates.end());
    for (std::size_t i = forms.size(); i > 1; --i) {
      std::swap(forms[i - 1], forms[static_cast<std::size_t>(rng_.Below(static_cast<int64_t>(i)))]);
    }
    for (std::size_t i = 0; i < forms.size(); ++i) {
      DemoPerson& person = PickPerson(/*party_member=*/false);
      Result<Case> c = AddCase(person, dates[i], forms[i]);
      if (!c.ok()) return c.status();
      KANGFU_RETURN_IF_ERROR(AddMeasures(*c, person, forms[i]));
    }
    return Status::Ok();
  }

  Status AddHolds() {
    struct Spec {
      HoldKind kind;
      int count;
      Date from_earliest;
      int span_days;
      bool closed;
    };
    const std::array<Spec, 3> specs = {
        {{HoldKind::kClueVerification, 15, Day(2026, 6, 1), 170, false},
         {HoldKind::kCaseReview, 4, Day(2026, 7, 1), 120, false},
         {HoldKind::kClueVerification, 10, Day(2024, 3, 1), 500, true}}};
    for (const Spec& spec : specs) {
      for (int i = 0; i < spec.count; ++i) {
        DemoPerson& person = PickPerson(/*party_member=*/false);
        Hold h = {
            .person_id = person.row.id,
            .kind = spec.kind,
            .from = spec.from_earliest.AddDays(static_cast<int32_t>(rng_.Below(spec.span_days)))};
        if (spec.closed) h.to = h.from.AddDays(30 + static_cast<int32_t>(rng_.Below(60)));
        Result<Hold> stored = store_.AddHold(h);
        if (!stored.ok()) return stored.status();
        ++summary_.holds;
      }
    }
    return Status::Ok();
  }

  Store& store_;
  Rng rng_;
  DemoSummary summary_;
  std::vector<DemoUnit> units_;
  std::vector<DemoPerson> persons_;
  std::map<std::string, int> numbers_;
};

// --- synthetic data --------------------------------------------------------------------------

constexpr int kPersonsPerUnit = 50;
constexpr int kUnitsPerCounty = 40;
constexpr int kCountiesPerCity = 10;
constexpr int32_t kBirthDays = 14610;  // 40 years of birth dates from 1960-01-01

std::string_view SyntheticMeasure(int form, Rng& rng) {
  constexpr std::array<std::string_view, 4> kFirst = {"first.reminder_talk", "first.criticism",
                                                      "first.written_review", "first.admonishment"};
  constexpr std::array<std::string_view, 4> kSecond = {"party.warning", "party.serious_warning",
                                                       "gov.demerit", "org.removal"};
  constexpr std::array<std::string_view, 3> kThird = {"party.removal_from_post", "party.probation",
                                                      "party.expulsion"};
  switch (form) {
    case 1:
      return rng.Pick(kFirst);
    case 2:
      return rng.Pick(kSecond);
    case 3:
      return rng.Pick(kThird);
    default:
      return "party.expulsion";
  }
}

}  // namespace

std::string SyntheticIdNumber(int64_t k) {
  const int64_t per_region = static_cast<int64_t>(kBirthDays) * 1000;
  const int region = 110000 + static_cast<int>(k / per_region);
  const int32_t day = static_cast<int32_t>((k / 1000) % kBirthDays);
  return MakeIdNumber(region, Day(1960, 1, 1).AddDays(day), static_cast<int>(k % 1000));
}

Result<DemoSummary> SeedDemo(Store& store, uint64_t seed) {
  DemoWriter writer(store, seed);
  Status status = store.InTransaction([&]() { return writer.Write(); });
  if (status.reason() == "person.id_number_taken") {
    return Status::Error(ErrorCode::kFailedPrecondition, "demo.already_seeded",
                         "数据库中已有演示数据，无需重复生成；如需重新生成请换一个空数据库");
  }
  if (!status.ok()) return status;
  return writer.summary();
}

Result<GenSummary> Generate(Store& store, const GenOptions& options,
                            const std::function<void(const GenSummary&)>& progress) {
  if (options.persons <= 0 || options.cases < 0 || options.batch <= 0) {
    return Status::Invalid("persons", "gen.size", "人员数须为正数，案件数不能为负数");
  }
  Rng rng(options.seed);
  GenSummary summary;
  const int64_t units = (options.persons + kPersonsPerUnit - 1) / kPersonsPerUnit;
  const int64_t counties = (units + kUnitsPerCounty - 1) / kUnitsPerCounty;
  const int64_t cities = (counties + kCountiesPerCity - 1) / kCountiesPerCity;
  std::vector<RowId> unit_ids;
  std::vector<RowId> county_ids;
  unit_ids.reserve(static_cast<std::size_t>(units));

  // The tree, in one transaction.
  Status tree_status = (store.InTransaction([&]() -> Status {
    Result<Organisation> province =
        store.AddOrganisation({.name = "合成省", .level = OrgLevel::kProvince});
    if (!province.ok()) return province.status();
    ++summary.organisations;
    for (int64_t c = 0; c < cities; ++c) {
      const std::string city_name = "合成省第" + std::to_string(c + 1) + "市";
      Result<Organisation> city = store.AddOrganisation(
          {.parent_id = province->id, .name = city_name, .level = OrgLevel::kCity});
      if (!city.ok()) return city.status();
      ++summary.organisations;
      for (int64_t k = 0;
           k < kCountiesPerCity && static_cast<int64_t>(county_ids.size()) < counties; ++k) {
        const std::string county_name = city_name + "第" + std::to_string(k + 1) + "县";
        Result<Organisation> county = store.AddOrganisation(
            {.parent_id = city->id, .name = county_name, .level = OrgLevel::kCounty});
        if (!county.ok()) return county.status();
        ++summary.organisations;
        county_ids.push_back(county->id);
        for (int64_t u = 0; u < kUnitsPerCounty && static_cast<int64_t>(unit_ids.size()) < units;
             ++u) {
          Result<Organisation> unit =
              store.AddOrganisation({.parent_id = county->id,
                                     .name = county_name + "第" + std::to_string(u + 1) + "单位",
                                     .level = OrgLevel::kUnit});
          if (!unit.ok()) return unit.status();
          ++summary.organisations;
          unit_ids.push_back(unit->id);
        }
      }
    }
    return Status::Ok();
  }));
  if (!tree_status.ok()) return tree_status;

  // Persons, streamed in batches through the bulk path; person i works in unit
  // i / kPersonsPerUnit.
  RowId first_person = 0;
  RowId last_person = 0;
  std::vector<Person> persons;
  for (int64_t start = 0; start < options.persons; start += options.batch) {
    const int64_t end = std::min(options.persons, start + options.batch);
    persons.clear();
    for (int64_t i = start; i < end; ++i) {
      const bool leading = rng.Percent(8);
      persons.push_back({.id_number = SyntheticIdNumber(i),
                         .name = MakeName(rng),
                         .unit_id = unit_ids[static_cast<std::size_t>(i / kPersonsPerUnit)],
                         .post = leading ? "局长" : "科员",
                         .post_level = leading ? "一级调研员" : "一级科员",
                         .party_member = rng.Percent(85),
                         .civil_servant = rng.Percent(80),
                         .leading_cadre = leading});
    }
    KANGFU_RETURN_IF_ERROR(store.BulkAddPersons(persons));
    if (first_person == 0) first_person = persons.front().id;
    last_person = persons.back().id;
    summary.persons = end;
    if (progress) progress(summary);
  }
  if (last_person - first_person + 1 != options.persons) {
    return Status::Internal("person ids are not contiguous; gen needs an otherwise idle database");
  }

  // Cases over ten years (2016-2025), forms drawn with Guangdong's shares; each batch of cases
  // and their measures in one transaction.
  const Date first_day = Day(2016, 1, 1);
  std::vector<Case> cases;
  std::vector<Measure> measures;
  std::vector<std::size_t> measure_case;  // index in `cases` of each measure's case
  for (int64_t start = 0; start < options.cases; start += options.batch) {
    const int64_t end = std::min(options.cases, start + options.batch);
    cases.clear();
    measures.clear();
    measure_case.clear();
    for (int64_t j = start; j < end; ++j) {
      const int64_t person_index = rng.Below(options.persons);
      const RowId organ =
          county_ids[static_cast<std::size_t>(person_index / kPersonsPerUnit / kUnitsPerCounty)];
      const int form = static_cast<int>(rng.Weighted(kGuangdong2019)) + 1;
      const Date date = first_day.AddDays(static_cast<int32_t>(rng.Below(3652)));
      cases.push_back({.person_id = first_person + person_index,
                       .organ_id = organ,
                       .decision_number = "合纪处〔" + std::to_string(date.year()) + "〕" +
                                          std::to_string(j + 1) + "号",
                       .decision_date = date,
                       .discipline = static_cast<Discipline>(rng.Weighted(kDisciplineWeights)),
                       .source = static_cast<CaseSource>(rng.Weighted(kSourceWeights)),
                       .form = form});
      Measure m = {.kind = std::string(SyntheticMeasure(form, rng)), .effective = date};
      if (m.kind == "party.probation") m.term_months = 12;
      measures.push_back(std::move(m));
      measure_case.push_back(cases.size() - 1);
      if (form == 4) {
        measures.push_back({.kind = "judicial.transfer", .effective = date});
        measure_case.push_back(cases.size() - 1);
      }
    }
    Status batch_status = store.InTransaction([&]() -> Status {
      KANGFU_RETURN_IF_ERROR(store.BulkAddCases(cases));
      for (std::size_t k = 0; k < measures.size(); ++k) {
        measures[k].case_id = cases[measure_case[k]].id;
      }
      return store.BulkAddMeasures(measures);
    });
    if (!batch_status.ok()) return batch_status;
    summary.cases = end;
    summary.measures += static_cast<int64_t>(measures.size());
    if (progress) progress(summary);
  }
  return summary;
}

}  // namespace kangfu::storage
