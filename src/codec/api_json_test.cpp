#include "codec/api_json.hpp"

#include <gtest/gtest.h>

#include "codec/catalogue_json.hpp"

namespace kangfu::codec {
namespace {

using domain::Date;

Date D(const char* text) { return Date::Parse(text).value(); }

TEST(ApiJsonTest, ParsesACaseWithMeasures) {
  auto input = ParseCaseInput(R"({
    "person_id": 3, "organ_id": 1, "decision_number": "省纪发〔2026〕7号",
    "decision_date": "2026-01-10", "discipline": "integrity", "source": "petition",
    "measures": [
      {"kind": "party.probation", "effective": "2025-01-10", "term_months": 12,
       "outcome": {"kind": "restored", "date": "2026-01-10"}},
      {"kind": "org.suspension", "effective": "2026-01-10", "ended": "2026-03-01",
       "period_months": null}
    ]})");
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  EXPECT_EQ(input->person_id, 3);
  EXPECT_EQ(input->organ_id, 1);
  EXPECT_EQ(input->decision_number, "省纪发〔2026〕7号");
  EXPECT_EQ(input->decision_date, D("2026-01-10"));
  EXPECT_EQ(input->discipline, storage::Discipline::kIntegrity);
  EXPECT_EQ(input->source, storage::CaseSource::kPetition);
  ASSERT_EQ(input->measures.size(), 2U);
  EXPECT_EQ(input->measures[0].kind, "party.probation");
  EXPECT_EQ(input->measures[0].term_months, 12);
  ASSERT_TRUE(input->measures[0].outcome.has_value());
  EXPECT_EQ(input->measures[0].outcome->kind, domain::ProbationOutcomeKind::kRestored);
  EXPECT_EQ(input->measures[0].outcome->date, D("2026-01-10"));
  EXPECT_EQ(input->measures[1].ended, D("2026-03-01"));
  EXPECT_EQ(input->measures[1].period_months, std::nullopt);
}

TEST(ApiJsonTest, CaseErrorsNameTheField) {
  struct Row {
    const char* body;
    const char* field;
    const char* reason;
  };
  const std::vector<Row> rows = {
      {"[]", "", "json.type"},
      {"{", "", "json.malformed"},
      {R"({"organ_id": 1})", "person_id", "json.missing"},
      {R"({"person_id": "3"})", "person_id", "json.type"},
      {R"({"person_id": 0})", "person_id", "json.type"},
      {R"({"person_id": 3, "organ_id": 1, "decision_number": "X", "decision_date": "2026-02-30"})",
       "decision_date", "date.invalid"},
      {R"({"person_id": 3, "organ_id": 1, "decision_number": "X", "decision_date": "2026-01-10",
           "discipline": "moral"})",
       "discipline", "case.discipline"},
      {R"({"person_id": 3, "organ_id": 1, "decision_number": "X", "decision_date": "2026-01-10",
           "discipline": "life", "source": "rumour"})",
       "source", "case.source"},
      {R"({"person_id": 3, "organ_id": 1, "decision_number": "X", "decision_date": "2026-01-10",
           "discipline": "life", "source": "audit"})",
       "measures", "json.missing"},
      {R"({"person_id": 3, "organ_id": 1, "decision_number": "X", "decision_date": "2026-01-10",
           "discipline": "life", "source": "audit", "measures": [{"kind": "party.warning",
           "effective": "2026-01-10"}, {"kind": "party.probation", "effective": "2026-01-10",
           "term_months": "12"}]})",
       "measures[1].term_months", "json.type"},
      {R"({"person_id": 3, "organ_id": 1, "decision_number": "X", "decision_date": "2026-01-10",
           "discipline": "life", "source": "audit", "measures": [{"kind": "party.probation",
           "effective": "2026-01-10", "outcome": {"kind": "pardoned", "date": "2026-02-01"}}]})",
       "measures[0].outcome.kind", "probation.outcome_kind"},
  };
  for (const Row& row : rows) {
    auto input = ParseCaseInput(row.body);
    ASSERT_FALSE(input.ok()) << row.body;
    EXPECT_EQ(input.status().code(), ErrorCode::kInvalidArgument) << row.body;
    EXPECT_EQ(input.status().field(), row.field) << row.body;
    EXPECT_EQ(input.status().reason(), row.reason) << row.body;
    EXPECT_FALSE(input.status().message().empty());
  }
}

