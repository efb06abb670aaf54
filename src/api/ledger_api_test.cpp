// Ledger import and export over loopback, against the production router (api_test_support.hpp).

#include "api/ledger_api.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "api/api_test_support.hpp"
#include "codec/catalogue_json.hpp"
#include "office/table_reader.hpp"

namespace kangfu::api {
namespace {

using testing::ApiWorld;
using testing::ClientResponse;
using testing::IdNumber;
using testing::Session;
using testing::bhttp::verb;

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kCsvType = "text/csv; charset=utf-8";

std::string Ledger(const std::string& unit) {
  return "身份证号,姓名,所在单位,是否党员,决定机关,决定文号,决定日期,违纪类别,处分处理措施,"
         "生效日期\n" +
         IdNumber(3) + ",王五," + unit +
         ",是,省纪委监委,省纪发〔2025〕7号,2025-06-01,工作纪律,诫勉,2025-06-01\n";
}

std::vector<std::vector<std::string>> Sheet(const std::string& bytes,
                                            const std::string& name = "") {
  office::ReadOptions options;
  options.sheet_name = name;
  auto rows = office::ReadTable(bytes, options);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<std::vector<std::string>> out;
  if (rows.ok()) {
    for (const office::Row& row : *rows) out.push_back(row.cells);
  }
  return out;
}

class LedgerApiTest : public ApiWorld {
 protected:
  void SetUp() override {
    ApiWorld::SetUp();
    if (HasFatalFailure()) return;
    manager_ = LoginAs("anguan", {app::Role::kCaseManager}, province_.id);
  }

  ClientResponse Post(const std::string& target, const std::string& body,
                      const std::string& type = kCsvType) {
    return Send(verb::post, target, body, &manager_, true, type);
  }

