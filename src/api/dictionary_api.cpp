#include "api/dictionary_api.hpp"

#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string_view>
#include <utility>

#include "app/actor.hpp"
#include "app/reuse_service.hpp"
#include "app/vetting_service.hpp"
#include "domain/aftercare/execution.hpp"
#include "domain/aftercare/reminders.hpp"
#include "domain/aftercare/visit_record.hpp"
#include "domain/engine.hpp"
#include "domain/model.hpp"
#include "domain/oversight/oversight.hpp"
#include "domain/reuse/reuse.hpp"
#include "storage/records.hpp"

namespace kangfu::embedded {
std::string_view Catalogue();  // data/catalogue.json, compiled into kangfu_codec
}  // namespace kangfu::embedded

namespace kangfu::api {
namespace {

using Json = nlohmann::ordered_json;

struct Pair {
  std::string_view code;
  std::string_view label;
};

// Labels of the catalogue's own codes (domain/catalogue.hpp has codes only).
constexpr std::array<Pair, 5> kFamilyLabels = {{{"first", "第一种形态措施"},
                                                {"party", "党纪处分"},
                                                {"gov", "政务处分"},
                                                {"org", "组织处理"},
                                                {"judicial", "移送司法机关"}}};
constexpr std::array<Pair, 4> kEffectLabels = {{{"restrict", "按影响期限制"},
                                                {"hold_while_in_force", "停职期间暂缓"},
                                                {"probation", "留党察看（期满决定）"},
                                                {"transfer", "移送司法（本身不限制）"}}};
constexpr std::array<Pair, 2> kConfidenceLabels = {
    {{"firm", "条文明确"}, {"practice", "通行做法"}}};
constexpr std::array<std::string_view, 4> kFormLabels = {"第一种形态", "第二种形态", "第三种形态",
                                                         "第四种形态"};
// The workbench's reminder kinds (domain/aftercare/reminders.hpp has codes only). clue_reply
// (函询回复到期) is listed ahead of its arrival in the domain, so that it has its label the day
// it does.
constexpr std::array<Pair, 9> kReminderLabels = {{{"visit", "回访"},
                                                  {"execution", "处分决定执行"},
                                                  {"mentor_first_talk", "首次谈心谈话"},
                                                  {"mentor_talk", "谈心谈话"},
                                                  {"mentor_report", "帮带情况报告"},
                                                  {"escalation", "苗头性问题处置"},
                                                  {"influence_ending", "影响期即将届满"},
                                                  {"probation_outcome", "留党察看期满待决定"},
                                                  {"clue_reply", "函询回复到期"}}};
// Codes whose labels the app layer owns (app/vetting_service, app/reuse_service).
constexpr std::array<std::string_view, 6> kVettingPurposes = {
    "promotion", "further_use", "rank_promotion", "commendation", "nomination", "transfer"};
constexpr std::array<std::string_view, 5> kVettingAnswers = {
    "no_issue", "period_over", "period_running", "pending_matter", "unsuitable"};
constexpr std::array<std::string_view, 3> kVettingStates = {"open", "approved", "issued"};
constexpr std::array<std::string_view, 4> kReuseStates = {"open", "reused", "not_reused",
                                                          "withdrawn"};
constexpr std::array<std::string_view, 4> kAssessmentGrades = {
    "excellent", "competent", "basically_competent", "incompetent"};

std::string_view LabelIn(std::span<const Pair> table, std::string_view code) {
  for (const Pair& pair : table) {
    if (pair.code == code) return pair.label;
  }
  return code;
}

Json Item(std::string_view code, std::string_view label) {
  return Json{{"code", code}, {"label", label}};
}

Json List(std::string_view code, std::string_view title, std::string_view kind, Json items) {
  return Json{{"code", code}, {"title", title}, {"kind", kind}, {"items", std::move(items)}};
}

Json OversightItems(std::span<const domain::oversight::CodeLabel> table) {
  Json items = Json::array();
  for (const auto& entry : table) items.push_back(Item(entry.code, entry.label));
  return items;
}

template <typename Label>
Json LabelledCodes(std::span<const std::string_view> codes, Label label) {
  Json items = Json::array();
  for (std::string_view code : codes) items.push_back(Item(code, label(code)));
  return items;
}

Json MeasuresJson(const domain::Catalogue& catalogue) {
  Json measures = Json::array();
  for (const domain::MeasureKind& kind : catalogue.kinds()) {
    Json restrictions = Json::array();
    for (const domain::RestrictionRule& rule : kind.restrictions) {
      restrictions.push_back({{"action", domain::ActionCode(rule.action)},
                              {"action_label", domain::ActionLabel(rule.action)},
                              {"months", rule.months ? Json(*rule.months) : Json(nullptr)}});
    }
    const std::string_view family = domain::FamilyCode(kind.family);
    const std::string_view effect = domain::EffectCode(kind.effect);
    const std::string_view confidence = domain::ConfidenceCode(kind.confidence);
    const bool form_known = kind.form >= 1 && kind.form <= static_cast<int>(kFormLabels.size());
    measures.push_back(
        {{"code", kind.code},
         {"name", kind.name},
         {"family", family},
         {"family_label", LabelIn(kFamilyLabels, family)},
         {"form", kind.form},
         {"form_label", form_known ? kFormLabels.at(static_cast<std::size_t>(kind.form - 1)) : ""},
         {"effect", effect},
         {"effect_label", LabelIn(kEffectLabels, effect)},
         {"stated_period", kind.stated_period},
         {"probation_terms", kind.probation ? Json(kind.probation->terms) : Json::array()},
         {"restrictions", std::move(restrictions)},
         {"basis", kind.basis},
         {"confidence", confidence},
         {"confidence_label", LabelIn(kConfidenceLabels, confidence)},
         {"note", kind.note}});
  }
  return measures;
}

// Title, version and sources of the built-in catalogue file (domain::Catalogue keeps only the
// measures). The file is validated by the codec's tests; a member missing here is reported as
// null rather than failing the whole dictionary.
Json CatalogueHeader(bool builtin) {
  Json header = {{"title", "处分处理措施目录"},
                 {"version", nullptr},
                 {"builtin", builtin},
                 {"sources", Json::array()},
                 {"editable", false},
                 {"note",
                  "措施目录属于规则数据（依据党内法规和国家法律），只随规则版本发布更新，"
                  "不能在界面中修改。"}};
  if (!builtin) return header;
  const Json file = Json::parse(embedded::Catalogue(), nullptr, false);
  if (file.is_discarded() || !file.is_object()) return header;
  if (file.contains("title") && file["title"].is_string()) header["title"] = file["title"];
  if (file.contains("version") && file["version"].is_number_integer()) {
    header["version"] = file["version"];
  }
  if (file.contains("sources") && file["sources"].is_object()) {
    for (const auto& [code, text] : file["sources"].items()) {
      if (text.is_string()) header["sources"].push_back(Item(code, text.get<std::string>()));
    }
  }
  return header;
}

Json Lists() {
  Json lists = Json::array();
  Json forms = Json::array();
  for (std::size_t i = 0; i < kFormLabels.size(); ++i) {
    forms.push_back(Item(std::to_string(i + 1), kFormLabels.at(i)));
  }
  lists.push_back(List("forms", "四种形态", "rule", std::move(forms)));
  Json families = Json::array();
  for (const Pair& pair : kFamilyLabels) families.push_back(Item(pair.code, pair.label));
  lists.push_back(List("measure_families", "措施类别", "rule", std::move(families)));
  Json actions = Json::array();
  for (domain::Action action : domain::kAllActions) {
    actions.push_back(Item(domain::ActionCode(action), domain::ActionLabel(action)));
  }
  lists.push_back(List("actions", "影响期限制事项", "rule", std::move(actions)));
  Json verdicts = Json::array();
  for (domain::VerdictKind kind :
       {domain::VerdictKind::kAllowed, domain::VerdictKind::kBlocked, domain::VerdictKind::kHold}) {
    verdicts.push_back(Item(domain::VerdictCode(kind), domain::VerdictLabel(kind)));
  }
  lists.push_back(List("verdicts", "影响期结论", "rule", std::move(verdicts)));
  Json holds = Json::array();
  for (domain::HoldKind kind :
       {domain::HoldKind::kClueVerification, domain::HoldKind::kCaseReview}) {
    holds.push_back(Item(domain::HoldKindCode(kind), domain::HoldKindLabel(kind)));
  }
  lists.push_back(List("hold_kinds", "暂缓使用事由（在办事项）", "rule", std::move(holds)));

  Json disciplines = Json::array();
  for (storage::Discipline d :
       {storage::Discipline::kPolitical, storage::Discipline::kOrganisational,
        storage::Discipline::kIntegrity, storage::Discipline::kMasses, storage::Discipline::kWork,
        storage::Discipline::kLife}) {
    disciplines.push_back(Item(storage::DisciplineCode(d), storage::DisciplineLabel(d)));
  }
  lists.push_back(List("disciplines", "违纪类别", "system", std::move(disciplines)));
  Json sources = Json::array();
  for (storage::CaseSource s : {storage::CaseSource::kSelfReport, storage::CaseSource::kPetition,
                                storage::CaseSource::kInspection, storage::CaseSource::kAudit,
                                storage::CaseSource::kSupervision, storage::CaseSource::kOther}) {
    sources.push_back(Item(storage::CaseSourceCode(s), storage::CaseSourceLabel(s)));
  }
  lists.push_back(List("case_sources", "案件来源", "system", std::move(sources)));
  Json levels = Json::array();
  for (storage::OrgLevel level : {storage::OrgLevel::kProvince, storage::OrgLevel::kCity,
                                  storage::OrgLevel::kCounty, storage::OrgLevel::kUnit}) {
    const std::string_view code = storage::OrgLevelCode(level);
    levels.push_back(Item(code, storage::OrgLevelLabel(level)));
  }
  lists.push_back(List("org_levels", "组织层级", "system", std::move(levels)));
  Json roles = Json::array();
  for (std::size_t i = 0; i < app::kRoleCount; ++i) {
    const auto role = static_cast<app::Role>(i);
    roles.push_back(Item(app::RoleCode(role), app::RoleLabel(role)));
  }
  lists.push_back(List("roles", "角色", "system", std::move(roles)));

  Json reminders = Json::array();
  for (domain::ReminderKind kind : domain::kAllReminderKinds) {
    const std::string_view code = domain::ReminderKindCode(kind);
    reminders.push_back(Item(code, LabelIn(kReminderLabels, code)));
  }
  lists.push_back(List("reminder_kinds", "工作台待办类别", "system", std::move(reminders)));
  Json grades = Json::array();
  for (domain::VisitGrade grade :
       {domain::VisitGrade::kGood, domain::VisitGrade::kFair, domain::VisitGrade::kPoor}) {
    grades.push_back(Item(domain::VisitGradeCode(grade), domain::VisitGradeLabel(grade)));
  }
  lists.push_back(List("visit_grades", "回访评价等次", "system", std::move(grades)));
  Json signs = Json::array();
  for (domain::WarningSignKind kind :
       {domain::WarningSignKind::kNegativeThinking, domain::WarningSignKind::kPoorPerformance,
        domain::WarningSignKind::kNewViolationSign}) {
    signs.push_back(Item(domain::WarningSignCode(kind), domain::WarningSignLabel(kind)));
  }
  lists.push_back(List("warning_signs", "苗头性问题类别", "system", std::move(signs)));

  namespace ov = domain::oversight;
  lists.push_back(
      List("clue_sources", "问题线索来源", "system", OversightItems(ov::ClueSources())));
  lists.push_back(
      List("clue_handlings", "问题线索处置方式", "system", OversightItems(ov::ClueHandlings())));
  lists.push_back(List("clue_states", "问题线索状态", "system", OversightItems(ov::ClueStates())));
  lists.push_back(
      List("interview_kinds", "谈话类型", "system", OversightItems(ov::InterviewKinds())));
  lists.push_back(List("clearance_conclusions", "澄清正名核查结论", "system",
                       OversightItems(ov::ClearanceConclusions())));
  lists.push_back(List("clearance_triggers", "澄清正名启动方式", "system",
                       OversightItems(ov::ClearanceTriggers())));
  lists.push_back(
      List("clearance_methods", "澄清正名方式", "system", OversightItems(ov::ClearanceMethods())));
  lists.push_back(List("fault_tolerance_grounds", "容错纠错依据（三个区分开来）", "system",
                       OversightItems(ov::ThreeDistinctions())));
  lists.push_back(List("fault_tolerance_decisions", "容错纠错决定", "system",
                       OversightItems(ov::FaultToleranceDecisions())));

  lists.push_back(List("vetting_purposes", "征求意见事由", "system",
                       LabelledCodes(kVettingPurposes, app::VettingPurposeLabel)));
  lists.push_back(List("vetting_answers", "党风廉政意见答复类别", "system",
                       LabelledCodes(kVettingAnswers, app::VettingAnswerLabel)));
  lists.push_back(List("vetting_states", "意见回复办理状态", "system",
                       LabelledCodes(kVettingStates, app::VettingStateLabel)));

  Json levels_reuse = Json::array();
  for (domain::ReuseEligibility level :
       {domain::ReuseEligibility::kAllowed, domain::ReuseEligibility::kOverride,
        domain::ReuseEligibility::kExcluded}) {
    levels_reuse.push_back(
        Item(domain::ReuseEligibilityCode(level), domain::ReuseEligibilityLabel(level)));
  }
  lists.push_back(List("reuse_eligibility", "重新使用分类", "system", std::move(levels_reuse)));
  Json steps = Json::array();
  for (int step = 1; step <= domain::kReuseStepCount; ++step) {
    steps.push_back(Item(std::to_string(step), domain::ReuseStepLabel(step)));
  }
  lists.push_back(List("reuse_steps", "重新使用办理步骤", "system", std::move(steps)));
  lists.push_back(List("reuse_states", "重新使用事项状态", "system",
                       LabelledCodes(kReuseStates, app::ReuseStateLabel)));
  lists.push_back(List("assessment_grades", "年度考核结果", "system",
                       LabelledCodes(kAssessmentGrades, app::AssessmentGradeLabel)));
  return lists;
}

}  // namespace

std::string DictionariesJson(const domain::Catalogue& catalogue, bool builtin) {
  const Json document = {{"catalogue", CatalogueHeader(builtin)},
                         {"measures", MeasuresJson(catalogue)},
                         {"lists", Lists()}};
  return document.dump();
}

Status AddDictionaryRoutes(http::Router& router, const AuthApi& auth,
                           const domain::Catalogue& catalogue, bool builtin) {
  // The same for everyone and fixed for the life of the process: rendered once.
  auto body = std::make_shared<const std::string>(DictionariesJson(catalogue, builtin));
  return router.Add("GET", "/api/v1/dictionaries",
                    auth.Protect([body](http::Request&, const app::Actor&) {
                      return Result<http::Response>(http::Response::Json(200, *body));
                    }));
}

}  // namespace kangfu::api