TEST(ApiJsonTest, ParsesSmallRequests) {
  auto batch = ParseBatchStatusRequest(
      R"({"as_of": "2026-06-01", "actions": ["promote", "readmit"], "id_numbers": ["A", "B"]})");
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ(batch->as_of, D("2026-06-01"));
  EXPECT_EQ(batch->actions,
            (std::vector<domain::Action>{domain::Action::kPromote, domain::Action::kReadmit}));
  EXPECT_EQ(batch->id_numbers, (std::vector<std::string>{"A", "B"}));
  auto bad_action = ParseBatchStatusRequest(
      R"({"as_of": "2026-06-01", "actions": ["promote", "fly"], "id_numbers": []})");
  EXPECT_EQ(bad_action.status().field(), "actions[1]");
  EXPECT_EQ(bad_action.status().reason(), "action.unknown");

  auto add = ParseAddMeasureRequest(
      R"({"case_version": 2, "kind": "party.warning", "effective": "2026-02-01"})");
  ASSERT_TRUE(add.ok()) << add.status().ToString();
  EXPECT_EQ(add->case_version, 2);
  EXPECT_EQ(add->measure.kind, "party.warning");
  EXPECT_EQ(ParseAddMeasureRequest(R"({"kind": "party.warning"})").status().field(),
            "case_version");

  auto outcome = ParseOutcomeRequest(R"({"version": 1, "kind": "expelled", "date": "2026-05-01"})");
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->outcome.kind, domain::ProbationOutcomeKind::kExpelled);
  EXPECT_EQ(*ParseVersionRequest(R"({"version": 7})"), 7);
  EXPECT_EQ(ParseVersionRequest(R"({"version": -1})").status().reason(), "json.type");

  auto open = ParseOpenHoldRequest(R"({"kind": "case_review", "from": "2026-03-01"})");
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->kind, storage::HoldKind::kCaseReview);
  EXPECT_EQ(ParseOpenHoldRequest(R"({"kind": "rumour", "from": "2026-03-01"})").status().reason(),
            "hold.unknown_kind");
  auto close = ParseCloseHoldRequest(R"({"version": 1, "to": "2026-04-01"})");
  ASSERT_TRUE(close.ok());
  EXPECT_EQ(close->to, D("2026-04-01"));

  auto actions = ParseActionList("promote,,salary_step", "action");
  ASSERT_TRUE(actions.ok());
  EXPECT_EQ(actions->size(), 2U);
  EXPECT_EQ(ParseActionList("", "action").status().reason(), "json.missing");
  EXPECT_EQ(ParseActionList("promote,x", "action").status().reason(), "action.unknown");
}

TEST(ApiJsonTest, PersonListParameters) {
  auto query = ParsePersonListParams({{"page", "3"},
                                      {"page_size", "50"},
                                      {"name", "王"},
                                      {"unit_id", "7"},
                                      {"party_member", "true"},
                                      {"leading_cadre", "false"},
                                      {"sort", "id"},
                                      {"other", "ignored"}});
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(query->page, 3);
  EXPECT_EQ(query->page_size, 50);
  EXPECT_EQ(query->name_contains, "王");
  EXPECT_EQ(query->unit_id, 7);
  EXPECT_EQ(query->party_member, true);
  EXPECT_EQ(query->leading_cadre, false);
  EXPECT_EQ(query->sort, storage::PersonSort::kId);
  struct Row {
    const char* name;
    const char* value;
    const char* reason;
  };
  for (const Row& row : std::vector<Row>{{"page", "x", "param.integer"},
                                         {"page", "", "param.integer"},
                                         {"page_size", "10abc", "param.integer"},
                                         {"party_member", "yes", "param.boolean"},
                                         {"sort", "age", "param.sort"}}) {
    auto bad = ParsePersonListParams({{row.name, row.value}});
    EXPECT_EQ(bad.status().reason(), row.reason) << row.name << "=" << row.value;
    EXPECT_EQ(bad.status().field(), row.name);
  }
}