  Session manager_;
};

TEST_F(LedgerApiTest, ImportsAFileAndAnswersWithTheCounts) {
  ClientResponse response = Post("/api/v1/imports", Ledger("甲市财政局"));
  ASSERT_EQ(response.result_int(), 200) << response.body();
  const auto body = Body(response);
  EXPECT_EQ(body["imported"], true);
  EXPECT_EQ(body["dry_run"], false);
  EXPECT_EQ(body["counts"], (testing::json{{"rows", 1},
                                           {"persons_added", 1},
                                           {"persons_unchanged", 0},
                                           {"cases_added", 1},
                                           {"cases_unchanged", 0},
                                           {"measures_added", 1},
                                           {"measures_unchanged", 0}}));
  EXPECT_EQ(body["file_hash"].get<std::string>().size(), 64U);
  EXPECT_TRUE(backend_->store().FindPersonByIdNumber(IdNumber(3)).ok());
  EXPECT_EQ(AuditCount("ledger.import"), 1);

  ClientResponse again = Post("/api/v1/imports", Ledger("甲市财政局"));
  ASSERT_EQ(again.result_int(), 200) << again.body();
  EXPECT_EQ(Body(again)["counts"]["measures_unchanged"], 1);
  EXPECT_EQ(Body(again)["counts"]["measures_added"], 0);
}

TEST_F(LedgerApiTest, ADryRunWritesNothing) {
  ClientResponse response = Post("/api/v1/imports?dry_run=true", Ledger("甲市财政局"));
  ASSERT_EQ(response.result_int(), 200) << response.body();
  EXPECT_EQ(Body(response)["imported"], false);
  EXPECT_EQ(Body(response)["counts"]["persons_added"], 1);
  EXPECT_FALSE(backend_->store().FindPersonByIdNumber(IdNumber(3)).ok());
  EXPECT_EQ(AuditCount("ledger.check"), 1);
}

TEST_F(LedgerApiTest, RowErrorsAreAProblemWithEveryCell) {
  ClientResponse response = Post("/api/v1/imports", Ledger("丙市财政局"));
  ASSERT_EQ(response.result_int(), 400) << response.body();
  EXPECT_EQ(std::string(response[testing::bhttp::field::content_type]),
            "application/problem+json; charset=utf-8");
  EXPECT_EQ(Code(response), "ledger.invalid_rows");
  const auto body = Body(response);
  EXPECT_EQ(body["detail"], "台账中有1处错误，未导入任何数据；请按错误报告逐项改正后重新导入");
  EXPECT_EQ(body["error_total"], 1);
  EXPECT_EQ(body["errors"],
            (testing::json::array({testing::json{
                {"field", "C2"},
                {"row", 2},
                {"column", "C"},
                {"header", "所在单位"},
                {"code", "ledger.org_not_found"},
                {"message", "没有名为“丙市财政局”的所在单位，请按“单位”表填写全称"}}})));
  EXPECT_FALSE(backend_->store().FindPersonByIdNumber(IdNumber(3)).ok());

  ClientResponse report = Post("/api/v1/imports/error-report", Ledger("丙市财政局"));
  ASSERT_EQ(report.result_int(), 200);
  EXPECT_EQ(std::string(report[testing::bhttp::field::content_type]), kXlsxType);
  EXPECT_EQ(Sheet(report.body()), (std::vector<std::vector<std::string>>{
                                      {"行号", "列", "列名", "错误代码", "错误说明"},
                                      {"2", "C", "所在单位", "ledger.org_not_found",
                                       "没有名为“丙市财政局”的所在单位，请按“单位”表填写全称"}}));
}

TEST_F(LedgerApiTest, BadRequestsAreRefused) {
  struct Case {
    std::string target;
    std::string body;
    std::string type;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"/api/v1/imports", Ledger("甲市财政局"), "application/json", 415,
       "http.unsupported_media_type"},
      {"/api/v1/imports?dry_run=yes", Ledger("甲市财政局"), kCsvType, 400, "import.dry_run"},
      {"/api/v1/imports", "身份证号,姓名,所在单位\n", kCsvType, 400, "ledger.no_rows"},
      {"/api/v1/imports", "PK\x03\x04garbage", kXlsxType, 400, "xlsx.not_zip"},
      {"/api/v1/imports/error-report", Ledger("甲市财政局"), "text/plain", 415,
       "http.unsupported_media_type"},
  };
  for (const Case& c : cases) {
    ClientResponse response = Post(c.target, c.body, c.type);
    EXPECT_EQ(response.result_int(), c.status) << c.target << " " << response.body();
    EXPECT_EQ(Code(response), c.code) << c.target;
  }
  // No session: 401; no CSRF token on a POST: 403.
  EXPECT_EQ(Send(verb::get, "/api/v1/exports/cases.xlsx", "", nullptr).result_int(), 401);
  ClientResponse no_csrf =
      Send(verb::post, "/api/v1/imports", Ledger("甲市财政局"), &manager_, false, kCsvType);
  EXPECT_EQ(no_csrf.result_int(), 403);
  EXPECT_EQ(Code(no_csrf), "auth.csrf");
}

TEST_F(LedgerApiTest, TheTemplateAndAnExportReimport) {
  ClientResponse template_response =
      Send(verb::get, "/api/v1/imports/template.xlsx", "", &manager_);
  ASSERT_EQ(template_response.result_int(), 200);
  EXPECT_EQ(std::string(template_response[testing::bhttp::field::content_disposition]),
            "attachment; filename=\"ledger-template.xlsx\"");
  const auto headers = Sheet(template_response.body());
  ASSERT_EQ(headers.size(), 1U);
  EXPECT_EQ(headers[0].size(), app::kLedgerColumnCount);
  EXPECT_EQ(headers[0][0], "身份证号");

  ASSERT_EQ(Post("/api/v1/imports", Ledger("甲市财政局")).result_int(), 200);
  ClientResponse cases = Send(verb::get, "/api/v1/exports/cases.xlsx", "", &manager_);
  ASSERT_EQ(cases.result_int(), 200);
  EXPECT_EQ(std::string(cases[testing::bhttp::field::content_type]), kXlsxType);
  const auto rows = Sheet(cases.body());
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1][0], IdNumber(3));
  EXPECT_EQ(rows[1][15], "诫勉");
  ClientResponse back = Post("/api/v1/imports", cases.body(), kXlsxType);
  ASSERT_EQ(back.result_int(), 200) << back.body();
  EXPECT_EQ(Body(back)["counts"]["measures_unchanged"], 1);

  ClientResponse persons = Send(verb::get, "/api/v1/exports/persons.xlsx", "", &manager_);
  ASSERT_EQ(persons.result_int(), 200);
  EXPECT_EQ(Sheet(persons.body()).size(), 4U);  // header, 张三, 李四, 王五
  EXPECT_EQ(AuditCount("ledger.export_cases"), 1);
  EXPECT_EQ(AuditCount("ledger.export_persons"), 1);
}

