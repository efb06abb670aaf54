#include "api/records_api.hpp"

#include <gtest/gtest.h>

#include "api/api_test_support.hpp"

namespace kangfu::api {
namespace {

using nlohmann::json;
using testing::ApiWorld;
using testing::ClientResponse;
using testing::IdNumber;
using testing::Session;
using testing::bhttp::verb;

class RecordsApiTest : public ApiWorld {
 protected:
  void SetUp() override {
    ApiWorld::SetUp();
    if (HasFatalFailure()) return;
    manager_ = LoginAs("cm_a", {app::Role::kCaseManager}, city_a_.id);
  }

  std::string PersonBody(int seq, const char* name, storage::RowId unit) const {
    return json{{"id_number", IdNumber(seq)},
                {"name", name},
                {"unit_id", unit},
                {"post", "科长"},
                {"party_member", true}}
        .dump();
  }

  std::string CaseBody(storage::RowId person, const char* number, const json& measures) const {
    return json{{"person_id", person},       {"organ_id", city_a_.id},
                {"decision_number", number}, {"decision_date", "2026-01-10"},
                {"discipline", "integrity"}, {"source", "petition"},
                {"measures", measures}}
        .dump();
  }

  // Records a case with one 党纪警告 on person A through the API; returns the response body.
  json WarnPersonA() {
    ClientResponse created =
        Send(verb::post, "/api/v1/cases",
             CaseBody(person_a_.id, "甲纪发〔2026〕1号",
                      json::array({{{"kind", "party.warning"}, {"effective", "2026-01-10"}}})),
             &manager_);
    EXPECT_EQ(created.result_int(), 201) << created.body();
    return Body(created);
  }

  Session manager_;
};

TEST_F(RecordsApiTest, OrganisationsAreTheJurisdictionTree) {
  ClientResponse tree = Send(verb::get, "/api/v1/organisations", "", &manager_);
  ASSERT_EQ(tree.result_int(), 200) << tree.body();
  const json items = Body(tree)["items"];
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0]["name"], "甲市");
  EXPECT_EQ(items[0]["level"], "city");
  ASSERT_EQ(items[0]["children"].size(), 1U);
  EXPECT_EQ(items[0]["children"][0]["name"], "甲市财政局");
  EXPECT_EQ(items[0]["children"][0]["children"], json::array());
}

TEST_F(RecordsApiTest, CatalogueIsForEveryAuthenticatedAccount) {
  ClientResponse catalogue = Send(verb::get, "/api/v1/catalogue", "", &manager_);
  ASSERT_EQ(catalogue.result_int(), 200) << catalogue.body();
  const json body = Body(catalogue);
  EXPECT_EQ(body["measures"][0]["code"], "first.reminder_talk");
  EXPECT_EQ(body["measures"][0]["name"], "谈话提醒");
  EXPECT_EQ(body["measures"][0]["form"], 1);
  EXPECT_EQ(body["actions"].size(), domain::kActionCount);
  // Code lists are not case data: the administrators read them too (the security
  // administrator's re-use policy editor names the measures).
  const Session auditor = LoginAs("auditor", {app::Role::kAuditor}, 0);
  ClientResponse administrator = Send(verb::get, "/api/v1/catalogue", "", &auditor);
  EXPECT_EQ(administrator.result_int(), 200) << administrator.body();
  EXPECT_EQ(Body(administrator), body);
  ClientResponse anonymous = Send(verb::get, "/api/v1/catalogue", "", nullptr);
  EXPECT_EQ(anonymous.result_int(), 401);
  EXPECT_EQ(Code(anonymous), "session.invalid");
}