app::PersonStatus SampleStatus(bool facts) {
  app::PersonStatus status;
  status.person_id = 4;
  status.name = "张三";
  status.id_number = "110101198001010011";
  status.as_of = D("2026-06-01");
  status.facts_included = facts;
  app::ActionStatus answer;
  answer.action = domain::Action::kPromote;
  answer.verdict = domain::VerdictKind::kBlocked;
  answer.allowed_from = D("2027-01-10");
  answer.summary = "摘要";
  if (facts) {
    answer.restrictions.push_back(
        {9, "party.warning", "警告（党纪）", 5, "X-1", D("2026-01-10"), D("2027-01-09"), "条例"});
    answer.holds.push_back({2, 0, "case_review", "立案审查调查中", D("2026-03-01"), std::nullopt});
  }
  status.actions.push_back(answer);
  return status;
}

TEST(ApiJsonTest, StatusShowsFactsOnlyWhenIncluded) {
  EXPECT_EQ(
      PersonStatusJson(SampleStatus(true)),
      R"({"person":{"id":4,"name":"张三","id_number":"110101198001010011"},"as_of":"2026-06-01",)"
      R"("facts_included":true,"answers":[{"action":"promote","action_label":"提拔职务、晋升职级或进一步使用",)"
      R"("verdict":"blocked","verdict_label":"影响期未满","allowed_from":"2027-01-10","summary":"摘要",)"
      R"("restrictions":[{"measure_id":9,"measure_kind":"party.warning","measure_name":"警告（党纪）",)"
      R"("case_id":5,"decision_number":"X-1","from":"2026-01-10","to":"2027-01-09","basis":"条例"}],)"
      R"("holds":[{"hold_id":2,"measure_id":null,"kind":"case_review","label":"立案审查调查中",)"
      R"("from":"2026-03-01","to":null}]}]})");
  const std::string without = PersonStatusJson(SampleStatus(false));
  EXPECT_EQ(without.find("restrictions"), std::string::npos);
  EXPECT_EQ(without.find("holds"), std::string::npos);
  EXPECT_NE(without.find(R"("facts_included":false)"), std::string::npos);
}

TEST(ApiJsonTest, BatchCarriesPerPersonErrors) {
  std::vector<app::BatchItem> items;
  items.push_back({"A", SampleStatus(false)});
  items.push_back({"B", Status::NotFound("person.not_found", "未找到该人员", "id_numbers[1]")});
  const OrderedJson json = OrderedJson::parse(BatchJson(items));
  ASSERT_EQ(json["results"].size(), 2U);
  EXPECT_EQ(json["results"][0]["status"]["person"]["id"], 4);
  EXPECT_EQ(json["results"][1].dump(),
            R"({"id_number":"B","error":{"code":"person.not_found","field":"id_numbers[1]",)"
            R"("detail":"未找到该人员"}})");
}

TEST(ApiJsonTest, OrganisationTreeNests) {
  std::vector<storage::Organisation> orgs = {
      {.id = 1,
       .parent_id = 0,
       .name = "省",
       .level = storage::OrgLevel::kProvince,
       .path = "/1/",
       .version = 1},
      {.id = 2,
       .parent_id = 1,
       .name = "甲市",
       .level = storage::OrgLevel::kCity,
       .path = "/1/2/",
       .version = 1},
      {.id = 4,
       .parent_id = 2,
       .name = "局",
       .level = storage::OrgLevel::kUnit,
       .path = "/1/2/4/",
       .version = 1},
      {.id = 3,
       .parent_id = 1,
       .name = "乙市",
       .level = storage::OrgLevel::kCity,
       .path = "/1/3/",
       .version = 2},
  };
  EXPECT_EQ(OrganisationTreeToJson(orgs).dump(),
            R"([{"id":1,"parent_id":null,"name":"省","level":"province","version":1,"children":[)"
            R"({"id":2,"parent_id":1,"name":"甲市","level":"city","version":1,"children":[)"
            R"({"id":4,"parent_id":2,"name":"局","level":"unit","version":1,"children":[]}]},)"
            R"({"id":3,"parent_id":1,"name":"乙市","level":"city","version":2,"children":[]}]}])");
  // A jurisdiction below the root: its top node's parent is not in the list.
  std::vector<storage::Organisation> sub(orgs.begin() + 1, orgs.begin() + 3);
  const OrderedJson tree = OrganisationTreeToJson(sub);
  ASSERT_EQ(tree.size(), 1U);
  EXPECT_EQ(tree[0]["parent_id"], 1);
  EXPECT_EQ(tree[0]["children"][0]["id"], 4);
}