// Every route of the module × every role × inside/outside the jurisdiction. Accounts are scoped
// to 甲市; "inside" imports a row for 甲市财政局 and exports 甲市's persons, "outside" imports a
// row for 乙市交通局 (a row error) and never sees 李四 in an export.
TEST_F(LedgerApiTest, AuthorisationMatrixCoversEveryRoute) {
  const std::vector<app::Role> roles = {
      app::Role::kCaseManager,   app::Role::kVisitor,       app::Role::kOrgDepartment,
      app::Role::kUnitCommittee, app::Role::kMentor,        app::Role::kLeader,
      app::Role::kSysAdmin,      app::Role::kSecurityAdmin, app::Role::kAuditor};
  struct Entry {
    std::string method;
    std::string pattern;
    std::set<app::Role> allowed;
  };
  const std::set<app::Role> writers = {app::Role::kCaseManager};
  const std::set<app::Role> readers = {app::Role::kCaseManager, app::Role::kUnitCommittee,
                                       app::Role::kLeader};
  const std::vector<Entry> matrix = {
      {"GET", "/api/v1/imports/template.xlsx", writers},
      {"POST", "/api/v1/imports", writers},
      {"POST", "/api/v1/imports/error-report", writers},
      {"GET", "/api/v1/exports/persons.xlsx", readers},
      {"GET", "/api/v1/exports/cases.xlsx", readers},
  };
  http::Router scratch;
  LedgerApi module(*backend_, AuthApi(*backend_, {}), codec::BuiltinCatalogue(), {});
  ASSERT_TRUE(module.AddRoutes(scratch).ok());
  std::set<std::pair<std::string, std::string>> covered;
  for (const Entry& e : matrix) covered.insert({e.method, e.pattern});
  for (const http::RouteInfo& route : scratch.Routes()) {
    EXPECT_TRUE(covered.contains({route.method, route.pattern}))
        << route.method << " " << route.pattern << " has no matrix entry";
  }
  EXPECT_EQ(covered.size(), scratch.Routes().size());

  int n = 0;
  for (const app::Role role : roles) {
    const std::string who(app::RoleCode(role));
    Session session = LoginAs("u" + std::to_string(++n), {role}, city_a_.id);
    for (const Entry& e : matrix) {
      const bool allowed = e.allowed.contains(role);
      const bool post = e.method == "POST";
      // Inside: a row for a unit of 甲市 (dry run, so that every role sees the same database).
      ClientResponse inside =
          Send(post ? verb::post : verb::get, post ? e.pattern + "?dry_run=true" : e.pattern,
               post ? Ledger("甲市财政局") : "", &session, true, kCsvType);
      if (!allowed) {
        EXPECT_EQ(inside.result_int(), 403) << e.pattern << " as " << who << inside.body();
        EXPECT_EQ(Code(inside), "auth.forbidden") << e.pattern << " as " << who;
        continue;
      }
      ASSERT_EQ(inside.result_int(), 200) << e.pattern << " as " << who << inside.body();
      if (e.pattern == "/api/v1/imports") {
        ClientResponse outside =
            Send(verb::post, e.pattern, Ledger("乙市交通局"), &session, true, kCsvType);
        ASSERT_EQ(outside.result_int(), 400) << who << outside.body();
        EXPECT_EQ(Body(outside)["errors"][0]["code"], "ledger.org_outside") << who;
      } else if (e.pattern == "/api/v1/imports/error-report") {
        ClientResponse outside =
            Send(verb::post, e.pattern, Ledger("乙市交通局"), &session, true, kCsvType);
        ASSERT_EQ(outside.result_int(), 200);
        EXPECT_EQ(Sheet(outside.body())[1][3], "ledger.org_outside") << who;
      } else if (e.pattern == "/api/v1/exports/persons.xlsx") {
        const auto rows = Sheet(inside.body());
        ASSERT_EQ(rows.size(), 2U) << who;  // header and 张三; 李四 (乙市) is outside
        EXPECT_EQ(rows[1][1], "张三");
      }
    }
  }
}

}  // namespace
}  // namespace kangfu::api