TEST_F(RecordsApiTest, PersonIsCreatedReadAndEdited) {
  ClientResponse created =
      Send(verb::post, "/api/v1/persons", PersonBody(10, "赵六", unit_a1_.id), &manager_);
  ASSERT_EQ(created.result_int(), 201) << created.body();
  const json person = Body(created);
  const std::string location = "/api/v1/persons/" + std::to_string(person["id"].get<int64_t>());
  EXPECT_EQ(created[testing::bhttp::field::location], location);
  EXPECT_EQ(person["name"], "赵六");
  EXPECT_EQ(person["id_number"], IdNumber(10));
  EXPECT_EQ(person["version"], 1);
  EXPECT_EQ(AuditCount("person.create"), 1);

  ClientResponse file = Send(verb::get, location, "", &manager_);
  ASSERT_EQ(file.result_int(), 200) << file.body();
  EXPECT_EQ(Body(file)["person"], person);
  EXPECT_EQ(Body(file)["unit"], json({{"id", unit_a1_.id}, {"name", "甲市财政局"}}));
  EXPECT_EQ(Body(file)["cases"], json::array());
  EXPECT_EQ(AuditCount("person.read"), 1);

  json edit = json::parse(PersonBody(10, "赵六", unit_a1_.id));
  edit["version"] = 1;
  edit["post"] = "副处长";
  ClientResponse updated = Send(verb::put, location, edit.dump(), &manager_);
  ASSERT_EQ(updated.result_int(), 200) << updated.body();
  EXPECT_EQ(Body(updated)["post"], "副处长");
  EXPECT_EQ(Body(updated)["version"], 2);

  ClientResponse stale = Send(verb::put, location, edit.dump(), &manager_);
  EXPECT_EQ(stale.result_int(), 409);
  EXPECT_EQ(Code(stale), "record.stale");
  EXPECT_EQ(Fields(stale), std::vector<std::string>{"version"});
  EXPECT_EQ(Body(stale)["detail"], "该人员信息已被他人修改，请刷新后在最新内容上重新编辑");
  EXPECT_EQ(AuditCount("person.update"), 1);
}

TEST_F(RecordsApiTest, PersonInputErrorsAreProblems) {
  std::string bad_checksum = IdNumber(11);
  bad_checksum.back() = bad_checksum.back() == '1' ? '2' : '1';
  const std::string person_b = "/api/v1/persons/" + std::to_string(person_b_.id);
  struct Row {
    const char* name;
    verb method;
    std::string target;
    std::string body;
    std::string content_type;
    int status;
    const char* code;
    std::vector<std::string> fields;
  };
  const std::vector<Row> rows = {
      {"checksum",
       verb::post,
       "/api/v1/persons",
       json{{"id_number", bad_checksum}, {"name", "钱七"}, {"unit_id", unit_a1_.id}}.dump(),
       "application/json",
       400,
       "id_number.checksum",
       {"id_number"}},
      {"unit outside",
       verb::post,
       "/api/v1/persons",
       PersonBody(11, "钱七", unit_b1_.id),
       "application/json",
       404,
       "organisation.not_found",
       {"unit_id"}},
      {"number taken",
       verb::post,
       "/api/v1/persons",
       PersonBody(1, "张三", unit_a1_.id),
       "application/json",
       409,
       "person.id_number_taken",
       {"id_number"}},
      {"missing name",
       verb::post,
       "/api/v1/persons",
       json{{"id_number", IdNumber(11)}, {"unit_id", unit_a1_.id}}.dump(),
       "application/json",
       400,
       "json.missing",
       {"name"}},
      {"malformed",
       verb::post,
       "/api/v1/persons",
       "{\"name\":",
       "application/json",
       400,
       "json.malformed",
       {}},
      {"not json",
       verb::post,
       "/api/v1/persons",
       "name=x",
       "application/x-www-form-urlencoded",
       415,
       "http.unsupported_media_type",
       {}},
      {"file outside", verb::get, person_b, "", "", 404, "person.not_found", {"id"}},
      {"unknown person", verb::get, "/api/v1/persons/999", "", "", 404, "person.not_found", {"id"}},
      {"bad id", verb::get, "/api/v1/persons/abc", "", "", 400, "param.id", {"id"}},
      {"edit outside",
       verb::put,
       person_b,
       json{{"version", 1}, {"id_number", IdNumber(2)}, {"name", "李四"}, {"unit_id", unit_a1_.id}}
           .dump(),
       "application/json",
       404,
       "person.not_found",
       {"id"}},
      {"edit without version",
       verb::put,
       "/api/v1/persons/" + std::to_string(person_a_.id),
       PersonBody(1, "张三", unit_a1_.id),
       "application/json",
       400,
       "json.missing",
       {"version"}},
  };
  for (const Row& row : rows) {
    ClientResponse response =
        Send(row.method, row.target, row.body, &manager_, true, row.content_type);
    EXPECT_EQ(response.result_int(), row.status) << row.name << " " << response.body();
    EXPECT_EQ(Code(response), row.code) << row.name;
    EXPECT_EQ(Fields(response), row.fields) << row.name;
    EXPECT_TRUE(std::string(response[testing::bhttp::field::content_type])
                    .starts_with("application/problem+json"))
        << row.name;
    EXPECT_FALSE(Body(response).value("title", "").empty()) << row.name;
  }
  EXPECT_EQ(AuditCount("person.create"), 0);
  EXPECT_EQ(AuditCount("person.update"), 0);
}