TEST(ApiJsonTest, CaseAndListDocuments) {
  app::RecordedCase recorded;
  recorded.record = {.id = 5,
                     .person_id = 3,
                     .organ_id = 1,
                     .unit_id = 4,
                     .decision_number = "X-1",
                     .decision_date = D("2026-01-10"),
                     .discipline = storage::Discipline::kIntegrity,
                     .source = storage::CaseSource::kPetition,
                     .form = 3,
                     .version = 1};
  storage::Measure m;
  m.id = 9;
  m.case_id = 5;
  m.kind = "party.probation";
  m.effective = D("2025-01-10");
  m.term_months = 12;
  m.outcome = storage::OutcomeKind::kRestored;
  m.outcome_date = D("2026-01-10");
  m.version = 2;
  recorded.measures.push_back(m);
  EXPECT_EQ(
      RecordedCaseToJson(recorded).dump(),
      R"({"id":5,"person_id":3,"organ_id":1,"unit_id":4,"decision_number":"X-1",)"
      R"("decision_date":"2026-01-10","discipline":"integrity","discipline_label":"廉洁纪律",)"
      R"("source":"petition","source_label":"信访举报","form":3,"version":1,"measures":[)"
      R"({"id":9,"case_id":5,"kind":"party.probation","effective":"2025-01-10","term_months":12,)"
      R"("extended_on":null,"outcome":{"kind":"restored","date":"2026-01-10"},"ended":null,)"
      R"("period_months":null,"revoked":false,"version":2}]})");

  app::PersonList list;
  list.total = 41;
  list.page = 3;
  list.page_size = 20;
  list.items.push_back({.id = 3,
                        .id_number = "N",
                        .name = "张三",
                        .unit_id = 4,
                        .post = "科长",
                        .post_level = "",
                        .party_member = true,
                        .civil_servant = false,
                        .leading_cadre = false,
                        .version = 1});
  EXPECT_EQ(PersonListToJson(list).dump(),
            R"({"items":[{"id":3,"id_number":"N","name":"张三","unit_id":4,"post":"科长",)"
            R"("post_level":"","party_member":true,"civil_servant":false,"leading_cadre":false,)"
            R"("version":1}],"total":41,"page":3,"page_size":20})");

  app::CasePreview preview;
  preview.form = 2;
  preview.restrictions.push_back({0, domain::Action::kPromote, D("2026-06-01"), std::nullopt, "B"});
  EXPECT_EQ(CasePreviewToJson(preview).dump(),
            R"({"form":2,"restrictions":[{"measure_index":0,"action":"promote",)"
            R"("from":"2026-06-01","to":null,"basis":"B"}]})");
}

TEST(ApiJsonTest, PersonInputDefaultsAndErrors) {
  auto person = ParsePersonInput(
      R"({"id_number": "110101198001010013", "name": "赵六", "unit_id": 4, "post": "科长",
          "party_member": true})");
  ASSERT_TRUE(person.ok()) << person.status().ToString();
  EXPECT_EQ(person->id_number, "110101198001010013");
  EXPECT_EQ(person->name, "赵六");
  EXPECT_EQ(person->unit_id, 4);
  EXPECT_EQ(person->post, "科长");
  EXPECT_EQ(person->post_level, "");
  EXPECT_TRUE(person->party_member);
  EXPECT_FALSE(person->civil_servant);
  EXPECT_FALSE(person->leading_cadre);

  auto update = ParsePersonUpdateRequest(
      R"({"version": 3, "id_number": "X", "name": "赵六", "unit_id": 4, "leading_cadre": true})");
  ASSERT_TRUE(update.ok()) << update.status().ToString();
  EXPECT_EQ(update->version, 3);
  EXPECT_TRUE(update->person.leading_cadre);

  struct Row {
    const char* body;
    bool update;
    const char* field;
    const char* reason;
  };
  const std::vector<Row> rows = {
      {"[]", false, "", "json.type"},
      {R"({"name": "赵六", "unit_id": 4})", false, "id_number", "json.missing"},
      {R"({"id_number": "1", "unit_id": 4})", false, "name", "json.missing"},
      {R"({"id_number": "1", "name": "", "unit_id": 4})", false, "name", "json.empty"},
      {R"({"id_number": "1", "name": "a", "unit_id": "4"})", false, "unit_id", "json.type"},
      {R"({"id_number": "1", "name": "a", "unit_id": 4, "party_member": "yes"})", false,
       "party_member", "json.type"},
      {R"({"id_number": "1", "name": "a", "unit_id": 4, "post": 7})", false, "post", "json.type"},
      {R"({"id_number": "1", "name": "a", "unit_id": 4})", true, "version", "json.missing"},
  };
  for (const Row& row : rows) {
    Status status = row.update ? ParsePersonUpdateRequest(row.body).status()
                               : ParsePersonInput(row.body).status();
    EXPECT_EQ(status.field(), row.field) << row.body;
    EXPECT_EQ(status.reason(), row.reason) << row.body;
  }
}