TEST_F(RecordsApiTest, PersonListIsPagedFilteredAndAudited) {
  ASSERT_EQ(Send(verb::post, "/api/v1/persons", PersonBody(12, "王五", unit_a1_.id), &manager_)
                .result_int(),
            201);
  struct Row {
    std::string query;
    int status;
    std::vector<std::string> names;
    int64_t total;
    const char* code;
  };
  const std::vector<Row> rows = {
      {"", 200, {"张三", "王五"}, 2, ""},
      {"?sort=id&page_size=1&page=2", 200, {"王五"}, 2, ""},
      {"?name=%E7%8E%8B", 200, {"王五"}, 1, ""},  // 王
      {"?unit_id=" + std::to_string(unit_a1_.id) + "&party_member=true&sort=id",
       200,
       {"张三", "王五"},
       2,
       ""},
      {"?party_member=false", 200, {}, 0, ""},
      {"?page=0", 400, {}, 0, "page.number"},
      {"?page_size=101", 400, {}, 0, "page.size"},
      {"?page=x", 400, {}, 0, "param.integer"},
      {"?leading_cadre=yes", 400, {}, 0, "param.boolean"},
      {"?sort=age", 400, {}, 0, "param.sort"},
      {"?unit_id=" + std::to_string(unit_b1_.id), 404, {}, 0, "organisation.not_found"},
  };
  int64_t served = 0;
  for (const Row& row : rows) {
    ClientResponse response = Send(verb::get, "/api/v1/persons" + row.query, "", &manager_);
    ASSERT_EQ(response.result_int(), row.status) << row.query << " " << response.body();
    if (row.status != 200) {
      EXPECT_EQ(Code(response), row.code) << row.query;
      continue;
    }
    ++served;
    const json body = Body(response);
    std::vector<std::string> names;
    for (const json& person : body["items"]) names.push_back(person["name"]);
    EXPECT_EQ(names, row.names) << row.query;
    EXPECT_EQ(body["total"], row.total) << row.query;
  }
  EXPECT_EQ(AuditCount("person.list"), served);
}

TEST_F(RecordsApiTest, CaseLifecycleOverHttp) {
  const json recorded = WarnPersonA();
  const int64_t case_id = recorded["id"];
  EXPECT_EQ(recorded["form"], 2);
  EXPECT_EQ(recorded["discipline_label"], "廉洁纪律");
  ASSERT_EQ(recorded["measures"].size(), 1U);
  EXPECT_EQ(AuditCount("case.create"), 1);

  const std::string case_url = "/api/v1/cases/" + std::to_string(case_id);
  // Recording a case creates its aftercare in the same transaction: the execution checklist
  // and the subject's visit plan (谁处理、谁负责: the deciding organ).
  ClientResponse execution = Send(verb::get, case_url + "/execution", "", &manager_);
  ASSERT_EQ(execution.result_int(), 200) << execution.body();
  EXPECT_FALSE(Body(execution)["items"].empty()) << execution.body();
  ClientResponse plan = Send(
      verb::get, "/api/v1/persons/" + std::to_string(person_a_.id) + "/visit-plan", "", &manager_);
  ASSERT_EQ(plan.result_int(), 200) << plan.body();
  ASSERT_EQ(Body(plan)["plans"].size(), 1U) << plan.body();
  EXPECT_EQ(Body(plan)["plans"][0]["organ_id"], city_a_.id);

  ClientResponse read = Send(verb::get, case_url, "", &manager_);
  ASSERT_EQ(read.result_int(), 200) << read.body();
  EXPECT_EQ(Body(read), recorded);
  EXPECT_EQ(AuditCount("case.read"), 1);

  // A second measure: 撤销党内职务 makes it a third-form case.
  ClientResponse added = Send(
      verb::post, case_url + "/measures",
      json{{"case_version", 1}, {"kind", "party.removal_from_post"}, {"effective", "2026-01-10"}}
          .dump(),
      &manager_);
  ASSERT_EQ(added.result_int(), 201) << added.body();
  EXPECT_EQ(added[testing::bhttp::field::location], case_url);
  EXPECT_EQ(Body(added)["form"], 3);
  EXPECT_EQ(Body(added)["measures"].size(), 2U);
  ClientResponse stale_add =
      Send(verb::post, case_url + "/measures",
           json{{"case_version", 1}, {"kind", "party.warning"}, {"effective", "2026-01-10"}}.dump(),
           &manager_);
  EXPECT_EQ(stale_add.result_int(), 409);
  EXPECT_EQ(Code(stale_add), "record.stale");

  const json removal = Body(added)["measures"][1];
  const std::string revoke_url =
      "/api/v1/measures/" + std::to_string(removal["id"].get<int64_t>()) + "/revoke";
  ClientResponse revoked = Send(verb::post, revoke_url, json{{"version", 1}}.dump(), &manager_);
  ASSERT_EQ(revoked.result_int(), 200) << revoked.body();
  EXPECT_EQ(Body(revoked)["revoked"], true);
  EXPECT_EQ(Body(revoked)["version"], 2);
  ClientResponse again = Send(verb::post, revoke_url, json{{"version", 2}}.dump(), &manager_);
  EXPECT_EQ(again.result_int(), 422);
  EXPECT_EQ(Code(again), "measure.already_revoked");
  EXPECT_EQ(Body(Send(verb::get, case_url, "", &manager_))["form"], 2);

  ClientResponse unknown_kind =
      Send(verb::post, "/api/v1/cases",
           CaseBody(person_a_.id, "甲纪发〔2026〕2号",
                    json::array({{{"kind", "party.reprimand"}, {"effective", "2026-01-10"}}})),
           &manager_);
  EXPECT_EQ(unknown_kind.result_int(), 400);
  EXPECT_EQ(Code(unknown_kind), "measure.unknown_kind");
  EXPECT_EQ(Fields(unknown_kind), std::vector<std::string>{"measures[0].kind"});
  ClientResponse outside =
      Send(verb::post, "/api/v1/cases",
           CaseBody(person_b_.id, "甲纪发〔2026〕3号",
                    json::array({{{"kind", "party.warning"}, {"effective", "2026-01-10"}}})),
           &manager_);
  EXPECT_EQ(outside.result_int(), 404);
  EXPECT_EQ(Code(outside), "person.not_found");
  EXPECT_EQ(Send(verb::get, "/api/v1/cases/999", "", &manager_).result_int(), 404);
  EXPECT_EQ(Code(Send(verb::get, "/api/v1/cases/0", "", &manager_)), "param.id");

  ClientResponse file =
      Send(verb::get, "/api/v1/persons/" + std::to_string(person_a_.id), "", &manager_);
  ASSERT_EQ(file.result_int(), 200);
  ASSERT_EQ(Body(file)["cases"].size(), 1U);
  EXPECT_EQ(Body(file)["cases"][0]["measures"].size(), 2U);
}

TEST_F(RecordsApiTest, ProbationOutcomeIsRecorded) {
  ClientResponse created = Send(
      verb::post, "/api/v1/cases",
      CaseBody(
          person_a_.id, "甲纪发〔2025〕9号",
          json::array(
              {{{"kind", "party.probation"}, {"effective", "2025-01-10"}, {"term_months", 12}}})),
      &manager_);
  ASSERT_EQ(created.result_int(), 201) << created.body();
  const int64_t measure_id = Body(created)["measures"][0]["id"];
  const std::string url = "/api/v1/measures/" + std::to_string(measure_id) + "/outcome";
  ClientResponse early =
      Send(verb::post, url,
           json{{"version", 1}, {"kind", "restored"}, {"date", "2025-06-01"}}.dump(), &manager_);
  EXPECT_EQ(early.result_int(), 400) << early.body();
  EXPECT_EQ(Fields(early), std::vector<std::string>{"outcome.date"});
  ClientResponse restored =
      Send(verb::post, url,
           json{{"version", 1}, {"kind", "restored"}, {"date", "2026-01-10"}}.dump(), &manager_);
  ASSERT_EQ(restored.result_int(), 200) << restored.body();
  EXPECT_EQ(Body(restored)["outcome"], json({{"kind", "restored"}, {"date", "2026-01-10"}}));
  EXPECT_EQ(Body(restored)["version"], 2);
  ClientResponse bad_kind =
      Send(verb::post, url,
           json{{"version", 2}, {"kind", "pardoned"}, {"date", "2026-01-10"}}.dump(), &manager_);
  EXPECT_EQ(bad_kind.result_int(), 400);
  EXPECT_EQ(Fields(bad_kind), std::vector<std::string>{"kind"});
}