TEST(ApiJsonTest, PreviewNeedsOnlyMeasures) {
  auto alone = ParseCasePreviewInput(
      R"({"measures": [{"kind": "party.warning", "effective": "2026-02-01"}]})");
  ASSERT_TRUE(alone.ok()) << alone.status().ToString();
  EXPECT_EQ(alone->person_id, 0);
  EXPECT_EQ(alone->decision_date, D("2026-02-01"));
  ASSERT_EQ(alone->measures.size(), 1U);
  auto stacked = ParseCasePreviewInput(
      R"({"person_id": 5, "decision_date": "2026-03-01", "discipline": "work",
          "measures": [{"kind": "party.warning", "effective": "2026-02-01"}]})");
  ASSERT_TRUE(stacked.ok()) << stacked.status().ToString();
  EXPECT_EQ(stacked->person_id, 5);
  EXPECT_EQ(stacked->decision_date, D("2026-03-01"));
  EXPECT_EQ(stacked->discipline, storage::Discipline::kWork);
  EXPECT_EQ(ParseCasePreviewInput(R"({"person_id": 0, "measures": []})").status().field(),
            "person_id");
  EXPECT_EQ(ParseCasePreviewInput(R"({"person_id": 5})").status().reason(), "json.missing");
  EXPECT_EQ(ParseCasePreviewInput(R"({"measures": [{"kind": "x"}]})").status().field(),
            "measures[0].effective");
}

TEST(ApiJsonTest, StatusParams) {
  auto params = ParseStatusParams({{"as_of", "2026-06-01"}, {"action", "promote,salary_step"}});
  ASSERT_TRUE(params.ok()) << params.status().ToString();
  EXPECT_EQ(params->as_of, D("2026-06-01"));
  EXPECT_EQ(params->actions,
            (std::vector<domain::Action>{domain::Action::kPromote, domain::Action::kSalaryStep}));
  auto today = ParseStatusParams({{"action", "readmit"}});
  ASSERT_TRUE(today.ok());
  EXPECT_EQ(today->as_of, std::nullopt);
  struct Row {
    std::map<std::string, std::string> params;
    const char* field;
    const char* reason;
  };
  const std::vector<Row> rows = {
      {{{"as_of", "2026-02-30"}, {"action", "promote"}}, "as_of", "date.invalid"},
      {{{"as_of", "tomorrow"}, {"action", "promote"}}, "as_of", "date.malformed"},
      {{{"as_of", "2026-02-01"}}, "action", "json.missing"},
      {{{"action", "promote,fly"}}, "action", "action.unknown"},
  };
  for (const Row& row : rows) {
    Status status = ParseStatusParams(row.params).status();
    EXPECT_EQ(status.field(), row.field) << row.reason;
    EXPECT_EQ(status.reason(), row.reason);
  }
}

TEST(ApiJsonTest, CatalogueSummaryListsEveryMeasureAndCode) {
  OrderedJson json = CatalogueSummaryToJson(BuiltinCatalogue());
  ASSERT_EQ(json["measures"].size(), BuiltinCatalogue().size());
  bool probation_seen = false;
  for (const auto& measure : json["measures"]) {
    if (measure["code"] == "party.probation") {
      probation_seen = true;
      EXPECT_EQ(measure["name"], "留党察看");
      EXPECT_EQ(measure["form"], 3);
      EXPECT_EQ(measure["probation_terms"], OrderedJson({12, 24}));
    }
  }
  EXPECT_TRUE(probation_seen);
  EXPECT_EQ(json["actions"].size(), domain::kActionCount);
  EXPECT_EQ(json["actions"][0]["code"], "promote");
  EXPECT_EQ(json["disciplines"].size(), 6U);
  EXPECT_EQ(json["disciplines"][2]["label"], "廉洁纪律");
  EXPECT_EQ(json["sources"].size(), 6U);
  EXPECT_EQ(json["hold_kinds"][1]["code"], "case_review");
}

}  // namespace
}  // namespace kangfu::codec