TEST_F(RecordsApiTest, PreviewShowsWhatACaseWouldImpose) {
  ClientResponse preview = Send(
      verb::post, "/api/v1/cases:preview",
      json{{"person_id", person_a_.id},
           {"measures", json::array({{{"kind", "party.warning"}, {"effective", "2026-01-10"}}})}}
          .dump(),
      &manager_);
  ASSERT_EQ(preview.result_int(), 200) << preview.body();
  const json body = Body(preview);
  EXPECT_EQ(body["form"], 2);
  ASSERT_EQ(body["restrictions"].size(), 1U);
  EXPECT_EQ(body["restrictions"][0]["action"], "promote");
  EXPECT_EQ(body["restrictions"][0]["from"], "2026-01-10");
  EXPECT_EQ(body["restrictions"][0]["to"], "2027-01-09");
  EXPECT_EQ(AuditCount("person.preview"), 1);
  EXPECT_EQ(AuditCount("case.create"), 0);
  ClientResponse empty = Send(verb::post, "/api/v1/cases:preview",
                              json{{"measures", json::array()}}.dump(), &manager_);
  EXPECT_EQ(empty.result_int(), 400);
  EXPECT_EQ(Code(empty), "case.measures_empty");
}

TEST_F(RecordsApiTest, StatusAnswersWithFactsForCaseReadersOnly) {
  WarnPersonA();
  const std::string url = "/api/v1/persons/" + std::to_string(person_a_.id) + "/status";
  ClientResponse status =
      Send(verb::get, url + "?as_of=2026-06-01&action=promote&action=salary_step", "", &manager_);
  ASSERT_EQ(status.result_int(), 200) << status.body();
  json body = Body(status);
  EXPECT_EQ(body["as_of"], "2026-06-01");
  EXPECT_EQ(body["facts_included"], true);
  ASSERT_EQ(body["answers"].size(), 2U);
  EXPECT_EQ(body["answers"][0]["verdict"], "blocked");
  EXPECT_EQ(body["answers"][0]["allowed_from"], "2027-01-10");
  EXPECT_EQ(body["answers"][0]["restrictions"][0]["decision_number"], "甲纪发〔2026〕1号");
  EXPECT_EQ(body["answers"][1]["verdict"], "allowed");

  // Without as_of: today in Beijing (2026-11-27).
  ClientResponse today = Send(verb::get, url + "?action=promote", "", &manager_);
  ASSERT_EQ(today.result_int(), 200) << today.body();
  EXPECT_EQ(Body(today)["as_of"], "2026-11-27");

  const Session org = LoginAs("org_a", {app::Role::kOrgDepartment}, city_a_.id);
  ClientResponse answer = Send(verb::get, url + "?as_of=2026-06-01&action=promote", "", &org);
  ASSERT_EQ(answer.result_int(), 200) << answer.body();
  EXPECT_EQ(Body(answer)["facts_included"], false);
  EXPECT_FALSE(Body(answer)["answers"][0].contains("restrictions"));
  EXPECT_EQ(Body(answer)["answers"][0]["summary"],
            "提拔职务、晋升职级或进一步使用：受处分影响期限制，自2027-01-10起方可");

  struct Row {
    std::string target;
    int status;
    const char* code;
    const char* field;
  };
  const std::vector<Row> rows = {
      {url + "?as_of=2026-02-30&action=promote", 400, "date.invalid", "as_of"},
      {url + "?as_of=2026-06-01", 400, "json.missing", "action"},
      {url + "?action=promote,fly", 400, "action.unknown", "action"},
      {"/api/v1/persons/" + std::to_string(person_b_.id) + "/status?action=promote", 404,
       "person.not_found", "id"},
      {"/api/v1/persons/x/status?action=promote", 400, "param.id", "id"},
  };
  for (const Row& row : rows) {
    ClientResponse response = Send(verb::get, row.target, "", &manager_);
    EXPECT_EQ(response.result_int(), row.status) << row.target << " " << response.body();
    EXPECT_EQ(Code(response), row.code) << row.target;
    EXPECT_EQ(Fields(response), std::vector<std::string>{row.field}) << row.target;
  }
}

TEST_F(RecordsApiTest, BatchStatusCarriesPerPersonErrors) {
  WarnPersonA();
  ClientResponse batch = Send(verb::post, "/api/v1/persons/status:batch",
                              json{{"as_of", "2026-06-01"},
                                   {"actions", {"promote"}},
                                   {"id_numbers", {IdNumber(1), IdNumber(2), IdNumber(99)}}}
                                  .dump(),
                              &manager_);
  ASSERT_EQ(batch.result_int(), 200) << batch.body();
  const json results = Body(batch)["results"];
  ASSERT_EQ(results.size(), 3U);
  EXPECT_EQ(results[0]["status"]["answers"][0]["verdict"], "blocked");
  EXPECT_EQ(results[1]["error"]["code"], "person.not_found");
  EXPECT_EQ(results[1]["error"]["field"], "id_numbers[1]");
  EXPECT_EQ(results[2]["error"]["code"], "person.not_found");
  EXPECT_EQ(AuditCount("person.status"), 1);
  ClientResponse empty = Send(
      verb::post, "/api/v1/persons/status:batch",
      json{{"as_of", "2026-06-01"}, {"actions", {"promote"}}, {"id_numbers", json::array()}}.dump(),
      &manager_);
  EXPECT_EQ(empty.result_int(), 400);
  EXPECT_EQ(Code(empty), "status.batch_size");
}

TEST_F(RecordsApiTest, HoldsOpenAndClose) {
  const std::string holds = "/api/v1/persons/" + std::to_string(person_a_.id) + "/holds";
  ClientResponse opened = Send(
      verb::post, holds, json{{"kind", "case_review"}, {"from", "2026-03-01"}}.dump(), &manager_);
  ASSERT_EQ(opened.result_int(), 201) << opened.body();
  EXPECT_EQ(opened[testing::bhttp::field::location],
            "/api/v1/persons/" + std::to_string(person_a_.id));
  const json hold = Body(opened);
  EXPECT_EQ(hold["kind"], "case_review");
  EXPECT_EQ(hold["to"], nullptr);
  const std::string close = holds + "/" + std::to_string(hold["id"].get<int64_t>()) + "/close";
  ClientResponse early =
      Send(verb::post, close, json{{"version", 1}, {"to", "2026-02-01"}}.dump(), &manager_);
  EXPECT_EQ(early.result_int(), 400) << early.body();
  EXPECT_EQ(Code(early), "hold.ends_before_start");
  ClientResponse closed =
      Send(verb::post, close, json{{"version", 1}, {"to", "2026-05-01"}}.dump(), &manager_);
  ASSERT_EQ(closed.result_int(), 200) << closed.body();
  EXPECT_EQ(Body(closed)["to"], "2026-05-01");
  ClientResponse twice =
      Send(verb::post, close, json{{"version", 2}, {"to", "2026-05-01"}}.dump(), &manager_);
  EXPECT_EQ(twice.result_int(), 422);
  EXPECT_EQ(Code(twice), "hold.already_closed");
  ClientResponse bad_kind =
      Send(verb::post, holds, json{{"kind", "rumour"}, {"from", "2026-03-01"}}.dump(), &manager_);
  EXPECT_EQ(bad_kind.result_int(), 400);
  EXPECT_EQ(Code(bad_kind), "hold.unknown_kind");
  ClientResponse outside =
      Send(verb::post, "/api/v1/persons/" + std::to_string(person_b_.id) + "/holds",
           json{{"kind", "case_review"}, {"from", "2026-03-01"}}.dump(), &manager_);
  EXPECT_EQ(outside.result_int(), 404);
  EXPECT_EQ(Code(outside), "person.not_found");
  EXPECT_EQ(AuditCount("hold.open"), 1);
  EXPECT_EQ(AuditCount("hold.close"), 1);
}

}  // namespace
}  // namespace kangfu::api
